"""The engine: results per subject, not-applicable reasons, dates in force, and loud rule errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from checker.checks import CHECKS
from checker.checks.outcome import Outcome
from checker.evaluate.engine import evaluate
from checker.results import Status
from checker.ruleset.rule import Rule
from checker.validate import load_profile
from tests.conftest import REFERENCE, run_cli


def rule_from(ruleset, **changes) -> Rule:
    rule = ruleset.get("REC-001")
    data = {name: getattr(rule, name) for name in Rule.model_fields}
    data.update(changes)
    return Rule.model_validate(data)


def run(ruleset, rule, profile=REFERENCE, as_of=date(2026, 11, 1)):
    return evaluate(load_profile(profile), replace(ruleset, rules=(rule,)), as_of)


def test_a_declarative_rule_that_breaks_is_an_error_not_a_pass(ruleset):
    broken = rule_from(ruleset, check={"at_least": {"path": "programme.records.kept", "value": 5}})
    [result] = run(ruleset, broken)
    assert result.status == Status.error
    assert result.message_en.startswith("The rule could not be evaluated (TypeError: ")
    assert result.rule_id == "REC-001"


def test_a_check_function_that_raises_is_an_error(ruleset, monkeypatch):
    def boom(scope):
        raise RuntimeError("lookup table missing")

    monkeypatch.setitem(CHECKS, "boom", boom)
    broken = rule_from(ruleset, check={"function": "boom"}, for_each="exports")
    results = run(ruleset, broken)
    assert [(r.status, r.path) for r in results] == [(Status.error, ("exports", 0)), (Status.error, ("exports", 1))]
    assert "RuntimeError: lookup table missing" in results[0].message_en


def test_a_check_function_that_reports_nothing_is_an_error(ruleset, monkeypatch):
    monkeypatch.setitem(CHECKS, "silent", lambda scope: [])
    [result] = run(ruleset, rule_from(ruleset, check={"function": "silent"}))
    assert result.status == Status.error


def test_function_outcomes_get_the_rules_messages(ruleset, monkeypatch):
    monkeypatch.setitem(
        CHECKS,
        "half",
        lambda scope: [
            Outcome(Status.failed, (*scope.path, "quantity"), {"found": 3}),
            Outcome(Status.manual, (*scope.path, "date"), {"found": "x"}, kind="unsure"),
        ],
    )
    rule = rule_from(
        ruleset,
        check={"function": "half"},
        for_each="exports",
        message={"en": "{subject} found {found}", "zh": "{subject} 发现 {found}"},
        messages={"unsure": {"en": "check {subject} by hand", "zh": "人工核对 {subject}"}},
    )
    results = run(ruleset, rule)
    assert [(r.status, r.message_en, r.message_zh) for r in results[:2]] == [
        (Status.failed, "EXP-26-0311 found 3", "EXP-26-0311 发现 3"),
        (Status.manual, "check EXP-26-0311 by hand", "人工核对 EXP-26-0311"),
    ]


def test_a_rule_error_fails_the_gate_loudly(ruleset, monkeypatch, tmp_path):
    monkeypatch.setitem(CHECKS, "boom", lambda scope: 1 / 0)
    import shutil

    from tests.conftest import ROOT

    pack = tmp_path / "acme"
    shutil.copytree(ROOT / "tests" / "packs" / "acme", pack)
    path = pack / "group_policy" / "ACME-GRP-001.yaml"
    text = path.read_text()
    text = text.replace(
        "check:\n  at_least: {path: programme.records.retention_years, value: 10}\n", "check: {function: boom}\n"
    )
    path.write_text(text)
    result = run_cli("check", REFERENCE, "--rules", pack, "--fail-on", "critical")
    assert result.code == 1
    assert (
        "exportcheck: rule ACME-GRP-001 could not be evaluated at the profile: The rule could not be evaluated "
        "(ZeroDivisionError: division by zero)" in result.err
    )
    assert "Gate failed: 1 rule(s) could not be evaluated." in result.out


def test_exports_before_a_regulation_took_effect_are_not_applicable(ruleset, edited):
    path = edited(
        (
            "    issued_on: 2026-05-06\n    valid_until: 2027-05-05",
            "    issued_on: 2024-05-06\n    valid_until: 2026-05-05",
        )
    )
    [result] = run(ruleset, ruleset.get("LIC-006"), path)
    assert (result.status, result.path) == (Status.not_applicable, ("licences", 0))
    assert result.message_en == "2024-05-06 is before DUR took effect on 2024-12-01."


def test_an_assessment_before_the_sources_took_effect(ruleset):
    [result] = run(ruleset, ruleset.get("REC-001"), as_of=date(2024, 6, 1))
    assert result.status == Status.not_applicable
    assert result.message_en == "2024-06-01 is before DUR took effect on 2024-12-01."


def test_no_subjects_is_one_not_applicable_result(ruleset, edited, reference_text):
    start = reference_text.index("exports:")
    end = reference_text.index("technology_transfers:")
    path = edited((reference_text[start:end], "exports: []\n\n"))
    [result] = run(ruleset, ruleset.get("LIC-001"), path)
    assert (result.status, result.path, result.message_en) == (
        Status.not_applicable,
        ("exports",),
        "The profile lists no exports.",
    )


def test_results_carry_locations_of_the_most_specific_field(ruleset, edited, reference_text):
    path = edited(("retention_years: 5", "retention_years: 3"))
    [result] = run(ruleset, ruleset.get("REC-001"), path)
    line = next(i for i, text in enumerate(reference_text.splitlines(), 1) if "retention_years" in text)
    assert (result.status, result.path) == (Status.failed, ("programme", "records", "retention_years"))
    assert (result.location.file, result.location.line, result.location.column) == (str(path), line, 22)
    assert result.message_en == "Records are kept for 3 years; DUR Art. 27 requires at least 5."


def test_missing_fact_is_a_failure_at_the_missing_path(ruleset, edited):
    path = edited(("    retention_years: 5\n", ""))
    [result] = run(ruleset, ruleset.get("REC-001"), path)
    assert (result.status, result.path) == (Status.failed, ("programme", "records", "retention_years"))
    assert result.message_en == "Retention period in years is not stated; expected at least 5."
    assert result.message_zh == "资料保存期限（年）未填写；应至少为 5。"


@pytest.mark.parametrize("rule_id", ["LIC-001", "LIC-002", "EUS-001"])
def test_unlisted_exports_are_not_applicable_with_a_reason(ruleset, rule_id):
    results = run(ruleset, ruleset.get(rule_id))
    assert [r.status for r in results] == [Status.passed, Status.not_applicable]
    assert results[1].subject == "EXP-26-0420"
    assert results[1].message_en in (
        "EXP-26-0420: item ITM-MAG is not on a control list and not under temporary control.",
        "EXP-26-0420 names no licence.",
    )


def test_a_rule_stops_applying_after_its_end_date(ruleset):
    rule = rule_from(ruleset, in_force_until="2026-01-01")
    [result] = run(ruleset, rule)
    assert result.status == Status.not_applicable
    assert result.message_en == "2026-11-01 is after the requirement of DUR ceased to apply on 2026-01-01."
    [before] = run(ruleset, rule, as_of=date(2025, 12, 31))
    assert before.status == Status.passed


def test_announcement_dated_rules_apply_from_the_announcement(ruleset, edited):
    """The Japan ban (2026 No. 1), read by INT-006 (formerly INT-005, still found by that id), covers a listed item
    for a military end use in Japan; an unlisted item is not under it."""
    path = edited(
        ("    destination: NO\n    transit_via", "    destination: JP\n    transit_via"),
        ("    red_flags: []                        # wmd_end_use", "    red_flags: [military_end_use]  #"),
    )
    results = run(ruleset, ruleset.get("INT-005"), path)
    assert [(r.subject, r.status, r.path) for r in results] == [
        ("EXP-26-0311", Status.failed, ("exports", 0, "banned_by")),
        ("EXP-26-0420", Status.passed, ("exports", 1)),
    ]
    assert "the ban of MOFCOM2026-1" in results[0].message_en


def test_a_message_under_all_is_refused_and_under_not_is_used(ruleset):
    from checker.language.predicate_parser import PredicateError, parse_predicate
    from checker.language.predicates import Not

    message = {"en": "said here", "zh": "此处说明"}
    with pytest.raises(PredicateError) as caught:
        parse_predicate({"all": {"of": [{"exists": {"path": "a"}}], "message": message}}, "check")
    assert str(caught.value) == (
        "check.all.message: a message under all: is never shown, because each part that "
        "fails is reported with its own; give it to the parts"
    )
    negated = parse_predicate({"not": {"of": {"exists": {"path": "a"}}, "message": message}}, "check")
    assert isinstance(negated, Not) and negated.message is not None and negated.message.en == "said here"


def test_some_and_each_can_be_asked_whether_they_hold_inside_any_and_not():
    from checker.language.expressions import Context, Scope
    from checker.language.predicate_parser import parse_predicate

    data = {"exports": [{"id": "E", "red_flags": ["military_end_use"]}]}
    scope = Scope(Context(data, date(2026, 1, 1)), data, ())
    some = parse_predicate({"some": {"path": "exports", "check": {"not_empty": "red_flags"}}})
    each = parse_predicate({"each": {"path": "exports", "check": {"empty": "red_flags"}}})
    assert some.holds(scope) and not each.holds(scope)
    assert parse_predicate({"not": {"each": {"path": "exports", "check": {"empty": "red_flags"}}}}).holds(scope)
