"""Severities, statuses and the result a rule yields for one subject."""

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
    passed = "pass"
    failed = "fail"
    not_applicable = "not_applicable"
    manual = "manual"
    waived = "waived"
    error = "error"


class Element(StrEnum):
    """What a rule is about: the nine ICP elements, then the themes of the export ledger."""

    policy_statement = "policy_statement"
    organization = "organization"
    risk_assessment = "risk_assessment"
    review_procedures = "review_procedures"
    emergency_measures = "emergency_measures"
    training = "training"
    audit = "audit"
    records = "records"
    manual = "manual"
    licensing = "licensing"
    end_use = "end_use"
    screening = "screening"
    international_obligations = "international_obligations"
    technology_transfer = "technology_transfer"


@dataclass(frozen=True, slots=True)
class Location:
    file: str
    line: int
    column: int


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
