"""The CI gate end to end: --min-score, --soft-fail, waiver files, a baseline, --select and --skip."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.conftest import ROOT, SAMPLES, line_of, run_cli

SCHEMA = json.loads((ROOT / "docs" / "schema" / "assessment.schema.json").read_text(encoding="utf-8"))
AS_OF = "2026-11-15"  # the assessment date of samples/gaps.yaml

WAIVER = """\
waivers:
  - rule: REC-001
    subject: programme.records
    justification: The archive moves to the new system in March.
    approved_by: Head of compliance
    expires: {expires}
"""


@pytest.fixture
def gaps(tmp_path):
    path = tmp_path / "gaps.yaml"
    path.write_text((SAMPLES / "gaps.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _json(*argv):
    run = run_cli("check", *argv, "--format", "json")
    data = json.loads(run.out) if run.out else None
    if data is not None:
        jsonschema.validate(data, SCHEMA)
    return run, data


def _status(data, rule_id):
    return [r["status"] for r in data["results"] if r["rule_id"] == rule_id]


# --- baseline -----------------------------------------------------------------------------------------------


def test_an_added_gap_is_exactly_one_new_failure_and_only_it_fails_the_gate(gaps, tmp_path):
    baseline = tmp_path / "before.json"
    assert run_cli("check", gaps, "--format", f"json:{baseline}").code == 1
    old = json.loads(baseline.read_text(encoding="utf-8"))
    # The same profile against its own baseline: every failure unchanged, the gate passes.
    run, data = _json(gaps, "--baseline", baseline)
    assert run.code == 0 and data["gate"]["passed"], run.err
    assert (data["baseline"]["new"], data["baseline"]["fixed"]) == (0, [])
    assert data["baseline"]["unchanged"] == old["summary"]["fail"]
    # One gap added: no procedure to stop a shipment (EMR-004, high).
    text = gaps.read_text(encoding="utf-8")
    gaps.write_text(
        text.replace("stop_shipment_procedure: true", "stop_shipment_procedure: false", 1), encoding="utf-8"
    )
    run, data = _json(gaps, "--baseline", baseline)
    assert run.code == 1
    [new] = [r for r in data["results"] if r.get("baseline") == "new"]
    assert (new["rule_id"], new["status"], new["severity"]) == ("EMR-004", "fail", "high")
    assert data["baseline"]["new"] == 1 and data["baseline"]["unchanged"] == old["summary"]["fail"]
    assert data["gate"]["failures"] == 1  # the old gaps at or above high no longer count
    assert data["gate"]["reasons"][0]["message"] == (
        "Gate failed: 1 new failure(s) at or above high since the baseline."
    )
    assert all(r["baseline"] in ("new", "unchanged") for r in data["results"] if r["status"] == "fail")
    assert not any("baseline" in r for r in data["results"] if r["status"] != "fail")
    # Without the baseline every failure at or above high counts.
    assert _json(gaps)[1]["gate"]["failures"] == old["gate"]["failures"] + 1


def test_a_gap_fixed_since_the_baseline_is_listed_as_fixed(gaps, tmp_path):
    baseline = tmp_path / "before.json"
    run_cli("check", gaps, "--format", f"json:{baseline}")
    text = gaps.read_text(encoding="utf-8")
    gaps.write_text(text.replace("single_person_approval: true", "single_person_approval: false", 1), encoding="utf-8")
    run, data = _json(gaps, "--baseline", baseline)
    assert run.code == 0
    [fixed] = data["baseline"]["fixed"]
    assert (fixed["rule_id"], fixed["subject_path"]) == ("ORG-005", "programme.organization.single_person_approval")
    assert fixed["title"] and len(fixed["fingerprint"]) == 32
    assert "Baseline " in run_cli("check", gaps, "--baseline", baseline).out


def test_an_added_high_gap_fails_the_gate_against_a_baseline(gaps, tmp_path):
    baseline = tmp_path / "before.json"
    run_cli("check", gaps, "--format", f"json:{baseline}")
    old = json.loads(baseline.read_text(encoding="utf-8"))
    text = gaps.read_text(encoding="utf-8")
    # A new export with no licence, no certificate and a red flag: new failures, some of them critical.
    export = text.index("exports:\n") + len("exports:\n")
    added = (
        "  - id: E-2026-099\n    date: 2026-10-01\n    item: GD-MET\n    quantity: {amount: 5, unit: kg}\n"
        "    destination: AE\n    consignee: P-ORION\n    end_user: P-ORION\n    licence: null\n"
        "    screened_on: 2026-09-30\n"
    )
    gaps.write_text(text[:export] + added + text[export:], encoding="utf-8")
    run, data = _json(gaps, "--baseline", baseline)
    assert run.code == 1
    new = [r for r in data["results"] if r.get("baseline") == "new"]
    assert new and all(r["subject_path"].startswith("exports[E-2026-099]") for r in new)
    unchanged = {r["fingerprint"] for r in data["results"] if r.get("baseline") == "unchanged"}
    assert unchanged == {r["fingerprint"] for r in old["results"] if r["status"] == "fail"}
    assert data["gate"]["failures"] == sum(r["severity"] in ("high", "critical") for r in new)
    assert [reason["kind"] for reason in data["gate"]["reasons"]] == ["failures"]
    assert "new failure(s)" in data["gate"]["reasons"][0]["message"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format_version": 3, "tool": {"name": "exportcheck"}, "results": []}', "format_version 3"),
        ('{"version": 1, "runs": []}', "not an exportcheck JSON output"),
        ('{"format_version": 1, "tool": {"name": "exportcheck"}', "not valid JSON"),
        ('{"format_version": 1, "tool": {"name": "exportcheck"}, "results": [{"rule_id": "X"}]}', "results.0"),
    ],
    ids=["other-version", "not-exportcheck", "broken", "no-fingerprint"],
)
def test_a_baseline_that_is_not_this_format_is_refused_and_nothing_is_written(gaps, tmp_path, content, message):
    baseline = tmp_path / "before.json"
    baseline.write_text(content, encoding="utf-8")
    out = tmp_path / "out.json"
    run = run_cli("check", gaps, "--baseline", baseline, "--format", f"json:{out}")
    assert run.code == 2
    assert run.err.startswith(str(baseline)) and message in run.err
    assert "nothing was written" in run.err and not out.exists()


def test_a_real_baseline_of_another_version_is_refused(gaps, tmp_path):
    baseline = tmp_path / "before.json"
    run_cli("check", gaps, "--format", f"json:{baseline}")
    data = json.loads(baseline.read_text(encoding="utf-8"))
    baseline.write_text(json.dumps({**data, "format_version": 3}), encoding="utf-8")
    run = run_cli("check", gaps, "--baseline", baseline)
    assert run.code == 2 and "format_version 3" in run.err and run.out == ""


def test_a_baseline_of_version_1_listing_every_pass_is_read_like_one_of_this_version(gaps, tmp_path):
    # Version 1 listed every pass and exclusion one by one, without `count` or `records`; its failures are the same.
    baseline = tmp_path / "before.json"
    run_cli("check", gaps, "--all-results", "--format", f"json:{baseline}")
    data = json.loads(baseline.read_text(encoding="utf-8"))
    results = [{k: v for k, v in r.items() if k not in ("count", "records")} for r in data["results"]]
    baseline.write_text(json.dumps({**data, "format_version": 1, "results": results}), encoding="utf-8")
    out = tmp_path / "out.json"
    run = run_cli("check", gaps, "--baseline", baseline, "--format", f"json:{out}")
    assert run.code == 0, run.err
    after = json.loads(out.read_text(encoding="utf-8"))
    failures = [r for r in after["results"] if r["status"] == "fail"]
    assert failures and all(r["baseline"] == "unchanged" for r in failures)
    assert after["baseline"]["fixed"] == [] and after["baseline"]["unchanged"] == len(failures) == 15


def test_a_rule_error_fails_the_gate_even_with_a_baseline(gaps, tmp_path, monkeypatch):
    from checker.evaluate import engine

    baseline = tmp_path / "before.json"
    run_cli("check", gaps, "--format", f"json:{baseline}")
    real = engine._RuleEvaluation._results

    def crash(self, *args):
        if self.rule.id == "REC-001":
            raise RuntimeError("boom")
        return real(self, *args)

    monkeypatch.setattr(engine._RuleEvaluation, "_results", crash)
    run, data = _json(gaps, "--baseline", baseline, "--soft-fail")
    assert _status(data, "REC-001") == ["error"]
    assert run.code == 0 and not data["gate"]["passed"]  # soft fail: reported, exit 0
    assert data["gate"]["errors"] == 1 and data["gate"]["reasons"][0]["kind"] == "errors"
    assert "REC-001" in run.err
    assert run_cli("check", gaps, "--baseline", baseline).code == 1


# --- waivers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("expires", "status"), [("2026-11-15", "waived"), ("2026-11-14", "fail")])
def test_a_waiver_holds_on_its_expiry_date_and_not_the_day_after(gaps, tmp_path, expires, status):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVER.format(expires=expires), encoding="utf-8")
    run, data = _json(gaps, "--waivers", waivers)
    assert _status(data, "REC-001") == [status]
    [result] = [r for r in data["results"] if r["rule_id"] == "REC-001"]
    [adjustment] = result["adjustments"]
    assert adjustment["kind"] == ("waiver" if status == "waived" else "waiver_expired")
    assert adjustment["details"] == {
        "justification": "The archive moves to the new system in March.",
        "approved_by": "Head of compliance",
        "expires": expires,
        "subject": "programme.records",
    }
    assert adjustment["source"] == f"{waivers}:2"
    text = run_cli("check", gaps, "--waivers", waivers).out
    if status == "waived":
        assert data["waivers"]["applied"] == 1 and data["waivers"]["expired"] == []
        assert "waived by Head of compliance until 2026-11-15" in text
        assert data["gate"]["failures"] == _json(gaps)[1]["gate"]["failures"] - 1
        assert "expired" not in run.err
    else:
        assert data["waivers"]["applied"] == 0 and [w["rule_id"] for w in data["waivers"]["expired"]] == ["REC-001"]
        assert "waiver expired on 2026-11-14 (approved by Head of compliance" in text
        assert "expired on 2026-11-14" in run.err
        assert data["gate"]["failures"] == _json(gaps)[1]["gate"]["failures"]


def test_the_expiry_is_compared_with_the_assessment_date(gaps, tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVER.format(expires="2026-11-15"), encoding="utf-8")
    assert _status(_json(gaps, "--waivers", waivers, "--as-of", "2026-11-16")[1], "REC-001") == ["fail"]
    assert _status(_json(gaps, "--waivers", waivers, "--as-of", "2026-11-15")[1], "REC-001") == ["waived"]


def test_a_waiver_file_beside_the_profile_is_read_by_default(gaps):
    (gaps.parent / "exportcheck-waivers.yaml").write_text(WAIVER.format(expires="2027-03-31"), encoding="utf-8")
    run, data = _json(gaps)
    assert _status(data, "REC-001") == ["waived"]
    assert data["waivers"]["file"] == str(gaps.parent / "exportcheck-waivers.yaml")


def test_a_waiver_file_inside_a_profile_directory_is_read_and_not_taken_for_profile(gaps, tmp_path):
    folder = tmp_path / "profile"
    folder.mkdir()
    gaps.rename(folder / "profile.yaml")
    (folder / "exportcheck-waivers.yaml").write_text(WAIVER.format(expires="2027-03-31"), encoding="utf-8")
    run, data = _json(folder)
    assert run.code == 1 and _status(data, "REC-001") == ["waived"]
    assert data["profiles"][0]["files"] == [str(folder / "profile.yaml")]


def test_a_stale_waiver_warns_and_with_strict_waivers_is_an_input_error(gaps, tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVER.format(expires="2027-03-31").replace("programme.records", "programme.training"))
    run, data = _json(gaps, "--waivers", waivers)
    assert run.code == 1
    assert f"warning: waiver of REC-001 at programme.training ({waivers}:2) matches no result (stale)" in run.err
    assert [w["subject"] for w in data["waivers"]["stale"]] == ["programme.training"]
    assert _status(data, "REC-001") == ["fail"]
    out = tmp_path / "out.json"
    run = run_cli("check", gaps, "--waivers", waivers, "--strict-waivers", "--format", f"json:{out}")
    assert run.code == 2 and not out.exists()
    assert f"{waivers}:2:5: waiver of REC-001 at programme.training matches no result (stale)" in run.err


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        ("    approved_by: Head of compliance\n", "", "  - rule", "missing required key 'approved_by' in waivers[0]"),
        ("rule: REC-001", "rule: REC-01", "rule: REC", "no rule 'REC-01' in the rule set (did you mean 'REC-001'?)"),
        ("expires: 2027-03-31", "expires: 2027-02-30", "expires:", "'2027-02-30' is not a real date"),
        ("expires: 2027-03-31", "expires: 31/03/2027", "expires:", "expected a date written YYYY-MM-DD"),
        ("    approved_by:", "    aproved_by: x\n    approved_by:", "aproved_by", "unknown key 'aproved_by'"),
    ],
    ids=["missing-field", "unknown-rule", "bad-date", "date-format", "unknown-key"],
)
def test_a_malformed_waiver_is_an_input_error_at_file_line_col(gaps, tmp_path, old, new, at, message):
    text = WAIVER.format(expires="2027-03-31")
    assert old in text
    text = text.replace(old, new, 1)
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    run = run_cli("check", gaps, "--waivers", waivers, "--format", f"json:{out}")
    assert run.code == 2 and not out.exists()
    line = line_of(text, at)
    column = text.splitlines()[line - 1].index(at.strip().split(":")[0].lstrip("- ")) + 1
    [first, *_] = run.err.splitlines()
    assert first.startswith(f"{waivers}:{line}:"), run.err
    assert message in first, run.err
    if at == "rule: REC":  # at the rule id itself
        column = text.splitlines()[line - 1].index("REC") + 1
    if at != "  - rule":
        assert first.startswith(f"{waivers}:{line}:{column}:") or at == "expires:", run.err


def test_there_is_no_inline_suppression(gaps):
    text = gaps.read_text(encoding="utf-8")
    gaps.write_text(text.replace("retention_years: 3", "retention_years: 3  # exportcheck: ignore REC-001"))
    assert _status(_json(gaps)[1], "REC-001") == ["fail"]


# --- min score and soft fail --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "code", "passed", "kinds"),
    [
        (["--fail-on", "none"], 0, True, []),
        (["--fail-on", "none", "--min-score", "50"], 0, True, []),  # the sample scores 50, capped (79.4 uncapped)
        (["--fail-on", "none", "--min-score", "70"], 1, False, ["score"]),  # the gate reads the capped score
        (["--fail-on", "none", "--min-score", "80"], 1, False, ["score"]),
        (["--fail-on", "none", "--min-score", "80", "--soft-fail"], 0, False, ["score"]),
        (["--min-score", "80"], 1, False, ["failures", "score"]),
        (["--soft-fail"], 0, False, ["failures"]),
        ([], 1, False, ["failures"]),
    ],
)
def test_min_score_and_soft_fail_combine(gaps, argv, code, passed, kinds):
    run, data = _json(gaps, *argv)
    assert run.code == code
    gate = data["gate"]
    assert (gate["passed"], [r["kind"] for r in gate["reasons"]]) == (passed, kinds)
    assert gate["soft_fail"] == ("--soft-fail" in argv)
    assert gate["min_score"] == (float(argv[argv.index("--min-score") + 1]) if "--min-score" in argv else None)
    if "score" in kinds:
        minimum = argv[argv.index("--min-score") + 1]
        assert f"scored below the minimum of {minimum} (lowest 50)" in gate["reasons"][-1]["message"]


def test_a_profile_with_no_score_fails_min_score_and_says_so(gaps):
    run, data = _json(gaps, "--select", "LIC-007,LIC-010", "--fail-on", "none", "--min-score", "10")
    assert data["profiles"][0]["score"]["overall"] is None  # both rules are not applicable here
    assert run.code == 1
    [reason] = data["gate"]["reasons"]
    assert reason["kind"] == "no_score" and "have no score" in reason["message"]
    assert "have no score" in run_cli("check", gaps, "--select", "LIC-007,LIC-010", "--min-score", "10").out


def test_soft_fail_still_exits_2_on_broken_input(gaps, tmp_path):
    gaps.write_text("company: [\n", encoding="utf-8")
    assert run_cli("check", gaps, "--soft-fail").code == 2


def test_min_score_must_be_a_score():
    assert run_cli("check", SAMPLES / "gaps.yaml", "--min-score", "120").code == 2
    assert run_cli("check", SAMPLES / "gaps.yaml", "--min-score", "high").code == 2


def test_the_text_report_gives_every_reason_and_the_soft_fail(gaps):
    out = run_cli("check", gaps, "--min-score", "80", "--soft-fail").out.splitlines()
    assert out[-2] == "Gate failed: 7 failure(s) at or above high."
    assert out[-1] == (
        "Gate failed: 1 profile(s) scored below the minimum of 80 (lowest 50). "
        "(--soft-fail: the exit code is 0 all the same)"
    )


# --- select and skip ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--select", "LIC-001"], lambda ids: ids == {"LIC-001"}),
        (["--select", "LIC"], lambda ids: ids and all(i.startswith("LIC-") for i in ids)),
        (["--select", "records"], lambda ids: ids == {"REC-001", "REC-002", "REC-003", "REC-004", "REC-005"}),
        (["--select", "LIC,records", "--skip", "LIC-001"], lambda ids: "LIC-001" not in ids and "REC-001" in ids),
        (["--select", "LIC", "--select", "REC-001"], lambda ids: "REC-001" in ids and "REC-002" not in ids),
        (["--skip", "LIC", "--skip", "records"], lambda ids: ids and not any(i[:3] in ("LIC", "REC") for i in ids)),
    ],
)
def test_select_and_skip_by_id_prefix_and_element(argv, expected):
    run, data = _json(SAMPLES / "gaps.yaml", *argv)
    ids = {r["rule_id"] for r in data["results"]}
    assert expected(ids), ids
    assert set(data["selection"]["rules"]) >= ids
    assert len(data["rules"]) == data["ruleset"]["rules"]  # the rule set is still described in full


def test_select_and_skip_are_recorded_in_the_json():
    data = _json(SAMPLES / "gaps.yaml", "--select", "LIC, records", "--skip", "LIC-001")[1]
    assert data["selection"]["select"] == ["LIC", "records"] and data["selection"]["skip"] == ["LIC-001"]
    assert _json(SAMPLES / "gaps.yaml")[1]["selection"] is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--select", "LCI"], "--select LCI: no rule id, id prefix or element 'LCI' (did you mean 'LIC'?)"),
        (["--skip", "recrods"], "--skip recrods: no rule id, id prefix or element 'recrods' (did you mean 'records'?)"),
        (["--select", "LIC-001", "--skip", "LIC"], "--select and --skip leave no rule to evaluate"),
    ],
)
def test_unknown_selection_words_are_usage_errors(argv, message):
    run = run_cli("check", SAMPLES / "gaps.yaml", *argv)
    assert (run.code, run.err, run.out) == (2, f"exportcheck: {message}\n", "")


def test_a_waiver_of_an_unselected_rule_is_not_stale(gaps, tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVER.format(expires="2027-03-31"), encoding="utf-8")
    run, data = _json(gaps, "--waivers", waivers, "--strict-waivers", "--select", "LIC")
    assert run.code == 1 and data["waivers"]["stale"] == []


def test_the_pdf_shows_the_change_since_the_baseline_and_the_waiver(gaps, tmp_path):
    from pypdf import PdfReader

    baseline, pdf = tmp_path / "before.json", tmp_path / "report.pdf"
    run_cli("check", gaps, "--format", f"json:{baseline}")
    text = gaps.read_text(encoding="utf-8")
    gaps.write_text(
        text.replace("stop_shipment_procedure: true", "stop_shipment_procedure: false", 1), encoding="utf-8"
    )
    (gaps.parent / "exportcheck-waivers.yaml").write_text(WAIVER.format(expires="2027-03-31"), encoding="utf-8")
    assert run_cli("check", gaps, "--baseline", baseline, "--pdf", pdf).code == 1
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]
    summary = pages[2]
    assert "No previous assessment" not in summary
    old = json.loads(baseline.read_text(encoding="utf-8"))["summary"]["fail"]
    # REC-001 is waived now; the box names the rules of the new and unchanged failures, a rule's many as ×N.
    unchanged = "POL-001, ORG-005, RSK-001, REV-012, REV-013, TRN-001, REC-002, MAN-002, LIC-001, LIC-002, SCR-001, "
    assert (
        f"fixed 0 new 1 unchanged {old - 1} new: EMR-004 unchanged: {unchanged}SCR-004, SCR-022 ×2 Compared with"
        in summary
    )
    assert any("Approved by Head of compliance; holds through 2027-03-31" in page for page in pages)
