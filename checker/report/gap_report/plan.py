"""The remediation plan: failures by severity, each with an owner role and a target date.

Target dates count from the assessment date, by severity (docs/report.md):
critical 14 days, high 30, medium 90, low 180, but never past 9999-12-31; an info item has no deadline.
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
    """The deadline, kept within the calendar: an assessment dated in the last months of 9999 gets its last day,
    as the rules' own date arithmetic does (`add_months`), rather than no report at all."""
    days = TARGET_DAYS[severity]
    if days is None:
        return None
    return as_of + timedelta(days=days) if as_of <= date.max - timedelta(days=days) else date.max


def plan_order(failures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most serious first. Within a severity, what already happened (an export without a licence, a shipment to
    a listed party) before a gap in the programme; then the rule with the most failing records first, as the
    widest exposure; then the order the rule set lists its results in (a stable sort)."""
    records: dict[str, int] = {}
    for result in failures:
        records[result["rule_id"]] = records.get(result["rule_id"], 0) + result.get("count", 1)
    return sorted(
        failures,
        key=lambda result: (-Severity(result["severity"]).rank, not result.get("conduct"), -records[result["rule_id"]]),
    )
