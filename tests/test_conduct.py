"""Failures about what already happened come before programme gaps of the same severity."""

from __future__ import annotations

import json

from checker.report.registry import ReportOptions
from checker.report.text import render
from tests.conftest import SAMPLES, run_cli


def test_conduct_rules_are_those_about_records_of_what_happened(ruleset):
    conduct = [rule for rule in ruleset.rules if rule.conduct]
    assert {rule.id for rule in conduct} >= {"LIC-001", "LIC-002", "SCR-006", "TEC-001", "INT-002"}
    assert all(rule.for_each is not None for rule in conduct)
    assert not ruleset.get("REC-001").conduct


def test_a_conduct_failure_is_listed_before_a_programme_gap_of_the_same_severity_and_element():
    data = json.loads(run_cli("check", SAMPLES / "gaps.yaml", "--format", "json").out)
    failures = [result for result in data["results"] if result["status"] == "fail"]
    conduct = next(result for result in failures if result["conduct"])
    programme = next(result for result in failures if not result["conduct"] and result["element"] != conduct["element"])
    # Put the programme gap in the conduct failure's element and severity, ahead of it in the document.
    moved = {**programme, "element": conduct["element"], "severity": conduct["severity"]}
    data["results"] = [moved, *(result for result in data["results"] if result is not programme)]
    text = render(data, ReportOptions(lang="en", color=False, width=100))
    assert text.index(f"{conduct['rule_id']}  ") < text.index(f"{programme['rule_id']}  ")
