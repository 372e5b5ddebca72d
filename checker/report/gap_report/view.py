"""What the reader sees, in reading order: the serialised assessment arranged into the report's sections.

Everything the templates print is decided here and in the modules it calls,
in the report's language: numbers are formatted, lists ordered, dates
computed and strings looked up. The templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from checker import i18n
from checker.bilingual import Lang
from checker.report.gap_report.appendices import checklist, coverage, crosswalk, evidence, source
from checker.report.gap_report.chart import Chart, Trend, score_chart, trend_chart
from checker.report.gap_report.findings import ElementSection, Finding, Heading, element_sections
from checker.report.gap_report.language import ReportText, score_text
from checker.report.gap_report.plan import TARGET_DAYS, plan_order
from checker.report.planning import owner_words, rule_counts
from checker.report.safe_text import visible
from checker.results import STATUS_ORDER, Severity
from checker.score import BANDS, CRITICAL_CEILING

TOP_GAPS = 5
SEVERITIES = tuple(severity.value for severity in Severity)


def build_view(data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The template context for a report on the first (and only) profile in `data`."""
    index = data["profiles"][0]["index"]
    results = [result for result in data["results"] if result["profile"] == index]
    # A profile's control and bidirectional characters are shown, never acted on. The results (a ledger's
    # hundreds of thousands) are made safe in `findings`, in what the report prints of them.
    data = visible({**data, "results": []})
    text = ReportText(lang)
    profile = data["profiles"][0]
    registry = {doc["id"]: doc for doc in data["sources"]}
    failures = [result for result in results if result["status"] == "fail"]
    overall = profile["score"]["overall"]
    band = profile["rating"]  # the serialised assessment's own rating, not one worked out again here
    sections, shown = element_sections(
        data, results, profile["score"]["elements"], text, date.fromisoformat(profile["as_of"])
    )
    plan = _distinct(shown[id(result)] for result in plan_order(failures))
    asked, not_asked = checklist(data["requirements"], results, text, registry)
    headings = _headings(
        sections, text, any(finding.records for finding in shown.values()), bool(profile.get("evidence"))
    )
    return {
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "t": text,
        "tool": data["tool"],
        "ruleset": data["ruleset"],
        "profile": profile,
        "company": profile["company"],
        "as_of": profile["as_of"],
        "prepared_by": _person(profile.get("prepared_by"), text),
        "overall": score_text(overall),
        "band": text(f"band_{band['band']}"),
        "band_key": band["band"],
        "band_note": _band_note(profile["score"], text),
        "notices": [_notice(notice, text) for notice in profile["notices"]],
        "bands": _band_legend(text),
        "ceiling": f"{CRITICAL_CEILING:g}",
        "severities": [(severity, text(severity, "severity")) for severity in SEVERITIES],
        "headings": headings,
        "heading": {heading.anchor: heading for heading in headings if heading.level == 1},
        # Findings name the appendix of records by its lettered title (the macros' own `heading` is a macro).
        "records_appendix": next((h.title for h in headings if h.anchor == "records"), ""),
        "chart": _chart(profile, data["elements"], text),
        "not_scored": _not_scored(profile, data["elements"], results, text),
        "status_counts": [(status.value, profile["summary"][status.value]) for status in STATUS_ORDER],
        "severity_counts": [
            (severity, sum(result["severity"] == severity for result in failures)) for severity in SEVERITIES
        ],
        "failure_count": len(failures),
        "change": _change(data.get("baseline"), failures),
        "trend": _trend(data.get("history"), data["elements"], text),
        "trend_alt": _trend_alt(data.get("history"), text),
        "overdue_count": sum(bool(result.get("plan", {}).get("overdue")) for result in failures),
        "error_count": profile["summary"]["error"],
        # Every critical and high gap is on the first page, and at least the TOP_GAPS most serious.
        "top_gaps": plan[: max(TOP_GAPS, sum(finding.severity in ("critical", "high") for finding in plan))],
        "gap_count": len(plan),
        "elements": sections,
        "plan": plan,
        "systemic": [finding for finding in _distinct(shown.values()) if finding.records],
        "plan_intro": text(
            "plan_intro", as_of=profile["as_of"], **{severity: days for severity, days in TARGET_DAYS.items() if days}
        ),
        "plan_file": text("plan_from", files=text.join(data["plan"]["files"])) if data.get("plan") else None,
        "checklist": asked,
        "not_asked": text("not_asked_count", count=len(not_asked), items=text.join(not_asked)) if not_asked else None,
        "evidence": evidence(profile.get("evidence") or [], text),
        "crosswalk": crosswalk(data["elements"], profile["score"]["elements"], text),
        "coverage": coverage(data["requirements"], profile["coverage"], text, registry),
        "sources": [source(doc, text) for doc in data["sources"]],
        "packs": [pack for pack in data["ruleset"]["packs"] if not pack["builtin"]],
        "datasets": data["reference_data"],
    }


