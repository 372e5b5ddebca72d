"""The assessment as plain data: the JSON contract every other format is built from.

Same input and date give the same data, in the same order, so the same bytes. The contract is versioned
(`format_version`) and described in docs/json.md with a JSON Schema (docs/schema/assessment.schema.json);
a change that removes or renames a field raises the version, an added field does not.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from checker import __version__, i18n
from checker.apply import Adjustment
from checker.bilingual import Lang
from checker.errors import cell, place
from checker.gate import Gate, known
from checker.notices import Notice
from checker.paths import format_path
from checker.pipeline import Assessment, BaselineOutcome, ProfileAssessment, WaiverOutcome
from checker.reference import ReferenceData
from checker.results import STATUS_ORDER, Applied, Result, Status
from checker.ruleset.checklist import ChecklistItem, checklist
from checker.ruleset.loading import RuleSet
from checker.ruleset.rule import Rule
from checker.ruleset.sources import SourceDoc, cite_place, place_in
from checker.score import Cap, Score
from checker.versions import FORMAT_VERSION, TOOL


def to_dict(assessment: Assessment) -> dict[str, Any]:
    ruleset = assessment.ruleset
    dates = {profile.as_of for profile in assessment.profiles}
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": TOOL, "version": __version__},
        "ruleset": {"version": ruleset.version, "rules": len(ruleset.rules), "packs": packs(ruleset)},
        "as_of": dates.pop().isoformat() if len(dates) == 1 else None,
        "profiles": [_profile(profile, ruleset) for profile in assessment.profiles],
        "score": score_dict(assessment.score),
        "summary": summary(assessment.results),
        "gate": gate_dict(assessment.gate),
        "selection": assessment.selection.to_dict() if assessment.selection else None,
        "waivers": waivers_dict(assessment.waivers) if assessment.waivers else None,
        "baseline": baseline_dict(assessment.baseline) if assessment.baseline else None,
        "results": [_marked(result, ruleset, assessment.baseline is not None) for result in assessment.results],
        "rules": [
            *(rule_dict(rule, ruleset) for rule in ruleset.rules),
            # A run narrowed by --select asks no checklist questions (checker.pipeline), so it describes none.
            *(checklist_dict(item, ruleset) for item in checklist(ruleset) if assessment.selection is None),
        ],
        "elements": [{"id": term.id, "title": term.title.en, "title_zh": term.title.zh} for term in ruleset.elements],
        "owners": [{"id": term.id, "title": term.title.en, "title_zh": term.title.zh} for term in ruleset.owners],
        "reference_data": reference_data(assessment.reference),
        "requirements": requirements(ruleset),
        "sources": documents(ruleset),
    }


def rule_dict(rule: Rule, ruleset: RuleSet) -> dict[str, Any]:
    """A rule as reports describe it (SARIF's rule descriptions, a reader's glossary): written once per run."""
    return {
        "id": rule.id,
        "pack": ruleset.pack_of[rule.id],
        "name": rule.name,
        "kind": "rule",
        "title": rule.title.en,
        "title_zh": rule.title.zh,
        "element": rule.element,
        "severity": rule.severity.value,
        "best_practice": rule.best_practice,
        "conduct": rule.conduct,
        "owner": rule.owner,
        "rationale": rule.rationale.en,
        "rationale_zh": rule.rationale.zh,
        **inferred(rule),
        "remediation": rule.remediation.en,
        "remediation_zh": rule.remediation.zh,
        "sources": sources(rule, ruleset),
    }


def checklist_dict(item: ChecklistItem, ruleset: RuleSet) -> dict[str, Any]:
    """A checklist item described as a rule is, so that every report places its result the same way."""
    head, tail, _ = _checklist_parts(ruleset, item)
    return {
        "id": item.id,
        "pack": head["pack"],
        "name": "checklist-" + item.id.lower().replace(".", "-"),
        "kind": "checklist",
        "title": head["title"],
        "title_zh": head["title_zh"],
        "element": item.element,
        "severity": item.severity.value,
        "best_practice": head["best_practice"],
        "conduct": False,
        "owner": item.owner,
        "question": item.question.en,
        "question_zh": item.question.zh,
        "rationale": item.requirement.summary.en,
        "rationale_zh": item.requirement.summary.zh,
        "inferred": None,
        "inferred_zh": None,
        "remediation": tail["remediation"],
        "remediation_zh": tail["remediation_zh"],
        "sources": tail["sources"],
    }


def _checklist_parts(ruleset: RuleSet, item: ChecklistItem) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    doc = ruleset.sources[item.framework]
    requirement = item.requirement
    place = (requirement.article, requirement.paragraph, requirement.item)
    head = {
        "rule_id": item.id,
        "pack": ruleset.packs[0].id if ruleset.packs else "",
        "title": requirement.summary.en,
        "title_zh": requirement.summary.zh,
        "element": item.element,
        "severity": item.severity.value,
        "best_practice": item.basis.value != "P",
        "conduct": False,
        "inferred": None,
        "inferred_zh": None,
    }
    source = {
        "doc": item.framework,
        "article": requirement.article,
        "paragraph": requirement.paragraph,
        "item": requirement.item,
        **cited(doc, *place),
        "basis": item.basis.value,
        "role": "requirement",
    }
    tail = {
        "sources": [source],
        "remediation": i18n.t("checklist_remediation", "text", "en"),
        "remediation_zh": i18n.t("checklist_remediation", "text", "zh"),
        "owner": item.owner,
    }
    return head, tail, {**tail, "remediation": None, "remediation_zh": None}


def packs(ruleset: RuleSet) -> list[dict[str, Any]]:
    return [
        {
            "id": pack.id,
            "title": pack.title_en,
            "title_zh": pack.title_zh,
            "version": pack.version,
            "prefix": pack.prefix,
            "builtin": pack.builtin,
        }
        for pack in ruleset.packs
    ]


def gate_dict(verdict: Gate) -> dict[str, Any]:
    return {
        "passed": verdict.passed,
        "fail_on": verdict.fail_on,
        "min_score": verdict.min_score,
        "soft_fail": verdict.soft_fail,
        "failures": verdict.failures,
        "errors": verdict.errors,
        "reasons": [
            {
                "kind": reason.kind,
                "count": reason.count,
                "message": reason.message(verdict, "en"),
                "message_zh": reason.message(verdict, "zh"),
            }
            for reason in verdict.reasons
        ],
    }


def waivers_dict(outcome: WaiverOutcome) -> dict[str, Any]:
    return {
        "file": outcome.files[0],
        "files": list(outcome.files),
        "applied": outcome.applied,
        "stale": [waiver.to_dict() for waiver in outcome.stale],
        "expired": [waiver.to_dict() for waiver in outcome.expired],
    }


def _fixed_entry(adjustment: Adjustment) -> dict[str, str]:
    """A failure of the baseline that is gone, as the baseline recorded it."""
    details = dict(adjustment.details)
    return {
        "rule_id": adjustment.rule_id,
        "subject_path": details.get("subject_path", ""),
        "fingerprint": adjustment.fingerprint or "",
        "title": details.get("title", ""),
    }


def baseline_dict(outcome: BaselineOutcome) -> dict[str, Any]:
    return {
        "file": outcome.file,
        "new": outcome.new,
        "unchanged": outcome.unchanged,
        "fixed": [_fixed_entry(adjustment) for adjustment in outcome.fixed],
    }


def _marked(result: Result, ruleset: RuleSet, with_baseline: bool) -> dict[str, Any]:
    """A result, and with a baseline, whether a failure is new or was in it already."""
    out = result_dict(result, ruleset)
    if with_baseline and result.status == Status.failed:
        out["baseline"] = "unchanged" if known(result) else "new"
    return out


def reference_data(reference: ReferenceData) -> list[dict[str, Any]]:
    # What a report records of a dataset: everything but its entries, which are counted.
    return [
        {
            "name": dataset.name,
            "kind": dataset.kind,
            "list": dataset.list.value,
            "version": dataset.version,
            "as_of": dataset.as_of.isoformat(),
            "source": dataset.source,
            "basis": dataset.basis,
            "note": dataset.note,
            "entries": len(dataset.entries),
        }
        for dataset in reference.datasets
    ]


def documents(ruleset: RuleSet) -> list[dict[str, Any]]:
    """The source registry: every document a rule or catalogue can cite."""
    return [
        {
            "id": doc.id,
            "short": doc.short.en,
            "short_zh": doc.short.zh,
            "title": doc.title.en,
            "title_zh": doc.title.zh,
            "issuer": doc.issuer.en,
            "issuer_zh": doc.issuer.zh,
            "instrument": doc.instrument.en if doc.instrument else None,
            "instrument_zh": doc.instrument.zh if doc.instrument else None,
            "issued": doc.issued.isoformat() if doc.issued else None,
            "in_force_from": doc.in_force_from.isoformat(),
            "in_force_until": doc.in_force_until.isoformat() if doc.in_force_until else None,
            "status": doc.status.value,
            "binding": doc.binding.value,
            "note": doc.note.en if doc.note else None,
            "note_zh": doc.note.zh if doc.note else None,
            "basis": doc.basis.value if doc.basis else None,
            "history": [
                {
                    "kind": change.kind.value,
                    "from": change.start.isoformat(),
                    "to": change.to.isoformat() if change.to else None,
                    "part": change.part.en if change.part else None,
                    "part_zh": change.part.zh if change.part else None,
                    "by": change.by,
                    "basis": change.basis.value,
                    "note": change.note.en if change.note else None,
                    "note_zh": change.note.zh if change.note else None,
                }
                for change in doc.history
            ],
        }
        for doc in ruleset.sources.values()
    ]


def cited(doc: SourceDoc, article: str | None, paragraph: int | None, item: int | None) -> dict[str, str | None]:
    """A place in a document as every report cites it: in full and as the place alone, in both languages."""
    return {
        "citation": cite_place(doc, article, paragraph, item, "en"),
        "citation_zh": cite_place(doc, article, paragraph, item, "zh"),
        "place": place_in(doc, article, paragraph, item, "en"),
        "place_zh": place_in(doc, article, paragraph, item, "zh"),
    }


def requirements(ruleset: RuleSet) -> list[dict[str, Any]]:
    """Every requirement of every catalogue, with how it is checked."""
    out = []
    for catalogue in ruleset.catalogues:
        doc = ruleset.sources[catalogue.framework]
        for requirement in catalogue.requirements:
            place = (requirement.article, requirement.paragraph, requirement.item)
            out.append(
                {
                    "id": requirement.id,
                    "framework": catalogue.framework,
                    "article": requirement.article,
                    "paragraph": requirement.paragraph,
                    **cited(doc, *place),
                    "title": requirement.summary.en,
                    "title_zh": requirement.summary.zh,
                    "kind": requirement.kind.value,
                    "basis": requirement.basis.value,
                    "rules": list(requirement.rules),
                    "manual": requirement.manual,
                    "question": requirement.question.en if requirement.question else None,
                    "question_zh": requirement.question.zh if requirement.question else None,
                }
            )
    return out


def coverage(results: tuple[Result, ...], ruleset: RuleSet) -> dict[str, str]:
    """Each requirement's status for one profile: manual, or derived from the results of its rules."""
    by_rule: dict[str, set[Status]] = {}
    for result in results:
        by_rule.setdefault(result.rule_id, set()).add(result.status)
    out = {}
    for catalogue in ruleset.catalogues:
        for requirement in catalogue.requirements:
            if requirement.manual:  # a checklist item: its own result's status, answered or not
                asked = by_rule.get(requirement.id, {Status.manual})
                out[requirement.id] = next(status.value for status in STATUS_ORDER if status in asked)
                continue
            statuses = set().union(*(by_rule.get(rule_id, set()) for rule_id in requirement.rules))
            if statuses & {Status.failed, Status.error}:
                out[requirement.id] = "fail"
            elif Status.passed in statuses:
                out[requirement.id] = "pass"
            elif Status.manual in statuses:
                out[requirement.id] = "manual"
            else:
                out[requirement.id] = "not_applicable"
    return out


