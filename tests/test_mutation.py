"""The samples, mutated as files get mutated (a line deleted, duplicated or swapped, indentation changed, a
value replaced, bytes inserted, the file cut short), through the real command: profile files, a file of a
profile directory, and a ledger kept as a CSV sheet.

Whatever the mutation, a run ends in 0, 1 or 2 with no traceback, in bounded time, writing all of its reports
or none and leaving its input as it was (`tests/fuzzing.guarded_check`); a few runs are whole processes, as a
user starts them. Examples: about 200 in CI; `HYPOTHESIS_PROFILE=deep` for thousands (tests/fuzzing.py).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REFERENCE, ROOT, SAMPLES
from tests.fuzzing import REPORTS, RUN_SECONDS, assert_all_or_nothing, digest, examples, guarded_check, scratch
from tests.sheet_rows import cell, flat

SOURCES = sorted([*SAMPLES.glob("*.yaml"), *(ROOT / "tests" / "profiles").glob("*.yaml"), REFERENCE])
ORIGINALS = {path: path.read_bytes() for path in SOURCES}

# Values that mean something else to YAML, or to a reader of numbers and dates, or to nothing at all.
ODD_SCALARS = [
    "", "~", "null", "NO", "yes", "true", "0", "-1", "0o17", "0x1F", "1e999", "-.inf", ".nan", "9" * 120,
    "2026-02-30", "2026-13-01", "0001-01-01", "9999-12-31", "[", "]", "{", "}", "[]", "{}", "'", '"', "*nowhere",
    "&anchor", "!!python/object/apply:os.system ['true']", "!!binary aGVsbG8=", "!!set {a}", "!custom x", "|", ">",
    "- item", "? key", "key: value", "<<: *a", "@at", "`tick", "%", "#", "\t", "a\tb", "中国", "\u202e", "\u2028",
    "x" * 5000,
]  # fmt: skip
# Bytes that decoders, parsers and terminals trip on.
ODD_BYTES = [
    b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\xff", b"\xc3", b"\xc0\xaf",
    b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x1b[2J", b"\r", b"\r\n", b"\t", b"\x85", b"\xc2\x85", b"\x7f",
    b"\x0b", b"\x0c", b"\xe2\x80\xa8", b"---\n", b"...\n", b"%YAML 1.1\n", b"%TAG ! tag:x,2000:\n", b"&a ", b"*a",
    b"!!python/name:os.system ", b": ", b"- ", b"? ", b"{", b"[", b"\"", b"'", b"#", b"\\",
]  # fmt: skip

LINE_KINDS = ("delete", "duplicate", "swap", "indent", "scalar")
BYTE_KINDS = ("insert", "truncate")


@st.composite
def mutation(draw: st.DrawFn, raw: bytes) -> bytes:
    """One mutation of the file's bytes."""
    kind = draw(st.sampled_from(LINE_KINDS + BYTE_KINDS))
    if kind == "truncate":
        return raw[: draw(st.integers(0, max(0, len(raw) - 1)))]
    if kind == "insert":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.sampled_from(ODD_BYTES) | st.binary(min_size=1, max_size=6)) + raw[at:]
    lines = raw.split(b"\n")
    index = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == "indent":
        change = draw(st.sampled_from([b" ", b"  ", b"\t", b"    ", b""]))
        stripped = lines[index].lstrip(b" ")
        kept = draw(st.integers(0, len(lines[index]) - len(stripped)))
        lines[index] = b" " * kept + change + stripped
    else:
        lines[index] = _replace_scalar(lines[index], draw(st.sampled_from(ODD_SCALARS) | st.text(max_size=12)))
    return b"\n".join(lines)


def _replace_scalar(line: bytes, value: str) -> bytes:
    """The value after a line's first `: ` (or after a `- `) replaced; a line with neither gets the value."""
    for marker in (b": ", b"- "):
        head, found, _ = line.partition(marker)
        if found:
            return head + found + value.encode("utf-8", "surrogatepass")
    return value.encode("utf-8", "surrogatepass")


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Path, bytes]:
    """A sample and its bytes after one to three mutations."""
    source = draw(st.sampled_from(SOURCES))
    raw = ORIGINALS[source]
    for _ in range(draw(st.integers(1, 3))):
        raw = draw(mutation(raw))
    return source, raw


