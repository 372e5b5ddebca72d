"""The score formula of docs/scoring.md and its cap, on results built by hand; what the reports say of the cap."""

from __future__ import annotations

import json

import pytest

from checker.results import Result, Severity, Status
from checker.score import CRITICAL_CEILING, Cap, Rating, Weights, band_of, score
from tests.conftest import SAMPLES, run_cli

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


# --- the cap while a critical failure is open ------------------------------------------------------------------


def test_an_open_critical_failure_caps_the_overall_score_and_keeps_the_formula_figure():
    low = score([result("A", Status.failed), result("B", Status.passed)], RULES)
    assert (low.overall, low.uncapped, low.cap) == (100 * 3 / 13, 100 * 3 / 13, None)  # under the ceiling
    assert low.rating == Rating("weak", False)

    results = [result("A", Status.failed), *(result(rule, Status.passed) for rule in "BCDF")]
    got = score(results, RULES)
    assert (got.overall, got.uncapped) == (50.0, 100 * 14 / 24)  # the band was needs improvement already
    assert got.rating == Rating("needs_improvement", True)

    many = Weights({**RULES.rules, **{f"M{n}": ("audit", Severity.high) for n in range(10)}}, RULES.elements)
    got = score([*results, *(result(f"M{n}", Status.passed) for n in range(10))], many)
    assert got.overall == CRITICAL_CEILING == 50.0
    assert got.cap == Cap(50.0, 100 * 64 / 74, 1, ("A",))
    assert got.rating == Rating("needs_improvement", True)


def test_the_cap_counts_failures_and_names_rules_in_rule_set_order():
    weights = Weights({"Z": ("records", Severity.critical), **RULES.rules}, RULES.elements)
    results = [
        *(result(rule, Status.passed, profile) for rule in "BCDF" for profile in (0, 1)),
        result("A", Status.passed),
        result("A", Status.failed),
        result("A", Status.failed, 1),
        result("Z", Status.failed),
        result("Z", Status.passed, 1),
    ]
    got = score(results, weights)
    assert got.cap is not None and (got.cap.failures, got.cap.rules) == (3, ("Z", "A"))


def test_only_an_open_failure_caps_waived_or_erroring_critical_rules_do_not():
    passes = [result(rule, Status.passed) for rule in "BCDF"]
    assert score([*passes, result("A", Status.waived)], RULES).cap is None
    errored = score([*passes, result("A", Status.error)], RULES)
    assert errored.cap is None and errored.overall == 100 * 14 / 24  # the error counts against it all the same


def test_element_scores_are_never_capped():
    results = [result("A", Status.failed), *(result(rule, Status.passed) for rule in "BCDF")]
    many = Weights({**RULES.rules, "G": ("licensing", Severity.high)}, RULES.elements)
    got = score([*results, *(result("G", Status.passed) for _ in range(3))], many)
    assert got.elements["licensing"] == 100.0
    assert got.elements["records"] == 100 * 3 / 13


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100.0, "strong"),
        (90.0, "strong"),
        (89.9, "adequate"),
        (75.0, "adequate"),
        (74.9, "needs_improvement"),
        (50.0, "needs_improvement"),
        (49.9, "weak"),
        (0.0, "weak"),
        (None, "not_rated"),
    ],
)
def test_the_band_is_the_band_of_the_overall_score(value, expected):
    assert band_of(value) == expected


# --- what the reports say about the cap -----------------------------------------------------------------------


def test_the_reports_give_the_capped_score_the_formula_figure_and_why():
    data = json.loads(run_cli("check", SAMPLES / "gaps.yaml", "--format", "json").out)
    [profile] = data["profiles"]
    assert profile["rating"] == {"band": "needs_improvement", "capped": True}
    assert {key: profile["score"][key] for key in ("overall", "uncapped")} == {"overall": 50.0, "uncapped": 79.4}
    assert profile["score"]["cap"] == {
        "ceiling": 50.0,
        "failures": 2,
        "rules": ["LIC-001", "LIC-002"],
        "message": "Capped at 50 because 2 critical failures are open: LIC-001, LIC-002 (79.4 without the cap).",
        "message_zh": "存在 2 项未整改的严重不符合项（LIC-001、LIC-002），总体得分封顶为 50 分（未封顶为 79.4 分）。",
    }
    assert data["score"]["cap"] == profile["score"]["cap"]  # one profile: the run's score is its score
    lines = run_cli("check", SAMPLES / "gaps.yaml").out.splitlines()
    at = lines.index("Score 50.0 / 100 · needs improvement")
    assert lines[at + 1] == profile["score"]["cap"]["message"]
    zh = run_cli("check", SAMPLES / "gaps.yaml", "--lang", "zh").out.splitlines()
    assert zh[zh.index("得分 50.0 / 100 · 需改进") + 1] == profile["score"]["cap"]["message_zh"]


def test_a_profile_without_an_open_critical_failure_is_not_capped():
    data = json.loads(run_cli("check", SAMPLES / "compliant.yaml", "--format", "json").out)
    scored = data["profiles"][0]["score"]
    assert scored["cap"] is None and scored["uncapped"] == scored["overall"] == 100.0
    assert "Capped" not in run_cli("check", SAMPLES / "compliant.yaml").out