def _profile(profile: ProfileAssessment, ruleset: RuleSet) -> dict[str, Any]:
    band = profile.score.rating
    return {
        "index": profile.index,
        "identity": profile.identity,
        "source": profile.source,
        "files": list(profile.files),
        "company": {"name": profile.company, "name_zh": profile.company_zh},
        "prepared_by": profile.prepared_by,
        "as_of": profile.as_of.isoformat(),
        "score": score_dict(profile.score),
        "rating": {"band": band.band, "capped": band.capped},
        "summary": summary(profile.results),
        "coverage": coverage(profile.results, ruleset),
        "notices": [notice_dict(notice) for notice in profile.notices],
        "evidence": [document.to_dict() for document in profile.documents],
    }


def notice_dict(notice: Notice) -> dict[str, Any]:
    return {"kind": notice.kind, "en": notice.en, "zh": notice.zh, "refs": list(notice.refs)}


def score_dict(score: Score) -> dict[str, Any]:
    return {
        "overall": _round(score.overall),
        "uncapped": _round(score.uncapped),
        "cap": cap_dict(score.cap) if score.cap else None,
        "elements": {element: _round(value) for element, value in score.elements.items()},
    }


def cap_dict(cap: Cap) -> dict[str, Any]:
    """Why the overall score is lower than the formula gives, in words every report can show as they stand."""
    return {
        "ceiling": cap.ceiling,
        "failures": cap.failures,
        "rules": list(cap.rules),
        "message": cap_message(cap, "en"),
        "message_zh": cap_message(cap, "zh"),
    }


