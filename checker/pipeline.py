"""One assessment, stage after stage: evaluate → apply → score → gate, for every profile of a run.

    loaded profiles, selected rules, reference data, date ──evaluate──▶ results
    results, adjustments (baseline marks, answers, waivers) ──apply──▶ adjusted results, unused adjustments
    adjusted results ──score──▶ scores and rating bands       ──gate──▶ verdict

Reading and validating come before (`checker.validate`, and `checker.waivers`, `checker.baseline` and
`checker.selection` for what the command line adds); serialising and reporting after (`checker.report`).
Nothing here reads a file, prints or decides an exit code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from checker.apply import EXPIRED, Adjustment, apply
from checker.evaluate.checklist import checklist_results
from checker.evaluate.dates import assessment_date
from checker.evaluate.engine import evaluate
from checker.evaluate.identity import profile_identity
from checker.evaluate.notices import date_notices
from checker.gate import Gate, gate, known
from checker.lists.staleness import stale_lists
from checker.notices import Notice
from checker.profile.documents import Document
from checker.reference import NO_REFERENCE_DATA, ReferenceData
from checker.results import Result, Status
from checker.ruleset.checklist import checklist
from checker.ruleset.loading import RuleSet
from checker.scope import out_of_scope
from checker.score import Score, Weights, score
from checker.validate import LoadedProfile

if TYPE_CHECKING:  # only a run given a baseline, a selection or waivers loads their readers
    from checker.baseline import Baseline
    from checker.selection import Selection
    from checker.waivers import Waiver, WaiverFile


@dataclass(frozen=True)
class ProfileAssessment:
    index: int
    source: str
    files: tuple[str, ...]
    identity: str
    company: str
    company_zh: str | None
    prepared_by: dict[str, Any] | None
    as_of: date
    results: tuple[Result, ...]
    score: Score
    notices: tuple[Notice, ...] = ()  # what the reader must know beside the findings (checker.notices)
    documents: tuple[Document, ...] = ()  # the evidence files it names, as found when it was read


@dataclass(frozen=True)
class Assessment:
    ruleset: RuleSet
    reference: ReferenceData
    profiles: tuple[ProfileAssessment, ...]
    results: tuple[Result, ...]
    score: Score
    gate: Gate
    unused: tuple[Adjustment, ...]  # adjustments of evaluated rules that matched no result
    selection: Selection | None = None
    waivers: WaiverOutcome | None = None
    baseline: BaselineOutcome | None = None


@dataclass(frozen=True)
class WaiverOutcome:
    files: tuple[str, ...]
    applied: int  # results waived
    stale: tuple[Waiver, ...]  # matched no result of an evaluated rule
    expired: tuple[Waiver, ...]  # matched a failure, but ran out before its assessment date


@dataclass(frozen=True)
class BaselineOutcome:
    file: str
    new: int  # failures not in the baseline
    unchanged: int  # failures in the baseline too
    fixed: tuple[Adjustment, ...]  # failures of the baseline, of rules evaluated now, that are gone


def assess(
    profiles: Sequence[LoadedProfile],
    ruleset: RuleSet,
    *,
    as_of: date | None,
    today: date,
    reference: ReferenceData = NO_REFERENCE_DATA,
    adjustments: Sequence[Adjustment] = (),
    waivers: Sequence[WaiverFile] = (),
    baseline: Baseline | None = None,
    selection: Selection | None = None,
    fail_on: str = "high",
    min_score: float | None = None,
    soft_fail: bool = False,
    all_results: bool = False,  # every pass and exclusion on records a result of its own, not summed up per rule
) -> Assessment:
    items = checklist(ruleset)
    weights = Weights(
        {
            **{rule.id: (rule.element, rule.severity) for rule in ruleset.rules},
            **{item.id: (item.element, item.severity) for item in items},
        },
        tuple(term.id for term in ruleset.elements),
    )
    days = [assessment_date(loaded, ruleset, as_of, today) for loaded in profiles]
    evaluated_rules = ruleset
    if selection is not None:
        chosen = set(selection.rules)
        evaluated_rules = replace(ruleset, rules=tuple(rule for rule in ruleset.rules if rule.id in chosen))
    evaluated = [
        result
        for index, (loaded, day) in enumerate(zip(profiles, days, strict=True))
        for result in evaluate(loaded, evaluated_rules, day, index, reference, aggregate=not all_results)
    ]
    if selection is None:  # a run narrowed to some rules is not asked the checklist's questions
        evaluated += [
            result
            for index, (loaded, day) in enumerate(zip(profiles, days, strict=True))
            for result in checklist_results(loaded, ruleset, day, index)
        ]
    # Baseline marks first, so that a failure waived now still counts as known, not fixed; waivers last.
    waiving = [adjustment for file in waivers for adjustment in file.adjustments()]
    every = [*(baseline.adjustments if baseline else ()), *adjustments, *waiving]
    adjusted, unused = apply(evaluated, every, days)
    ran = {rule.id for rule in evaluated_rules.rules}
    unused = tuple(adjustment for adjustment in unused if adjustment.rule_id in ran)
    by_profile: list[list[Result]] = [[] for _ in profiles]
    for result in adjusted:
        by_profile[result.profile].append(result)
    assessed = tuple(
        replace(
            _profile(index, loaded, day, tuple(results), weights),
            notices=(
                *date_notices(loaded, evaluated_rules, day),
                *(stale_lists(reference, day) if loaded.data.get("parties") else ()),
                *out_of_scope(loaded.data, day),
            ),
        )
        for index, (loaded, day, results) in enumerate(zip(profiles, days, by_profile, strict=True))
    )
    verdict = gate(
        adjusted,
        {**{rule.id: rule.severity for rule in ruleset.rules}, **{item.id: item.severity for item in items}},
        fail_on,
        scores=[profile.score.overall for profile in assessed],
        min_score=min_score,
        soft_fail=soft_fail,
        baseline=baseline is not None,
    )
    return Assessment(
        ruleset,
        reference,
        assessed,
        adjusted,
        score(adjusted, weights),
        verdict,
        unused,
        selection,
        _waiver_outcome(waivers, adjusted, unused) if waivers else None,
        _baseline_outcome(baseline, adjusted, unused) if baseline else None,
    )


def _waiver_outcome(
    files: Sequence[WaiverFile], adjusted: Sequence[Result], unused: Sequence[Adjustment]
) -> WaiverOutcome:
    stale = {id(adjustment) for adjustment in unused}
    expired_at = {
        applied.source for result in adjusted for applied in result.applied if applied.kind == "waiver" + EXPIRED
    }
    every = [waiver for file in files for waiver in file.waivers]
    return WaiverOutcome(
        tuple(file.path for file in files),
        sum(result.status == Status.waived for result in adjusted),
        tuple(waiver for waiver in every if id(waiver.adjustment) in stale),
        tuple(waiver for waiver in every if waiver.adjustment.source in expired_at),
    )


def _baseline_outcome(baseline: Baseline, adjusted: Sequence[Result], unused: Sequence[Adjustment]) -> BaselineOutcome:
    failures = [result for result in adjusted if result.status == Status.failed]
    unchanged = sum(known(result) for result in failures)
    fixed = tuple(adjustment for adjustment in unused if adjustment.kind == "baseline")
    return BaselineOutcome(baseline.path, len(failures) - unchanged, unchanged, fixed)


def _profile(
    index: int, loaded: LoadedProfile, day: date, results: tuple[Result, ...], weights: Weights
) -> ProfileAssessment:
    company = loaded.profile.company
    person = loaded.profile.assessment.prepared_by if loaded.profile.assessment else None
    prepared_by = (
        {"name": person.name, "title": person.title, "name_zh": person.name_zh, "title_zh": person.title_zh}
        if person
        else None
    )
    return ProfileAssessment(
        index,
        loaded.source,
        loaded.files,
        profile_identity(loaded.data["company"]),
        company.name,
        company.name_zh,
        prepared_by,
        day,
        results,
        score(results, weights),
        documents=loaded.documents,
    )
