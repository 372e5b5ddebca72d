"""What the commands say beside their reports follows --lang zh (or EXPORTCHECK_LANG=zh), as their reports do."""

from __future__ import annotations

import json

from tests.conftest import SAMPLES, run_cli


def test_the_line_that_says_what_check_wrote_is_in_the_language_of_the_command(tmp_path):
    target = tmp_path / "r.json"
    run = run_cli("check", SAMPLES / "gaps.yaml", "--lang", "zh", "--format", f"json:{target}")
    summary = json.loads(target.read_text(encoding="utf-8"))["summary"]
    assert run.err == (
        f"exportcheck: 已写出 {target}（不符合 {summary['fail']} 项，符合 {summary['pass']} 项）；门禁未通过\n"
    )
    english = run_cli("check", SAMPLES / "gaps.yaml", "--format", f"json:{target}")
    assert english.err == f"exportcheck: wrote {target} ({summary['fail']} fail, {summary['pass']} pass); gate failed\n"


def test_lists_show_in_chinese_with_lang_or_the_environment(monkeypatch):
    chinese = run_cli("lists", "show", "--lang", "zh").out.splitlines()
    assert chinese[1].startswith("    随附：mofcom-control-list ")
    assert chinese[2].startswith("    来源：") and chinese[3].startswith("    文件：")
    monkeypatch.setenv("EXPORTCHECK_LANG", "zh")
    from checker.cli.main import main

    assert main(["lists", "show", "--format", "json"]) == 0
    assert run_cli("lists", "show").out.splitlines()[1] == chinese[1]
    monkeypatch.delenv("EXPORTCHECK_LANG")
    assert run_cli("lists", "show").out.splitlines()[1].startswith("    shipped: mofcom-control-list ")
