"""`exportcheck check`: read and validate the profiles, assess them, write the reports, return the gate's code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from checker.cli.gating import add_gate_options, adjusting, check_waivers
from checker.cli.options import EXIT_FAILED, EXIT_PASSED, add_rule_packs, load_rules, parse_date
from checker.cli.outputs import Output, add_output_options, planned_outputs
from checker.cli.portfolio import add_portfolio_options, is_portfolio
from checker.cli.say import say, words
from checker.errors import InputError
from checker.languages import Lang

if TYPE_CHECKING:
    from checker.reference.datasets import Dataset

_Loaded = TypeVar("_Loaded")


def add(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="assess one or more profiles",
        description="Assess profiles (YAML files, or directories of them) and report "
        "the gaps. Exit 0 when the gate passes, 1 when it fails (0 with "
        "--soft-fail), 2 on input or usage errors. See docs/gate.md.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="a profile file or a directory of YAML files")
    add_output_options(check)
    check.add_argument(
        "--as-of",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="assessment date (default: the profile's assessment.as_of, else today)",
    )
    add_gate_options(check)
    check.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="language of the reports: text, PDF and HTML (default en)"
    )
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report (auto: on a terminal, unless NO_COLOR is set)",
    )
    check.add_argument(
        "--reference",
        type=Path,
        metavar="FILE",
        action="append",
        default=[],
        help="a reference dataset (a screening list as YAML, see docs/reference-data.md) for the "
        "assessment to consult (repeatable); it takes the place of the default copy of the same list",
    )
    check.add_argument(
        "--no-default-lists",
        dest="default_lists",
        action="store_false",
        help="consult only the --reference datasets, not the shipped or imported screening lists (docs/lists.md)",
    )
    check.add_argument(
        "--sheet",
        type=parse_sheet,
        metavar="RECORDS=FILE",
        action="append",
        default=[],
        help="read a record list (items, parties, licences, exports or technology_transfers) from a CSV or "
        "xlsx file, in place of the profile's; name a workbook's sheet after a colon: "
        "exports=ledger/exports-2026.xlsx:Exports (repeatable; docs/sheets.md)",
    )
    add_rule_packs(check)
    add_portfolio_options(check)
    check.set_defaults(run=run, plans_its_outputs=True)


SHEET_RECORDS = ("items", "parties", "licences", "exports", "technology_transfers")


def parse_sheet(text: str) -> tuple[str, str, str | None]:
    """`exports=ledger/exports.xlsx:Exports` → (records, file, sheet); a CSV file has no sheet."""
    records, equals, file = text.partition("=")
    if not equals or records not in SHEET_RECORDS or not file:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write RECORDS=FILE, where RECORDS is one of {', '.join(SHEET_RECORDS)}"
        )
    head, colon, sheet = file.partition(".xlsx:")
    if colon and sheet:
        return records, head + ".xlsx", sheet
    return records, file, None


def run(args: argparse.Namespace) -> int:
    if is_portfolio(args):  # several PATHs: each one company (docs/portfolio.md)
        from checker.cli.portfolio import run_portfolio

        return run_portfolio(args)
    from checker.report.registry import ReportOptions, reporter

    outputs = planned_outputs(args)
    to_terminal = any(output.target is None for output in outputs)
    options = ReportOptions(
        lang=args.lang,
        color=to_terminal and _use_color(args.color),
        width=_width(to_terminal),
        source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"),
    )
    reporters = [(output, reporter(output.format, options)) for output in outputs]
    try:
        for _, each in reporters:
            each.prepare()
        data = _assessment(args)
        return _report(data, reporters, args.quiet, args.lang)
    finally:
        for _, each in reporters:
            each.close()


def _assessment(args: argparse.Namespace) -> dict[str, Any]:
    from checker.pipeline import assess
    from checker.reference import ReferenceData
    from checker.report.contract import to_dict
    from checker.validate import load_profile

    ruleset = load_rules(args)
    errors: list[InputError] = []
    sheets = {records: (file, sheet) for records, file, sheet in args.sheet}
    profiles = _load_each(partial(load_profile, sheets=sheets), args.paths, errors)
    datasets = _load_each(_load_dataset, args.reference, errors)
    if args.default_lists and not errors:
        from checker.lists.defaults import default_lists

        datasets += default_lists(datasets, (loaded.data for loaded in profiles))
    adding = adjusting(args, ruleset, errors)
    if errors:
        raise InputError(
            [problem for error in errors for problem in error.problems], sum(error.omitted for error in errors)
        )
    assessment = assess(
        profiles,
        ruleset,
        as_of=args.as_of,
        today=date.today(),
        reference=ReferenceData(tuple(datasets)),
        adjustments=[adjustment for file in adding.attestations for adjustment in file.adjustments()],
        waivers=adding.waivers,
        baseline=adding.baseline,
        selection=adding.selection,
        fail_on=args.fail_on,
        min_score=args.min_score,
        soft_fail=args.soft_fail,
        all_results=args.all_results,
    )
    check_waivers(assessment, args.strict_waivers)
    return to_dict(assessment)


def _load_dataset(path: str | os.PathLike[str]) -> Dataset:
    # The dataset model is imported only by a run that is given datasets (see checker.reference).
    from checker.reference.datasets import load_dataset

    return load_dataset(path)


def _load_each(
    load: Callable[[str | os.PathLike[str]], _Loaded], paths: Iterable[str | os.PathLike[str]], errors: list[InputError]
) -> list[_Loaded]:
    """What `load` makes of each path; the errors of the paths it refused are added to `errors`."""
    loaded: list[_Loaded] = []
    for path in paths:
        try:
            loaded.append(load(path))
        except InputError as error:
            errors.append(error)
    return loaded


def _report(data: dict[str, Any], reporters: list[tuple[Output, Any]], quiet: bool = False, lang: Lang = "en") -> int:
    from checker.write import STDOUT, write_outputs

    # Reports are rendered as they are written: files to temporaries beside their targets, then standard
    # output and other streams, and only then are the files moved into place. A failure in any report
    # leaves none of the files behind, and the message says what was written all the same.
    _warn_rule_errors(data, lang)
    outputs = [(output.target or STDOUT, _encoded(each, data)) for output, each in reporters]
    written = write_outputs(outputs)
    gate = data["gate"]
    files = [path for path in written if path != STDOUT and not quiet]
    for position, path in enumerate(files):
        if position == 0 and len(files) == len(written):  # nothing on standard output: the summary goes here
            summary = data["summary"]
            verdict = "verdict_passed" if gate["passed"] else "verdict_soft" if gate["soft_fail"] else "verdict_failed"
            values = {"fail": summary["fail"], "passed": summary["pass"], "verdict": words(verdict, lang)}
            say("wrote_summary", lang, path=path, **values)
        else:
            say("wrote", lang, path=path)
    return EXIT_PASSED if gate["passed"] or gate["soft_fail"] else EXIT_FAILED


def _encoded(each: Any, data: dict[str, Any]) -> Iterator[bytes]:
    for piece in each.render(data):
        yield piece if isinstance(piece, bytes) else piece.encode("utf-8")


def _warn_rule_errors(data: dict[str, Any], lang: Lang) -> None:
    for result in data["results"]:
        if result["status"] == "error":
            path = (result["location"]["path"] if result["location"] else "") or words("the_profile", lang)
            message = result["message"] if lang == "en" else result["message_zh"]
            say("rule_error", lang, rule=result["rule_id"], path=path, message=message)


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _width(to_terminal: bool) -> int:
    if not to_terminal or not sys.stdout.isatty():
        return 100
    return max(60, min(120, os.get_terminal_size().columns))
