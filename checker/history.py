"""History: the earlier JSON outputs of `exportcheck check` in a directory, read for their scores.

Each `*.json` file of the directory (not its subdirectories) must be an exportcheck JSON document of a
format version a baseline may have (checker/baseline.py reads it the same way); broken JSON, another tool's
file or another version is an input problem naming the file (and, for broken JSON, its line and column). Of
each document the assessment of this company is read: its date, overall score and element scores. A document
of another company (by its identity, docs/json.md "Finding identity"), or a portfolio without this company,
is skipped with a warning. Two outputs of the same date count once: the later file by name wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from checker.baseline import read_output
from checker.errors import InputError, InputProblem


class _Score(BaseModel):
    model_config = ConfigDict(extra="ignore")

    overall: float | None = None
    elements: dict[str, float | None] = {}


class _Profile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    identity: str = ""
    as_of: date
    score: _Score


class _Document(BaseModel):
    model_config = ConfigDict(extra="ignore")

    profiles: list[_Profile]


class _Portfolio(BaseModel):
    model_config = ConfigDict(extra="ignore")

    companies: list[_Document]


@dataclass(frozen=True)
class Point:
    """One earlier assessment's scores."""

    as_of: date
    overall: float | None
    elements: dict[str, float | None]
    file: str

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "overall": self.overall, "elements": self.elements, "file": self.file}


@dataclass(frozen=True)
class History:
    directory: str
    points: tuple[Point, ...]  # oldest first
    skipped: tuple[tuple[str, str], ...] = field(default=())  # (file, the companies it is of) of each skipped


def load_history(directory: str, identity: str) -> History:
    """The scores of the company `identity` in every earlier output in `directory`, oldest first."""
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError([InputProblem(directory, None, None, "--history: not a directory of JSON outputs")])
    by_date: dict[date, Point] = {}
    skipped = []
    problems: list[InputProblem] = []
    for path in sorted(folder.glob("*.json")):
        try:
            profiles = _profiles(str(path))
        except InputError as error:
            problems += error.problems
            continue
        mine = [profile for profile in profiles if profile.identity == identity]
        if not mine:
            skipped.append((str(path), ", ".join(sorted({profile.identity for profile in profiles})) or "—"))
            continue
        profile = mine[0]
        by_date[profile.as_of] = Point(profile.as_of, profile.score.overall, dict(profile.score.elements), str(path))
    if problems:
        raise InputError(problems)
    return History(directory, tuple(by_date[day] for day in sorted(by_date)), tuple(skipped))


def _profiles(path: str) -> list[_Profile]:
    document = read_output(path, "an earlier output")
    try:
        if "companies" in document:
            return [profile for each in _Portfolio.model_validate(document).companies for profile in each.profiles]
        return _Document.model_validate(document).profiles
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(
            [InputProblem(path, None, None, f"not an exportcheck JSON output: {where}: {first['msg']}")]
        ) from None
