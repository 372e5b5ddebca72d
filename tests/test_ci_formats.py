"""The CI formats (SARIF, JUnit, GitHub annotations, GitLab Code Quality): valid, complete, stable, and in
agreement with the JSON on every count."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from checker.checks import CHECKS
from checker.report import github, gitlab, junit, sarif
from checker.report.registry import ReportOptions
from tests.conftest import REFERENCE, ROOT, SAMPLES, run_cli

DATA = ROOT / "tests" / "data"
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
JUNIT_SCHEMA = xmlschema.XMLSchema(str(DATA / "junit-ant.xsd"))
CI_FORMATS = ("sarif", "junit", "github", "gitlab")
BOTH = (SAMPLES / "compliant.yaml", SAMPLES / "gaps.yaml")


def write_all(tmp_path: Path, *paths: Path | str) -> tuple[dict[str, Path], str]:
    """Text, JSON and the four CI formats written in one run; the files and the text report."""
    files = {name: tmp_path / f"out.{name}" for name in ("json", *CI_FORMATS)}
    argv = [arg for name, file in files.items() for arg in ("--format", f"{name}:{file}")]
    run = run_cli("check", *paths, "--format", "text", *argv)
    assert run.code in (0, 1), run.err
    return files, run.out


@pytest.fixture(scope="module")
def gaps(tmp_path_factory) -> dict:
    files, _ = write_all(tmp_path_factory.mktemp("gaps"), SAMPLES / "gaps.yaml")
    return json.loads(files["json"].read_text(encoding="utf-8"))


def counts(files: dict[str, Path]) -> dict[str, int]:
    """Failures (and rule errors) as each format tells them."""
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    results = json.loads(files["sarif"].read_text(encoding="utf-8"))["runs"][0]["results"]
    suites = ET.parse(files["junit"]).getroot()
    return {
        "json": sum(summary["fail"] + summary["error"] for summary in summaries(data)),
        "sarif": sum(1 for result in results if "suppressions" not in result),
        "junit": sum(int(suite.get("failures")) + int(suite.get("errors")) for suite in suites),
        "junit cases": len(
            suites.findall("./testsuite/testcase/failure") + suites.findall("./testsuite/testcase/error")
        ),
        "github": len(files["github"].read_text(encoding="utf-8").splitlines()),
        "gitlab": len(json.loads(files["gitlab"].read_text(encoding="utf-8"))),
    }


def summaries(data: dict) -> list[dict]:
    """Each company's counts: one profile's document, or each of a portfolio's (docs/portfolio.md)."""
    return [document["summary"] for document in data.get("companies", [data])]


@pytest.mark.parametrize("paths", [(SAMPLES / "gaps.yaml",), BOTH], ids=["gaps", "both samples"])
def test_every_format_of_one_run_counts_the_same_failures(paths, tmp_path):
    files, text = write_all(tmp_path, *paths)
    told = counts(files)
    [*_, summary] = summaries(json.loads(files["json"].read_text(encoding="utf-8")))  # the gaps sample's
    assert summary["fail"] > 0
    assert set(told.values()) == {summary["fail"] + summary["error"]}, told
    if len(paths) == 1:
        assert f"{summary['fail']} fail · " in text
    else:
        assert text.startswith("Portfolio summary\n") and text.count("\n1  ") == 1 and "\n2  " in text


def test_a_rule_error_is_an_error_in_every_format(tmp_path, monkeypatch):
    monkeypatch.setitem(CHECKS, "boom", lambda scope: 1 / 0)
    pack = tmp_path / "acme"
    shutil.copytree(ROOT / "tests" / "packs" / "acme", pack)
    rule = pack / "group_policy" / "ACME-GRP-001.yaml"
    rule.write_text(
        rule.read_text().replace(
            "check:\n  at_least: {path: programme.records.retention_years, value: 10}\n", "check: {function: boom}\n"
        )
    )
    files, _ = write_all(tmp_path, REFERENCE, "--rules", pack)
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    assert data["summary"]["error"] == 1
    told = counts(files)
    assert set(told.values()) == {data["summary"]["fail"] + 1}, told
    [error] = [r for r in json.loads(files["sarif"].read_text())["runs"][0]["results"] if r["ruleId"] == "ACME-GRP-001"]
    assert error["level"] == "error"
    assert ET.parse(files["junit"]).getroot().find("./testsuite/testcase[@classname='ACME-GRP-001']/error") is not None
    assert "::error " in files["github"].read_text() and '"severity": "blocker"' in files["gitlab"].read_text()


