"""Every limit exportcheck enforces on its input, hit once each: the exact message and exit code a user sees,
each as docs/limits.md shows it, and the way to raise the limits that have one."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLES, run_cli

COMPLIANT = (SAMPLES / "compliant.yaml").read_text(encoding="utf-8")
LIMITS_DOC = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
NOTHING_WRITTEN = "exportcheck: 1 input problem; nothing was written"


def refused(path, *options: str) -> list[str]:
    """The lines of a refusal of `check PATH`, after asserting it was one (exit 2, nothing on stdout)."""
    run = run_cli("check", path, "--format", "json", *options)
    assert run.code == 2, run.err
    assert run.out == ""
    return run.err.splitlines()


def check_in_a_process(path, **environment: str) -> subprocess.CompletedProcess:
    """`check PATH` in a process of its own: the limits are set when the process starts."""
    return subprocess.run(
        [sys.executable, "-m", "checker", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **environment},
        timeout=120,
    )


def documented(message: str) -> None:
    """The message is in docs/limits.md, its numbers and names as they are (the file's name left out)."""
    assert message in LIMITS_DOC, f"docs/limits.md does not show: {message}"


def test_a_file_over_8_mib_is_refused_and_the_variable_raises_the_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("#" + "x" * 8 * 1024 * 1024 + "\n" + COMPLIANT, encoding="utf-8")
    message = "file holds more than 8,388,608 bytes, the limit"
    assert refused(path) == [f"{path}: {message}", NOTHING_WRITTEN]
    documented(message)
    assert check_in_a_process(path, EXPORTCHECK_MAX_FILE_MIB="9").returncode == 0


def test_more_than_500000_values_are_refused_and_the_variable_raises_the_limit(tmp_path):
    path = tmp_path / "values.yaml"
    # A thousand values, named once and repeated 501 times: 501,000 once the aliases are expanded.
    path.write_text("a: &a [" + ", ".join(["1"] * 1000) + "]\nb: [" + ", ".join(["*a"] * 501) + "]\n")
    message = "more than 500,000 values once aliases are expanded; the file is too large or defines an alias bomb"
    assert refused(path) == [f"{path}:2:4: {message}", NOTHING_WRITTEN]
    documented(message)
    raised = check_in_a_process(path, EXPORTCHECK_MAX_VALUES="1_000_000")  # read now, and refused as a profile
    assert raised.returncode == 2
    assert raised.stderr.splitlines()[0] == f"{path}:1:1: missing required key 'company' in the top level"
    assert "values once aliases are expanded" not in raised.stderr


@pytest.mark.parametrize("setting", ["lots", "0", "-5", "8.5"])
def test_a_mistyped_setting_is_a_usage_error_before_anything_is_read(monkeypatch, setting):
    monkeypatch.setenv("EXPORTCHECK_MAX_VALUES", setting)
    message = f"exportcheck: EXPORTCHECK_MAX_VALUES={setting!r}: give a whole number above 0, or leave it unset"
    assert refused(SAMPLES / "compliant.yaml") == [message]
    documented("give a whole number above 0, or leave it unset")


def test_a_setting_below_the_default_leaves_the_default():
    lowered = {"EXPORTCHECK_MAX_FILE_MIB": "1", "EXPORTCHECK_MAX_VALUES": "10"}
    assert check_in_a_process(SAMPLES / "compliant.yaml", **lowered).returncode == 0


def test_nesting_deeper_than_64_levels_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 65 + "]" * 65 + "\n")
    message = "nesting is deeper than 64 levels"
    assert refused(path) == [f"{path}:1:67: {message}", NOTHING_WRITTEN]
    documented(message)


