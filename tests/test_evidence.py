"""Severity follows evidence: the loader refuses a rule whose severity outruns its sources, and what a rule
infers beyond them, and how firmly each source was read, reach every report."""

from __future__ import annotations

import json
import re

from pypdf import PdfReader

from checker.results import Severity
from checker.ruleset.sources import Basis
from tests.conftest import line_of, run_cli

INFERRED_EN = "The bans are taken from reports of the announcements (grade S); their official texts were not read."


def test_no_high_or_critical_rule_rests_on_a_secondary_source_or_an_inference(ruleset):
    for rule in ruleset.rules:
        if rule.severity.rank >= Severity.high.rank:
            assert rule.sources[0].basis == Basis.primary, rule.id
            assert rule.inferred is None, rule.id


def test_a_rule_resting_on_an_analogy_is_low_best_practice(ruleset):
    by_analogy = [rule for rule in ruleset.rules if "by analogy" in rule.rationale.en]
    assert {rule.id for rule in by_analogy} >= {"REV-010", "REV-012"}
    for rule in by_analogy:
        assert rule.best_practice and rule.severity.rank <= Severity.low.rank, rule.id


def test_the_bans_known_from_secondary_reports_are_medium_and_say_so(ruleset):
    for rule_id in ("INT-006",):
        rule = ruleset.get(rule_id)
        assert rule.severity == Severity.medium
        assert rule.sources[0].basis == Basis.secondary
        assert "(grade S)" in rule.inferred.en and "（等级 S）" in rule.inferred.zh


def test_tec_001_names_only_the_forms_of_provision_the_ecl_and_dur_name(ruleset):
    """IP licensing, investment, employment and consulting come from 2025 No. 62, which 2025 No. 70 suspended."""
    rationale = ruleset.get("TEC-001").rationale
    for word in ("licensing IP", "employ", "consult", "invest"):
        assert word not in rationale.en
    assert "gifts, exhibitions, cooperation, assistance" in rationale.en


def test_a_high_rule_whose_requirement_is_read_only_in_a_secondary_source_is_refused(refusal):
    path, message = refusal("emergency_measures/EMR-004.yaml", "    basis: P\n", "    basis: S\n")
    line = line_of(path.read_text(encoding="utf-8"), "basis: S")
    assert message == (
        f"{path}:{line}:12: sources[0].basis: a high rule's requirement must be read in the official text, but no "
        "requirement it cites is graded P (DUR is S); cite the article graded P it rests on, or make the rule medium "
        "or lower"
    )


def test_a_high_rule_with_an_inference_is_refused(refusal):
    note = "inferred: {en: Read into the article, zh: 推断内容}\nremediation:"
    path, message = refusal("emergency_measures/EMR-004.yaml", "remediation:", note)
    line = line_of(path.read_text(encoding="utf-8"), "inferred:")
    assert message == (
        f"{path}:{line}:11: inferred: a high rule can't rest on an inference; make it medium or lower, "
        "or drop the inference"
    )


def test_a_requirement_drawn_from_the_white_paper_above_low_is_refused(refusal):
    path, message = refusal("review_procedures/REV-010.yaml", "severity: low", "severity: medium")
    assert message == (
        f"{path}:7:11: severity: a rule whose requirement comes from a policy paper (WP2021), by analogy with state "
        "practice, must be best_practice with severity low or info"
    )


def test_a_best_practice_rule_above_low_is_refused(refusal):
    path, message = refusal("training/TRN-003.yaml", "severity: low", "severity: medium")
    assert message == f"{path}:7:11: severity: a best-practice rule is never more than low; make it low or info"


def test_an_unverified_rule_is_refused_at_its_severity(refusal):
    path, message = refusal("training/TRN-001.yaml", "    basis: S\n", "    basis: UNVERIFIED\n")
    assert message == (
        f"{path}:7:11: severity: a rule resting on an UNVERIFIED fact must be best_practice with severity low or info"
    )


