"""The company's plan (exportcheck-plan.yaml, --plan), earlier assessments (--history) and the change box."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from checker.report.gap_report.chart import trend_chart
from checker.report.planning import rule_counts
from tests.conftest import ROOT, SAMPLES, run_cli

SCHEMA = json.loads((ROOT / "docs" / "schema" / "assessment.schema.json").read_text(encoding="utf-8"))
AS_OF = "2026-11-01"
EARLIER = ("2025-11-01", "2026-05-01")

PLAN = """\
plan:
  - fingerprint: {fingerprint}
    owner: {{name: Wang Lei, name_zh: 王磊, title: Head of Legal, title_zh: 法务负责人}}
    target: 2026-10-15
    status: in_progress
    note: Policy draft with the board
  - rule: scr-022
    owner: {{title: Screening Lead}}
    target: 2027-01-31
"""


def _json(*argv: object) -> tuple:
    run = run_cli("check", *argv, "--as-of", AS_OF, "--format", "json")
    data = json.loads(run.out) if run.out else None
    if data is not None:
        jsonschema.validate(data, SCHEMA)
    return run, data


def _failures(data: dict, rule_id: str) -> list[dict]:
    return [result for result in data["results"] if result["status"] == "fail" and result["rule_id"] == rule_id]


@pytest.fixture(scope="module")
def company(tmp_path_factory) -> Path:
    """A copy of the gaps sample, its plan beside it (read by default), and two earlier outputs of it."""
    folder = tmp_path_factory.mktemp("company")
    profile = folder / "gaps.yaml"
    profile.write_text((SAMPLES / "gaps.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _, data = _json(profile)
    history = folder / "history"
    history.mkdir()
    for day in EARLIER:
        run = run_cli("check", profile, "--as-of", day, "--format", f"json:{history / day}.json")
        assert run.code == 1, run.err
    (policy,) = _failures(data, "POL-001")
    (folder / "exportcheck-plan.yaml").write_text(PLAN.format(fingerprint=policy["fingerprint"]), encoding="utf-8")
    return profile


# --- the plan ---------------------------------------------------------------------------------------------------


def test_the_plan_beside_the_profile_sets_the_owner_and_target_of_the_finding_it_names(company):
    run, data = _json(company)
    (policy,) = _failures(data, "POL-001")
    assert policy["plan"] == {
        "owner": {"name": "Wang Lei", "name_zh": "王磊", "title": "Head of Legal", "title_zh": "法务负责人"},
        "role": "management",
        "role_title": "Management",
        "role_title_zh": "管理层",
        "target": "2026-10-15",
        "overdue": True,  # before the assessment date
        "status": "in_progress",
        "note": "Policy draft with the board",
        "source": f"{company.parent / 'exportcheck-plan.yaml'}:2",
    }
    # A rule's entry plans every failure of the rule; not overdue, its date is after the assessment's.
    screening = _failures(data, "SCR-022")
    assert len(screening) == 2
    assert {(r["plan"]["owner"]["title"], r["plan"]["target"], r["plan"]["overdue"]) for r in screening} == {
        ("Screening Lead", "2027-01-31", False)
    }
    # Any other failure keeps its default: the rule's owner role, the target by severity (medium: 90 days).
    (risk,) = _failures(data, "RSK-001")
    assert (risk["severity"], risk["plan"]["owner"], risk["plan"]["target"], risk["plan"]["source"]) == (
        "medium",
        None,
        "2027-01-30",
        None,
    )
    # What already happened is due at once: on the assessment date, which is not overdue.
    (unlicensed,) = _failures(data, "LIC-001")
    assert (unlicensed["conduct"], unlicensed["plan"]["target"], unlicensed["plan"]["overdue"]) == (True, AS_OF, False)
    assert data["plan"] == {
        "files": [str(company.parent / "exportcheck-plan.yaml")],
        "planned": 3,
        "overdue": 1,
        "stale": [],
    }
    assert run.err == ""


def test_the_text_report_says_the_plan_and_flags_the_overdue_in_both_languages(company):
    english = run_cli("check", company, "--as-of", AS_OF, "--color", "never")
    assert (
        "Plan: Wang Lei (Head of Legal), target 2026-10-15  [OVERDUE]\n"
        "            In progress: Policy draft with the board\n"
    ) in english.out
    assert "Plan: Screening Lead, target 2027-01-31\n" in english.out
    assert f"Plan {company.parent / 'exportcheck-plan.yaml'}: 3 failure(s) planned, 1 overdue, 0 stale" in english.out
    chinese = run_cli("check", company, "--as-of", AS_OF, "--color", "never", "--lang", "zh")
    said = "整改计划：王磊（法务负责人），目标日期 2026-10-15  [已逾期]\n"
    said += " " * 12 + "进行中：Policy draft with the board\n"
    assert said in chinese.out


def test_a_stale_entry_is_a_warning_and_a_plan_off_by_default_leaves_the_json_as_it_was(company, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("plan:\n  - fingerprint: 0123456789abcdef0123456789abcdef\n    target: 2027-01-31\n")
    run, data = _json(company, "--plan", plan)
    assert run.code == 1  # the gate, not the plan
    assert data["plan"]["stale"] == [{"fingerprint": "0123456789abcdef0123456789abcdef", "source": f"{plan}:2"}]
    assert run.err == (
        "exportcheck: warning: the plan's entry for fingerprint 0123456789abcdef0123456789abcdef "
        f"({plan}:2) matches no failure (stale); remove it\n"
    )
    chinese = run_cli("check", company, "--plan", plan, "--lang", "zh", "--format", "json")
    assert chinese.err == (
        "exportcheck: 警告：整改计划中指纹 0123456789abcdef0123456789abcdef 的条目"
        f"（{plan}:2）未对应任何不符合项（已失效），请删除\n"
    )
    bare = tmp_path / "bare.yaml"
    bare.write_text((SAMPLES / "gaps.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _, data = _json(bare)
    assert "plan" not in data and all("plan" not in result for result in data["results"])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("plan:\n  - rule: LIC-01\n    target: 2027-01-01\n", ":2:11: plan: no rule 'LIC-01' in the rule set"),
        ("plan:\n  - rule: LIC-001\n    target: 2027-13-01\n", ":3:13: plan[0].target: '2027-13-01' is not a real"),
        ("plan:\n  - rule: LIC-001\n    fingerprint: abc\n", ":2:5: plan: an entry names either a fingerprint or"),
        ("plan:\n  - owner: {title: Legal}\n", ":2:5: plan: an entry needs a fingerprint or a rule"),
        ("plan:\n  - rule: LIC-001\n  - rule: lic-001\n", ":3:11: plan: LIC-001 is planned twice (first at line 2)"),
        ("plan:\n  - rule: LIC-001\n    status: done\n", ":3:13: plan[0].status:"),
        ("plan:\n  - rule: LIC-001\n    owner: {team: x}\n", ":3:13: unknown key 'team' in plan[0].owner"),
    ],
)
def test_a_broken_plan_is_an_input_error_at_its_place_and_nothing_is_written(text, problem, tmp_path):
    plan, out = tmp_path / "plan.yaml", tmp_path / "report.json"
    plan.write_text(text, encoding="utf-8")
    run = run_cli("check", SAMPLES / "gaps.yaml", "--plan", plan, "--format", f"json:{out}")
    assert run.code == 2
    assert f"{plan}{problem}" in run.err
    assert run.err.endswith("nothing was written\n")
    assert not out.exists()


def test_plan_and_history_are_for_one_company():
    run = run_cli("check", SAMPLES / "gaps.yaml", SAMPLES / "compliant.yaml", "--plan", "plan.yaml")
    assert run.code == 2
    assert "--plan is read for one company; give it with one PATH" in run.err


# --- history ----------------------------------------------------------------------------------------------------


def test_history_adds_the_earlier_scores_and_this_one_and_skips_another_companys(company, tmp_path):
    history = tmp_path / "history"
    history.mkdir()
    for day in EARLIER:
        source = json.loads((company.parent / "history" / f"{day}.json").read_text(encoding="utf-8"))
        if day == EARLIER[0]:  # an output of format version 1, as an older exportcheck wrote it, is read too
            source["format_version"] = 1
        (history / f"{day}.json").write_text(json.dumps(source), encoding="utf-8")
    assert run_cli("check", SAMPLES / "compliant.yaml", "--format", f"json:{history / 'other.json'}").code == 0
    run, data = _json(company, "--history", history)
    earlier = [json.loads((history / f"{day}.json").read_text(encoding="utf-8")) for day in EARLIER]
    assert data["history"]["points"] == [
        *(
            {
                "as_of": day,
                "overall": before["profiles"][0]["score"]["overall"],
                "elements": before["profiles"][0]["score"]["elements"],
                "file": str(history / f"{day}.json"),
            }
            for day, before in zip(EARLIER, earlier, strict=True)
        ),
        {
            "as_of": AS_OF,
            "overall": data["profiles"][0]["score"]["overall"],
            "elements": data["profiles"][0]["score"]["elements"],
            "file": None,
        },
    ]
    other = json.loads((history / "other.json").read_text(encoding="utf-8"))["profiles"][0]["identity"]
    reason = f"an assessment of another company ({other})"
    assert data["history"]["skipped"] == [{"file": str(history / "other.json"), "reason": reason}]
    assert f"exportcheck: warning: {history / 'other.json'} skipped: {reason}\n" in run.err


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"format_version": 2,\n "tool": {"name": "exportcheck"}\n', ":3:1: an earlier output is not valid JSON"),
        ('{"format_version": 2, "tool": {"name": "exportcheck"}}', ": not an exportcheck JSON output: profiles"),
        ('{"results": []}', ": not an exportcheck JSON output (write one with --format json:FILE)"),
    ],
)
def test_a_broken_earlier_output_is_an_input_error_and_nothing_is_written(text, problem, tmp_path):
    history, pdf = tmp_path / "history", tmp_path / "report.pdf"
    history.mkdir()
    (history / "broken.json").write_text(text, encoding="utf-8")
    run = run_cli("check", SAMPLES / "gaps.yaml", "--history", history, "--pdf", pdf)
    assert run.code == 2
    assert f"{history / 'broken.json'}{problem}" in run.err
    assert run.err.endswith("nothing was written\n")
    assert not pdf.exists()


def test_history_must_be_a_directory(tmp_path):
    run = run_cli("check", SAMPLES / "gaps.yaml", "--history", tmp_path / "none")
    assert run.code == 2
    assert run.err.splitlines()[0] == f"{tmp_path / 'none'}: --history: not a directory of JSON outputs"


# --- the PDF ----------------------------------------------------------------------------------------------------


def _pdf(company: Path, lang: str, directory: Path) -> tuple[list[str], Path, dict]:
    pdf, out = directory / f"report-{lang}.pdf", directory / f"report-{lang}.json"
    baseline = company.parent / "history" / f"{EARLIER[0]}.json"
    run = run_cli(
        "check",
        company,
        "--as-of",
        AS_OF,
        "--history",
        company.parent / "history",
        "--baseline",
        baseline,
        "--lang",
        lang,
        "--pdf",
        pdf,
        "--format",
        f"json:{out}",
    )
    assert run.code == 1, run.err
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]
    return pages, pdf, json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pdf_en(company, tmp_path_factory):
    return _pdf(company, "en", tmp_path_factory.mktemp("pdf-en"))


@pytest.fixture(scope="module")
def pdf_zh(company, tmp_path_factory):
    return _pdf(company, "zh", tmp_path_factory.mktemp("pdf-zh"))


def _figure_alts(pdf: Path) -> list[str]:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return [
            str(obj.get("/Alt"))
            for obj in document.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == pikepdf.Name.Figure and "/Alt" in obj
        ]


def test_the_pdf_draws_the_trend_of_three_assessments_with_alternative_text(pdf_en):
    pages, pdf, data = pdf_en
    scores = [point["overall"] for point in data["history"]["points"]]
    assert [point["as_of"] for point in data["history"]["points"]] == [*EARLIER, AS_OF]
    summary = " ".join(pages[2:4])
    trend = summary[summary.index("Scores over the assessments") :]
    # The axis names the three assessments in order, each with its overall score drawn above its point.
    assert re.search(r"2025-11-01\s+2026-05-01\s+2026-11-01", trend) or all(day in trend for day in (*EARLIER, AS_OF))
    for score in scores:
        assert f"{score:.1f}" in trend
    expected = "Line chart of the scores, out of 100, at each assessment: " + "; ".join(
        f"{day} overall {score:.1f}" for day, score in zip((*EARLIER, AS_OF), scores, strict=True)
    )
    assert expected in _figure_alts(pdf)


def test_the_pdf_plan_marks_the_overdue_fix_and_names_its_owner(pdf_en, pdf_zh):
    pages, _, _ = pdf_en
    plan = next(page for page in pages if "3 Remediation plan Every failure" in page)
    assert re.search(
        r"POL-001 .*senior management In progress: Policy draft with the board 2\.1 Wang Lei \(Head of Legal\) "
        r"2026-10-15 OVERDUE",
        plan,
    )
    assert "1 planned fix(es) overdue: the plan's target date is before the assessment date." in " ".join(pages[2:4])
    zh_pages, _, _ = pdf_zh
    zh = "".join("".join(page.split()) for page in zh_pages)
    assert "王磊（法务负责人）2026-10-15已逾期" in zh
    assert "1项整改已逾期" in zh


def test_the_change_box_names_the_rules_new_fixed_and_unchanged(pdf_en):
    pages, _, data = pdf_en
    summary = " ".join(pages[2:4])
    failures = [result for result in data["results"] if result["status"] == "fail"]
    new = rule_counts(result["rule_id"] for result in failures if result["baseline"] == "new")
    unchanged = rule_counts(result["rule_id"] for result in failures if result["baseline"] == "unchanged")
    fixed = rule_counts(entry["rule_id"] for entry in data["baseline"]["fixed"])
    assert new and unchanged and fixed
    listed = f"fixed: {fixed} new: {new} unchanged: {unchanged} Compared with".replace("\u00a0", " ")
    assert listed in summary


def test_the_summary_keeps_every_word_on_the_page_however_long_the_list_of_rules(tmp_path):
    """A long list of unchanged rules (twelve, for the gaps sample against its own earlier assessment) once
    pushed the change box past the page's edge and squeezed the tables beside it to a letter a line. Every
    piece of text of the summary's pages starts within the page, in both languages."""
    baseline = tmp_path / "earlier.json"
    assert run_cli("check", SAMPLES / "gaps.yaml", "--as-of", "2026-09-01", "--format", f"json:{baseline}").code == 1
    for lang in ("en", "zh"):
        pdf = tmp_path / f"{lang}.pdf"
        assert run_cli("check", SAMPLES / "gaps.yaml", "--baseline", baseline, "--lang", lang, "--pdf", pdf).code == 1
        for page in PdfReader(pdf).pages[2:4]:
            width = float(page.mediabox.width)
            starts: list[float] = []

            def visit(text, cm, tm, font, size, starts=starts):
                if text.strip():
                    starts.append(cm[0] * tm[4] + cm[2] * tm[5] + cm[4])

            page.extract_text(visitor_text=visit)
            assert starts and max(starts) < width - 40, (lang, max(starts), width)


