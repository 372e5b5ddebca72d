"""The remediation plan: failures by severity, each with an owner role and a target date.

Target dates count from the assessment date, by severity (docs/report.md):
critical 14 days, high 30, medium 90, low 180; an info item has no deadline.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from checker.results import Severity

TARGET_DAYS: dict[str, int | None] = {
    "critical": 14,
    "high": 30,
    "medium": 90,
    "low": 180,
    "info": None,
}


def target_date(as_of: date, severity: str) -> date | None:
    days = TARGET_DAYS[severity]
    return None if days is None else as_of + timedelta(days=days)


def plan_order(failures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most serious first; within a severity, the order the rule set lists its results in (a stable sort)."""
    return sorted(failures, key=lambda result: -Severity(result["severity"]).rank)