def test_a_second_document_in_a_file_is_refused(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(COMPLIANT + "---\nschema_version: 1\n")
    line = COMPLIANT.count("\n") + 1
    message = "a second YAML document ('---'): a profile file holds one document"
    assert refused(path) == [f"{path}:{line}:1: {message}", NOTHING_WRITTEN]
    documented(message)


def test_a_number_of_more_than_100_characters_is_refused(tmp_path):
    path = tmp_path / "number.yaml"
    path.write_text(COMPLIANT.replace("employees: ", "employees: " + "9" * 101 + "  # ", 1))
    line = COMPLIANT[: COMPLIANT.index("employees: ")].count("\n") + 1
    message = "number of 101 characters is too long (at most 100)"
    assert refused(path) == [f"{path}:{line}:14: {message}", NOTHING_WRITTEN]
    documented(message)


@pytest.mark.parametrize(
    ("field", "length", "limit"),
    [("  name: ", 301, 300), ("    end_use: ", 2001, 2000)],
    ids=["a name", "a note"],
)
def test_text_longer_than_its_field_takes_is_refused(tmp_path, field, length, limit):
    path = tmp_path / "text.yaml"
    at = COMPLIANT.index(field)
    end = COMPLIANT.index("\n", at)
    path.write_text(COMPLIANT[:at] + field + "x" * length + COMPLIANT[end:])
    [problem, summary] = refused(path)
    said = rf"text of {length:,} characters is too long \(at most {limit}\)"
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: [a-z_\[\]0-9.]+: {said}", problem), problem
    assert summary == NOTHING_WRITTEN
    documented(f"text of N characters is too long (at most {limit})")


def test_more_than_1000_classifications_of_an_item_are_refused(tmp_path):
    path = tmp_path / "classifications.yaml"
    anchor = "    classified_by: engineering_and_compliance\n"
    many = "".join(f"      - {{control_code: 1C902.a, note: n{n}}}\n" for n in range(1001))
    path.write_text(COMPLIANT.replace(anchor, anchor + "    classifications:\n" + many, 1))
    line = COMPLIANT[: COMPLIANT.index(anchor)].count("\n") + 3
    message = "items[0].classifications: List should have at most 1000 items after validation, not 1001"
    assert refused(path) == [f"{path}:{line}:7: {message}", NOTHING_WRITTEN]
    documented("List should have at most 1000 items after validation, not 1001")


def test_past_100_problems_the_rest_are_counted(tmp_path):
    path = tmp_path / "problems.yaml"
    path.write_text(COMPLIANT + "".join(f"extra_{n}: 1\n" for n in range(150)))
    lines = refused(path)
    assert len(lines) == 101
    message = "exportcheck: 150 input problems (the first 100 shown); nothing was written"
    assert lines[-1] == message
    documented(message.removeprefix("exportcheck: "))


def test_a_sheet_of_more_than_200000_rows_is_refused(tmp_path):
    sheet = tmp_path / "exports.csv"
    sheet.write_text("id\n" + "x\n" * 200_001)
    message = "has 200,001 rows; at most 200,000 are read"
    assert refused(SAMPLES / "compliant.yaml", "--sheet", f"exports={sheet}") == [
        f"{sheet}: {message}",
        NOTHING_WRITTEN,
    ]
    documented("has N rows; at most 200,000 are read")


def test_a_sheet_over_32_mib_is_refused(tmp_path):
    sheet = tmp_path / "exports.csv"
    with sheet.open("wb") as stream:
        stream.truncate(32 * 1024 * 1024 + 1)  # sparse: the size is all that is asked
    message = "larger than 32 MiB"
    assert refused(SAMPLES / "compliant.yaml", "--sheet", f"exports={sheet}") == [
        f"{sheet}: {message}",
        NOTHING_WRITTEN,
    ]
    documented(message)


def test_a_reference_dataset_of_more_than_200000_entries_is_refused(tmp_path):
    dataset = tmp_path / "list.yaml"
    head = "format: 1\nname: big\nkind: party_list\nlist: other\nversion: v1\nas_of: 2026-08-24\nsource: test\n"
    dataset.write_text(head + "entries:\n" + "".join(f"  - {{name: N{n}}}\n" for n in range(200_001)))
    message = "entries: List should have at most 200000 items after validation, not 200001"
    assert refused(SAMPLES / "compliant.yaml", "--reference", dataset) == [f"{dataset}:9:3: {message}", NOTHING_WRITTEN]
    documented(message)


def test_the_readme_and_docs_limits_show_the_limits_of_the_code():
    from checker.errors import MAX_PROBLEMS
    from checker.profile.fields import NAME_LENGTH, NOTE_LENGTH
    from checker.read.sheet import MAX_ROWS
    from checker.read.yaml import MAX_DEPTH, MAX_FILE_BYTES, MAX_NUMBER_CHARS, MAX_VALUES

    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Limits", 1)[1].split("\n## ", 1)[0]
    shown = [
        f"| {MAX_FILE_BYTES // 2**20} MiB |",
        f"| {MAX_VALUES:,} |",
        f"| {MAX_DEPTH} levels; {MAX_NUMBER_CHARS} characters |",
        f"| {MAX_FILE_BYTES * 4 // 2**20} MiB, {MAX_ROWS:,} rows |",
        f"| {NAME_LENGTH}; {NOTE_LENGTH:,} characters |",
        f"| {MAX_PROBLEMS}, the rest counted |",
    ]
    assert [row for row in shown if row not in readme] == []
    in_docs = [
        f"| {MAX_FILE_BYTES // 2**20} MiB ({MAX_FILE_BYTES:,} bytes) |",
        f"| {MAX_VALUES:,} |",
        f"| {MAX_DEPTH} levels |",
        f"| {MAX_NUMBER_CHARS} characters |",
        f"| {MAX_ROWS:,} |",
        f"{NAME_LENGTH} characters",
        f"{NOTE_LENGTH:,} characters",
        f"problems described in one run: {MAX_PROBLEMS}",
    ]
    assert [row for row in in_docs if row not in LIMITS_DOC] == []
