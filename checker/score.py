"""Scores per element and overall, 0 to 100.

The unit is the rule, not the result: a rule counts as met for a profile when
none of its results failed or errored, however many subjects it looked at (one
unlicensed export among a hundred does not earn 99% of the credit). Each
applicable rule weighs by its severity:

    critical 10 · high 5 · medium 3 · low 1 · info 0

    score = 100 × Σ weight of met rules / Σ weight of applicable rules

A rule is applicable when it has at least one pass, fail or error result;
rules whose results are all not_applicable, manual or waived don't count, and
an element with no applicable rule has no score (null), not 100. Scores are
worked out from adjusted results (see `checker.apply`).

The rating band of an overall score:

    90 or more  strong
    75 or more  adequate
    50 or more  needs improvement
    below 50    weak

While a critical failure is open no band is better than "needs improvement":
a high score earned on many small rules must not hide an unlicensed export.
See docs/scoring.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from checker.results import Result, Severity, Status

WEIGHTS = {Severity.critical: 10, Severity.high: 5, Severity.medium: 3, Severity.low: 1, Severity.info: 0}
_COUNTED = {Status.passed, Status.failed, Status.error}

# Highest first: a score takes the first band whose floor it reaches.
BANDS: tuple[tuple[str, float], ...] = (
    ("strong", 90.0),
    ("adequate", 75.0),
    ("needs_improvement", 50.0),
    ("weak", 0.0),
)
CRITICAL_CAP = "needs_improvement"
NOT_RATED = "not_rated"


@dataclass(frozen=True)
class Rating:
    band: str  # a key of BANDS, or NOT_RATED
    capped: bool  # lowered to CRITICAL_CAP because a critical failure is open


@dataclass(frozen=True)
class Score:
    overall: float | None
    elements: dict[str, float | None]  # every element of the rule set, in its order
    rating: Rating


@dataclass(frozen=True)
class Weights:
    """What scoring needs to know of the rule set: each rule's element and severity, and the element order."""

    rules: dict[str, tuple[str, Severity]]
    elements: tuple[str, ...]


def score(results: Iterable[Result], weights: Weights) -> Score:
    met: dict[tuple[int, str], bool] = {}
    open_critical = 0
    for result in results:
        if result.status not in _COUNTED:
            continue
        key = (result.profile, result.rule_id)
        met[key] = met.get(key, True) and result.status == Status.passed
        if result.status == Status.failed and weights.rules[result.rule_id][1] == Severity.critical:
            open_critical += 1
    earned: dict[str, int] = defaultdict(int)
    possible: dict[str, int] = defaultdict(int)
    for (_, rule_id), ok in met.items():
        element, severity = weights.rules[rule_id]
        possible[element] += WEIGHTS[severity]
        earned[element] += WEIGHTS[severity] if ok else 0
    elements = {element: _percent(earned[element], possible[element]) for element in weights.elements}
    overall = _percent(sum(earned.values()), sum(possible.values()))
    return Score(overall, elements, rating(overall, open_critical))


def rating(score: float | None, open_critical: int) -> Rating:
    if score is None:
        return Rating(NOT_RATED, False)
    band = next(name for name, floor in BANDS if score >= floor)
    if open_critical and _rank(band) < _rank(CRITICAL_CAP):
        return Rating(CRITICAL_CAP, True)
    return Rating(band, False)


def _rank(band: str) -> int:
    """0 for the best band."""
    return [name for name, _ in BANDS].index(band)


def _percent(earned: int, possible: int) -> float | None:
    return None if possible == 0 else 100 * earned / possible
