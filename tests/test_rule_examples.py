"""Every rule's own examples: the non-compliant ones fail with exactly that rule at exactly that path."""

from __future__ import annotations

import pytest

from checker.evaluate.examples import check_example
from checker.ruleset.loading import load_ruleset
from checker.ruleset.rule import ExpectedResult

RULESET = load_ruleset()
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{i}")
    for rule in RULESET.rules
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example_behaves_as_stated(rule, example):
    assert check_example(rule, example, RULESET) is None


def test_a_wrong_expectation_is_caught():
    """The harness itself can fail: a compliant example claimed to fail, and the reverse."""
    rule = RULESET.get("REC-001")
    failing, _, passing = rule.examples
    claimed_pass = failing.model_copy(update={"expect": "pass"})
    assert "expected a pass, got fail at programme.records.retention_years" in check_example(
        rule, claimed_pass, RULESET
    )
    wrong_path = failing.model_copy(update={"expect": [ExpectedResult(status="fail", path="programme.records")]})
    assert (
        "expected [('fail', 'programme.records')], got [('fail', 'programme.records.retention_years')]"
        in check_example(rule, wrong_path, RULESET)
    )
    claimed_fail = passing.model_copy(update={"expect": failing.expect})
    assert "got []" in check_example(rule, claimed_fail, RULESET)


def test_rules_test_command_runs_every_example():
    from tests.conftest import run_cli

    run = run_cli("rules", "test")
    total = sum(len(rule.examples) for rule in RULESET.rules)
    assert (run.code, run.out, run.err) == (
        0,
        f"{total} of {total} rule examples behave as stated (packs: exportcheck 2026.11)\n",
        "",
    )


@pytest.mark.parametrize("unset", ["assessment", "assessment.as_of"])
def test_an_example_without_a_date_is_reported_not_a_crash(unset):
    rule = RULESET.get("REC-001")
    undated = rule.examples[0].model_copy(update={"unset": [*rule.examples[0].unset, unset], "as_of": None})
    assert check_example(rule, undated, RULESET) == (
        f"REC-001 example {undated.title!r}: the example profile is invalid: REC-001-example.yaml: "
        "no date to assess on: the profile has no assessment.as_of; give the example an as_of"
    )
