"""Several reports in one run, chosen by name from one registry, all read from the same assessment."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest
from pypdf import PdfReader

from checker.report.registry import FORMATS
from tests.conftest import REFERENCE, ROOT, SAMPLES, run_cli

SCHEMA = json.loads((ROOT / "docs" / "schema" / "assessment.schema.json").read_text(encoding="utf-8"))
ACME = ROOT / "tests" / "packs" / "acme"
EXCERPT = ROOT / "tests" / "data" / "reference" / "control-list-excerpt.yaml"


def test_text_json_and_pdf_in_one_run_agree_on_every_count(tmp_path):
    out_json, out_pdf = tmp_path / "out.json", tmp_path / "out.pdf"
    run = run_cli(
        "check", SAMPLES / "gaps.yaml", "--format", "text", "--format", f"json:{out_json}", "--format", f"pdf:{out_pdf}"
    )
    assert run.code == 1
    assert run.err == f"exportcheck: wrote {out_json}\nexportcheck: wrote {out_pdf}\n"
    summary = json.loads(out_json.read_text(encoding="utf-8"))["summary"]
    counts = re.search(
        r"^(\d+) fail · (\d+) pass · (\d+) not applicable · (\d+) manual check · (\d+) waived · "
        r"(\d+) rule error$",
        run.out,
        re.M,
    )
    assert counts and tuple(map(int, counts.groups())) == tuple(summary.values())
    assert f"Failures ({summary['fail']})" in run.out
    summary_page = PdfReader(out_pdf).pages[2].extract_text()
    shown = dict(re.findall(r"^(FAIL|PASS|NOT APPLICABLE|MANUAL CHECK|WAIVED|RULE ERROR) (\d+)$", summary_page, re.M))
    assert [
        int(shown[label]) for label in ("FAIL", "PASS", "NOT APPLICABLE", "MANUAL CHECK", "WAIVED", "RULE ERROR")
    ] == list(summary.values())
    # The same run with the formats in separate runs gives the same JSON and the same PDF.
    alone = tmp_path / "alone.json"
    run_cli("check", SAMPLES / "gaps.yaml", "--format", f"json:{alone}")
    assert alone.read_bytes() == out_json.read_bytes()


def test_the_registry_drives_the_choices():
    assert list(FORMATS) == ["text", "json", "html", "pdf", "sarif", "junit", "github", "gitlab"]
    run = run_cli("check", REFERENCE, "--format", "yaml")
    assert (run.code, run.err) == (
        2,
        "exportcheck: --format yaml: no format 'yaml'; "
        "choose from text, json, html, pdf, sarif, junit, github, gitlab\n",
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("--format", "text", "--format", "json"),
            "only one report can go to standard output; text, json have no file",
        ),
        (("--format", "json:"), "--format json:: give a file name after the colon, or leave the colon out"),
        (
            ("--format", "json", "--format", "text", "-o", "x.json"),
            "-o names the file of one --format given without a file; 2 are given without one",
        ),
    ],
)
def test_unclear_output_requests_are_usage_errors(argv, message, tmp_path):
    run = run_cli("check", REFERENCE, *argv)
    assert (run.code, run.out, run.err) == (2, "", f"exportcheck: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_o_alone_writes_the_default_text_report(tmp_path):
    target = tmp_path / "report.txt"
    run = run_cli("check", SAMPLES / "gaps.yaml", "-o", target)
    assert run.code == 1 and run.out == ""
    assert target.read_text(encoding="utf-8") == run_cli("check", SAMPLES / "gaps.yaml").out


def test_a_pdf_can_be_piped_to_standard_output(tmp_path):
    target = tmp_path / "piped.pdf"
    with target.open("wb") as sink:
        done = subprocess.run(
            [sys.executable, "-m", "checker", "check", str(SAMPLES / "gaps.yaml"), "--format", "pdf"],
            stdout=sink,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    assert target.read_bytes().startswith(b"%PDF-") and len(PdfReader(target).pages) > 5


@pytest.mark.parametrize(
    "argv",
    [
        (SAMPLES / "gaps.yaml",),
        (SAMPLES / "compliant.yaml",),
        (SAMPLES / "compliant.yaml", "--rules", ACME),
        (SAMPLES / "gaps.yaml", "--reference", EXCERPT, "--fail-on", "none"),
    ],
    ids=["gaps", "compliant", "pack", "reference-data"],
)
def test_the_json_validates_against_its_schema(argv):
    run = run_cli("check", *argv, "--format", "json")
    assert run.code in (0, 1), run.err
    jsonschema.validate(json.loads(run.out), SCHEMA)


def test_adjusted_results_validate_against_the_schema():
    from datetime import date

    from checker.apply import Adjustment
    from checker.pipeline import assess
    from checker.report.contract import to_dict
    from checker.results import Status
    from checker.ruleset.loading import load_ruleset
    from checker.validate import load_profile

    waiver = Adjustment(
        "waiver",
        "REC-001",
        "archive moves in March",
        "waivers.yaml:2",
        status=Status.waived,
        details=(("approved_by", "Liu Fang"), ("expires", "2027-03-31")),
    )
    data = to_dict(
        assess(
            [load_profile(SAMPLES / "gaps.yaml")], load_ruleset(), as_of=None, today=date.today(), adjustments=[waiver]
        )
    )
    jsonschema.validate(data, SCHEMA)
    [result] = [r for r in data["results"] if r["rule_id"] == "REC-001"]
    assert (result["status"], result["adjustments"]) == (
        "waived",
        [
            {
                "kind": "waiver",
                "reason": "archive moves in March",
                "source": "waivers.yaml:2",
                "previous_status": "fail",
                "details": {"approved_by": "Liu Fang", "expires": "2027-03-31"},
            }
        ],
    )
    assert data["summary"]["waived"] == 1


def test_the_schema_refuses_what_the_contract_never_writes():
    data = json.loads(run_cli("check", SAMPLES / "gaps.yaml", "--format", "json").out)
    data["results"][0]["status"] = "passed"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
    del data["results"][0]
    data.pop("gate")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