def test_rule_counts_are_compact_in_order_of_first_appearance():
    assert rule_counts(["LIC-001", "REC-002", "LIC-001", "LIC-001"]) == "LIC-001\u00a0×3, REC-002"  # kept together
    assert rule_counts([]) == ""


def test_the_trend_puts_each_assessment_left_to_right_and_higher_scores_higher():
    chart = trend_chart(
        ["2025-11-01", "2026-05-01", "2026-11-01"], "Overall", [40.0, 60.0, 50.0], [("Policy", [None, 50.0, 100.0])]
    )
    xs = [x for x, _ in chart.dates]
    assert xs == sorted(xs) and len(set(xs)) == 3
    policy, overall = chart.lines
    assert overall.overall and overall.values == ("40.0", "60.0", "50.0")
    assert [x for x, _ in overall.points] == xs
    ys = [y for _, y in overall.points]
    assert ys[1] < ys[2] < ys[0]  # 60 above 50 above 40
    assert [x for x, _ in policy.points] == xs[1:]  # no point where the element had no score
    assert policy.points[1][1] == pytest.approx(chart.grid[-1][0])  # 100 on the top grid line


# --- exportcheck plan -------------------------------------------------------------------------------------------


def test_plan_lists_each_failure_with_its_owner_target_and_overdue_flag(company):
    run = run_cli("plan", company, "--as-of", AS_OF)
    assert run.code == 0
    _, data = _json(company)
    (policy,) = _failures(data, "POL-001")
    lines = run.out.splitlines()
    assert lines[0] == f"Plan read from {company.parent / 'exportcheck-plan.yaml'}"
    row = lines.index(f"{'MEDIUM':<10}{'POL-001':<10}{'2026-10-15':<12}Wang Lei (Head of Legal)  [OVERDUE]")
    assert lines[row + 1] == f"{'':<20}{policy['subject_path']} · {policy['fingerprint']}"
    assert lines[-1] == f"{data['summary']['fail']} failure(s), 1 overdue"


