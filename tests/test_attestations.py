"""The checklist as results, and attestation files that answer it: status, words, location, score, errors."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest

from checker.ruleset.checklist import checklist
from tests.conftest import REFERENCE, ROOT, SAMPLES, run_cli

SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
MILITARY = {"ECL-24", "ECL-26", "ECL-27"}


@pytest.fixture
def company(tmp_path):
    """The v1 reference profile in a folder of its own, with an attestations file written beside it on demand."""
    profile = tmp_path / "profile.yaml"
    shutil.copy(REFERENCE, profile)

    def answers(text: str, name: str = "exportcheck-attestations.yaml"):
        (tmp_path / name).write_text(text, encoding="utf-8")
        return tmp_path / name

    return profile, answers


def _json(*argv):
    run = run_cli("check", *argv, "--format", "json")
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


def _by_id(data, rule_id):
    return next(result for result in data["results"] if result["rule_id"] == rule_id)


def test_every_checklist_item_is_a_result_manual_until_answered_and_military_questions_skip_a_dual_use_exporter(
    company, ruleset
):
    profile, _ = company
    data = _json(profile)
    items = [item.id for item in checklist(ruleset)]
    found = {result["rule_id"]: result for result in data["results"] if result["rule_id"] in items}
    assert set(found) == set(items)
    assert {key for key, result in found.items() if result["status"] == "not_applicable"} == MILITARY
    assert found["ECL-24"]["message"] == (
        "Not asked: the company's business (export of dual-use items, provision of technology abroad) includes "
        "none of export of military products."
    )
    assert all(result["status"] == "manual" for key, result in found.items() if key not in MILITARY)
    assert data["summary"]["manual"] == len(items) - len(MILITARY)
    assert _by_id(data, "ECL-19")["subject_path"] == "checklist[ECL-19]"
    checklist_rules = [rule for rule in data["rules"] if rule.get("kind") == "checklist"]
    assert [rule["id"] for rule in checklist_rules] == items
    assert data["profiles"][0]["coverage"]["ECL-19"] == "manual"


def test_a_company_that_states_no_business_is_asked_every_question(edited):
    profile = edited(
        ("  business:                          #", "  business: []                      #"),
        ("    - dual_use_export                #   commercial", "                                     #   commercial"),
        ("    - technology_transfer\n", ""),
    )
    data = _json(profile)
    assert all(_by_id(data, item)["status"] == "manual" for item in MILITARY)


def test_answers_settle_their_items_with_words_location_and_score(company):
    profile, answers = company
    before = _json(profile)
    file = answers(
        "attestations:\n"
        "  - item: ECL-19\n"
        "    answer: yes\n"
        "    evidence: [SOP-07 rev. 3, docs/customs.pdf]\n"
        "    answered_by: Liu Fang\n"
        "    answered_on: 2026-10-15\n"
        "  - item: dur-17\n"
        "    answer: no\n"
        "    answered_by: Liu Fang\n"
        "    answered_on: 2026-10-15\n"
        "  - item: DUR-32\n"
        "    answer: not_applicable\n"
        "    reason: The company has never been inspected.\n"
        "    answered_by: Liu Fang\n"
        "    answered_on: 2026-10-15\n"
    )
    after = _json(profile)
    yes, no, na = _by_id(after, "ECL-19"), _by_id(after, "DUR-17"), _by_id(after, "DUR-32")
    assert (yes["status"], no["status"], na["status"]) == ("pass", "fail", "not_applicable")
    assert yes["message"].endswith("Answered yes by Liu Fang on 2026-10-15. Evidence: SOP-07 rev. 3; docs/customs.pdf.")
    assert no["message_zh"].endswith("Liu Fang于2026-10-15答复：否。")
    assert na["message"].endswith(
        "Answered not applicable by Liu Fang on 2026-10-15: The company has never been inspected."
    )
    assert no["location"] == {
        "file": str(file),
        "line": 7,
        "column": 5,
        "path": "checklist.DUR-17",
        "sheet": None,
        "cell": None,
        "where": f"{file}:7:5",
    }
    assert no["adjustments"] == [
        {
            "kind": "answer",
            "reason": "no",
            "source": f"{file}:7",
            "previous_status": "manual",
            "details": {"answer": "no", "answered_by": "Liu Fang", "answered_on": "2026-10-15"},
        }
    ]
    counts, earlier = after["summary"], before["summary"]
    assert (counts["pass"], counts["fail"], counts["manual"]) == (
        earlier["pass"] + 1,
        earlier["fail"] + 1,
        earlier["manual"] - 3,
    )
    # Both answered items are of licensing: one pass and one fail join its counted results (docs/scoring.md).
    assert (
        after["profiles"][0]["score"]["elements"]["licensing"] < before["profiles"][0]["score"]["elements"]["licensing"]
    )
    assert after["profiles"][0]["coverage"]["DUR-17"] == "fail"
    assert after["profiles"][0]["coverage"]["ECL-19"] == "pass"


def test_an_answer_older_than_its_age_leaves_the_item_manual_and_says_so(company):
    profile, answers = company
    answers(
        "max_age_days: 180\n"
        "attestations:\n"
        "  - {item: DUR-41, answer: true, answered_by: Wang Wei, answered_on: 2024-01-15}\n"
    )
    result = _by_id(_json(profile), "DUR-41")
    assert result["status"] == "manual"
    assert result["adjustments"][0]["kind"] == "answer_expired"
    assert result["message"].endswith(
        "The answer given by Wang Wei on 2024-01-15 is more than 180 days old on the assessment date; "
        "answer the question again."
    )


def test_a_failed_answer_is_a_sarif_result_at_the_answer_and_the_log_is_valid(company):
    profile, answers = company
    answers("attestations:\n  - {item: DUR-21, answer: no, answered_by: Liu Fang, answered_on: 2026-10-15}\n")
    run = run_cli("check", profile, "--format", "sarif")
    log = json.loads(run.out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    found = [result for result in log["runs"][0]["results"] if result["ruleId"] == "DUR-21"]
    assert len(found) == 1
    region = found[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "attestations:\n  - {item: ECL-91, answer: yes, answered_by: A, answered_on: 2026-10-15}\n",
            ":2:12: attestations: no checklist item 'ECL-91' in the rule set (did you mean 'ECL-29'?)",
        ),
        (
            "attestations:\n  - {item: DUR-32, answer: not_applicable, answered_by: A, answered_on: 2026-10-15}\n",
            ":2:28: attestations: an answer of not_applicable needs a reason",
        ),
        (
            "attestations:\n  - {item: ECL-19, answer: maybe, answered_by: A, answered_on: 2026-10-15}\n",
            ":2:28: attestations[0].answer: 'maybe' is not supported",
        ),
        (
            "attestations:\n  - {item: ECL-19, answer: yes, answered_by: A, answered_on: 2026-10-15}\n"
            "  - {item: ecl-19, answer: no, answered_by: B, answered_on: 2026-10-16}\n",
            ":3:12: attestations: ECL-19 is answered twice (first at line 2)",
        ),
        (
            "attestations:\n  - {item: ECL-19, answer: yes, answered_on: 2026-10-15}\n",
            ":2:5: missing required key 'answered_by'",
        ),
    ],
)
def test_a_bad_attestation_is_an_input_error_at_its_place_and_nothing_is_written(company, tmp_path, text, message):
    profile, answers = company
    file = answers(text)
    out = tmp_path / "out.json"
    run = run_cli("check", profile, "--format", f"json:{out}")
    assert run.code == 2
    assert f"{file}{message}" in run.err
    assert not out.exists()


def test_attestations_named_on_the_command_line_and_never_read_as_part_of_a_profile_directory(tmp_path):
    folder = tmp_path / "company"
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "profile.yaml")
    answers = "attestations:\n  - {item: DUR-21, answer: yes, answered_by: A, answered_on: 2026-10-15}\n"
    (folder / "exportcheck-attestations.yaml").write_text(answers, encoding="utf-8")
    assert _by_id(_json(folder), "DUR-21")["status"] == "pass"
    elsewhere = tmp_path / "answers.yaml"
    elsewhere.write_text(answers.replace("yes", "no"), encoding="utf-8")
    assert _by_id(_json(folder, "--attestations", elsewhere), "DUR-21")["status"] == "fail"


def test_a_narrowed_run_is_not_asked_the_checklist(ruleset):
    data = _json(SAMPLES / "gaps.yaml", "--select", "LIC")
    items = {item.id for item in checklist(ruleset)}
    assert not [result for result in data["results"] if result["rule_id"] in items]


def test_an_item_whose_source_was_not_yet_in_force_is_not_asked(company):
    profile, _ = company
    data = _json(profile, "--as-of", "2024-06-30")
    result = _by_id(data, "DUR-21")
    assert result["status"] == "not_applicable"
    assert result["message"] == "2024-06-30 is before DUR took effect on 2024-12-01."
    assert _by_id(data, "ECL-19")["status"] == "manual"


def test_the_checklist_command_says_how_each_question_stands(company, ruleset):
    profile, answers = company
    answers("attestations:\n  - {item: DUR-21, answer: no, answered_by: A, answered_on: 2026-10-15}\n")
    run = run_cli("checklist", profile)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == f"Answers read from {profile.parent / 'exportcheck-attestations.yaml'}"
    assert "ANSWERED NO   DUR-21        DUR Art. 21" in lines
    assert "NOT ASKED     ECL-24        ECL Art. 24" in lines
    asked = len(checklist(ruleset)) - len(MILITARY) - 1
    assert lines[-1] == f"{asked} to answer · 1 answered no · {len(MILITARY)} not asked"


def test_the_template_lists_the_open_questions_and_reads_as_an_attestations_file_with_no_answers(company, tmp_path):
    profile, answers = company
    run = run_cli("checklist", profile, "--template")
    assert run.code == 0, run.err
    assert "  # - item: ECL-19\n" in run.out and "# - item: ECL-24" not in run.out
    answers(run.out)
    before = _json(profile)
    assert _by_id(before, "ECL-19")["status"] == "manual"
    # Uncommenting one entry and filling it in answers that item.
    filled = run.out.replace("  # - item: ECL-19\n  #   answer: yes", "  - item: ECL-19\n    answer: yes", 1)
    filled = filled.replace(
        '  #   evidence: []                # references a reviewer can open\n  #   answered_by: ""',
        '    evidence: []\n    answered_by: "Liu Fang"',
        1,
    )
    filled = filled.replace("  #   answered_on:", "    answered_on:", 1)
    answers(filled)
    assert _by_id(_json(profile), "ECL-19")["status"] == "pass"
