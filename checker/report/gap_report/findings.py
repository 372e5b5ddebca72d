"""Section 2 of the report: one section per element, its failures in full, then passes and exclusions in short."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from checker.languages import Lang
from checker.paths import parse_path
from checker.profile import labels
from checker.report.gap_report.citations import spelled_out
from checker.report.gap_report.language import ReportText, score_text
from checker.report.gap_report.plan import owner_of, plan_note, plan_order, target_of
from checker.report.safe_text import visible

SHOWN_IN_FULL = ("fail", "error", "manual", "waived")
SYSTEMIC_FROM = 3  # a rule with this many results of one status in full or more is a systemic gap, shown once
RECORDS_SHOWN = 10  # the records a systemic gap lists in its finding; the appendix lists them all
SUBJECTS_SHOWN = 10  # the subjects (or reasons) a rule's passes or exclusions name; the others are counted


@dataclass(frozen=True)
class Heading:
    anchor: str
    number: str
    title: str
    level: int


@dataclass(frozen=True)
class Record:
    """One record a systemic gap was found on."""

    subject: str
    where: str  # its line, or file and line when a gap's records are in several files
    detail: str  # what was found on it


@dataclass(frozen=True)
class Finding:
    """A failure, rule error, manual-check or waived result, shown in full; or all of a rule's results of one
    status on many records (a systemic gap), shown once with the records they were found on."""

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
    records: tuple[Record, ...] = ()  # a systemic gap's records, every one; empty for a single result
    records_file: str | None = None  # the file all of a systemic gap's records are in, if they are in one
    checklist_item: bool = False  # a question of the checklist, answered there (or in an attestations file)
    answer_expired: bool = False  # a checklist answer that ran out before the assessment date (`message` says so)
    overdue: bool = False  # the plan's target date is before the assessment date
    plan_note: str | None = None  # the plan's status and note

    @property
    def shown_records(self) -> tuple[Record, ...]:
        return self.records[:RECORDS_SHOWN]


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
    id() of its result (a systemic gap under each of its results)."""
    registry = {doc["id"]: doc for doc in data["sources"]}
    owners = {owner["id"]: text.field(owner, "title") for owner in data["owners"]}
    packs = {
        pack["id"]: f"{text.field(pack, 'title')} ({pack['id']} {pack['version']})"
        for pack in data["ruleset"]["packs"]
        if not pack["builtin"]
    }
    sections: list[ElementSection] = []
    shown: dict[int, Finding] = {}
    made = 0  # findings so far, which number their anchors
    by_element: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for result in results:
        by_element.setdefault(result["element"], {}).setdefault(result["status"], []).append(result)
    for term in data["elements"]:
        element = term["id"]
        mine = by_element.get(element)
        if not mine:
            continue
        number = f"2.{len(sections) + 1}"
        full: dict[str, list[Finding]] = {status: [] for status in SHOWN_IN_FULL}
        for together in _systemic([result for status in full for result in plan_order(mine.get(status, []))]):
            result = visible(together[0])  # made safe to show; see `view`
            finding = replace(
                _finding(result, text, as_of, registry, owners, f"finding-{made + 1}", number),
                pack=packs.get(result["pack"]),
            )
            if len(together) > 1:
                finding = _systemic_finding(finding, together, text)
            for each in together:
                shown[id(each)] = finding  # by the result as given, as `view` looks it up
            full[result["status"]].append(finding)
            made += 1
        score = scores.get(element)
        sections.append(
            ElementSection(
                Heading(f"element-{element}", number, text.field(term, "title"), 2),
                text("element_score", score=score_text(score)) if score is not None else text("element_not_scored"),
                failures=tuple(full["fail"]),
                errors=tuple(full["error"]),
                manual=tuple(full["manual"]),
                waived=tuple(full["waived"]),
                passes=_groups(mine.get("pass", []), text, _subjects),
                not_applicable=_groups(mine.get("not_applicable", []), text, _reasons),
            )
        )
    return sections, shown


