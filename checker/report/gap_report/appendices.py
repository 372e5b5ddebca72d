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
    """Requirement rows in catalogue order, with a heading row wherever the framework changes. A framework's state
    powers and encouragements follow its requirements under a heading of their own and carry no status: the
    exporter can neither meet nor miss them."""
    rows: list[dict[str, Any]] = []
    for framework in dict.fromkeys(requirement["framework"] for requirement in requirements):
        mine = [requirement for requirement in requirements if requirement["framework"] == framework]
        rows.append({"framework": text.field(registry.get(framework, {}), "title") or framework})
        duties = [requirement for requirement in mine if requirement["kind"] == "requirement"]
        rows += [_row(requirement, statuses.get(requirement["id"]), text) for requirement in duties]
        apart = [requirement for requirement in mine if requirement["kind"] != "requirement"]
        if apart:
            rows.append({"group": text("powers_apart")})
            rows += [_row(requirement, None, text) for requirement in apart]
    return rows


def _row(requirement: dict[str, Any], status: str | None, text: ReportText) -> dict[str, Any]:
    checked_by = text("manual_check") if requirement["manual"] else ", ".join(requirement["rules"])
    if requirement["kind"] != "requirement":
        # Its rules check the exporter's side of it, and are shown as related, not as its coverage.
        checked_by = " · ".join([text(f"kind_{requirement['kind']}"), *([checked_by] if checked_by else [])])
    return {
        "id": requirement["id"],
        "citation": text.field(requirement, "citation"),
        "basis": requirement["basis"],
        "checked_by": checked_by,
        "status": status,
    }


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
