"""Notices as every report shows them, whatever their kind: the text report's block before the findings, the
JSON (against its schema), SARIF's tool execution notifications and the PDF's cover."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from checker.report import sarif, text
from checker.report.gap_report.view import build_view
from checker.report.registry import ReportOptions
from tests.conftest import ROOT, SAMPLES, run_cli

SCHEMA = json.loads((ROOT / "docs" / "schema" / "assessment.schema.json").read_text(encoding="utf-8"))
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

# A kind the catalogue has no label for: shown all the same, unlabelled.
UNLABELLED = {
    "kind": "records_after_date",
    "en": "E-2026-099 is dated after the assessment date and was not assessed.",
    "zh": "E-2026-099 的日期晚于评估基准日，未予评估。",
    "refs": ["exports[E-2026-099]"],
}


@pytest.fixture(scope="module")
def gaps() -> dict:
    run = run_cli("check", SAMPLES / "gaps.yaml", "--format", "json")
    return json.loads(run.out)


def with_notices(data: dict, notices: list[dict]) -> dict:
    changed = copy.deepcopy(data)
    changed["profiles"][0]["notices"] = notices
    return changed


def scoped(data: dict) -> list[dict]:
    """The profile's out_of_scope notices; the assessment date adds notices of its own kinds."""
    return [notice for notice in data["profiles"][0]["notices"] if notice["kind"] == "out_of_scope"]


def test_the_json_carries_each_profiles_notices_and_the_schema_describes_them(gaps):
    jsonschema.validate(gaps, SCHEMA)
    assert [notice["refs"] for notice in scoped(gaps)] == [
        ["DUR Art. 14", "REV-003", "REV-004"],
        ["ECL Art. 18", "DUR Art. 26", "SCR-001", "SCR-006"],
    ]
    jsonschema.validate(with_notices(gaps, [UNLABELLED]), SCHEMA)
    for broken in ({**UNLABELLED, "zh": ""}, {k: v for k, v in UNLABELLED.items() if k != "refs"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(with_notices(gaps, [broken]), SCHEMA)


def test_the_text_report_shows_the_notices_between_the_scores_and_the_failures(gaps):
    lines = run_cli("check", SAMPLES / "gaps.yaml").out.splitlines()
    count = len(gaps["profiles"][0]["notices"])
    start = lines.index(f"Notices ({count})")
    assert lines[start - 2].startswith("  International obligations")  # the last element score
    end = lines.index(f"Failures ({gaps['summary']['fail']})")
    assert lines[end - 9 : end] == [  # the out_of_scope notices come last, then a blank line
        "  NOT ASSESSED  Whether an item's classification is right: exportcheck checks that items were",
        "                classified and the result recorded, not that the control code fits the item (DUR",
        "                Art. 14).",
        "                See: DUR Art. 14 · REV-003 · REV-004",
        "  NOT ASSESSED  Whether a party is on a list: exportcheck reads the screening results recorded, and",
        "                compares names only with the lists it consults (docs/lists.md), close spellings and",
        "                Chinese forms included; no owners, no addresses.",
        "                See: ECL Art. 18 · DUR Art. 26 · SCR-001 · SCR-006",
        "",
    ]


def test_the_chinese_text_report_shows_the_chinese_notices(gaps):
    lines = run_cli("check", SAMPLES / "gaps.yaml", "--lang", "zh").out.splitlines()
    start = lines.index(f"须知 ({len(gaps['profiles'][0]['notices'])})")
    at = lines.index("  未评估  " + scoped(gaps)[0]["zh"], start)
    assert lines[at + 1] == "          详见：DUR Art. 14 · REV-003 · REV-004"


def test_a_notice_of_any_kind_is_shown_unlabelled_when_the_catalogue_has_no_label(gaps):
    shown = text.render(with_notices(gaps, [UNLABELLED]), ReportOptions()).splitlines()
    start = shown.index("Notices (1)")
    assert shown[start + 1 : start + 3] == [
        "  E-2026-099 is dated after the assessment date and was not assessed.",
        "  See: exports[E-2026-099]",
    ]


def test_no_notices_no_block(tmp_path):
    bare = tmp_path / "bare.yaml"
    bare.write_text("schema_version: 1\ncompany: {name: Bare Co.}\n", encoding="utf-8")
    data = json.loads(run_cli("check", bare, "--as-of", "2026-06-01", "--format", "json").out)
    assert data["profiles"][0]["notices"] == []
    assert "Notices" not in run_cli("check", bare, "--as-of", "2026-06-01").out


def test_sarif_gives_each_notice_as_a_tool_execution_notification(gaps):
    log = json.loads("".join(sarif.chunks(with_notices(gaps, [*scoped(gaps), UNLABELLED]))))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(note["level"], note["descriptor"]["id"]) for note in notes] == [
        ("note", "out_of_scope"),
        ("note", "out_of_scope"),
        ("note", "records_after_date"),
    ]
    assert notes[2]["message"]["text"] == UNLABELLED["en"]
    assert notes[2]["properties"] == {"profile": 0, "refs": ["exports[E-2026-099]"]}
    zh = json.loads("".join(sarif.chunks(with_notices(gaps, [UNLABELLED]), "zh")))
    assert zh["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == UNLABELLED["zh"]


def test_the_gap_report_view_gives_notices_in_the_reports_language(gaps):
    notices = [*scoped(gaps)[:1], UNLABELLED]
    english = build_view(with_notices(gaps, notices), "en")["notices"]
    assert english == [
        {
            "label": "Not assessed",
            "text": scoped(gaps)[0]["en"],
            "refs": "DUR Art. 14, REV-003, REV-004",
        },
        {"label": None, "text": UNLABELLED["en"], "refs": "exports[E-2026-099]"},
    ]
    chinese = build_view(with_notices(gaps, notices), "zh")["notices"]
    assert [(notice["label"], notice["text"]) for notice in chinese] == [
        ("未评估", scoped(gaps)[0]["zh"]),
        (None, UNLABELLED["zh"]),
    ]
