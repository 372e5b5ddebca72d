"""`exportcheck checklist PATH`: the questions the profile is asked, how each stands, and a file to answer them.

    exportcheck checklist company/                    what is asked, answered, stale or not asked, and why
    exportcheck checklist company/ --template         an attestations file to fill in, on standard output

The statuses are those `check` gives the same items (the same evaluation and the same attestation files).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any

from checker.cli.options import EXIT_PASSED, add_rule_packs, load_rules, parse_date


def add(commands: Any) -> None:
    checklist = commands.add_parser(
        "checklist",
        help="the checklist's questions for a profile, and an attestations file to answer them",
        description="List the questions no profile fact can answer (the checklist), as `check` asks them of "
        "this profile: to answer, answered yes or no, not applicable (and why), or answered too long ago. "
        "With --template, write an attestations file to fill in (docs/attestations.md).",
    )
    checklist.add_argument("path", metavar="PATH", help="a profile file or a directory of YAML files")
    checklist.add_argument(
        "--template",
        action="store_true",
        help="write an attestations file for the questions still to answer, each as a commented entry",
    )
    checklist.add_argument("--attestations", metavar="FILE", help="answers to read (default: beside the profile)")
    checklist.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="assessment date")
    checklist.add_argument("--lang", choices=("en", "zh"), default="en")
    add_rule_packs(checklist)
    checklist.set_defaults(run=run, paths=None)


def run(args: argparse.Namespace) -> int:
    from checker.apply import apply
    from checker.cli.gating import attestation_files
    from checker.errors import InputError
    from checker.evaluate.checklist import checklist_results
    from checker.evaluate.dates import assessment_date
    from checker.ruleset.checklist import checklist
    from checker.validate import load_profile

    ruleset = load_rules(args)
    args.paths = [args.path]
    errors: list[InputError] = []
    loaded = load_profile(args.path)
    files = attestation_files(args, ruleset, errors)
    if errors:
        raise InputError([problem for error in errors for problem in error.problems])
    day = assessment_date(loaded, ruleset, args.as_of, date.today())
    adjustments = [adjustment for file in files for adjustment in file.adjustments()]
    results, _ = apply(checklist_results(loaded, ruleset, day), adjustments, [day])
    items = {item.id: item for item in checklist(ruleset)}
    if args.template:
        sys.stdout.write(_template(results, items, ruleset, day, args.lang))
    else:
        sys.stdout.write(_table(results, items, ruleset, args.lang, [file.path for file in files]))
    return EXIT_PASSED


def _standing(result: Any) -> str:
    kinds = [applied.kind for applied in result.applied]
    if "answer_expired" in kinds:
        return "stale"
    if result.status.value == "manual":
        return "to_answer"
    if kinds:
        return {"pass": "yes", "fail": "no", "not_applicable": "answered_na"}[result.status.value]
    return "not_asked"


def _table(results: Sequence[Any], items: dict[str, Any], ruleset: Any, lang: Any, files: list[str]) -> str:
    from checker import i18n
    from checker.ruleset.sources import cite_place

    def t(key: str, **values: Any) -> str:
        return i18n.t("checklist_command", key, lang, **values)

    lines = [t("read", files=", ".join(files)) if files else t("none_read"), ""]
    counts: dict[str, int] = {}
    for result in results:
        item = items[result.rule_id]
        standing = _standing(result)
        counts[standing] = counts.get(standing, 0) + 1
        requirement = item.requirement
        place = cite_place(
            ruleset.sources[item.framework], requirement.article, requirement.paragraph, requirement.item, lang
        )
        lines.append(f"{_pad(t(standing).upper(), 14)}{item.id:<14}{place}")
        words = result.message_en if lang == "en" else result.message_zh
        # Chinese characters take two columns of a terminal: half as many fit on a line.
        lines += textwrap.wrap(words, 100 if lang == "en" else 64, initial_indent=" " * 28, subsequent_indent=" " * 28)
    lines += ["", " · ".join(f"{counts[key]} {t(key)}" for key in _ORDER if key in counts)]
    return "\n".join(lines) + "\n"


def _pad(text: str, width: int) -> str:
    cells = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(1, width - cells)


_ORDER = ("to_answer", "stale", "no", "yes", "answered_na", "not_asked")


def _template(results: Sequence[Any], items: dict[str, Any], ruleset: Any, day: date, lang: Any) -> str:
    from checker import i18n
    from checker.ruleset.sources import cite_place

    lines = [i18n.t("checklist_command", "template_head", lang), "max_age_days: 365", "attestations:"]
    open_items = [result for result in results if _standing(result) in ("to_answer", "stale")]
    for result in open_items:
        item = items[result.rule_id]
        requirement = item.requirement
        place = cite_place(
            ruleset.sources[item.framework], requirement.article, requirement.paragraph, requirement.item, lang
        )
        lines.append("")
        lines.append(f"  # {item.id} · {place} · {item.severity.value}")
        lines += textwrap.wrap(item.question[lang], 100, initial_indent="  # ", subsequent_indent="  # ")
        lines += [
            f"  # - item: {item.id}",
            "  #   answer: yes                 # yes, no or not_applicable (then a reason:)",
            "  #   evidence: []                # references a reviewer can open",
            '  #   answered_by: ""             # who answers',
            f"  #   answered_on: {day.isoformat()}",
        ]
    if not open_items:
        lines.append("  " + i18n.t("checklist_command", "template_nothing", lang))
    return "\n".join(lines) + "\n"
