"""Section 4 and the appendices: the manual checklist, the coverage of every requirement, the sources, the
crosswalk to the BIS and EU frameworks, the evidence files."""

from __future__ import annotations

from typing import Any

from checker.paths import parse_path
from checker.profile import labels
from checker.report.gap_report.citations import spelled_out
from checker.report.gap_report.language import ReportText, score_text


def checklist(
    requirements: list[dict[str, Any]],
    results: list[dict[str, Any]],
    text: ReportText,
    registry: dict[str, dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[str]]:
    """The questions this company is asked (no profile fact can show them), each with its answer when an
    attestation gave one; and the ids of those not asked of it (not in force, or outside its business)."""
    by_id = {result["rule_id"]: result for result in results}
    asked, not_asked = [], []
    for requirement in requirements:
        if not requirement["manual"]:
            continue
        result = by_id.get(requirement["id"])
        answer = next((a for a in (result or {}).get("adjustments", ()) if a["kind"].startswith("answer")), None)
        if result is not None and result["status"] == "not_applicable" and answer is None:
            not_asked.append(requirement["id"])
            continue
        details = answer["details"] if answer else {}
        stale = answer is not None and answer["kind"] != "answer"
        asked.append(
            {
                "id": requirement["id"],
                "question": text.field(requirement, "question"),
                "citation": spelled_out(
                    [(requirement["framework"], text.field(requirement, "place") or None)], registry, text.lang
                )[0],
                "answer": None if stale else details.get("answer"),
                "evidence": details.get("evidence"),
                "reason": details.get("reason"),
                "answered": text("answered", by=details["answered_by"], on=details["answered_on"]) if answer else None,
                "stale": text("answer_stale", on=details["answered_on"]) if stale else None,
            }
        )
    return asked, not_asked


def evidence(files: list[dict[str, Any]], text: ReportText) -> list[dict[str, str]]:
    """The evidence files the profile names, with what identifies each, or why it could not be read."""
    rows = []
    for file in files:
        if file["link"]:
            digest = text("evidence_link")
        elif not file["found"]:
            digest = text("evidence_missing")
        else:
            digest = file["sha256"]
        size = text("evidence_bytes", bytes=f"{file['bytes']:,}", date=file["modified"]) if file["found"] else ""
        field = labels.field(parse_path(file["field"]), text.lang)  # the path itself: the JSON's `evidence_files`
        rows.append({"field": field, "given": file["given"], "digest": digest, "size": size})
    return rows


def crosswalk(
    elements: list[dict[str, Any]], scores: dict[str, float | None], text: ReportText
) -> list[dict[str, Any]]:
    """Each framework of the crosswalk (rules/crosswalk.yaml): its elements, with this report's elements that
    check the same ground and their scores here."""
    from checker.ruleset.crosswalk import crosswalk as built_in

    found = built_in()
    terms = {term["id"]: term for term in elements}
    out = []
    for framework in found.frameworks:
        rows = []
        for line in found.lines(framework.id):
            ours = [
                {
                    "title": text.field(terms[counterpart.element], "title"),
                    "score": score_text(scores.get(counterpart.element)),
                    "partial": counterpart.fit == "partial",
                    "note": counterpart.note[text.lang] if counterpart.note else None,
                }
                for counterpart in line.counterparts
                if counterpart.element in terms
            ]
            rows.append({"id": line.element.id, "title": line.element.title[text.lang], "ours": ours})
        out.append({"title": framework.title[text.lang], "edition": framework.edition[text.lang], "rows": rows})
    return out


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
