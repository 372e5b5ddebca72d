"""`exportcheck check a/ b.yaml c/ …`: each PATH one company, assessed on its own, across every core.

What the whole run shares (the rule set, --reference datasets, --waivers, --baseline, the selection) is read
first, and a problem there stops the run before any work, as with one PATH. Then the companies are assessed
(`checker.cli.batch`); a company whose files are broken is named, with its input problems, while the others
are assessed and written. The reports: the portfolio table (text), the portfolio document (JSON), the
portfolio page (HTML, PDF), the CSV, the CI formats over every company, and with --pdf-dir one gap report per
company. Exit 2 when any PATH was broken, else the gate over every company. See docs/portfolio.md.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from checker.cli.options import EXIT_FAILED, EXIT_INPUT_ERROR, EXIT_PASSED
from checker.cli.planning import refuse_in_portfolio
from checker.errors import InputError, UsageError


def add_portfolio_options(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--pdf-dir",
        metavar="DIR",
        help="write each company's gap report as a PDF into DIR (created if missing), named after the company "
        "and its USCC; see docs/portfolio.md",
    )
    check.add_argument(
        "--portfolio-csv",
        metavar="FILE",
        help="with several PATHs, also write the portfolio summary as CSV: one line per PATH",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        metavar="N",
        help="assess the companies in N processes (default: every core when several PATHs are given, else 1)",
    )
    check.add_argument(
        "--quiet", "-q", action="store_true", help="no progress bar and no 'wrote' lines on standard error"
    )


def is_portfolio(args: argparse.Namespace) -> bool:
    return len(args.paths) > 1 or bool(args.pdf_dir)


def run_portfolio(args: argparse.Namespace) -> int:
    from checker.cli.outputs import planned_outputs
    from checker.write import check_writable

    if args.sheet and len(args.paths) > 1:
        raise UsageError("--sheet replaces one company's records; give it with one PATH")
    refuse_in_portfolio(args)
    outputs = planned_outputs(args)
    csv_target = check_writable(args.portfolio_csv, args.paths) if args.portfolio_csv else None
    pdf_dir = _pdf_dir(args.pdf_dir) if args.pdf_dir else None
    shared, ruleset = _shared(args, outputs, pdf_dir is not None)
    jobs = args.jobs or (_cores() if len(args.paths) > 1 else 1)
    from checker.cli.batch import assess_all
    from checker.cli.progress import progress_bar

    with progress_bar(len(args.paths), args.quiet, "exportcheck") as advance:
        outcomes = assess_all(args.paths, shared, jobs, advance, ruleset)
    assessed = [outcome for outcome in outcomes if not outcome.broken]
    if not assessed:  # nothing to report on: as with one broken PATH, every problem and nothing written
        raise InputError([problem for outcome in outcomes for problem in outcome.problems])
    stale = _waiver_notes(args, outcomes)
    from checker.cli.portfolio_outputs import write_portfolio

    written_gate = write_portfolio(args, outputs, csv_target, pdf_dir, outcomes, stale)
    broken = [outcome for outcome in outcomes if outcome.broken]
    from checker import i18n

    for outcome in broken:
        for problem in outcome.problems:
            print(i18n.problem_text(problem, args.lang), file=sys.stderr)
        count = len(outcome.problems) + outcome.omitted
        said = i18n.t("portfolio", "not_assessed_one" if count == 1 else "not_assessed_many", args.lang, count=count)
        print(f"exportcheck: {outcome.source}: {said}", file=sys.stderr)
    if broken:
        return EXIT_INPUT_ERROR
    return EXIT_PASSED if written_gate else EXIT_FAILED


def _shared(args: argparse.Namespace, outputs: list[Any], with_pdfs: bool) -> tuple[Any, Any]:
    from checker.cli.batch import Shared
    from checker.cli.check import _load_dataset, _load_each
    from checker.cli.gating import adjusting
    from checker.cli.options import load_rules

    ruleset = load_rules(args)
    errors: list[InputError] = []
    datasets = _load_each(_load_dataset, args.reference, errors)
    own_errors: dict[int, list[InputError]] = {}
    adding = adjusting(args, ruleset, errors, own_errors)
    if errors:
        raise InputError(
            [problem for error in errors for problem in error.problems], sum(error.omitted for error in errors)
        )
    everyone, own = (adding.waivers, {}) if args.waivers else ((), _own_waivers(adding.waivers))
    shared = Shared(
        rule_packs=tuple(args.rules),
        sheets={records: (file, sheet) for records, file, sheet in args.sheet},
        datasets=tuple(datasets),
        default_lists=args.default_lists,
        adjustments=tuple(adjustment for file in adding.attestations for adjustment in file.adjustments()),
        waivers=tuple(everyone),
        own_waivers=own,
        baseline=adding.baseline,
        selection=adding.selection,
        as_of=args.as_of,
        today=date.today(),
        fail_on=args.fail_on,
        min_score=args.min_score,
        soft_fail=args.soft_fail,
        all_results=args.all_results,
        with_document=any(output.format not in ("text", "json", "html", "pdf") for output in outputs),
        with_json=any(output.format == "json" for output in outputs),
        pdf=(args.lang, os.environ.get("SOURCE_DATE_EPOCH")) if with_pdfs else None,
        unreadable={
            position: (
                tuple(problem for error in found for problem in error.problems),
                sum(error.omitted for error in found),
            )
            for position, found in own_errors.items()
        },
    )
    return shared, ruleset


def _own_waivers(files: tuple[Any, ...]) -> dict[int, Any]:
    """Each company's default waiver file, by position, its waivers made the company's own: assessed alone,
    the company is the only profile there is."""
    own = {}
    for file in files:
        positions = {waiver.adjustment.profile for waiver in file.waivers}
        for position in positions:
            own[position] = replace(
                file,
                waivers=tuple(
                    replace(waiver, adjustment=replace(waiver.adjustment, profile=None)) for waiver in file.waivers
                ),
            )
    return own


def _waiver_notes(args: argparse.Namespace, outcomes: list[Any]) -> list[Any]:
    """Expired waivers, and the stale: a waiver of --waivers is stale when it matched nothing in any company,
    one of a company's own file when it matched nothing there. Said once each; refused with --strict-waivers."""
    from checker.cli.gating import check_waivers

    assessed = [outcome for outcome in outcomes if not outcome.broken]
    place = _waiver_place
    expired = {place(waiver): waiver for outcome in assessed for waiver in outcome.expired}
    if args.waivers:
        counts: dict[Any, int] = {}
        for outcome in assessed:
            for waiver in {place(w): w for w in outcome.stale}.values():
                counts[place(waiver)] = counts.get(place(waiver), 0) + 1
        stale = {place(w): w for outcome in assessed for w in outcome.stale if counts[place(w)] == len(assessed)}
    else:
        stale = {place(waiver): waiver for outcome in assessed for waiver in outcome.stale}
    # Said as a run on one profile says them: check_waivers reads an assessment's `waivers` outcome.
    outcome = SimpleNamespace(stale=tuple(stale.values()), expired=tuple(expired.values()))
    check_waivers(SimpleNamespace(waivers=outcome), args.strict_waivers)
    return list(stale.values())


