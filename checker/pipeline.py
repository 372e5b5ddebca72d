"""An assessment: the results of one run over one or more profiles, with their scores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker.evaluate.engine import evaluate
from checker.validate import LoadedProfile
from checker.results import Element, Result, Severity
from checker.ruleset.loading import RuleSet
from checker.score import Score, score


@dataclass(frozen=True)
class ProfileAssessment:
    index: int
    source: str
    files: tuple[str, ...]
    company: str
    company_zh: str | None
    prepared_by: dict[str, str | None] | None
    as_of: date
    results: tuple[Result, ...]
    score: Score


@dataclass(frozen=True)
class Assessment:
    ruleset: RuleSet
    profiles: tuple[ProfileAssessment, ...]
    results: tuple[Result, ...]
    score: Score


def assess(profiles: list[LoadedProfile], ruleset: RuleSet, as_of: date | None, today: date) -> Assessment:
    """Evaluate every profile. The date is `as_of` if given, else the profile's own, else `today`."""
    weights = _rule_weights(ruleset)
    assessed = []
    for index, loaded in enumerate(profiles):
        stated = loaded.profile.assessment.as_of if loaded.profile.assessment else None
        day = as_of or stated or today
        results = tuple(evaluate(loaded, ruleset, day, index))
        company = loaded.profile.company
        person = loaded.profile.assessment.prepared_by if loaded.profile.assessment else None
        prepared_by = {"name": person.name, "title": person.title} if person else None
        assessed.append(ProfileAssessment(index, loaded.source, loaded.files, company.name, company.name_zh,
                                          prepared_by, day, results, score(results, weights)))
    everything = tuple(result for profile in assessed for result in profile.results)
    return Assessment(ruleset, tuple(assessed), everything, score(everything, weights))


def _rule_weights(ruleset: RuleSet) -> dict[str, tuple[Element, Severity]]:
    return {rule.id: (rule.element, rule.severity) for rule in ruleset.rules}
