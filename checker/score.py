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

While a critical failure is open the overall score is at most CRITICAL_CEILING
(the floor of "needs improvement"): a high score earned on many small rules
must not hide an unlicensed export. The figure by the formula is kept beside
it (`uncapped`), with the rules that capped it. Element scores are not capped:
they say how much of each element is met, and the failure already counts in
its own element.

The rating band is the band of the overall score, capped or not, so the
number and the band always agree:

    90 or more  strong
    75 or more  adequate
    50 or more  needs improvement
    below 50    weak

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
CRITICAL_CAP = "needs_improvement"  # the best band while a critical failure is open
CRITICAL_CEILING = dict(BANDS)[CRITICAL_CAP]  # and the highest overall score: the floor of that band
NOT_RATED = "not_rated"


@dataclass(frozen=True)
class Rating:
    band: str  # a key of BANDS, or NOT_RATED
    capped: bool  # the overall score was lowered to CRITICAL_CEILING because a critical failure is open


@dataclass(frozen=True)
class Cap:
    """Why an overall score is lower than the formula gives: the open critical failures."""

    ceiling: float
    uncapped: float  # the overall score by the formula alone
    failures: int  # open critical failures (results)
    rules: tuple[str, ...]  # the rules that failed them, in rule-set order


@dataclass(frozen=True)
class Score:
    overall: float | None  # capped while a critical failure is open: the score every report and the gate use
    elements: dict[str, float | None]  # every element of the rule set, in its order; never capped
    rating: Rating
    cap: Cap | None = None  # set when the cap lowered the overall score

    @property
    def uncapped(self) -> float | None:
        """The overall score by the formula alone."""
        return self.cap.uncapped if self.cap else self.overall


@dataclass(frozen=True)
class Weights:
    """What scoring needs to know of the rule set: each rule's element and severity, and the element order."""

    rules: dict[str, tuple[str, Severity]]
    elements: tuple[str, ...]


def score(results: Iterable[Result], weights: Weights) -> Score:
    met: dict[tuple[int, str], bool] = {}
    critical: dict[str, int] = defaultdict(int)  # open critical failures by rule
    for result in results:
        if result.status not in _COUNTED:
            continue
        key = (result.profile, result.rule_id)
        met[key] = met.get(key, True) and result.status == Status.passed
        if result.status == Status.failed and weights.rules[result.rule_id][1] == Severity.critical:
            critical[result.rule_id] += 1
    earned: dict[str, int] = defaultdict(int)
    possible: dict[str, int] = defaultdict(int)
    for (_, rule_id), ok in met.items():
        element, severity = weights.rules[rule_id]
        possible[element] += WEIGHTS[severity]
        earned[element] += WEIGHTS[severity] if ok else 0
    elements = {element: _percent(earned[element], possible[element]) for element in weights.elements}
    overall = _percent(sum(earned.values()), sum(possible.values()))
    if critical and overall is not None and overall > CRITICAL_CEILING:
        in_order = tuple(rule_id for rule_id in weights.rules if rule_id in critical)
        cap = Cap(CRITICAL_CEILING, overall, sum(critical.values()), in_order)
        return Score(CRITICAL_CEILING, elements, rating(CRITICAL_CEILING, capped=True), cap)
    return Score(overall, elements, rating(overall))


def rating(score: float | None, *, capped: bool = False) -> Rating:
    return Rating(band_of(score), capped)


def band_of(score: float | None) -> str:
    """The band a score falls in."""
    if score is None:
        return NOT_RATED
    return next(name for name, floor in BANDS if score >= floor)


def _percent(earned: int, possible: int) -> float | None:
    return None if possible == 0 else 100 * earned / possible
