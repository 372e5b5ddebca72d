"""`exportcheck import-template`: an empty sheet for a record list, to fill in and name in the profile."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from checker.cli.options import EXIT_PASSED
from checker.cli.say import say
from checker.errors import UsageError

RECORDS = ("items", "parties", "licences", "exports", "technology_transfers")


def add(commands: Any) -> None:
    template = commands.add_parser(
        "import-template",
        help="write an empty sheet of items, parties, licences, exports or technology transfers",
        description="Write an empty CSV or xlsx sheet whose first row names the columns of a record list; an "
        "xlsx workbook has a second sheet that explains each column. Fill it in and name it in the profile "
        "(exports: {from: exports.xlsx, sheet: exports}) or give it to check --sheet. See docs/sheets.md.",
    )
    template.add_argument("records", choices=RECORDS, help="the record list the sheet holds")
    template.add_argument("--format", choices=("xlsx", "csv"), default="xlsx", help="the file's format (default xlsx)")
    template.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="language of the column names and explanations (default en)"
    )
    template.add_argument(
        "-o", "--output", metavar="FILE", help="the file to write (default RECORDS.FORMAT); never overwritten"
    )
    template.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checker.profile.sheet_template import csv_template, xlsx_template
    from checker.write import check_writable, write_outputs

    target = args.output or f"{args.records}.{args.format}"
    if Path(target).exists():
        raise UsageError(f"{target}: already exists; a template is never written over a file")
    path = check_writable(target, [])
    content = xlsx_template(args.records, args.lang) if args.format == "xlsx" else csv_template(args.records, args.lang)
    write_outputs([(path, content)])
    say("wrote", args.lang, path=target)
    return EXIT_PASSED