def _systemic(results: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The results in their order, one list each, except that a rule's results of one status on
    SYSTEMIC_FROM or more records go together, where the first of them stands."""
    by_rule: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for result in results:
        by_rule.setdefault((result["rule_id"], result["status"]), []).append(result)
    out: list[list[dict[str, Any]]] = []
    for result in results:
        together = by_rule[(result["rule_id"], result["status"])]
        if len(together) < SYSTEMIC_FROM:
            out.append([result])
        elif together[0] is result:
            out.append(together)
    return out


def _systemic_finding(first: Finding, results: list[dict[str, Any]], text: ReportText) -> Finding:
    files = {result["location"]["file"] if result["location"] else None for result in results}
    one_file = next(iter(files)) if len(files) == 1 else None
    records = tuple(
        Record(
            visible(result["subject"] or _field(result["location"], text.lang) or "—"),
            _where(result["location"], one_file is not None, text),
            visible(text.field(result, "message")),
        )
        for result in results
    )
    return replace(
        first,
        message=text("systemic_found", count=f"{len(records):,}", example=first.message),
        location=None,
        path=None,
        tracked_as=text("record_count", count=f"{len(records):,}"),
        records=records,
        records_file=visible(one_file),
    )


def _where(location: dict[str, Any] | None, line_only: bool, text: ReportText) -> str:
    """Where a record is: its line (a cell of a sheet: the cell) when the gap's records are all in one file,
    else the file too."""
    if not location:
        return "—"
    if location.get("cell"):
        return visible(str(location["cell"] if line_only else location["where"]))
    if line_only:
        return text("record_line", line=location["line"])
    return visible(f"{location['file']}:{location['line']}")


def _finding(
    result: dict[str, Any], text: ReportText, as_of: date, registry, owners: dict[str, str], anchor: str, section: str
) -> Finding:
    location = result["location"]
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
        tracked_as=result["subject"] or _field(location, text.lang),
        citations=tuple(spelled_out(cited, registry, text.lang, [source["basis"] for source in result["sources"]])),
        inferred=text.field(result, "inferred") or None,
        remediation=text.field(result, "remediation"),
        owner=owner_of(result, owners, text),
        target=target_of(result, as_of) if result["status"] == "fail" else None,
        overdue=bool(result.get("plan", {}).get("overdue")),
        plan_note=plan_note(result, text),
        best_practice=bool(result["best_practice"]),
        anchor=anchor,
        section=section,
        waivers=tuple(
            _waiver(adjustment, text) for adjustment in result["adjustments"] if adjustment["kind"] in _WAIVERS
        ),
        checklist_item=(result.get("subject_path") or "").startswith("checklist["),
        answer_expired=any(adjustment["kind"] == "answer_expired" for adjustment in result["adjustments"]),
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
    """One entry per rule, in the rule set's order, its text made safe to show (`view` leaves it as given)."""
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        by_rule.setdefault(result["rule_id"], []).append(result)
    return tuple(
        RuleGroup(
            rule_id,
            visible(text.field(mine[0], "title")),
            visible(lines(mine, text)),
            sum(result.get("count", 1) for result in mine),
        )
        for rule_id, mine in by_rule.items()
    )


def _subjects(results: list[dict[str, Any]], text: ReportText) -> tuple[str, ...]:
    # A result summing up a rule's passes on records names them in `records`.
    subjects = [subject for result in results for subject in result.get("records") or [result["subject"]] if subject]
    return tuple(_named(subjects, text))


def _named(subjects: list[str], text: ReportText) -> list[str]:
    """The first SUBJECTS_SHOWN subjects, and how many more there are: a ledger's passes are counted, not
    listed."""
    if len(subjects) <= SUBJECTS_SHOWN:
        return subjects
    return [*subjects[:SUBJECTS_SHOWN], text("more_subjects", count=f"{len(subjects) - SUBJECTS_SHOWN:,}")]


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
    lines = [
        f"{text.join(_named(subjects, text))}{colon}{reason}" if subjects else reason
        for reason, subjects in list(subjects_by_reason.items())[:SUBJECTS_SHOWN]
    ]
    if len(subjects_by_reason) > SUBJECTS_SHOWN:
        lines.append(text("more_reasons", count=f"{len(subjects_by_reason) - SUBJECTS_SHOWN:,}"))
    return tuple(lines)


def _place(location: dict[str, Any] | None) -> str | None:
    if not location:
        return None
    return str(location["where"]) if location.get("cell") else f"{location['file']}:{location['line']}"


def _field(location: dict[str, Any] | None, lang: Lang) -> str | None:
    """The label of the field a failure is at ("red-flag checklist" for `…red_flags.checklist`); the path
    itself is shown in the location line."""
    if not location or not location["path"]:
        return None
    try:
        return labels.field(parse_path(location["path"]), lang)
    except ValueError:  # not a profile path (a result on the profile as a whole)
        return None