@examples(150)
@given(case=mutated())
def test_a_mutated_sample_ends_cleanly(case):
    source, raw = case
    with scratch() as (directory, outputs):
        path = directory / source.name
        path.write_bytes(raw)
        done = guarded_check([path], outputs, "--as-of", "2026-11-01")
    if done.code == 2:
        problems = done.err.rstrip("\n").splitlines()[:-1]
        assert problems, done.err  # a refusal says what is wrong, not only that something is
        assert all(line.startswith((str(path), "exportcheck: ")) for line in problems), done.err


@given(part=st.integers(0, 2), data=st.data())
def test_a_mutated_file_of_a_profile_directory_ends_cleanly(part, data):
    """The reference profile split into files, as teams keep it, one of them mutated: the directory is assessed
    or refused as a whole, and a refusal names the file."""
    from tests.test_profile_loading import split_reference

    with scratch() as (directory, outputs):
        profile = directory / "profile"
        split_reference(ORIGINALS[REFERENCE].decode("utf-8"), profile)
        chosen = sorted(profile.iterdir())[part]
        raw = chosen.read_bytes()
        for _ in range(data.draw(st.integers(1, 3))):
            raw = data.draw(mutation(raw))
        chosen.write_bytes(raw)
        done = guarded_check([profile], outputs, "--as-of", "2026-11-01")
    if done.code == 2:
        problems = done.err.rstrip("\n").splitlines()[:-1]
        assert all(line.startswith((str(profile), "exportcheck: ")) for line in problems), done.err


@cache
def exports_sheet() -> bytes:
    """The gaps sample's exports as a CSV sheet, one column per field the sheet takes."""
    from checker.profile.sheets import columns
    from checker.read.nodes import to_plain
    from checker.read.yaml import read_yaml

    names = [column.name for column in columns("exports")]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(names)
    for record in to_plain(read_yaml(SAMPLES / "gaps.yaml"))["exports"]:
        row = flat(record)
        writer.writerow([cell(row.get(name)) for name in names])
    return text.getvalue().encode("utf-8")


@examples(40)
@given(data=st.data())
def test_a_mutated_sheet_ends_cleanly(data):
    """The gaps sample with its exports read from a CSV sheet (`--sheet`), the sheet mutated."""
    raw = exports_sheet()
    for _ in range(data.draw(st.integers(1, 3))):
        raw = data.draw(mutation(raw))
    with scratch() as (directory, outputs):
        profile, sheet = directory / "gaps.yaml", directory / "exports.csv"
        profile.write_bytes(ORIGINALS[SAMPLES / "gaps.yaml"])
        sheet.write_bytes(raw)
        done = guarded_check([profile], outputs, "--sheet", f"exports={sheet}", "--as-of", "2026-11-01", read=[sheet])
    if done.code == 2:
        problems = done.err.rstrip("\n").splitlines()[:-1]
        assert problems and all(line.startswith((str(directory), "exportcheck: ")) for line in problems), done.err


def test_the_sheet_unmutated_is_assessed():
    with scratch() as (directory, outputs):
        sheet = directory / "exports.csv"
        sheet.write_bytes(exports_sheet())
        done = guarded_check([SAMPLES / "gaps.yaml"], outputs, "--sheet", f"exports={sheet}", read=[sheet])
    assert done.code == 1, done.err


@examples(4)
@given(case=mutated())
def test_a_mutated_sample_ends_cleanly_in_a_process_of_its_own(case):
    source, raw = case
    with scratch() as (directory, outputs):
        path = directory / source.name
        path.write_bytes(raw)
        before = digest([path])
        formats = [arg for name, file in REPORTS.items() for arg in ("--format", f"{name}:{outputs / file}")]
        done = subprocess.run(
            [sys.executable, "-m", "checker", "check", str(path), *formats, "--as-of", "2026-11-01"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=RUN_SECONDS,
        )
        assert done.returncode in (0, 1, 2), done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        assert digest([path]) == before
        assert_all_or_nothing(outputs, written=done.returncode != 2)
