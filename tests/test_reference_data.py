"""Reference data: typed, versioned datasets handed to evaluation, recorded in the JSON and the report."""

from __future__ import annotations

import json

import pytest

from checker.errors import InputError
from checker.facts import DERIVED, derive
from checker.reference import ReferenceData
from checker.reference.datasets import load_dataset
from tests.conftest import ROOT, SAMPLES, run_cli

EXCERPT = ROOT / "tests" / "data" / "reference" / "control-list-excerpt.yaml"


@pytest.fixture
def listed_party(tmp_path):
    """samples/gaps.yaml with the German importer renamed to a name on the excerpt, written as users write."""
    text = (SAMPLES / "gaps.yaml").read_text(encoding="utf-8")
    path = tmp_path / "gaps.yaml"
    path.write_text(text.replace("name: Orion Magnetics GmbH", "name: GENERAL  DYNAMICS"), encoding="utf-8")
    return path


def test_a_dataset_loads_with_its_version_and_date():
    dataset = load_dataset(EXCERPT)
    assert (dataset.name, dataset.kind, dataset.list.value, dataset.version, dataset.as_of.isoformat()) == (
        "mofcom-control-list-excerpt",
        "party_list",
        "mofcom_control_list",
        "compiled-2026-08-24",
        "2026-08-24",
    )
    assert len(dataset.entries) == 3


def test_a_party_on_a_reference_list_fails_the_control_list_rule(listed_party):
    without = json.loads(
        run_cli("check", listed_party, "--format", "json", "--fail-on", "none", "--no-default-lists").out
    )
    run = run_cli("check", listed_party, "--format", "json", "--reference", EXCERPT, "--no-default-lists")
    data = json.loads(run.out)
    failing = [(r["rule_id"], r["subject_path"]) for r in data["results"] if r["status"] == "fail"]
    assert ("SCR-006", "exports[E-2026-031].listed_party_approval.reference") in failing
    assert ("SCR-006", "exports[E-2026-031].listed_party_approval.reference") not in [
        (r["rule_id"], r["subject_path"]) for r in without["results"] if r["status"] == "fail"
    ]
    assert run.code == 1
    assert data["reference_data"] == [
        {
            "name": "mofcom-control-list-excerpt",
            "kind": "party_list",
            "list": "mofcom_control_list",
            "version": "compiled-2026-08-24",
            "as_of": "2026-08-24",
            "source": "third-party compilation of MOFCOM announcements (an excerpt; not the official list)",
            "basis": "S",
            "note": "An excerpt of three entries, for tests only.",
            "entries": 3,
        }
    ]


def test_a_recorded_false_positive_clears_a_reference_match():
    data = {
        "parties": [
            {
                "id": "P",
                "name": "General Dynamics",
                "match_resolution": {"outcome": "false_positive", "date": "2026-01-01"},
            },
            {"id": "Q", "name_zh": "通用动力公司", "name": "GD Trading"},
        ],
        "exports": [{"id": "E", "consignee": "P", "end_user": "Q"}],
    }
    derived = derive(data, ReferenceData((load_dataset(EXCERPT),)))
    assert [party["reference_lists"] for party in derived["parties"]] == [[], ["mofcom_control_list"]]
    assert derived["exports"][0]["party_lists"] == ["mofcom_control_list"]


def test_every_registered_derived_fact_is_derived_and_nothing_else():
    data = {
        "programme": {"manual": {"document": "m"}},
        "parties": [{"id": "P", "name": "x"}],
        "exports": [{"id": "E", "consignee": "P"}],
        "technology_transfers": [{"id": "T", "recipient": {"name": "y", "party": "P"}}],
    }
    derived = derive(data)
    records = {"parties": "Party", "exports": "Export", "technology_transfers": "TechnologyTransfer"}
    added = {(record, key) for name, record in records.items() for key in set(derived[name][0]) - set(data[name][0])}
    added |= {("Programme", key) for key in set(derived["programme"]) - set(data["programme"])}
    assert added == {(fact.record.__name__, fact.name) for fact in DERIVED}


def test_a_malformed_dataset_is_an_input_error_at_its_place(tmp_path):
    broken = tmp_path / "list.yaml"
    broken.write_text(
        EXCERPT.read_text(encoding="utf-8")
        .replace("as_of: 2026-08-24", "as_of: 2026-02-30")
        .replace("list: mofcom_control_list", "list: mofcom_contrl_list"),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_dataset(broken)
    text = str(caught.value)
    assert f"{broken}:6:7: " in text and "mofcom_control_list" in text
    assert f"{broken}:8:8: " in text
    run = run_cli("check", SAMPLES / "gaps.yaml", "--reference", broken, "--format", "json:" + str(tmp_path / "o.json"))
    assert run.code == 2 and not (tmp_path / "o.json").exists()