@pytest.mark.parametrize("name", CI_FORMATS)
def test_a_rerun_gives_the_same_bytes(name, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for target in (first, second):
        assert run_cli("check", *BOTH, "--format", f"{name}:{target}").code == 1
    assert first.read_bytes() == second.read_bytes()


# SARIF


def test_sarif_is_valid_and_describes_every_rule(gaps):
    log = json.loads("".join(sarif.chunks(gaps)))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule["id"] for rule in gaps["rules"]]
    first = rules[0]
    assert first["name"] == "PolicyStatementSignedBySeniorManagement"
    assert "Remediation: Have senior management sign" in first["help"]["text"]
    assert "**Remediation.**" in first["help"]["markdown"] and "ICP guidance element 1" in first["help"]["markdown"]
    assert first["properties"]["security-severity"] == "5.5" and "security" in first["properties"]["tags"]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["properties"] == {"gate": {k: gaps["gate"][k] for k in sarif_gate_keys()}}
    assert [note["message"]["text"] for note in invocation["toolExecutionNotifications"]] == [
        notice["en"] for notice in gaps["profiles"][0]["notices"]
    ]
    failures = [r for r in gaps["results"] if r["status"] == "fail"]
    assert [(r["ruleId"], r["partialFingerprints"][sarif.FINGERPRINT]) for r in run["results"]] == [
        (r["rule_id"], r["fingerprint"]) for r in failures
    ]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    top = run["results"][0]
    assert top["level"] == "warning"
    assert top["locations"][0] == {
        "physicalLocation": {
            "artifactLocation": {"uri": "samples/gaps.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 24, "startColumn": 72},
        },
        "logicalLocations": [{"fullyQualifiedName": "programme.policy_statement.signed_by.role", "kind": "value"}],
    }


def sarif_gate_keys() -> tuple[str, ...]:
    return ("passed", "fail_on", "failures", "errors")


def adjusted(data: dict) -> dict:
    """The document with a waived failure, a rule error without a place, a manual check, a finding at line 0,
    one in an absolute path outside the repository, and a baseline mark: what other runs can produce."""
    data = copy.deepcopy(data)
    results = [r for r in data["results"] if r["status"] == "fail"]
    results[0].update(
        status="waived",
        adjustments=[
            {
                "kind": "waiver",
                "reason": "Board signature due in Q1",
                "source": "waivers.yaml:3",
                "previous_status": "fail",
                "details": {"approved_by": "Chen Jing", "expires": "2027-03-31"},
            }
        ],
    )
    results[1].update(status="error", location=None, message="The rule could not be evaluated, 50% done\r\nx: y")
    results[2].update(status="manual")
    results[3]["location"] = {**results[3]["location"], "line": 0, "column": 0}
    results[4]["location"] = {**results[4]["location"], "file": "/elsewhere/a b,c.yaml"}
    results[5]["location"] = {**results[5]["location"], "file": str(ROOT / "samples" / "gaps.yaml")}
    results[6]["baseline"] = True
    results[7]["message"] = 'a <b> & "c"\x1b[31m\x00'
    return data


def test_sarif_marks_waivers_errors_places_and_baselines(gaps):
    data = adjusted(gaps)
    log = json.loads("".join(sarif.chunks(data)))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == gaps["summary"]["fail"] - 1  # the manual check is left out
    waived, error = results[0], results[1]
    assert waived["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Board signature due in Q1",
            "properties": {"approved_by": "Chen Jing", "expires": "2027-03-31", "source": "waivers.yaml:3"},
        }
    ]
    assert error["level"] == "error"
    assert error["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "samples/gaps.yaml", "uriBaseId": "%SRCROOT%"}
    }
    places = [r["locations"][0]["physicalLocation"] for r in results[2:5]]
    assert "region" not in places[0]
    assert places[1]["artifactLocation"] == {"uri": "file:///elsewhere/a%20b%2Cc.yaml"}
    assert places[2]["artifactLocation"] == {"uri": "samples/gaps.yaml", "uriBaseId": "%SRCROOT%"}
    assert [r["baselineState"] for r in results[4:7]] == ["new", "unchanged", "new"]


