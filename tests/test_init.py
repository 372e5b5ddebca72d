"""`exportcheck init`: a starter profile that `check` reads at once, in either language, and answers piped in."""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.conftest import ROOT, run_cli

FILES = ["company.yaml", "ledger.yaml", "programme.yaml"]
CHINESE = re.compile("[\u4e00-\u9fff]")


def _init(tmp_path, *options: str, answers: str | None = None, monkeypatch=None):
    if answers is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    return run_cli("init", tmp_path / "mycompany", *options)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_starter_profile_checks_at_once_and_its_failures_are_the_to_do_list(tmp_path, lang):
    made = _init(tmp_path, "--lang", lang)
    assert made.code == 0, made.err
    folder = tmp_path / "mycompany"
    assert sorted(p.name for p in folder.iterdir()) == FILES
    checked = run_cli("check", folder, "--as-of", "2026-11-01", "--format", "json", "--lang", lang)
    assert checked.code == 1, checked.err
    report = json.loads(checked.out)
    failures = [r for r in report["results"] if r["status"] == "fail"]
    # Each failure is a line to fill in: it points at a field of the starter's files.
    assert len(failures) > 40
    assert {r["location"]["file"] for r in failures} == {str(folder / "programme.yaml")}
    assert {r["rule_id"] for r in failures} >= {"POL-002", "ORG-002", "TRN-001", "REC-001", "MAN-001"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_field_is_commented_in_the_chosen_language_with_the_schema_first(tmp_path, lang):
    _init(tmp_path, "--lang", lang)
    company = (tmp_path / "mycompany" / "company.yaml").read_text(encoding="utf-8")
    first = company.splitlines()[0]
    schema = first.removeprefix("# yaml-language-server: $schema=")
    assert schema != first
    assert (tmp_path / "mycompany" / schema).resolve() == (ROOT / "docs" / "schema" / "profile.schema.json")
    for name in FILES:
        text = (tmp_path / "mycompany" / name).read_text(encoding="utf-8")
        comments = " ".join(line.partition("#")[2] for line in text.splitlines())
        assert bool(CHINESE.search(comments)) == (lang == "zh"), name
    # The articles named are the ones the rules cite: a Chinese comment names its instrument each time.
    programme = (tmp_path / "mycompany" / "programme.yaml").read_text(encoding="utf-8")
    assert ("DUR 18" in programme) == (lang == "en")
    assert ("《两用物项出口管制条例》第十八条" in programme) == (lang == "zh")


def test_every_field_of_company_and_programme_is_present(tmp_path):
    from checker.profile.model import Company, Programme

    _init(tmp_path)
    from checker.validate import load_profile

    data = load_profile(tmp_path / "mycompany").data
    assert sorted(data["company"]) == sorted(Company.model_fields)
    assert sorted(data["programme"]) == sorted(Programme.model_fields)
    for element, fields in data["programme"].items():
        model = Programme.model_fields[element].annotation
        inner = next(a for a in getattr(model, "__args__", (model,)) if a is not type(None))
        assert sorted(fields) == sorted(inner.model_fields), element


def test_an_existing_file_is_never_overwritten(tmp_path):
    folder = tmp_path / "mycompany"
    folder.mkdir()
    (folder / "ledger.yaml").write_text("mine\n", encoding="utf-8")
    refused = _init(tmp_path)
    assert refused.code == 2
    assert refused.err == (
        f"exportcheck: will not overwrite {folder / 'ledger.yaml'}; choose an empty folder or move the files away\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["ledger.yaml"]
    assert (folder / "ledger.yaml").read_text(encoding="utf-8") == "mine\n"


ANSWERS = "\n".join(
    [
        "Shenzhen Skyline Drones Co., Ltd.",
        "深圳天际无人机有限公司",
        "123",  # refused, asked again
        "91440300MA5XXXXX1K",
        "UAE",  # refused with a hint, asked again
        "ae",
        "yes",
        "maybe",  # refused, asked again
        "yes",
        "",  # no answer: not a military exporter
        "Li Na",
        "2026-11-01",
    ]
)


def test_interactive_answers_piped_in_are_written(tmp_path, monkeypatch):
    made = _init(tmp_path, "--interactive", answers=ANSWERS + "\n", monkeypatch=monkeypatch)
    assert made.code == 0, made.err
    assert "'UAE' is not a two-letter country code; did you mean AE?" in made.out
    assert made.out.count("Please answer yes or no.") == 1
    assert made.out.count("A unified social credit code is 18 digits or capital letters") == 1
    from checker.validate import load_profile

    data = load_profile(tmp_path / "mycompany").data
    assert data["company"]["name"] == "Shenzhen Skyline Drones Co., Ltd."
    assert data["company"]["name_zh"] == "深圳天际无人机有限公司"
    assert data["company"]["uscc"] == "91440300MA5XXXXX1K"
    assert data["company"]["country"] == "AE"
    assert data["company"]["business"] == ["dual_use_export", "technology_transfer"]
    assert data["assessment"]["prepared_by"] == {"name": "Li Na", "title": None, "name_zh": None, "title_zh": None}
    assert str(data["assessment"]["as_of"]) == "2026-11-01"
    checked = run_cli("check", tmp_path / "mycompany", "--format", "json")
    assert checked.code == 1, checked.err


def test_interactive_in_chinese_takes_chinese_yes_and_stops_at_the_end_of_the_input(tmp_path, monkeypatch):
    answers = "某某科技有限公司\n\n\n\n是\n否"  # no final newline: the input ends there
    made = _init(tmp_path, "--interactive", "--lang", "zh", answers=answers, monkeypatch=monkeypatch)
    assert made.code == 0, made.err
    assert "公司登记名称：" in made.out
    from checker.validate import load_profile

    data = load_profile(tmp_path / "mycompany").data
    assert data["company"]["name"] == "某某科技有限公司"
    assert data["company"]["country"] == "CN"
    assert data["company"]["business"] == ["dual_use_export"]
    assert data["assessment"]["as_of"] is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_getting_started_shows_the_real_first_failure_and_the_first_page(tmp_path, monkeypatch, lang):
    guide = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    english, chinese = guide.split("\n## 中文\n")
    section = english if lang == "en" else chinese
    shown = next(body for kind, body in re.findall(r"```(\w*)\n(.*?)```", section, re.S) if not kind)
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "mycompany", "--lang", lang).code == 0
    checked = run_cli("check", "mycompany", "--lang", lang, "--color", "never")
    assert checked.code == 1
    assert shown in checked.out
    [picture] = re.findall(r"!\[[^]]*\]\(([^)]+\.png)\)", section)
    assert (ROOT / "docs" / picture).read_bytes().startswith(b"\x89PNG")


def test_the_refusal_follows_lang(tmp_path):
    _init(tmp_path)
    refused = _init(tmp_path, "--lang", "zh")
    assert refused.code == 2
    assert refused.err.startswith("exportcheck: 不会覆盖已有文件 ")
    assert refused.err.endswith("；请选择空文件夹，或先移走这些文件\n")


def test_init_then_check_gives_a_pdf_report(tmp_path):
    _init(tmp_path)
    checked = run_cli("check", tmp_path / "mycompany", "--pdf", tmp_path / "report.pdf")
    assert checked.code == 1, checked.err
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
