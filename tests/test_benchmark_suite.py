"""The benchmark command runs and prints its table (what it measures is not asserted: timing is no unit test)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT

NUMBER = r"\d+\.\d\d"


def test_the_quick_run_prints_each_case_beside_its_floor_and_the_machine():
    done = subprocess.run(
        [sys.executable, "benchmarks/suite.py", "--quick", "--runs", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = "| case | runs | median | spread | floor | floor median | floor spread | × floor | peak MiB | goal |"
    assert header in lines
    rows = [line for line in lines if line.startswith("| ") and line != header]
    cases = [row.split(" | ")[0] for row in rows]
    assert cases[:2] == ["| `check samples/gaps.yaml --format json`", "| `check samples/compliant.yaml --format json`"]
    assert re.fullmatch(r"\| ledger of 1,000 exports \(\d+\.\d MiB\), JSON to a file", cases[2]), cases
    assert len(rows) == 3
    figures = rf"\| 1 \| {NUMBER} \| {NUMBER}–{NUMBER} \| [^|]+ \| {NUMBER} \| {NUMBER}–{NUMBER} \| {NUMBER} \| \d+ \|"
    assert all(re.search(figures, row) for row in rows), rows
    assert re.search(r"^Machine: .+, \d+ cores; Python 3\.\d+\.\d+; .+; load average ", done.stdout, re.M)


def test_a_case_that_cannot_run_is_a_line_saying_why():
    from benchmarks.suite import Row, table

    skipped = Row("portfolio", "the same, `--jobs 1`", "≥ 1.6× faster", note="skipped: no `--jobs` option")
    assert table([skipped]).splitlines()[-1] == (
        "| portfolio | 0 | — | — | the same, `--jobs 1` | — | — | — | — | ≥ 1.6× faster: skipped: no `--jobs` option |"
    )


def test_the_readme_shows_the_last_table_between_markers_the_command_replaces(tmp_path):
    from benchmarks.suite import put_in_readme

    readme = tmp_path / "README.md"
    readme.write_text((ROOT / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    put_in_readme("| case |\n|---|\n| new |\n\nMachine: test.", readme)
    text = readme.read_text(encoding="utf-8")
    assert (
        "<!-- benchmark-suite:begin -->\n| case |\n|---|\n| new |\n\nMachine: test.\n<!-- benchmark-suite:end -->"
        in text
    )
    assert text.count("## Speed") == 1 and "| floor median |" not in text
