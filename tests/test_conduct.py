"""Failures about what already happened come before programme gaps of the same severity, are due at once, and
say to stop, find out, record and take advice."""

from __future__ import annotations

import json
import re
from datetime import date

from checker.report.gap_report.findings import element_sections
from checker.report.gap_report.language import ReportText
from checker.report.gap_report.plan import target_date
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


def test_every_conduct_rule_says_stop_find_out_record_and_take_advice_on_reporting_with_the_article(ruleset):
    """What already happened is not fixed by a better procedure: each rule about a past event says, in both
    languages, to stop, find out and record, and to take legal advice on reporting it, citing the article
    that rewards a violation confessed before the authority knew of it."""
    words = {
        "en": (r"\b(stop|hold|halt|block)\b", r"\brecord", r"legal advice", r"Administrative Penalty Law Art\. 32"),
        "zh": (r"停止|暂停|停用", r"记录|登记", r"法律意见", r"《行政处罚法》第三十二条"),
    }
    lacking = {
        (rule.id, lang, pattern)
        for rule in ruleset.rules
        if rule.conduct
        for lang, patterns in words.items()
        for pattern in patterns
        if not re.search(pattern, rule.remediation[lang], flags=re.IGNORECASE)
    }
    assert lacking == set()
    uncited = [
        rule.id
        for rule in ruleset.rules
        if rule.conduct and ("APL", "32") not in {(s.doc, s.article) for s in rule.sources}
    ]
    assert uncited == []


def test_a_conduct_failure_is_due_on_the_assessment_date_and_a_programme_gap_by_its_severity():
    data = json.loads(run_cli("check", SAMPLES / "gaps.yaml", "--format", "json").out)
    as_of = date.fromisoformat(data["as_of"])
    sections, _ = element_sections(data, data["results"], {}, ReportText("en"), as_of)
    failures = [finding for section in sections for finding in section.failures]
    conduct = {result["rule_id"] for result in data["results"] if result["status"] == "fail" and result["conduct"]}
    assert conduct and {f.target for f in failures if f.rule_id in conduct} == {as_of.isoformat()}
    programme = [f for f in failures if f.rule_id not in conduct]
    assert programme and all(f.target == target_date(as_of, f.severity).isoformat() for f in programme)
