"""Section 4 and the appendices: the manual checklist, the coverage of every requirement, the sources."""

from __future__ import annotations

from typing import Any

from checker.report.gap_report.citations import spelled_out
from checker.report.gap_report.language import ReportText


def checklist(
    requirements: list[dict[str, Any]], text: ReportText, registry: dict[str, dict[str, Any]]
) -> list[dict[str, str]]:
    """The requirements no profile fact can show, as questions for a person."""
    return [
        {
            "id": requirement["id"],
            "question": text.field(requirement, "question"),
            "citation": spelled_out(
                [(requirement["framework"], text.field(requirement, "place") or None)], registry, text.lang
            )[0],
        }
        for requirement in requirements
        if requirement["manual"]
    ]


def coverage(
    requirements: list[dict[str, Any]], statuses: dict[str, str], text: ReportText, registry: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Requirement rows in catalogue order, with a heading row wherever the framework changes."""
    rows: list[dict[str, Any]] = []
    framework = None
    for requirement in requirements:
        if requirement["framework"] != framework:
            framework = requirement["framework"]
            rows.append({"framework": text.field(registry.get(framework, {}), "title") or framework})
        status = statuses.get(requirement["id"])
        rows.append(
            {
                "id": requirement["id"],
                "citation": text.field(requirement, "citation"),
                "checked_by": text("manual_check") if requirement["manual"] else ", ".join(requirement["rules"]),
                "status": status,
            }
        )
    return rows


def source(doc: dict[str, Any], text: ReportText) -> dict[str, Any]:
    dates = [text("issued_on", date=doc["issued"])] if doc["issued"] else []
    dates.append(text("in_force_from", date=doc["in_force_from"]))
    if doc["in_force_until"]:
        dates.append(text("in_force_until", date=doc["in_force_until"]))
    return {
        "title": text.field(doc, "title"),
        "instrument": text.field(doc, "instrument") or None,
        "short": text.field(doc, "short"),
        "issuer": text.field(doc, "issuer"),
        "dates": dates,
        "status": text(f"doc_{doc['status']}"),
        "binding": text(f"binding_{doc['binding']}"),
        "note": text.field(doc, "note") or None,
    }