def test_sarif_passes_microsofts_multitool(tmp_path, gaps):
    tool = multitool()
    (tmp_path / "adjusted.sarif").write_text("".join(sarif.chunks(adjusted(gaps))), encoding="utf-8")
    for name, paths in (("gaps", (SAMPLES / "gaps.yaml",)), ("both", BOTH), ("adjusted", ())):
        target, log = tmp_path / f"{name}.sarif", tmp_path / f"{name}.validation.sarif"
        if paths:
            assert run_cli("check", *paths, "--format", f"sarif:{target}").code == 1
        done = subprocess.run(
            [tool, "validate", target, "--rule-kind", "Gh;Sarif", "--output", log, "--log", "ForceOverwrite"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        [run] = json.loads(log.read_text(encoding="utf-8"))["runs"]
        notes = [n for i in run.get("invocations", []) for n in i.get("toolExecutionNotifications", [])]
        errors = [r for r in run.get("results", []) if r.get("level", "warning") == "error"]
        assert (errors, [n for n in notes if n.get("level") == "error"]) == ([], []), done.stdout


def multitool() -> str:
    """The Multitool in .tools/ (scripts/setup.sh --dev), installed there now if npm can."""
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("Node.js and npm are not installed on this machine; the SARIF Multitool needs them")
    tools = ROOT / ".tools"
    if not (tools / "node_modules" / "@microsoft" / "sarif-multitool").exists():
        install = ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(tools)]
        subprocess.run([*install, "@microsoft/sarif-multitool"], check=True, capture_output=True, timeout=600)
    # The package's own launcher hands its arguments to a shell, which splits `Gh;Sarif`: run the binary.
    where = "process.stdout.write(require('@microsoft/sarif-multitool'))"
    binary = subprocess.run(["node", "-e", where], cwd=tools, check=True, capture_output=True, text=True).stdout
    os.chmod(binary, os.stat(binary).st_mode | 0o100)
    return binary


# JUnit


def suites(data: dict) -> ET.Element:
    xml = "".join(junit.chunks(data))
    JUNIT_SCHEMA.validate(xml)
    return ET.fromstring(xml)


def test_junit_is_valid_with_a_suite_per_profile_and_true_counts(tmp_path):
    files, _ = write_all(tmp_path, *BOTH)
    JUNIT_SCHEMA.validate(str(files["junit"]))
    root = ET.parse(files["junit"]).getroot()
    assert [suite.get("name") for suite in root] == ["samples/compliant.yaml", "samples/gaps.yaml"]
    for suite in root:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        for kind, attribute in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
            assert int(suite.get(attribute)) == len(suite.findall(f"testcase/{kind}"))
        names = [(case.get("classname"), case.get("name")) for case in cases]
        assert len(names) == len(set(names))
        assert suite.get("timestamp").endswith("T00:00:00")
    failure = root[1].find("testcase[@classname='POL-001']/failure")
    assert (failure.get("type"), failure.text.splitlines()[0]) == ("medium", "samples/gaps.yaml:24:72")
    assert failure.text.splitlines()[-1].startswith("Remediation: Have senior management sign")


def test_junit_sums_up_a_ledgers_passes_per_rule(tmp_path):
    from benchmarks.check_speed import ledger

    files, _ = write_all(tmp_path, ledger(300, tmp_path))
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    root = ET.parse(files["junit"]).getroot()
    JUNIT_SCHEMA.validate(str(files["junit"]))
    [passes] = [r for r in data["results"] if r["rule_id"] == "LIC-001" and r["status"] == "pass"]
    assert passes["count"] == 300 == len(passes["records"])
    [case] = root.findall("./testsuite/testcase[@name='LIC-001: 300 subjects pass']")
    assert len(root.findall("./testsuite/testcase")) < 4 * len(data["rules"])


def test_junit_skips_waived_and_manual_with_the_reason_and_escapes_text(gaps):
    root = suites(adjusted(gaps))
    waived = root.find(".//testcase[@classname='POL-001']/skipped")
    assert waived.get("message") == "waived: Board signature due in Q1"
    assert "approved_by: Chen Jing" in waived.text and "expires: 2027-03-31" in waived.text
    assert root.find(".//testcase[@classname='ORG-005']/error").get("message").startswith("The rule could not")
    assert root.find(".//testcase[@classname='RSK-001']/skipped").get("message").startswith("manual: ")
    rule = [r for r in gaps["results"] if r["status"] == "fail"][7]["rule_id"]
    assert root.find(f".//testcase[@classname='{rule}']/failure").get("message") == 'a <b> & "c"\\x1b[31m\\x00'


# GitHub and GitLab


def test_github_annotations_are_escaped_and_levelled(gaps):
    data = adjusted(gaps)
    lines = "".join(github.GithubReporter(ReportOptions()).render(data)).splitlines()
    assert len(lines) == gaps["summary"]["fail"] - 2  # the waived and the manual are no annotation
    error = next(line for line in lines if "could not be evaluated" in line)
    assert error.startswith("::error title=ORG-005 ")
    assert error.split("::", 2)[2].startswith("The rule could not be evaluated, 50%25 done%0D%0Ax: y")
    assert not [line for line in lines if "title=RSK-001 " in line]  # now a manual check
    outside = next(line for line in lines if "elsewhere" in line)
    assert re.match(r"::\w+ file=/elsewhere/a b%2Cc.yaml,line=\d+,col=\d+,title=", outside)
    at_zero = lines[1]
    assert "line=" not in at_zero.split("::")[1] and "file=samples/gaps.yaml," in at_zero
    first = github.line(next(r for r in gaps["results"] if r["status"] == "fail"))
    assert first.startswith(
        "::warning file=samples/gaps.yaml,line=24,col=72,title=POL-001 The policy statement is signed by senior "
        "management::The policy statement is signed by a signer whose role is compliance manager;"
    )
    assert "%0A%0ARemediation: Have senior management" in first
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_gitlab_code_quality_lists_failures_and_errors(gaps):
    data = adjusted(gaps)
    report = json.loads("".join(gitlab.chunks(data)))
    assert len(report) == gaps["summary"]["fail"] - 2
    assert len({entry["fingerprint"] for entry in report}) == len(report)
    error = next(entry for entry in report if entry["check_name"] == "ORG-005")
    assert error["severity"] == "blocker"
    assert error["location"] == {"path": "samples/gaps.yaml", "lines": {"begin": 1}}
    first = json.loads("".join(gitlab.chunks(gaps)))[0]
    assert first == {
        "description": "POL-001 The policy statement is signed by senior management: The policy statement is signed "
        "by a signer whose role is compliance manager; expected senior management (the principal person in charge "
        "or a senior executive).",
        "check_name": "POL-001",
        "fingerprint": "866a86174f2a3a9411a58d3a0137b932",
        "severity": "major",
        "location": {"path": "samples/gaps.yaml", "lines": {"begin": 24}},
    }
    assert "".join(gitlab.chunks({**gaps, "results": []})) == "[]\n"
