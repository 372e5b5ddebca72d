"""A rule's passes and exclusions on records are summed up per rule unless `--all-results`; every failure,
rule error, manual check and waived result is listed one by one either way, with the same fingerprint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from benchmarks.check_speed import ledger
from checker.read.nodes import to_plain
from checker.read.yaml import read_yaml
from tests.conftest import SAMPLES, run_cli

SUMMED_UP = ("pass", "not_applicable")


def both_ways(tmp_path: Path, *paths: Path) -> tuple[dict, dict]:
    """The JSON of one run with results summed up, and of one with --all-results."""
    documents = []
    for extra in ((), ("--all-results",)):
        out = tmp_path / f"out{len(extra)}.json"
        run = run_cli("check", *paths, "--format", f"json:{out}", "--fail-on", "none", *extra)
        assert run.code == 0, run.err
        documents.append(json.loads(out.read_text(encoding="utf-8")))
    return documents[0], documents[1]


def listed(data: dict) -> list[dict]:
    """The results listed one by one in either form (all but the passes and exclusions on records), without
    the fields that only a summed-up result fills."""
    return [
        {key: value for key, value in result.items() if key not in ("count", "records")}
        for result in data["results"]
        if result["records"] is None and (result["status"] not in SUMMED_UP or result["subject"] is None)
    ]


@pytest.fixture(scope="module")
def damaged_ledger(tmp_path_factory) -> Path:
    """The benchmark's 1,000-export ledger with failures planted on some exports."""
    directory = tmp_path_factory.mktemp("ledger")
    data = to_plain(read_yaml(ledger(1000, directory)))
    for n, export in enumerate(data["exports"]):
        if n % 7 == 0:
            del export["end_user_certificate"]
        if n % 11 == 0:
            export["screened_on"] = "2026-12-01"  # after the export
        if n % 13 == 0:
            export["reported_after_shipment"] = False
    path = directory / "damaged.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_ledgers_failures_and_counts_are_the_same_with_and_without_all_results(damaged_ledger, tmp_path):
    summed, every = both_ways(tmp_path, damaged_ledger)
    assert summed["summary"] == every["summary"]
    assert summed["summary"]["fail"] > 300 and summed["summary"]["pass"] > 10_000
    assert [p["summary"] for p in summed["profiles"]] == [p["summary"] for p in every["profiles"]]
    assert summed["score"] == every["score"] and summed["gate"] == every["gate"]
    assert listed(summed) == listed(every)
    failures = [
        (r["rule_id"], r["fingerprint"], r["location"], r["message"]) for r in every["results"] if r["status"] == "fail"
    ]
    assert [
        (r["rule_id"], r["fingerprint"], r["location"], r["message"])
        for r in summed["results"]
        if r["status"] == "fail"
    ] == failures
    # Every pass on a record is a result of its own with --all-results, and is counted once summed up.
    assert all(r["count"] == 1 and r["records"] is None for r in every["results"])
    assert len(summed["results"]) < len(every["results"]) / 20


def test_each_rule_sums_up_its_passes_and_exclusions_on_records_in_one_result_each(damaged_ledger, tmp_path):
    summed, every = both_ways(tmp_path, damaged_ledger)
    [passes] = [r for r in summed["results"] if r["rule_id"] == "LIC-001" and r["status"] == "pass"]
    one_by_one = [r for r in every["results"] if r["rule_id"] == "LIC-001" and r["status"] == "pass"]
    assert passes["count"] == len(one_by_one) == len(passes["records"]) > 900
    assert passes["records"] == [r["subject"] for r in one_by_one]
    assert passes["message"] == (
        "Every export of a listed or temporarily controlled item names a licence: met by 1,000 records of exports."
    )
    assert passes["message_zh"] == "管制清单物项和临时管制物项的每笔出口均注明许可证：出口中 1,000 条记录符合。"
    assert passes["location"]["path"] == "exports" and passes["subject"] is None
    for status in SUMMED_UP:
        by_rule: dict[str, int] = {}
        for result in summed["results"]:
            if result["status"] == status and result["records"]:
                by_rule[result["rule_id"]] = by_rule.get(result["rule_id"], 0) + 1
        assert by_rule and set(by_rule.values()) == {1}


def test_a_single_record_is_summed_up_in_the_singular(tmp_path):
    summed, _ = both_ways(tmp_path, SAMPLES / "gaps.yaml")
    singles = [r for r in summed["results"] if r["records"] and r["count"] == 1]
    assert singles
    for result in singles:
        assert " 1 record of " in result["message"] or result["message"].startswith("Not applicable to 1 record of")


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("*.yaml")))
def test_the_samples_list_the_same_findings_either_way(name, tmp_path):
    summed, every = both_ways(tmp_path, SAMPLES / name)
    assert summed["summary"] == every["summary"]
    assert listed(summed) == listed(every)
    assert sum(r["count"] for r in summed["results"]) == len(every["results"])


def test_the_text_report_is_the_same_either_way(damaged_ledger):
    texts = [run_cli("check", damaged_ledger, "--fail-on", "none", *extra).out for extra in ((), ("--all-results",))]
    assert texts[0] == texts[1] and "Failures (" in texts[0]