def test_rules_show_gives_each_sources_grade_and_the_inference(ruleset):
    text = run_cli("rules", "show", "INT-004")  # the id of the US ban's own rule, now an alias of INT-006
    assert text.code == 0
    assert "MOFCOM Announcement 2024 No. 46 — MOFCOM Announcement 2024 No. 46 [S]" in text.out
    assert "ECL Art. 10 — Export Control Law of the People's Republic of China [P] · context" in text.out
    assert "Inferred (shown with every finding):\n  The bans are taken from reports" in text.out
    shown = run_cli("rules", "show", "INT-004", "--format", "json")
    data = json.loads(shown.out)
    assert [(source["doc"], source["basis"], source["role"]) for source in data["sources"]] == [
        ("MOFCOM2024-46", "S", "requirement"),
        ("MOFCOM2026-1", "S", "requirement"),
        ("DUR", "P", "context"),
        ("ECL", "P", "context"),
        ("ECL", "P", "penalty"),
        ("APL", "P", "context"),
    ]
    assert data["severity"] == "medium" and data["inferred"].startswith(INFERRED_EN)
    assert json.loads(run_cli("rules", "show", "LIC-001", "--format", "json").out)["inferred"] is None


def _us_military_export(edited):
    return edited(
        ("destinations: [NO]", "destinations: [US]"),
        ("    destination: NO\n", "    destination: US\n"),
        ("    red_flags: []  ", "    red_flags: [military_end_use]  "),
    )


def test_a_finding_carries_what_its_rule_infers_in_text_and_json(edited, tmp_path):
    profile = _us_military_export(edited)
    run = run_cli(
        "check", profile, "--select", "INT-006", "--format", "text", "--format", f"json:{tmp_path / 'out.json'}"
    )
    assert run.code == 0  # a medium failure, below the default gate
    assert f"Inferred: {INFERRED_EN}" in " ".join(run.out.split())  # as wrapped to the terminal's width
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    [finding] = [result for result in data["results"] if result["status"] == "fail"]
    assert (finding["rule_id"], finding["severity"]) == ("INT-006", "medium")
    assert finding["inferred"].startswith(INFERRED_EN)
    assert finding["inferred_zh"].startswith("禁令内容取自有关公告的报道（等级 S）")
    assert {rule["id"]: rule["inferred"] for rule in data["rules"]}["LIC-001"] is None


def test_sarif_and_junit_carry_the_inference_too(edited, tmp_path, ruleset):
    profile = _us_military_export(edited)
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    run = run_cli("check", profile, "--select", "INT-006", "--format", f"sarif:{sarif}", "--format", f"junit:{junit}")
    assert run.code == 0
    log = json.loads(sarif.read_text(encoding="utf-8"))
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["INT-006"]["properties"]["inferred"].startswith(INFERRED_EN)
    assert f"**Inferred.** {INFERRED_EN}" in rules["INT-006"]["help"]["markdown"]
    with_inference = {rule_id for rule_id, rule in rules.items() if "inferred" in rule["properties"]}
    assert with_inference == {rule.id for rule in ruleset.rules if rule.inferred and rule.id in rules}
    assert "LIC-001" in rules and "LIC-001" not in with_inference
    assert f"Inferred: {INFERRED_EN}" in junit.read_text(encoding="utf-8")


def test_the_pdf_shows_the_inference_and_each_citations_grade(edited, tmp_path):
    profile = _us_military_export(edited)
    pdf = tmp_path / "report.pdf"
    assert run_cli("check", profile, "--select", "INT-006", "--pdf", pdf).code == 0
    text = " ".join(re.sub(r"-\n", "-", "\n".join(page.extract_text() for page in PdfReader(pdf).pages)).split())
    assert f"Inferred {INFERRED_EN}" in text
    assert "MOFCOM Announcement 2024 No. 46 [S]" in text
    assert "Export Control Law of the PRC, Art. 10 [P]" in text
    assert "[S] only in a secondary source" in text
