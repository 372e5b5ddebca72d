"""Read a CSV file or one sheet of an xlsx workbook into located cells.

A cell becomes what the same characters would be in YAML (`resolve_plain`), so a sheet's row and a YAML
record go through the same validation. A workbook's cells keep the type the spreadsheet stored: a date
cell is a date, whatever format it is displayed in. Each cell's mark is its file, row, column and sheet (a
workbook's sheet name, "" in a CSV file), so a problem is found, and printed, at its cell:
`ledger/exports.xlsx:Exports!C17`.

openpyxl is imported only when a workbook is read: a profile without one loads no spreadsheet code.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

from checker.errors import InputError, InputProblem, Words
from checker.read.nodes import Mark
from checker.read.yaml import MAX_FILE_BYTES, NumberTooLong, resolve_plain

SHEET_SUFFIXES = (".csv", ".xlsx")
MAX_ROWS = 200_000


class Cell(NamedTuple):
    mark: Mark
    value: Any
    source: str  # the text as written, or as the spreadsheet shows a typed value


class Sheet(NamedTuple):
    headers: list[Cell]
    rows: list[list[Cell | None]]  # one per row with a value; None where a cell is empty


def read_sheet(path: Path, name: str, sheet: str | None) -> Sheet:
    suffix = path.suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        words = Words("sheet_suffix", suffix=path.suffix or Words("no_suffix"))
        raise _problem(
            name, f"a sheet must be a .csv or .xlsx file, not {path.suffix or 'a file with no suffix'}", words
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES * 4:
            limit = MAX_FILE_BYTES * 4 // (1024 * 1024)
            raise _problem(name, f"larger than {limit} MiB", Words("sheet_too_large", limit=limit))
        if suffix == ".csv":
            if sheet is not None:
                raise _problem(name, "a CSV file has no sheets: leave out `sheet`", Words("csv_no_sheets"))
            return _cells(name, "", _csv_rows(path, name))
        return _xlsx_sheet(path, name, sheet)
    except OSError as error:
        words = Words("sheet_unreadable", reason=error.strerror)
        raise _problem(name, f"can't be read: {error.strerror}", words) from None


def _problem(name: str, message: str, words: Words, sheet: str | None = None) -> InputError:
    return InputError([InputProblem(name, None, None, message, sheet, words)])


def _csv_rows(path: Path, name: str) -> list[list[Any]]:
    # utf-8-sig: spreadsheet programs save CSV with a byte-order mark that would otherwise join the first header.
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        try:
            return list(reader)
        except UnicodeDecodeError as error:
            words = Words("csv_not_utf8", reason=error.reason)
            raise _problem(name, f"is not UTF-8 text ({error.reason}); save it as CSV UTF-8", words) from None
        except csv.Error as error:
            words = Words("not_csv", reason=str(error))
            raise InputError(
                [InputProblem(name, reader.line_num + 1, None, f"not CSV: {error}", None, words)]
            ) from None


def _xlsx_sheet(path: Path, name: str, sheet: str | None) -> Sheet:
    import zipfile

    import openpyxl  # imported here: only a profile that names a workbook pays for it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise _problem(name, f"is not an xlsx workbook ({error})", Words("not_xlsx", reason=str(error))) from None
    try:
        if sheet is None:
            chosen = book.worksheets[0]
        elif sheet in book.sheetnames:
            chosen = book[sheet]
        else:
            names = ", ".join(book.sheetnames)
            words = Words("no_such_sheet", sheet=repr(sheet), names=names)
            raise _problem(name, f"has no sheet {sheet!r}; its sheets are: {names}", words)
        return _cells(name, chosen.title, [list(row) for row in chosen.iter_rows(values_only=True)])
    finally:
        book.close()


def _cells(file: str, sheet: str, rows: list[list[Any]]) -> Sheet:
    if len(rows) > MAX_ROWS + 1:
        count, limit = f"{len(rows) - 1:,}", f"{MAX_ROWS:,}"
        words = Words("too_many_rows", rows=count, limit=limit)
        raise _problem(file, f"has {count} rows; at most {limit} are read", words, sheet)
    if not rows:
        raise _problem(file, "is empty: the first row must name the columns", Words("empty_sheet"), sheet)
    headers = [
        Cell(Mark(file, 1, number, sheet), text, text)
        for number, raw in enumerate(rows[0], 1)
        if (text := _text(raw)) is not None
    ]
    read: list[list[Cell | None]] = []
    for line, row in enumerate(rows[1:], 2):
        cells = [_cell(Mark(file, line, number, sheet), raw) for number, raw in enumerate(row, 1)]
        if any(cell is not None for cell in cells):
            read.append(cells)
    return Sheet(headers, read)


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None


def _cell(mark: Mark, raw: Any) -> Cell | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return Cell(mark, raw, "true" if raw else "false")
    if isinstance(raw, dt.datetime):
        day = raw.date() if raw.time() == dt.time() else raw
        return Cell(mark, day.isoformat(), day.isoformat())
    if isinstance(raw, dt.date):
        return Cell(mark, raw.isoformat(), raw.isoformat())
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a spreadsheet stores every number as a float; 12 is written 12, not 12.0
    if isinstance(raw, int | float):
        return Cell(mark, raw, str(raw))
    text = str(raw).strip()
    if not text:
        return None
    try:
        return Cell(mark, resolve_plain(text), text)
    except NumberTooLong:
        return Cell(mark, text, text)
