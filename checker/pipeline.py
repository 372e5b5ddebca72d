"""One assessment, stage after stage: evaluate → apply → score → gate, for every profile of a run.

    loaded profiles, rule set, reference data, date ──evaluate──▶ results
    results, adjustments (waivers, baseline, answers) ──apply──▶ adjusted results, unused adjustments
    adjusted results ──score──▶ scores and rating bands       ──gate──▶ verdict

Reading and validating come before (`checker.validate`); serialising and reporting after (`checker.report`).
Nothing here reads a file, prints or decides an exit code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker.apply import Adjustment, apply
from checker.evaluate.dates import assessment_date
from checker.evaluate.engine import evaluate
from checker.evaluate.identity import profile_identity
from checker.gate import Gate, gate
from checker.reference import NO_REFERENCE_DATA, ReferenceData
from checker.results import Result
from checker.ruleset.loading import RuleSet
from checker.score import Score, Weights, score
from checker.validate import LoadedProfile


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


@dataclass(frozen=True)
class Assessment:
    ruleset: RuleSet
    reference: ReferenceData
    profiles: tuple[ProfileAssessment, ...]
    results: tuple[Result, ...]
    score: Score
    gate: Gate
    unused: tuple[Adjustment, ...]  # adjustments that matched no result: stale waivers, fixed baseline entries


def assess(
    profiles: Sequence[LoadedProfile],
    ruleset: RuleSet,
    *,
    as_of: date | None,
    today: date,
    reference: ReferenceData = NO_REFERENCE_DATA,
    adjustments: Sequence[Adjustment] = (),
    fail_on: str = "high",
) -> Assessment:
    weights = Weights(
        {rule.id: (rule.element, rule.severity) for rule in ruleset.rules}, tuple(term.id for term in ruleset.elements)
    )
    days = [assessment_date(loaded, ruleset, as_of, today) for loaded in profiles]
    evaluated = [
        result
        for index, (loaded, day) in enumerate(zip(profiles, days, strict=True))
        for result in evaluate(loaded, ruleset, day, index, reference)
    ]
    adjusted, unused = apply(evaluated, adjustments)
    by_profile: list[list[Result]] = [[] for _ in profiles]
    for result in adjusted:
        by_profile[result.profile].append(result)
    assessed = tuple(
        _profile(index, loaded, day, tuple(results), weights)
        for index, (loaded, day, results) in enumerate(zip(profiles, days, by_profile, strict=True))
    )
    verdict = gate(adjusted, {rule.id: rule.severity for rule in ruleset.rules}, fail_on)
    return Assessment(ruleset, reference, assessed, adjusted, score(adjusted, weights), verdict, unused)


def _profile(
    index: int, loaded: LoadedProfile, day: date, results: tuple[Result, ...], weights: Weights
) -> ProfileAssessment:
    company = loaded.profile.company
    person = loaded.profile.assessment.prepared_by if loaded.profile.assessment else None
    prepared_by = {"name": person.name, "title": person.title} if person else None
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
    )