def test_the_template_plans_nothing_until_edited_and_then_every_failure(tmp_path):
    profile = tmp_path / "gaps.yaml"
    profile.write_text((SAMPLES / "gaps.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    run = run_cli("plan", profile, "--as-of", AS_OF, "--template")
    assert run.code == 0 and run.err == ""
    plan = tmp_path / "exportcheck-plan.yaml"
    plan.write_text(run.out, encoding="utf-8")
    _, data = _json(profile)
    assert data["plan"]["planned"] == 0  # every entry is still a comment
    fingerprints = [result["fingerprint"] for result in data["results"] if result["status"] == "fail"]
    assert all(f'  # - fingerprint: "{fingerprint}"' in run.out for fingerprint in fingerprints)
    # Uncommented as it stands, each entry plans its failure with the owner role and date the report suggested.
    plan.write_text(re.sub(r"^  # ([- ] )", r"  \1", run.out, flags=re.MULTILINE), encoding="utf-8")
    _, planned = _json(profile)
    assert planned["plan"] == {"files": [str(plan)], "planned": len(fingerprints), "overdue": 0, "stale": []}
    for before, after in zip(data["results"], planned["results"], strict=True):
        if before["status"] == "fail":
            assert after["plan"]["target"] == before["plan"]["target"]
            assert after["plan"]["owner"]["title"] == before["plan"]["role_title"]
