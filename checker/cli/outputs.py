"""Which reports a run writes, and where: `--format NAME[:FILE]`, repeatable.

    --format text                      the terminal report on standard output (the default)
    --format json:out.json             JSON to a file
    --format text --format sarif:x     (any registered format) several outputs in one run
    --format json -o out.json          -o names the file of the one format that has none
    --pdf FILE, --html FILE            the same as --format pdf:FILE, --format html:FILE

At most one format goes to standard output, and a binary one (PDF) never to a terminal. Every target is
checked before any work is done: writable, not an input file, not named twice.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from checker.errors import UsageError
from checker.report.registry import FORMATS, reporter_class
from checker.write import check_writable


@dataclass(frozen=True)
class Output:
    format: str
    target: Path | None  # None: standard output


def add_output_options(parser: argparse.ArgumentParser) -> None:
    names = ", ".join(FORMATS)
    parser.add_argument(
        "--format",
        action="append",
        default=[],
        metavar="NAME[:FILE]",
        help=f"a report to write: {names}; to FILE, else to standard output (repeatable; default text)",
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="the file of the one --format given without one (default standard output)",
    )
    parser.add_argument(
        "--pdf", metavar="FILE", help="also write the gap report as a PDF (with several PATHs: the portfolio page)"
    )
    parser.add_argument(
        "--html",
        metavar="FILE",
        help="also write the gap report as self-contained HTML (with several PATHs: the portfolio page)",
    )
    parser.add_argument(
        "--all-results",
        action="store_true",
        help="list every pass and not-applicable result on records one by one (default: summed up per rule, "
        '"LIC-001: met by 9,998 records of exports"; failures are always listed one by one)',
    )


def planned_outputs(args: argparse.Namespace) -> list[Output]:
    """The outputs the arguments ask for, in the order given, each target checked."""
    specs = [_parse(spec) for spec in args.format] or [Output("text", None)]
    to_stdout = [output for output in specs if output.target is None]
    if args.output:
        if not args.format:
            to_stdout = specs  # `-o FILE` alone: the default text report goes to FILE
        if len(to_stdout) != 1:
            raise UsageError(
                f"-o names the file of one --format given without a file; {len(to_stdout)} are given without one"
            )
        specs = [Output(o.format, Path(args.output)) if o is to_stdout[0] else o for o in specs]
    specs += [Output(name, Path(target)) for name, target in (("pdf", args.pdf), ("html", args.html)) if target]
    _check(specs, args.paths)
    return [Output(o.format, check_writable(str(o.target), args.paths) if o.target else None) for o in specs]


def _parse(spec: str) -> Output:
    name, colon, target = spec.partition(":")
    if name not in FORMATS:
        raise UsageError(f"--format {spec}: no format {name!r}; choose from {', '.join(FORMATS)}")
    if colon and not target:
        raise UsageError(f"--format {spec}: give a file name after the colon, or leave the colon out")
    return Output(name, Path(target) if target else None)


def _check(outputs: list[Output], paths: list[str]) -> None:
    stdout = [output.format for output in outputs if output.target is None]
    if stdout and sys.stdout is None:  # started with `>&-`
        raise UsageError("standard output is closed; write the report to a file with --output")
    if len(stdout) > 1:
        raise UsageError(f"only one report can go to standard output; {', '.join(stdout)} have no file")
    seen: set[Path] = set()
    for output in outputs:
        if output.target is not None:
            if output.target.resolve() in seen:
                raise UsageError(f"{output.target} is named for two reports; each report needs a file of its own")
            seen.add(output.target.resolve())
    for output in outputs:
        cls = reporter_class(output.format)
        if cls.binary and output.target is None and sys.stdout.isatty():
            raise UsageError(f"the {output.format} report is binary; give it a file (--format {output.format}:FILE)")