def cap_message(cap: Cap, lang: Lang) -> str:
    return i18n.t(
        "text",
        "score_capped_one" if cap.failures == 1 else "score_capped_many",
        lang,
        ceiling=f"{cap.ceiling:g}",
        count=cap.failures,
        rules=i18n.t("report", "list_separator", lang).join(cap.rules),
        uncapped=f"{cap.uncapped:.1f}",
    )


def summary(results: tuple[Result, ...]) -> dict[str, int]:
    """Results by status; a result summing up the passes (or exclusions) of records counts for each of them."""
    counts = {status.value: 0 for status in STATUS_ORDER}
    for result in results:
        counts[result.status.value] += result.count
    return counts


def result_dict(result: Result, ruleset: RuleSet) -> dict[str, Any]:
    location = None
    if result.location is not None:
        where = result.location
        location = {
            "file": where.file,
            "line": where.line,
            "column": where.column,
            "path": format_path(result.path),
            "sheet": where.sheet or None,
            "cell": cell(where.line, where.column, where.sheet) if where.sheet is not None else None,
            "where": place(where.file, where.line, where.column, where.sheet),
        }
    head, tail, quiet = _rule_parts(ruleset, result.rule_id)
    return {
        **head,
        "status": result.status.value,
        "subject": result.subject,
        "message": result.message_en,
        "message_zh": result.message_zh,
        "location": location,
        "profile": result.profile,
        "subject_path": result.subject_path,
        "fingerprint": result.fingerprint,
        "adjustments": [_applied(applied) for applied in result.applied],
        **(quiet if result.status in _NOTHING_TO_FIX else tail),
        "count": result.count,
        "records": list(result.records) if result.records else None,
    }


