"""Records from a sheet: the columns each record list may have, and a sheet's rows as located YAML nodes.

A profile may give `items`, `parties`, `licences`, `exports` or `technology_transfers` as a sheet
(`exports: {from: ledger/exports-2026.xlsx, sheet: Exports}`). Each row becomes the mapping a YAML record
would be, made of nodes that carry the row and column of their cell, so the row is validated, and its
findings located, exactly as the same record written in YAML.

Columns are the record's fields, named as in YAML or in Chinese (`templates/sheet_columns.yaml`); a field of
a nested record is a dotted name (`quantity.amount`); a list is one cell, its values separated by `;`.
Lists of records (an item's earlier classifications, a party's dated listings) have no column: they stay in YAML.
"""

from __future__ import annotations

import os
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from checker.errors import InputError, InputProblem, Words
from checker.errors import cell as cell_name
from checker.i18n import problem
from checker.profile.as_written import _options
from checker.profile.model import Export, Item, Licence, Party, TechnologyTransfer
from checker.read.nodes import Mapping, Mark, Node, Scalar, Sequence
from checker.read.sheet import Cell, Sheet, read_sheet
from checker.read.yaml import resolve_plain
from checker.resources import data_dir

RECORDS: dict[str, type[BaseModel]] = {
    "items": Item,
    "parties": Party,
    "licences": Licence,
    "exports": Export,
    "technology_transfers": TechnologyTransfer,
}
LIST_SEPARATOR = ";"
# Record lists given on the command line: records → (file, sheet or None).
SheetOptions = dict[str, tuple[str, str | None]]


@dataclass(frozen=True)
class Column:
    name: str  # the field's dotted name, as in YAML
    name_zh: str | None
    is_list: bool
    kind: str  # what a cell (or each value of a list) holds: text, date, number or flag (true or false)
    required: bool  # a row without it is refused
    described_by: str  # the key of its description in templates/i18n.yaml (`profile_schema`): Quantity.amount
    words: tuple[str, ...]  # the vocabulary a cell's words come from; empty for free text, dates and numbers

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.name.split("."))


@cache
def columns(records: str) -> tuple[Column, ...]:
    """The columns of a record list's sheet, in the order of the model's fields."""
    names = _chinese_names()
    chinese = {**names.get("common", {}), **names.get(records, {})}
    return tuple(Column(name, chinese.get(name), *rest) for name, *rest in _fields(RECORDS[records], "", True))


def _fields(model: type[BaseModel], prefix: str, required: bool) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    for field_name, field in model.model_fields.items():
        key = field.alias or field_name
        name = prefix + key
        needed = required and field.is_required()
        described_by = f"{model.__name__}.{key}"
        options = [option for option in _options(field.annotation) if option is not type(None)]
        nested = [option for option in options if isinstance(option, type) and issubclass(option, BaseModel)]
        lists = [option for option in options if typing.get_origin(option) is list]
        if nested:
            found += _fields(nested[0], name + ".", needed)
        elif lists:
            inner = [
                option
                for option in _options(typing.get_args(lists[0])[0])
                if not (isinstance(option, type) and issubclass(option, BaseModel))
            ]
            if inner:  # a list of plain values; a list of records only can't be a cell
                found.append((name, True, _kind(inner[0]), needed, described_by, _words(inner[0])))
        else:
            found.append((name, False, _kind(options[0]), needed, described_by, _words(options[0])))
    return found


def _words(annotation: Any) -> tuple[str, ...]:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(str(member.value) for member in annotation)
    return ()


def _kind(annotation: Any) -> str:
    import datetime as dt

    if annotation is dt.date:
        return "date"
    if annotation is bool:
        return "flag"
    if annotation in (int, float):
        return "number"
    return "text"


@cache
def _chinese_names() -> dict[str, dict[str, str]]:
    with (data_dir("templates") / "sheet_columns.yaml").open(encoding="utf-8") as handle:
        loaded: dict[str, dict[str, str]] = yaml.safe_load(handle)
    return loaded


