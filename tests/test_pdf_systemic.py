"""A gap repeated on every row of a ledger is one finding in the gap report: the first records in the finding,
every record in an appendix, one row of the plan; and a ledger's passes are counted, not listed."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from benchmarks.pdf_report import gap_ledger
from checker.report.gap_report.findings import RECORDS_SHOWN, SUBJECTS_SHOWN
from checker.report.gap_report.view import build_view
from tests.conftest import ROOT, run_cli

ROWS = 150  # and 15 licences, each used by ten exports


@pytest.fixture(scope="module")
def ledger_data(tmp_path_factory) -> dict:
    profile = gap_ledger(ROWS, tmp_path_factory.mktemp("ledger") / "ledger.yaml")
    run = run_cli("check", profile, "--format", "json")
    assert run.code == 1, run.err
    return json.loads(run.out)


def test_a_rule_failing_on_every_row_is_one_finding_with_its_records(ledger_data):
    failing = [result for result in ledger_data["results"] if result["status"] == "fail"]
    assert {result["rule_id"] for result in failing} == {"SCR-004"} and len(failing) == ROWS
    view = build_view(ledger_data, "en")
    [screening] = [section for section in view["elements"] if section.failures]
    [finding] = screening.failures
    assert finding.rule_id == "SCR-004" and finding.location is None
    assert finding.message == (
        f"{ROWS} records fail this rule: a systemic gap, shown once. "
        "The first: Date the parties were screened is not stated; expected to be stated."
    )
    assert [record.subject for record in finding.records] == [f"EXP-{n:05d}" for n in range(ROWS)]
    assert finding.records_file == failing[0]["location"]["file"]
    first = finding.records[0]
    assert (first.where, first.detail) == (
        f"line {failing[0]['location']['line']}",
        "Date the parties were screened is not stated; expected to be stated.",
    )
    assert len(finding.shown_records) == RECORDS_SHOWN
    assert view["plan"] == [finding] and view["top_gaps"] == [finding] and view["gap_count"] == 1
    assert view["systemic"] == [finding] and finding.tracked_as == f"{ROWS} records"
    assert view["headings"][-1].title == "Appendix D. Records of systemic gaps"
    assert dict(view["severity_counts"])["high"] == ROWS  # the counts are still of results


@pytest.mark.parametrize("all_results", [False, True])
def test_a_ledgers_passes_name_a_few_records_and_count_the_rest(ledger_data, all_results):
    """Summed up per rule (the default) or listed one by one (--all-results), the same few names and count."""
    if all_results:
        ledger_data = json.loads(run_cli("check", ledger_data["profiles"][0]["source"], "--format", "json",
                                         "--all-results").out)  # fmt: skip
    view = build_view(ledger_data, "en")
    [licensing] = [section for section in view["elements"] if section.heading.title == "Licensing"]
    [lic_001] = [group for group in licensing.passes if group.rule_id == "LIC-001"]
    names = tuple(f"EXP-{n:05d}" for n in range(SUBJECTS_SHOWN))
    assert (lic_001.count, lic_001.lines) == (ROWS, (*names, f"and {ROWS - SUBJECTS_SHOWN} more"))
    [lic_010] = [group for group in licensing.not_applicable if group.rule_id == "LIC-010"]
    if not all_results:
        assert (lic_010.count, lic_010.lines) == (ROWS, (f"Not applicable to {ROWS} records of exports.",))
        return
    # One reason per licence: the first ten reasons are given, the others counted.
    assert len(lic_010.lines) == SUBJECTS_SHOWN + 1 and lic_010.count == ROWS
    uses = ", ".join(f"EXP-{n:05d}" for n in range(0, ROWS, 15))
    assert lic_010.lines[0] == f"{uses}: licence LIC-0 is not recorded as suspended, revoked or returned."
    assert lic_010.lines[-1] == "and 5 more reasons"


def test_the_pdf_of_a_systemic_gap_lists_ten_records_in_the_finding_and_all_in_the_appendix(tmp_path):
    rows = 1000
    profile = gap_ledger(rows, tmp_path / "ledger.yaml")
    pdf = tmp_path / "report.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(profile), "--pdf", str(pdf), "--format", "json", "-o",
         str(tmp_path / "r.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(pages) < 40  # 1,000 failures took 796 pages when each was a finding of its own
    text = " ".join(" ".join(pages).split())
    assert "1,000 records fail this rule: a systemic gap, shown once." in text
    assert f"The first 10 of 1,000 records, in {profile}:" in " ".join(text.split())
    assert "All 1,000 are listed in Appendix D. Records of systemic gaps." in text
    findings, appendix = text.split("Appendix D. Records of systemic gaps Every record")
    assert re.findall(r"EXP-\d{5}(?= line)", findings) == [f"EXP-{n:05d}" for n in range(RECORDS_SHOWN)]
    assert re.findall(r"EXP-\d{5}(?= line)", appendix) == [f"EXP-{n:05d}" for n in range(rows)]
    plan = text.split("3 Remediation plan")[-1].split("4 Manual checklist")[0]
    assert re.findall(r"\b1 HIGH SCR-004 1,000 records\b", plan)
    assert not re.findall(r"\b2 HIGH\b", plan)


def test_the_body_and_appendix_are_in_chinese_in_a_chinese_report(ledger_data):
    view = build_view(ledger_data, "zh")
    [finding] = view["systemic"]
    assert finding.message.startswith(f"共 {ROWS} 条记录未通过本规则，属系统性差距，合并列示。首条记录：")
    assert finding.records[0].where.startswith("第 ") and finding.tracked_as == f"{ROWS} 条记录"


def test_systemic_gaps_need_three_records(ledger_data):
    data = json.loads(json.dumps(ledger_data))
    failing = [result for result in data["results"] if result["status"] == "fail"]
    keep = {id(result) for result in failing[:2]}
    data["results"] = [r for r in data["results"] if r["status"] != "fail" or id(r) in keep]
    view = build_view(data, "en")
    assert [finding.records for finding in view["plan"]] == [(), ()]
    assert view["systemic"] == []
    assert view["headings"][-1].title == "Appendix C. Crosswalk to the BIS and EU programme frameworks"


def test_records_read_from_a_sheet_are_placed_by_their_cell(ledger_data):
    data = json.loads(json.dumps(ledger_data))
    failing = [result for result in data["results"] if result["status"] == "fail"]
    for row, result in enumerate(failing, 2):
        location = result["location"]
        location.update(
            file="exports.xlsx", sheet="Exports", cell=f"Exports!F{row}", where=f"exports.xlsx:Exports!F{row}"
        )
    [finding] = build_view(data, "en")["systemic"]
    assert finding.records_file == "exports.xlsx"
    assert [record.where for record in finding.records[:2]] == ["Exports!F2", "Exports!F3"]
    failing[1]["location"].update(file="other.xlsx", where="other.xlsx:Exports!F3")
    [finding] = build_view(data, "en")["systemic"]
    assert finding.records_file is None
    assert [record.where for record in finding.records[:2]] == ["exports.xlsx:Exports!F2", "other.xlsx:Exports!F3"]
