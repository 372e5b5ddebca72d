"""Section 2 of the report: one section per element, its failures in full, then passes and exclusions in short."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from checker.report.gap_report.citations import spelled_out
from checker.report.gap_report.language import ReportText, score_text
from checker.report.gap_report.plan import plan_order, target_date

SHOWN_IN_FULL = ("fail", "error", "manual", "waived")


@dataclass(frozen=True)
class Heading:
    anchor: str
    number: str
    title: str
    level: int


@dataclass(frozen=True)
class Finding:
    """A failure, rule error, manual-check or waived result, shown in full."""

    rule_id: str
    title: str
    status: str
    severity: str
    subject: str | None
    message: str
    location: str | None  # file:line, or file:Sheet!C17 for a cell of a sheet
    path: str | None
    tracked_as: str | None  # what tells this failure apart from others of its rule: subject, else the field
    citations: tuple[str, ...]
    remediation: str
    owner: str
    target: str | None
    best_practice: bool
    inferred: str | None  # what the rule reads into its sources beyond what they say
    anchor: str  # where the remediation plan links to
    section: str  # the element section's number, e.g. "2.7"
    pack: str | None = None  # the rule pack the rule comes from, when it is not the built-in one
    waivers: tuple[str, ...] = ()  # the waiver that holds (a waived result) or ran out (a failure), in words


@dataclass(frozen=True)
class RuleGroup:
    """Passes or not-applicable results of one rule, listed compactly."""

    rule_id: str
    title: str
    lines: tuple[str, ...]  # subjects (passes) or reasons (not applicable)
    count: int  # results, as the summary counts them


@dataclass(frozen=True)
class ElementSection:
    heading: Heading
    score: str
    failures: tuple[Finding, ...]
    errors: tuple[Finding, ...]
    manual: tuple[Finding, ...]
    waived: tuple[Finding, ...]
    passes: tuple[RuleGroup, ...]
    not_applicable: tuple[RuleGroup, ...]


def element_sections(
    data: dict[str, Any], results: list[dict[str, Any]], scores: dict[str, float | None], text: ReportText, as_of: date
) -> tuple[list[ElementSection], dict[int, Finding]]:
    """The sections of the elements that have results, in the rule set's element order, and every finding by
    id() of its result."""
    registry = {doc["id"]: doc for doc in data["sources"]}
    owners = {owner["id"]: text.field(owner, "title") for owner in data["owners"]}
    packs = {
        pack["id"]: f"{text.field(pack, 'title')} ({pack['id']} {pack['version']})"
        for pack in data["ruleset"]["packs"]
        if not pack["builtin"]
    }
    sections: list[ElementSection] = []
    shown: dict[int, Finding] = {}
    for term in data["elements"]:
        element = term["id"]
        mine = [result for result in results if result["element"] == element]
        if not mine:
            continue
        number = f"2.{len(sections) + 1}"
        full: dict[str, list[Finding]] = {status: [] for status in SHOWN_IN_FULL}
        for result in plan_order([result for result in mine if result["status"] in full]):
            finding = replace(
                _finding(result, text, as_of, registry, owners, f"finding-{len(shown) + 1}", number),
                pack=packs.get(result["pack"]),
            )
            shown[id(result)] = finding
            full[result["status"]].append(finding)
        score = scores.get(element)
        sections.append(
            ElementSection(
                Heading(f"element-{element}", number, text.field(term, "title"), 2),
                text("element_score", score=score_text(score)) if score is not None else text("element_not_scored"),
                failures=tuple(full["fail"]),
                errors=tuple(full["error"]),
                manual=tuple(full["manual"]),
                waived=tuple(full["waived"]),
                passes=_groups([result for result in mine if result["status"] == "pass"], text, _subjects),
                not_applicable=_groups(
                    [result for result in mine if result["status"] == "not_applicable"], text, _reasons
                ),
            )
        )
    return sections, shown


def _finding(
    result: dict[str, Any], text: ReportText, as_of: date, registry, owners: dict[str, str], anchor: str, section: str
) -> Finding:
    location = result["location"]
    due = target_date(as_of, result["severity"]) if result["status"] == "fail" else None
    cited = [(source["doc"], text.field(source, "place") or None) for source in result["sources"]]
    return Finding(
        rule_id=result["rule_id"],
        title=text.field(result, "title"),
        status=result["status"],
        severity=result["severity"],
        subject=result["subject"],
        message=text.field(result, "message"),
        location=_place(location),
        path=location["path"] if location and location["path"] else None,
        tracked_as=result["subject"] or _field(location),
        citations=tuple(spelled_out(cited, registry, text.lang, [source["basis"] for source in result["sources"]])),
        inferred=text.field(result, "inferred") or None,
        remediation=text.field(result, "remediation"),
        owner=owners.get(result["owner"], result["owner"]),
        target=due.isoformat() if due else None,
        best_practice=bool(result["best_practice"]),
        anchor=anchor,
        section=section,
        waivers=tuple(
            _waiver(adjustment, text) for adjustment in result["adjustments"] if adjustment["kind"] in _WAIVERS
        ),
    )


_WAIVERS = {"waiver": "waiver_text", "waiver_expired": "waiver_expired"}


def _waiver(adjustment: dict[str, Any], text: ReportText) -> str:
    details = adjustment["details"]
    return text(
        _WAIVERS[adjustment["kind"]],
        justification=details.get("justification", adjustment["reason"]),
        approver=details.get("approved_by", ""),
        expires=details.get("expires", ""),
        source=adjustment["source"],
    )


def _groups(results: list[dict[str, Any]], text: ReportText, lines) -> tuple[RuleGroup, ...]:
    """One entry per rule, in the rule set's order."""
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        by_rule.setdefault(result["rule_id"], []).append(result)
    return tuple(
        RuleGroup(rule_id, text.field(mine[0], "title"), lines(mine, text), sum(r.get("count", 1) for r in mine))
        for rule_id, mine in by_rule.items()
    )


def _subjects(results: list[dict[str, Any]], text: ReportText) -> tuple[str, ...]:
    # A result summing up a rule's passes on records names them in `records`.
    return tuple(subject for result in results for subject in result.get("records") or [result["subject"]] if subject)


def _reasons(results: list[dict[str, Any]], text: ReportText) -> tuple[str, ...]:
    """Each reason once, with the subjects it holds for: "E-2026-047, E-2026-052: names no licence."

    A per-record message starts with its subject; what follows is the reason.
    """
    subjects_by_reason: dict[str, list[str]] = {}
    for result in results:
        message, subject = text.field(result, "message"), result["subject"]
        if subject and message.startswith(subject):
            subjects_by_reason.setdefault(message[len(subject) :].lstrip(":： "), []).append(subject)
        else:
            subjects_by_reason.setdefault(message, [])
    colon = ": " if text.lang == "en" else "："
    return tuple(
        f"{text.join(subjects)}{colon}{reason}" if subjects else reason
        for reason, subjects in subjects_by_reason.items()
    )


def _place(location: dict[str, Any] | None) -> str | None:
    if not location:
        return None
    return str(location["where"]) if location.get("cell") else f"{location['file']}:{location['line']}"


def _field(location: dict[str, Any] | None) -> str | None:
    """The field a failure is at, the last step of its path: `checklist` of `…red_flags.checklist`."""
    if not location or not location["path"]:
        return None
    return location["path"].rsplit(".", 1)[-1]
