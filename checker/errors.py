"""The exceptions exportcheck raises, and the one place their messages take shape.

An input problem is data (`InputProblem`: where, what); `InputError` carries
one or more of them so that a single run can report every problem it found.
Only the CLI turns these into exit codes.

A problem's `message` is English. Its `words`, when set, name the same message in the catalogue
(`templates/i18n.yaml`, group `input`) with its values, so the CLI can say it in the language of the command
(`checker.i18n.said`); a value that is itself `Words` is said in that language too, and any other value (the
profile's own text, a field's path, a number) is written as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol


class _Marked(Protocol):
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def sheet(self) -> str | None: ...


class Words:
    """A message of the catalogue's `input` group and the values of its placeholders."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: Any):
        self.key = key
        self.values = values

    def __repr__(self) -> str:
        return f"Words({self.key!r}, {self.values!r})"


@dataclass(frozen=True, order=True)
class InputProblem:
    """One thing wrong with a user's file, at a 1-based line and column when known.

    `sheet` is set when the place is a cell of a spreadsheet: the sheet's name in a workbook, "" in a CSV
    file (which has one unnamed sheet); `line` is then the row and `column` the column's number.
    """

    file: str
    line: int | None
    column: int | None
    message: str
    sheet: str | None = None
    words: Words | None = field(default=None, compare=False)

    @classmethod
    def at(cls, mark: _Marked, message: str, words: Words | None = None) -> InputProblem:
        return cls(mark.file, mark.line, mark.column, message, mark.sheet, words)

    @property
    def place(self) -> str:
        return place(self.file, self.line, self.column, self.sheet)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


def place(file: str, line: int | None, column: int | None, sheet: str | None = None) -> str:
    """A place as a person looks for it: `profile.yaml:24:7` in a text file, `exports.xlsx:Exports!C17` in a
    workbook (a sheet name quoted as a spreadsheet does, `'My Sheet'!C17`), `exports.csv:C17` in a CSV file."""
    if sheet is None:
        return file if line is None else f"{file}:{line}:{column or 1}"
    if line is None:
        return f"{file}:{sheet_name(sheet)}" if sheet else file
    return f"{file}:{cell(line, column or 1, sheet)}"


def cell(row: int, column: int, sheet: str = "") -> str:
    """Row 17, column 3 → `C17`, or `Exports!C17` on a named sheet."""
    return f"{sheet_name(sheet)}!{column_letters(column)}{row}" if sheet else f"{column_letters(column)}{row}"


def column_letters(column: int) -> str:
    """1 → A, 27 → AA: the column as a spreadsheet names it."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# A sheet name a spreadsheet writes without quotes: a word (letters of any script, digits, _) that does not
# start with a digit and can't be read as a cell (`AB12`) or a row-column reference (`R1C1`).
_PLAIN_SHEET = re.compile(r"[^\W\d]\w*")
_LIKE_A_CELL = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*", re.ASCII)


def sheet_name(sheet: str) -> str:
    if _PLAIN_SHEET.fullmatch(sheet) and not _LIKE_A_CELL.fullmatch(sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


class ExportcheckError(Exception):
    """Base of every error exportcheck raises on purpose."""


# A file can hold a million mistakes; past this many, the rest are counted rather than described.
MAX_PROBLEMS = 100


class InputError(ExportcheckError):
    """The user's input (a profile, waiver file, …) can't be used as it is."""

    def __init__(self, problems: list[InputProblem], omitted: int = 0):
        if not problems:
            raise ValueError("InputError needs at least one problem")
        ordered = sorted(set(problems), key=_problem_order)
        self.problems = ordered[:MAX_PROBLEMS]
        self.omitted = omitted + len(ordered) - len(self.problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def total(self) -> int:
        return len(self.problems) + self.omitted


class EmptyFile(InputError):
    """A file holds no YAML document at all (or only comments)."""


class UsageError(ExportcheckError):
    """The command line asks for something that can't be done."""


class OutputError(ExportcheckError):
    """A report could not be written; the message names what failed and what was written all the same."""


class RuleSetError(ExportcheckError):
    """A rule file, catalogue or source registry shipped with (or given to) exportcheck is malformed."""


def _problem_order(problem: InputProblem) -> tuple[Any, ...]:
    return (problem.file, problem.sheet or "", problem.line or 0, problem.column or 0, problem.message)
