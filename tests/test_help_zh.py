"""`--help` in Chinese: every help and description of the command line has its Chinese, and is printed in it."""

from __future__ import annotations

import re

import pytest

from checker.cli.help_zh import catalogue, helps
from checker.cli.main import _parser
from tests.conftest import run_cli

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_help_of_every_command_has_its_chinese():
    missing = sorted({text for text in helps(_parser([])) if text not in catalogue()["texts"]})
    assert missing == []


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["rules", "coverage", "--help"]])
def test_help_is_printed_in_chinese_with_lang_zh_or_the_environment(argv, monkeypatch):
    run = run_cli(*argv, "--lang", "zh") if argv != ["--help"] else None
    if run is None:
        monkeypatch.setenv("EXPORTCHECK_LANG", "zh")
        run = run_cli(*argv)
    assert run.code == 0
    assert run.out.startswith("用法：exportcheck")
    assert "显示本帮助信息并退出" in run.out and "show this help message" not in run.out
    # Every line that explains an option is in Chinese; only usage lines, option names and metavars are not.
    explained = [line for line in run.out.splitlines() if re.match(r"^  \S.*\s{2,}\S", line)]
    assert explained and all(CJK.search(line) for line in explained), [
        each for each in explained if not CJK.search(each)
    ]


def test_help_stays_english_by_default():
    run = run_cli("check", "--help")
    assert run.out.startswith("usage: exportcheck check")
    assert "assessment date (default" in run.out
