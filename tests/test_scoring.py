"""The score formula of docs/scoring.md, on results built by hand."""

from __future__ import annotations

from checker.results import Result, Severity, Status
from checker.score import Weights, score

RULES = Weights(
    {
        "A": ("records", Severity.critical),  # weight 10
        "B": ("records", Severity.medium),  # weight 3
        "C": ("licensing", Severity.high),  # weight 5
        "D": ("licensing", Severity.low),  # weight 1
        "E": ("training", Severity.info),  # weight 0
        "F": ("audit", Severity.high),
    },
    ("policy_statement", "records", "licensing", "training", "audit"),
)


def result(rule: str, status: Status, profile: int = 0) -> Result:
    return Result(rule, status, (), None, None, "", "", profile)


def test_weighted_share_of_met_rules():
    results = [
        result("A", Status.passed),
        result("A", Status.passed),
        result("B", Status.failed),
        result("C", Status.passed),
        result("C", Status.failed),  # one failing subject fails the rule
        result("D", Status.passed),
        result("E", Status.failed),
        result("F", Status.not_applicable),
        result("F", Status.manual),
    ]
    got = score(results, RULES)
    assert got.elements["records"] == 100 * 10 / 13
    assert got.elements["licensing"] == 100 * 1 / 6
    assert got.elements["training"] is None  # info weighs nothing: no score, not 100
    assert got.elements["audit"] is None  # not applicable and manual don't count
    assert got.elements["policy_statement"] is None
    assert got.overall == 100 * 11 / 19


def test_errors_count_against_the_score():
    got = score([result("A", Status.passed), result("A", Status.error), result("B", Status.passed)], RULES)
    assert got.overall == 100 * 3 / 13


def test_waived_results_do_not_count():
    got = score([result("A", Status.waived), result("B", Status.passed)], RULES)
    assert got.overall == 100.0


def test_profiles_are_scored_separately_then_together():
    results = [result("A", Status.passed, 0), result("A", Status.failed, 1)]
    assert score(results, RULES).overall == 50.0


def test_nothing_applicable_has_no_score():
    assert score([result("F", Status.not_applicable)], RULES).overall is None