def _waiver_place(waiver: Any) -> tuple[str, int, int]:
    return (waiver.mark.file, waiver.mark.line, waiver.mark.column)


def _pdf_dir(given: str) -> Path:
    path = Path(given)
    if path.exists() and not path.is_dir():
        raise UsageError(f"--pdf-dir {given}: is not a directory")
    if not path.exists() and not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise UsageError(f"--pdf-dir {given}: directory {path.parent} does not exist")
    return path


def pdf_names(outcomes: list[Any]) -> dict[int, str]:
    """A file name per assessed company: its name and USCC, made safe for any file system, and unique."""
    names: dict[int, str] = {}
    taken: set[str] = set()
    for outcome in outcomes:
        if outcome.broken:
            continue
        company = outcome.row["company"]
        stem = "-".join(part for part in (_safe(company["name"]), _safe(outcome.uscc or "")) if part)
        stem = stem or f"company-{outcome.position + 1}"
        name, number = f"{stem}.pdf", 1
        while name.lower() in taken:
            number += 1
            name = f"{stem}-{number}.pdf"
        taken.add(name.lower())
        names[outcome.position] = name
    return names


def _safe(text: str) -> str:
    """Letters and digits (any script) kept, every run of anything else one hyphen, at most 80 characters."""
    return re.sub(r"[\W_]+", "-", text).strip("-")[:80].rstrip("-")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("give at least 1 process")
    return value


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
