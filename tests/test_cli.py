"""The command as users and CI meet it: exit codes, outputs, dates, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REFERENCE, ROOT, SAMPLES, line_of, run_cli
from tests.test_profile_loading import split_reference


def results_of(run) -> list[dict]:
    return json.loads(run.out)["results"]


def test_reference_profile_passes_with_no_failure():
    run = run_cli("check", REFERENCE, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["summary"]["fail"] == 0 and data["summary"]["error"] == 0
    assert data["summary"]["pass"] > 0


def test_json_output_file_and_stderr_note(tmp_path):
    target = tmp_path / "r.json"
    run = run_cli("check", REFERENCE, "--format", "json", "--output", target)
    assert (run.code, run.out) == (0, "")
    summary = json.loads(target.read_text())["summary"]
    assert summary["fail"] == 0
    assert run.err == f"exportcheck: wrote {target} (0 fail, {summary['pass']} pass); gate passed\n"


def test_bom_crlf_and_split_directory_give_the_same_results(tmp_path, reference_text):
    variant = tmp_path / "bom-crlf.yaml"
    variant.write_bytes(b"\xef\xbb\xbf" + reference_text.replace("\n", "\r\n").encode("utf-8"))
    split_reference(reference_text, tmp_path / "split")
    outcomes = []
    for path in (REFERENCE, variant, tmp_path / "split"):
        run = run_cli("check", path, "--format", "json")
        assert run.code == 0, run.err
        outcomes.append(
            [
                (r["rule_id"], r["status"], r["location"]["path"], r["location"]["line"])
                for r in results_of(run)
                if r["location"] is not None  # a checklist question has no place in the profile
            ]
        )
    assert outcomes[0] == outcomes[1]
    assert [(rule, status, path) for rule, status, path, _ in outcomes[0]] == [
        (rule, status, path) for rule, status, path, _ in outcomes[2]
    ]


def test_three_year_retention_fails_at_the_right_line_citing_dur_27(edited, reference_text):
    path = edited(("retention_years: 5", "retention_years: 3"))
    run = run_cli("check", path, "--format", "json")
    assert run.code == 1
    [failure] = [r for r in results_of(run) if r["status"] == "fail"]
    assert failure["rule_id"] == "REC-001"
    assert failure["location"] == {
        "file": str(path),
        "line": line_of(reference_text, "retention_years"),
        "column": 22,
        "path": "programme.records.retention_years",
        "sheet": None,
        "cell": None,
        "where": f"{path}:{line_of(reference_text, 'retention_years')}:22",
    }
    assert failure["sources"][0]["citation"] == "DUR Art. 27"
    assert failure["sources"][0]["citation_zh"] == "《两用物项出口管制条例》第二十七条"
    assert failure["message"] == "Records are kept for 3 years; DUR Art. 27 requires at least 5."


def test_text_report_of_the_same_gap(edited, reference_text):
    path = edited(("retention_years: 5", "retention_years: 3"))
    run = run_cli("check", path)
    line = line_of(reference_text, "retention_years")
    assert run.code == 1
    assert (
        f"  HIGH      REC-001  Export records are kept for at least five years\n"
        f"            {path}:{line}:22 · programme.records.retention_years\n"
        "            Records are kept for 3 years; DUR Art. 27 requires at least 5.\n"
        "            Source: DUR Art. 27 · ICP guidance element 8\n" in run.out
    )
    data = json.loads(run_cli("check", path, "--format", "json").out)["summary"]
    assert run.out.endswith(
        f"1 fail · {data['pass']} pass · {data['not_applicable']} not applicable · {data['manual']} manual "
        "check · 0 waived · 0 rule error\nGate failed: 1 failure(s) at or above high.\n"
    )
    assert "\033[" not in run.out


@pytest.mark.parametrize(("fail_on", "code"), [("critical", 0), ("high", 1), ("medium", 1), ("none", 0)])
def test_fail_on_sets_the_gate(edited, fail_on, code):
    path = edited(("retention_years: 5", "retention_years: 3"))
    assert run_cli("check", path, "--fail-on", fail_on).code == code


def test_lower_failures_pass_the_default_gate(edited):
    path = edited(("can_stop_transactions: true", "can_stop_transactions: false"))  # ORG-001, low
    assert run_cli("check", path).code == 0
    assert run_cli("check", path, "--fail-on", "medium").code == 0
    assert run_cli("check", path, "--fail-on", "low").code == 1


def test_assessment_date_precedence(edited):
    path = edited(("as_of: 2026-11-01", "as_of: 2027-09-01"))
    # The profile's own date: the risk assessment of 2026-03-20 is then overdue.
    data = json.loads(run_cli("check", path, "--format", "json", "--fail-on", "none").out)
    assert data["as_of"] == "2027-09-01"
    assert ("RSK-001", "fail") in {(r["rule_id"], r["status"]) for r in data["results"]}
    # --as-of wins over the profile.
    data = json.loads(run_cli("check", path, "--format", "json", "--as-of", "2026-11-01").out)
    assert data["as_of"] == "2026-11-01" and data["summary"]["fail"] == 0


def test_today_is_used_when_no_date_is_given(edited):
    from datetime import date

    path = edited(("  as_of: 2026-11-01                  # the date the facts below describe\n", ""))
    data = json.loads(run_cli("check", path, "--format", "json", "--fail-on", "none").out)
    assert data["as_of"] == date.today().isoformat()


def test_same_input_same_bytes(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    run_cli("check", SAMPLES / "gaps.yaml", "--format", "json", "-o", first)
    run_cli("check", SAMPLES / "gaps.yaml", "--format", "json", "-o", second)
    assert first.read_bytes() == second.read_bytes()


def test_json_contract_shape():
    data = json.loads(run_cli("check", SAMPLES / "gaps.yaml", "--format", "json").out)
    assert list(data) == [
        "format_version",
        "tool",
        "ruleset",
        "as_of",
        "profiles",
        "score",
        "summary",
        "gate",
        "selection",
        "waivers",
        "baseline",
        "results",
        "rules",
        "elements",
        "owners",
        "reference_data",
        "requirements",
        "sources",
    ]
    assert data["format_version"] == 2
    assert data["tool"] == {"name": "exportcheck", "version": "0.1.0"}
    assert set(data["summary"]) == {"pass", "fail", "not_applicable", "manual", "waived", "error"}
    assert sum(data["summary"].values()) == sum(result["count"] for result in data["results"]) > len(data["results"])
    assert list(data["score"]) == ["overall", "uncapped", "cap", "elements"]
    result = data["results"][0]
    assert {
        "rule_id",
        "title",
        "element",
        "severity",
        "status",
        "message",
        "location",
        "sources",
        "remediation",
    } <= set(result)
    assert set(result["location"]) == {"file", "line", "column", "path", "sheet", "cell", "where"}
    assert {"doc", "article", "citation", "citation_zh", "basis"} <= set(result["sources"][0])
    registry = {doc["id"]: doc for doc in data["sources"]}
    assert all(source["doc"] in registry for r in data["results"] for source in r["sources"])
    statuses = {r["status"] for r in data["results"]}
    assert {"pass", "fail", "not_applicable"} <= statuses  # passes are reported too


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"company: {name: X}\ncompany: {name: Y}\n", ":2:1: duplicate key 'company' (first defined at line 1)"),
        (b"\x00\x01\x02", ":1:1: file contains NUL bytes"),
        (b"name: \xe9t\xe9\n", ":1:7: file is not valid UTF-8"),
        (b"", ":1:1: file is empty"),
        (b"# nothing here\n", ":1:1: file is empty"),
        (b"- schema_version: 1\n", ":1:1: expected a mapping of profile keys at the top of the file, found a list"),
        (
            b"a: !!python/object/apply:os.system ['echo hi']\n",
            ":1:4: tag !!python/object/apply:os.system is not allowed",
        ),
        (
            b"schema_version: 1\ncompany: {name: X}\nitems: [{id: A, name: B, control_code: 1C902.a}]\n"
            b"exports: [{id: E, date: 2026-01-01, item: Z, destination: NO}]\n",
            ":4:43: exports[0].item: 'Z' is not the id of any item in items",
        ),
    ],
)
def test_bad_input_exits_2_with_a_location_and_writes_nothing(tmp_path, content, fragment):
    profile = tmp_path / "bad.yaml"
    profile.write_bytes(content)
    target = tmp_path / "report.json"
    run = run_cli("check", profile, "--format", "json", "--output", target)
    assert run.code == 2
    assert f"{profile}{fragment}" in run.err
    assert "Traceback" not in run.err and run.out == ""
    assert run.err.rstrip().endswith("nothing was written")
    assert not target.exists()


def test_all_input_problems_of_all_profiles_in_one_run(tmp_path):
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("a: 1\na: 2\n")
    two.write_text("schema_version: 3\ncompany: {name: X, countr: CN}\n")
    run = run_cli("check", one, two)
    assert run.code == 2
    assert run.err.splitlines() == [
        f"{one}:2:1: duplicate key 'a' (first defined at line 1)",
        f"{two}:1:17: schema_version: the number 3 is not supported; expected 1",
        f"{two}:2:20: unknown key 'countr' in company (did you mean 'country'?)",
        "exportcheck: 3 input problems; nothing was written",
    ]
    chinese = run_cli("check", one, two, "--lang", "zh")
    assert chinese.code == 2
    assert chinese.err.splitlines() == [
        f"{one}:2:1: 键 'a' 重复（首次定义于第 1 行）",
        f"{two}:1:17: schema_version：数字 3 不受支持；应为 1",
        f"{two}:2:20: company 中有未知的键 'countr'（是否指 'country'？）",
        "exportcheck: 输入有 3 处问题；未写出任何文件",
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "x.yaml", "--format", "xml"],
        ["check", "x.yaml", "--as-of", "01/11/2026"],
        ["check", "x.yaml", "--fail-on", "severe"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(argv):
    run = run_cli(*argv)
    assert run.code == 2
    assert "Traceback" not in run.err


def test_output_may_not_overwrite_the_profile(tmp_path, reference_text):
    profile = tmp_path / "p.yaml"
    profile.write_text(reference_text)
    run = run_cli("check", profile, "--output", profile)
    assert run.code == 2
    assert run.err == f"exportcheck: {profile}: refusing to write a report over the input {profile}\n"
    assert profile.read_text() == reference_text


def test_output_into_a_missing_directory(tmp_path):
    run = run_cli("check", REFERENCE, "--output", tmp_path / "no" / "r.json")
    assert (run.code, run.err) == (
        2,
        f"exportcheck: {tmp_path / 'no' / 'r.json'}: directory {tmp_path / 'no'} does not exist\n",
    )


def test_input_files_are_never_modified(tmp_path, reference_text):
    profile = tmp_path / "p.yaml"
    profile.write_text(reference_text)
    before = (profile.read_bytes(), profile.stat().st_mtime_ns)
    run_cli("check", profile, "--format", "json", "-o", tmp_path / "r.json")
    assert (profile.read_bytes(), profile.stat().st_mtime_ns) == before


def test_colour_only_when_asked_or_on_a_terminal(edited):
    path = edited(("retention_years: 5", "retention_years: 3"))
    assert "\033[" in run_cli("check", path, "--color", "always").out
    assert "\033[" not in run_cli("check", path).out  # not a terminal


def command(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_no_color_is_respected_in_a_real_terminal_process():
    done = command("check", str(REFERENCE), "--color", "auto", env={"NO_COLOR": "1"})
    assert done.returncode == 0 and "\033[" not in done.stdout


def test_python_dash_m_and_the_console_script_agree():
    module = command("check", str(SAMPLES / "gaps.yaml"), "--format", "json")
    script = subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "exportcheck"),
            "check",
            str(SAMPLES / "gaps.yaml"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert module.returncode == script.returncode == 1
    assert module.stdout == script.stdout


def test_chinese_text_report(edited):
    path = edited(("retention_years: 5", "retention_years: 3"))
    out = run_cli("check", path, "--lang", "zh").out
    assert "资料保存期限为 3 年；《两用物项出口管制条例》第二十七条要求不少于五年。" in out
    assert "依据: 《两用物项出口管制条例》第二十七条 · 《内部合规指导意见》要素八" in out
    assert "本报告为自我评估工具，不构成法律意见。" in out


def test_rules_list_json_is_a_list_of_sourced_rules(ruleset):
    rules = json.loads(run_cli("rules", "list", "--format", "json").out)
    assert isinstance(rules, list) and len(rules) == len(ruleset.rules) >= 60
    assert {"id", "title", "element", "severity", "sources"} <= set(rules[0])
    assert all(rule["sources"] and all(s["citation"] for s in rule["sources"]) for rule in rules)
    assert [rule["id"] for rule in rules] == [rule.id for rule in ruleset.rules]


def test_rules_show_prints_the_rule_in_both_languages():
    english = run_cli("rules", "show", "REC-001")
    assert english.code == 0
    assert english.out.startswith("REC-001  Export records are kept for at least five years\n")
    assert (
        "  DUR Art. 27 — Regulations of the People's Republic of China on the Export Control of Dual-Use "
        "Items [P]\n" in english.out
    )
    chinese = run_cli("rules", "show", "REC-001", "--lang", "zh")
    assert "  《两用物项出口管制条例》第二十七条 — 中华人民共和国两用物项出口管制条例 [P]\n" in chinese.out
    missing = run_cli("rules", "show", "XYZ-999")
    assert (missing.code, missing.err) == (
        2,
        "exportcheck: no rule 'XYZ-999'; `exportcheck rules list` shows them all\n",
    )


def test_rules_coverage_accounts_for_every_requirement(ruleset):
    data = json.loads(run_cli("rules", "coverage", "--format", "json").out)
    requirements = data["requirements"]
    assert {entry["framework"] for entry in requirements} == {"ECL", "DUR", "ICP2021", "WP2021", "UEL"}
    assert all(
        {"id", "framework", "article", "title", "kind", "basis", "rules", "manual"} <= set(entry)
        for entry in requirements
    )
    duties = [entry for entry in requirements if entry["kind"] == "requirement"]
    assert all(entry["rules"] or (entry["manual"] and entry["question"]) for entry in duties)
    apart = [entry["id"] for entry in requirements if entry["kind"] != "requirement"]
    assert apart == ["ECL-10", "ECL-28", "ECL-30", "ECL-39", "DUR-6", "DUR-13", "DUR-18.4", "DUR-29.1", "DUR-49"]
    text = run_cli("rules", "coverage").out
    manual = sum(entry["manual"] for entry in duties)
    assert text.endswith(
        f"5 catalogues: {len(duties)} requirements, {len(duties) - manual} automated, {manual} manual; "
        f"{len(apart)} state powers and encouragements listed apart\n"
        "Basis of the requirements: "
        + ", ".join(
            f"{grade} {[e['basis'] for e in duties].count(grade)}" for grade in ("P", "S", "P-2007", "UNVERIFIED")
        )
        + "\n"
    )
    assert "  DUR-27           DUR Art. 27                  P          REC-001, REC-002\n" in text
    assert "  ICP2021-2.3      ICP guidance element 2       P-2007     ORG-001, ORG-003, ORG-004\n" in text
    assert "  ECL-30           ECL Art. 30                  P          power\n" in text
    # A power is listed after the exporter's requirements, under its own heading.
    ecl = text.split("\n\n")[0]
    assert ecl.index("  ECL-45 ") < ecl.index("State powers and encouragements") < ecl.index("  ECL-10 ")


def test_the_compliant_sample_gives_no_failure():
    run = run_cli("check", SAMPLES / "compliant.yaml", "--format", "json", "--fail-on", "info")
    assert run.code == 0
    assert json.loads(run.out)["summary"]["fail"] == 0


def test_a_symlinked_output_replaces_its_target_not_the_link(tmp_path):
    target, link = tmp_path / "report.json", tmp_path / "link.json"
    link.symlink_to(target)
    assert run_cli("check", REFERENCE, "--format", "json", "-o", link).code == 0
    assert link.is_symlink() and json.loads(target.read_text())["summary"]["fail"] == 0


def test_a_pipe_is_written_to_not_replaced(tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert run_cli("check", REFERENCE, "--format", "json", "-o", fifo).code == 0
    reader.join(10)
    assert json.loads(received[0])["summary"]["fail"] == 0
    assert fifo.is_fifo()


def test_a_failing_pdf_leaves_no_json_behind(tmp_path, monkeypatch):
    from checker.report.gap_report import reporters

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(reporters, "_document", broken)
    target, html = tmp_path / "r.json", tmp_path / "r.html"
    run = run_cli("check", REFERENCE, "--format", "json", "-o", target, "--html", html)
    assert (run.code, run.err) == (2, f"exportcheck: {html}: disk full; nothing was written\n")
    assert list(tmp_path.iterdir()) == []


def test_an_assessment_date_before_every_source_is_refused():
    run = run_cli("check", REFERENCE, "--as-of", "2019-01-01")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "exportcheck: --as-of is 2019-01-01, before any source of the rule set took effect "
        "(2020-09-19): nothing could be assessed\n"
    )
