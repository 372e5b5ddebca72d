"""Scores per element and overall, 0 to 100.

The unit is the rule, not the result: a rule counts as met for a profile when
none of its results failed or errored, however many subjects it looked at (one
unlicensed export among a hundred does not earn 99% of the credit). Each
applicable rule weighs by its severity:

    critical 10 · high 5 · medium 3 · low 1 · info 0

    score = 100 × Σ weight of met rules / Σ weight of applicable rules

A rule is applicable when it has at least one pass, fail or error result;
rules whose results are all not_applicable, manual or waived don't count, and
an element with no applicable rule has no score (null), not 100.
See docs/scoring.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from checker.results import Element, Result, Severity, Status

WEIGHTS = {Severity.critical: 10, Severity.high: 5, Severity.medium: 3, Severity.low: 1, Severity.info: 0}
_COUNTED = {Status.passed, Status.failed, Status.error}


@dataclass(frozen=True)
class Score:
    overall: float | None
    elements: dict[Element, float | None]


def score(results: Iterable[Result], rules: dict[str, tuple[Element, Severity]]) -> Score:
    """`rules` maps a rule id to its element and severity."""
    met: dict[tuple[int, str], bool] = {}
    for result in results:
        if result.status not in _COUNTED:
            continue
        key = (result.profile, result.rule_id)
        met[key] = met.get(key, True) and result.status == Status.passed
    earned: dict[Element, int] = defaultdict(int)
    possible: dict[Element, int] = defaultdict(int)
    for (_, rule_id), ok in met.items():
        element, severity = rules[rule_id]
        possible[element] += WEIGHTS[severity]
        earned[element] += WEIGHTS[severity] if ok else 0
    elements = {element: _percent(earned[element], possible[element]) for element in Element}
    return Score(_percent(sum(earned.values()), sum(possible.values())), elements)


def _percent(earned: int, possible: int) -> float | None:
    return None if possible == 0 else 100 * earned / possible