def records_from_sheet(records: str, sheet: Sheet, problems: list[InputProblem]) -> Sequence:
    """The sheet's rows as a list of record mappings; unknown or repeated columns are added to `problems`."""
    by_name: dict[str, Column] = {}
    for column in columns(records):
        by_name[column.name.lower()] = column
        if column.name_zh:
            by_name[column.name_zh] = column
    placed: dict[int, Column] = {}
    seen: dict[str, Cell] = {}
    for header in sheet.headers:
        named = by_name.get(header.source.lower()) or by_name.get(header.source)
        if named is None:
            known = ", ".join(column.name for column in columns(records))
            words = Words("unknown_column", column=repr(header.source), records=records, names=known)
            problems.append(problem(header.mark, words))
        elif named.name in seen:
            first = cell_name(seen[named.name].mark.line, seen[named.name].mark.column)
            problems.append(problem(header.mark, Words("repeated_column", column=repr(header.source), first=first)))
        else:
            seen[named.name] = header
            placed[header.mark.column] = named
    result = Sequence(sheet.headers[0].mark if sheet.headers else Mark("", 1, 1))
    for row in sheet.rows:
        result.items.append(_record(row, placed))
    return result


def _record(row: list[Cell | None], placed: dict[int, Column]) -> Mapping:
    first = next(cell for cell in row if cell is not None)
    record = Mapping(first.mark._replace(column=1))
    for number, cell in enumerate(row, 1):
        column = placed.get(number)
        if cell is None or column is None:
            continue
        target = record
        for part in column.path[:-1]:
            if part not in target.entries:
                target.entries[part] = (cell.mark, Mapping(cell.mark))
            nested = target.entries[part][1]
            assert isinstance(nested, Mapping)
            target = nested
        target.entries[column.path[-1]] = (cell.mark, _value(cell, column))
    return record


def _value(cell: Cell, column: Column) -> Node:
    if not column.is_list:
        return Scalar(cell.mark, cell.value, cell.source)
    values = Sequence(cell.mark)
    for part in cell.source.split(LIST_SEPARATOR):
        text = part.strip()
        if text:
            values.items.append(Scalar(cell.mark, resolve_plain(text), text))
    return values


def with_sheets(root: Mapping, extra: SheetOptions | None = None) -> Mapping | InputError:
    """The profile's tree with each record list given as a sheet read in; `extra` names sheets from the
    command line (records → file, sheet), which take the place of the profile's own list of those records."""
    wanted: dict[str, tuple[Mark, str, str | None]] = {}
    problems: list[InputProblem] = []
    for records in RECORDS:
        if records in root.entries:
            key_mark, node = root.entries[records]
            if isinstance(node, Mapping) and "from" in node.entries:
                reference = _reference(key_mark, node, problems)
                if reference is not None:
                    wanted[records] = (key_mark, *reference)
    for records, (file, sheet) in (extra or {}).items():
        wanted[records] = (Mark("", 0, 0), file, sheet)
    if not wanted:
        return root
    expanded = Mapping(root.mark)
    expanded.entries.update(root.entries)
    for records, (key_mark, file, sheet) in wanted.items():
        # A sheet named in a profile file is found beside that file, as a person reading the file would look.
        path = Path(file) if not key_mark.file else Path(key_mark.file).parent / file
        name = os.path.normpath(path) if key_mark.file else file
        try:
            read = read_sheet(path, name, sheet)
        except InputError as error:
            problems += error.problems
            continue
        rows = records_from_sheet(records, read, problems)
        expanded.entries[records] = (key_mark if key_mark.file else rows.mark, rows)
    return InputError(problems) if problems else expanded


def _reference(key_mark: Mark, node: Mapping, problems: list[InputProblem]) -> tuple[str, str | None] | None:
    values: dict[str, str] = {}
    for key, (mark, value) in node.entries.items():
        if key not in ("from", "sheet"):
            problems.append(problem(mark, Words("sheet_reference_key", key=repr(key))))
        elif not isinstance(value, Scalar) or value.value is None:
            problems.append(problem(mark, Words("sheet_reference_value", key=key)))
        else:
            values[key] = value.source
    if "from" not in values:
        return None
    return values["from"], values.get("sheet")