def _band_note(score: dict[str, Any], text: ReportText) -> str | None:
    """Why the overall score and its band are what they are, when the formula alone doesn't say."""
    if score["cap"]:
        return text.field(score["cap"], "message")
    return text("band_not_rated_reason") if score["overall"] is None else None


def _notice(notice: dict[str, Any], text: ReportText) -> dict[str, str | None]:
    """A notice in the report's language, whatever its kind: its label when the catalogue has one."""
    return {
        "label": i18n.texts("notice_kind", text.lang).get(notice["kind"]),
        "text": notice[text.lang],
        "refs": text.join(notice["refs"]) if notice["refs"] else None,
    }


def _change(baseline: dict[str, Any] | None, failures: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The "Change since the previous assessment" box, from the --baseline comparison: each kind's count and
    the rule ids of its failures, compactly ("LIC-001 ×3, REC-002")."""
    if not baseline:
        return None
    return {
        "change_fixed": len(baseline["fixed"]),
        "change_new": baseline["new"],
        "change_unchanged": baseline["unchanged"],
        "rules": {
            "change_fixed": rule_counts(entry["rule_id"] for entry in baseline["fixed"]),
            "change_new": rule_counts(r["rule_id"] for r in failures if r.get("baseline") == "new"),
            "change_unchanged": rule_counts(r["rule_id"] for r in failures if r.get("baseline") == "unchanged"),
        },
        "file": baseline["file"],
    }


def _trend_alt(history: dict[str, Any] | None, text: ReportText) -> str | None:
    """The trend chart's alternative text: the overall score of each assessment, in words."""
    if not history:
        return None
    points = [
        text("trend_point", date=point["as_of"], score=score_text(point["overall"])) for point in history["points"]
    ]
    return f"{text('trend_description')} {'; '.join(points)}"


def _trend(history: dict[str, Any] | None, elements: list[dict[str, Any]], text: ReportText) -> Trend | None:
    """The trend of the scores over the assessments of --history, this one last; none without a history."""
    if not history:
        return None
    points = history["points"]
    scored = [
        (text.field(term, "title"), [point["elements"].get(term["id"]) for point in points])
        for term in elements
        if any(point["elements"].get(term["id"]) is not None for point in points)
    ]
    return trend_chart(
        [point["as_of"] for point in points], text("overall"), [point["overall"] for point in points], scored
    )


def _headings(sections: list[ElementSection], text: ReportText, systemic: bool, evidence: bool) -> list[Heading]:
    """Every heading the contents list, in order; the appendices are lettered in their titles, in the order
    they come, so that one the report leaves out leaves no gap."""
    appendices = ["coverage", "sources", "crosswalk"] + ["records"] * systemic + ["evidence"] * evidence
    letters = text("appendix_letters").split()
    return [
        Heading("summary", "1", text("summary"), 1),
        Heading("findings", "2", text("findings"), 1),
        *(section.heading for section in sections),
        Heading("plan", "3", text("plan"), 1),
        Heading("checklist", "4", text("checklist"), 1),
        *(
            Heading(anchor, "", text("appendix_title", letter=letter, title=text(_TITLES[anchor])), 1)
            for anchor, letter in zip(appendices, letters, strict=False)
        ),
    ]


_TITLES = {
    "coverage": "coverage",
    "sources": "sources",
    "crosswalk": "crosswalk",
    "records": "records",
    "evidence": "evidence_files",
}


def _distinct(findings: Iterable[Finding]) -> list[Finding]:
    """Each finding once, in order: a systemic gap stands for many results."""
    return list({id(finding): finding for finding in findings}.values())


def _person(person: dict[str, Any] | None, text: ReportText) -> str | None:
    if not person:
        return None
    # The Chinese name and title where the profile gives them, else as written; the title in brackets.
    return owner_words(person, "", text.lang)


def _chart(profile: dict[str, Any], elements: list[dict[str, Any]], text: ReportText) -> Chart:
    scores = profile["score"]["elements"]
    scored = [
        (text.field(term, "title"), scores[term["id"]]) for term in elements if scores.get(term["id"]) is not None
    ]
    return score_chart(text("overall"), profile["score"]["overall"], profile["rating"]["band"], scored)


def _not_scored(
    profile: dict[str, Any], elements: list[dict[str, Any]], results: list[dict[str, Any]], text: ReportText
) -> str | None:
    """Elements that have results but no score: every one of their rules was not applicable or manual."""
    assessed = {result["element"] for result in results}
    names = [
        text.field(term, "title")
        for term in elements
        if term["id"] in assessed and profile["score"]["elements"].get(term["id"]) is None
    ]
    return text("not_scored", elements=text.join(names)) if names else None


def _band_legend(text: ReportText) -> list[tuple[str, str, str]]:
    """(band, name, range) from the best band down, e.g. ("strong", "strong", "90 or more")."""
    legend = []
    for index, (band, floor) in enumerate(BANDS):
        limit = (
            text("band_range_at_least", score=f"{floor:g}")
            if floor
            else text("band_range_below", score=f"{BANDS[index - 1][1]:g}")
        )
        legend.append((band, text(f"band_{band}"), limit))
    return legend