def _applied(applied: Applied) -> dict[str, Any]:
    return {
        "kind": applied.kind,
        "reason": applied.reason,
        "source": applied.source,
        "previous_status": applied.previous.value,
        "details": dict(applied.details),
    }


# A pass or an exclusion has nothing to remediate; leaving the text out keeps a large ledger's JSON in bounds.
_NOTHING_TO_FIX = {Status.passed, Status.not_applicable}


@cache
def _rule_parts(ruleset: RuleSet, rule_id: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """What every result of a rule shares, before and after the result's own fields (computed once)."""
    rule = ruleset.get(rule_id)
    if rule is None:
        item = next(item for item in checklist(ruleset) if item.id == rule_id)
        return _checklist_parts(ruleset, item)
    head = {
        "rule_id": rule.id,
        "pack": ruleset.pack_of[rule.id],
        "title": rule.title.en,
        "title_zh": rule.title.zh,
        "element": rule.element,
        "severity": rule.severity.value,
        "best_practice": rule.best_practice,
        "conduct": rule.conduct,
        **inferred(rule),
    }
    tail = {
        "sources": sources(rule, ruleset),
        "remediation": rule.remediation.en,
        "remediation_zh": rule.remediation.zh,
        "owner": rule.owner,
    }
    quiet = {**tail, "remediation": None, "remediation_zh": None}
    return head, tail, quiet


def inferred(rule: Rule) -> dict[str, str | None]:
    """What the rule reads into its sources beyond what they say, in both languages; null when nothing."""
    note = rule.inferred
    return {"inferred": note.en if note else None, "inferred_zh": note.zh if note else None}


def sources(rule: Rule, ruleset: RuleSet) -> list[dict[str, Any]]:
    """A rule's citations; titles, dates and status are in the registry (`documents`), once."""
    out = []
    for citation in rule.sources:
        doc = ruleset.sources[citation.doc]
        out.append(
            {
                "doc": citation.doc,
                "article": citation.article,
                "paragraph": citation.paragraph,
                "item": citation.item,
                **cited(doc, citation.article, citation.paragraph, citation.item),
                "basis": citation.basis.value,
                "role": citation.role.value,
            }
        )
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
