"""Severities, statuses and the result a rule yields for one subject.

A result carries two paths: `path`, the located index path (`exports[2].licence`) that finds the line and column,
and `subject_path`, the same path written with record ids where records have them
(`exports[E-2026-047].licence`). The finding's identity, its `fingerprint`, is built from the rule, the
profile's identity and the subject path, so adding, removing or reordering other records leaves it unchanged.

A result may stand for many: the passes (or exclusions) of one rule on the records of a list, summed up, have
`count` above one, the records' ids in `records`, and the list as their path.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from checker.paths import Path


class Severity(StrEnum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"

    @property
    def rank(self) -> int:
        """critical = 4 … info = 0; larger is more serious."""
        return len(SEVERITY_ORDER) - 1 - SEVERITY_ORDER.index(self)


SEVERITY_ORDER = tuple(Severity)


class Status(StrEnum):
    """Declared in the one order every report lists statuses in: what needs action first."""

    failed = "fail"
    passed = "pass"
    not_applicable = "not_applicable"
    manual = "manual"
    waived = "waived"
    error = "error"


STATUS_ORDER = tuple(Status)


@dataclass(frozen=True, slots=True)
class Location:
    file: str
    line: int  # a sheet's row when `sheet` is set
    column: int
    sheet: str | None = None  # a cell's sheet: its name in a workbook, "" in a CSV file; None in a text file


@dataclass(frozen=True, slots=True)
class Applied:
    """An adjustment the apply stage made to a result: what changed it, why, and from what status."""

    kind: str  # waiver, baseline or answer
    reason: str
    source: str  # where the adjustment was written: a file, with its line when known
    previous: Status  # the status evaluation gave
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    """What one rule found for one subject. Rule metadata is looked up by `rule_id`, never copied by a check."""

    rule_id: str
    status: Status
    path: Path
    location: Location | None
    subject: str | None
    message_en: str
    message_zh: str
    profile: int = 0
    subject_path: str = ""
    fingerprint: str = ""
    applied: tuple[Applied, ...] = ()
    count: int = 1  # the results this one stands for: more than one when a rule's passes on records are summed up
    records: tuple[str, ...] = ()  # then, the records they are on: each one's id (or [index]), once
