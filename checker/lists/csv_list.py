"""A MOFCOM list as CSV: one entry a row, under a header naming the columns of `COLUMNS`.

The columns are the fields of a dataset entry (docs/reference-data.md), the same as the shipped files':
`name` is required, `aliases` holds several names separated by `;`, dates are YYYY-MM-DD, `military` is
`true` or `false`. What the file does not say about itself (its date, version and source) comes from the
command line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checker.errors import InputError, InputProblem
from checker.lists.files import make_dataset
from checker.profile.vocabulary import ScreeningList
from checker.reference.datasets import Dataset, Entry

COLUMNS = (
    "name",
    "name_zh",
    "aliases",
    "reference",
    "announcement",
    "country",
    "kind",
    "military",
    "listed_on",
    "removed_on",
    "suspended_from",
    "suspended_to",
    "status_source",
)
_MAX_PROBLEMS = 20


def read_csv_list(path: Path, list_: ScreeningList, *, as_of: date, version: str, source: str) -> Dataset:
    name = str(path)
    problems: list[InputProblem] = []
    entries: list[Entry] = []
    for line, row in _rows(path, name):
        try:
            entries.append(Entry.model_validate(_entry_data(row)))
        except ValidationError as error:
            for detail in error.errors():
                where = ".".join(str(part) for part in detail["loc"])
                problems.append(InputProblem(name, line, None, f"{where}: {detail['msg']}"))
    if problems:
        raise InputError(problems[:_MAX_PROBLEMS], max(0, len(problems) - _MAX_PROBLEMS))
    if not entries:
        raise InputError([InputProblem(name, None, None, "the file holds no entries")])
    return make_dataset(
        name,
        format=1,
        name=list_.value.replace("_", "-"),
        kind="party_list",
        list=list_,
        version=version,
        as_of=as_of,
        source=source,
        entries=entries,
    )


def _rows(path: Path, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError([InputProblem(name, None, None, f"not UTF-8 text ({error.reason})")]) from None
    reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
    try:
        header = reader.fieldnames or []
        unknown = [column for column in header if column not in COLUMNS]
        if "name" not in header or unknown:
            said = f"unknown columns {', '.join(unknown)}; " if unknown else "no `name` column; "
            raise InputError([InputProblem(name, 1, 1, said + "the columns are " + ", ".join(COLUMNS))])
        for row in reader:
            if None in row or any(value is None for value in row.values()):
                raise InputError(
                    [
                        InputProblem(
                            name, reader.line_num, None, "the row has a different number of columns than the header"
                        )
                    ]
                )
            yield reader.line_num, row
    except csv.Error as error:
        raise InputError([InputProblem(name, reader.line_num, None, f"not CSV: {error}")]) from None


def _entry_data(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, raw in row.items():
        value = " ".join(raw.split())
        if not value:
            continue
        if column == "aliases":
            data[column] = [alias for part in value.split(";") if (alias := part.strip())]
        elif column == "military":
            data[column] = {"true": True, "false": False}.get(value.lower(), value)
        else:
            data[column] = value
    return data
