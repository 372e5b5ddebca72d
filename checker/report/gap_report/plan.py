"""The remediation plan: failures by severity, each with an owner and a target date.

Target dates count from the assessment date, by severity (docs/report.md):
critical 14 days, high 30, medium 90, low 180, but never past 9999-12-31; an info item has no deadline.
The company's plan file (docs/plan.md) may name the owner and set the date of a failure instead; the
serialised assessment then carries both in the failure's `plan`, with whether the date is overdue.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from checker.plan_file import TARGET_DAYS, default_target, target_date
from checker.report.gap_report.language import ReportText
from checker.report.planning import owner_words
from checker.results import Severity

__all__ = ["TARGET_DAYS", "owner_of", "plan_note", "plan_order", "target_of", "target_date"]


def target_of(result: dict[str, Any], as_of: date) -> str | None:
    """The failure's target date: its plan's, else the default (at once for what already happened, else by
    severity)."""
    if result.get("plan"):
        return result["plan"]["target"]
    due = default_target(as_of, result["severity"], bool(result.get("conduct")))
    return due.isoformat() if due else None


def owner_of(result: dict[str, Any], roles: dict[str, str], text: ReportText) -> str:
    """Who owns the fix, in the report's language: the plan's person, else the rule's owner role."""
    role = roles.get(result["owner"], result["owner"])
    return owner_words((result.get("plan") or {}).get("owner"), role, text.lang)


def plan_note(result: dict[str, Any], text: ReportText) -> str | None:
    """The plan's status and note of a failure, in words: "In progress: Policy draft with the board"."""
    plan = result.get("plan") or {}
    parts = [text(f"plan_status_{plan['status']}") if plan.get("status") else None, plan.get("note")]
    return text("plan_note", status=parts[0], note=parts[1]) if all(parts) else parts[0] or parts[1]


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
