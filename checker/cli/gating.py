"""The options of `exportcheck check` that decide what a run holds against the profile, and what fails it.

    --fail-on SEVERITY      lowest severity whose failures fail the gate (default high; none: never)
    --min-score N           the gate fails when a profile's overall score is below N, or it has none
    --soft-fail             report the verdict, but exit 0 unless the input is broken
    --waivers FILE          accepted failures (default: exportcheck-waivers.yaml beside the profile)
    --strict-waivers        a waiver that matches nothing is an input error, not a warning
    --attestations FILE     answers to the checklist (default: exportcheck-attestations.yaml beside the profile)
    --baseline FILE         an earlier JSON output: only failures new since then fail the gate
    --select WORDS, --skip WORDS   the rules to evaluate, by id, id prefix or element

The files are read here, through `checker.waivers` and `checker.baseline`, and every problem of theirs joins
the profile's in one input error; what they mean for the results is the pipeline's business.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import InputError
from checker.gate import FAIL_ON_CHOICES

if TYPE_CHECKING:  # the readers themselves are imported only when their options are given
    from checker.attestations import AttestationFile
    from checker.baseline import Baseline
    from checker.selection import Selection
    from checker.waivers import WaiverFile


@dataclass(frozen=True)
class Adjusting:
    """What the command line adds to an assessment: waiver files, a baseline, a selection of rules, answers."""

    waivers: tuple[WaiverFile, ...]
    baseline: Baseline | None
    selection: Selection | None
    attestations: tuple[AttestationFile, ...] = ()


def add_gate_options(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--fail-on",
        choices=FAIL_ON_CHOICES,
        default="high",
        help="lowest severity whose failures fail the gate (default high; none: never)",
    )
    check.add_argument(
        "--min-score",
        type=_score,
        metavar="N",
        help="also fail the gate when a profile's overall score is below N (0-100); a profile with no score fails it",
    )
    check.add_argument(
        "--soft-fail",
        action="store_true",
        help="report a failed gate but exit 0; input and usage errors still exit 2",
    )
    check.add_argument(
        "--waivers",
        metavar="FILE",
        help="accepted failures, each with a justification, approver and expiry date (default: "
        "exportcheck-waivers.yaml beside a profile file or inside a profile directory; see docs/gate.md)",
    )
    check.add_argument(
        "--strict-waivers", action="store_true", help="a waiver that matches no result is an input error"
    )
    check.add_argument(
        "--attestations",
        metavar="FILE",
        help="answers to the checklist's questions, each with who answered, when and the evidence (default: "
        "exportcheck-attestations.yaml beside a profile file or inside a profile directory; see docs/attestations.md)",
    )
    check.add_argument(
        "--baseline",
        metavar="FILE",
        help="an earlier JSON output of exportcheck: mark failures new or unchanged, list the fixed ones, and "
        "fail the gate on new failures only",
    )
    for flag, verb in (("--select", "evaluate only"), ("--skip", "do not evaluate")):
        check.add_argument(
            flag,
            action="append",
            default=[],
            metavar="WORDS",
            help=f"{verb} the rules named by id, id prefix (LIC, ACME) or element (records); repeatable or "
            "comma-separated; not a substitute for waivers",
        )


def adjusting(
    args: argparse.Namespace, ruleset: Any, errors: list[InputError], own: dict[int, list[InputError]] | None = None
) -> Adjusting:
    """Read the waiver files and the baseline; their input errors are added to `errors`, or, given `own`, those
    of a company's own file (beside its profile) to `own` under the company's position: in a portfolio, a
    company whose own file is broken is reported as broken, and the others are assessed."""
    # Each reader is imported only when there is something for it to read: a plain run loads none of them.
    from checker.validate import default_waiver_file

    selection = None
    if args.select or args.skip:
        from checker.selection import select

        selection = select(ruleset, args.select, args.skip)
    wanted = (
        [(args.waivers, None)]
        if args.waivers
        else [(found, index) for index, path in enumerate(args.paths) if (found := default_waiver_file(path))]
    )
    waivers = []
    if wanted:
        from checker.waivers import load_waivers

        for path, profile in wanted:
            try:
                waivers.append(load_waivers(path, ruleset, profile))
            except InputError as error:
                _file_error(error, profile, errors, own)
    attestations = attestation_files(args, ruleset, errors, own)
    baseline = None
    if args.baseline:
        from checker.baseline import load_baseline

        try:
            baseline = load_baseline(args.baseline)
        except InputError as error:
            errors.append(error)
    return Adjusting(tuple(waivers), baseline, selection, attestations)


def attestation_files(
    args: argparse.Namespace, ruleset: Any, errors: list[InputError], own: dict[int, list[InputError]] | None = None
) -> tuple[AttestationFile, ...]:
    """The attestation files of the run: --attestations, else each profile's own; problems go to `errors`, or
    to `own` as `adjusting` says."""
    from checker.validate import ATTESTATIONS_FILE

    given = getattr(args, "attestations", None)
    if given:
        wanted: list[tuple[str, int | None]] = [(given, None)]
    else:
        wanted = []
        for index, path in enumerate(args.paths):
            folder = Path(path) if Path(path).is_dir() else Path(path).parent
            if (folder / ATTESTATIONS_FILE).is_file():
                wanted.append((str(folder / ATTESTATIONS_FILE), index))
    if not wanted:
        return ()
    from checker.attestations import load_attestations

    found = []
    for path, profile in wanted:
        try:
            found.append(load_attestations(path, ruleset, profile))
        except InputError as error:
            _file_error(error, profile, errors, own)
    return tuple(found)


def _file_error(
    error: InputError, profile: int | None, errors: list[InputError], own: dict[int, list[InputError]] | None
) -> None:
    if own is not None and profile is not None:
        own.setdefault(profile, []).append(error)
    else:
        errors.append(error)


def check_waivers(assessment: Any, strict: bool) -> None:
    """Say on standard error which waivers ran out and which matched nothing; with `strict`, refuse the stale."""
    outcome = assessment.waivers
    if outcome is None:
        return
    from checker.waivers import describe, stale_problems

    if strict and outcome.stale:
        raise InputError(stale_problems(outcome.stale))
    for waiver in outcome.expired:
        print(
            f"exportcheck: waiver of {describe(waiver)} ({waiver.adjustment.source}) expired on "
            f"{waiver.expires.isoformat()}; its failures count again",
            file=sys.stderr,
        )
    for waiver in outcome.stale:
        print(
            f"exportcheck: warning: waiver of {describe(waiver)} ({waiver.adjustment.source}) matches no result "
            "(stale); remove it, or use --strict-waivers to refuse it",
            file=sys.stderr,
        )


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not a score from 0 to 100")
    return value
