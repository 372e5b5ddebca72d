"""The exceptions exportcheck raises, and the one place their messages take shape.

An input problem is data (`InputProblem`: where, what); `InputError` carries
one or more of them so that a single run can report every problem it found.
Only the CLI turns these into exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class InputProblem:
    """One thing wrong with a user's file, at a 1-based line and column when known."""

    file: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column or 1}: {self.message}"


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


def _problem_order(problem: InputProblem) -> tuple:
    return (problem.file, problem.line or 0, problem.column or 0, problem.message)
