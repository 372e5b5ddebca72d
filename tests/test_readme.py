"""The README shows what exportcheck really does."""

from __future__ import annotations

import re

from tests.conftest import REFERENCE, ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(marker: str) -> str:
    match = re.search(rf"<!-- {marker}:begin -->\n```text\n(.*?)```\n<!-- {marker}:end -->", README, re.S)
    assert match, f"no {marker} block in README.md"
    return match.group(1)


def test_quick_start_is_exactly_two_commands():
    section = README.split("## Quick start", 1)[1]
    commands = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    lines = [line for line in commands.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert [line.split("#")[0].strip() for line in lines] == ["make demo", "make test"]


def test_the_sample_output_shown_is_the_real_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    run = run_cli("check", "samples/gaps.yaml")
    assert run.code == 1
    assert run.out == block("gaps-output")


def test_input_error_examples_are_real(tmp_path, monkeypatch):
    text = REFERENCE.read_text(encoding="utf-8")
    text = (
        text.replace("retention_years: 5", "retention_year: 5")
        .replace("country: NO", "country: no", 1)
        .replace("    licence: LIC-26-0117\n", "    licence: LIC-26-117\n", 1)
    )
    (tmp_path / "profile.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = run_cli("check", "profile.yaml")
    shown = re.search(r"```text\n(profile\.yaml:.*?)```", README, re.S).group(1)
    assert run.code == 2
    assert run.err.splitlines()[:3] == shown.splitlines()


def test_rule_count_is_current(ruleset):
    assert f"has {len(ruleset.rules)} rules" in README
