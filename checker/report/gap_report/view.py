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
from checker.report.gap_report.appendices import checklist, coverage, source
from checker.report.gap_report.chart import Chart, score_chart
from checker.report.gap_report.findings import ElementSection, Finding, Heading, element_sections
from checker.report.gap_report.language import ReportText, score_text
from checker.report.gap_report.plan import TARGET_DAYS, plan_order
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
    headings = _headings(sections, text, any(finding.records for finding in shown.values()))
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
        "chart": _chart(profile, data["elements"], text),
        "not_scored": _not_scored(profile, data["elements"], results, text),
        "status_counts": [(status.value, profile["summary"][status.value]) for status in STATUS_ORDER],
        "severity_counts": [
            (severity, sum(result["severity"] == severity for result in failures)) for severity in SEVERITIES
        ],
        "failure_count": len(failures),
        "change": _change(data.get("baseline")),
        "error_count": profile["summary"]["error"],
        "top_gaps": plan[:TOP_GAPS],
        "gap_count": len(plan),
        "elements": sections,
        "plan": plan,
        "systemic": [finding for finding in _distinct(shown.values()) if finding.records],
        "plan_intro": text(
            "plan_intro", as_of=profile["as_of"], **{severity: days for severity, days in TARGET_DAYS.items() if days}
        ),
        "checklist": checklist(data["requirements"], text, registry),
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


def _change(baseline: dict[str, Any] | None) -> dict[str, Any] | None:
    """The counts of the "Change since the previous assessment" box, from the --baseline comparison."""
    if not baseline:
        return None
    return {
        "change_fixed": len(baseline["fixed"]),
        "change_new": baseline["new"],
        "change_unchanged": baseline["unchanged"],
        "file": baseline["file"],
    }


def _headings(sections: list[ElementSection], text: ReportText, systemic: bool) -> list[Heading]:
    """Every heading the contents list, in order; the appendices are lettered in their titles."""
    return [
        Heading("summary", "1", text("summary"), 1),
        Heading("findings", "2", text("findings"), 1),
        *(section.heading for section in sections),
        Heading("plan", "3", text("plan"), 1),
        Heading("checklist", "4", text("checklist"), 1),
        Heading("coverage", "", text("coverage"), 1),
        Heading("sources", "", text("sources"), 1),
        *([Heading("records", "", text("records"), 1)] if systemic else []),
    ]


def _distinct(findings: Iterable[Finding]) -> list[Finding]:
    """Each finding once, in order: a systemic gap stands for many results."""
    return list({id(finding): finding for finding in findings}.values())


def _person(person: dict[str, Any] | None, text: ReportText) -> str | None:
    if not person:
        return None
    if text.lang == "zh":  # the Chinese form where the profile gives one, else the name as written
        parts = (person.get("name_zh") or person["name"], person.get("title_zh") or person.get("title"))
    else:
        parts = (person["name"], person.get("title"))
    return text.join([part for part in parts if part])


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
