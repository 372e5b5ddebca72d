"""Compiled report templates kept in exportcheck's cache: a second run reads them instead of compiling the
templates again, writes the same report, and loads no entry someone else could have written."""

from __future__ import annotations

import os
import pickle

from tests.conftest import SAMPLES, exportcheck


def html_report(tmp_path, cache, name: str):
    out = tmp_path / name
    done = exportcheck(
        "check",
        SAMPLES / "gaps.yaml",
        "--html",
        out,
        "-o",
        os.devnull,
        "--quiet",
        env={"EXPORTCHECK_CACHE_DIR": str(cache)},
    )
    assert done.returncode == 1, done.stderr
    return out.read_text(encoding="utf-8")


def test_a_second_run_reads_the_compiled_templates_and_writes_the_same_report(tmp_path):
    cache = tmp_path / "cache"
    first = html_report(tmp_path, cache, "first.html")
    entries = sorted(cache.glob("template-*.bytecode"))
    assert len(entries) >= 5  # the report and the templates it includes
    written = {entry: entry.stat().st_mtime_ns for entry in entries}
    assert html_report(tmp_path, cache, "second.html") == first
    assert {entry: entry.stat().st_mtime_ns for entry in entries} == written  # read, not written again


def substitute(cache, mode: int) -> None:
    """Give every entry, with its checksum intact, code compiled from another template, as someone who could
    write the file might; and the file `mode`."""
    from jinja2 import Environment
    from jinja2.bccache import Bucket, bc_magic

    code = Environment().compile("SUBSTITUTED", name="report", filename="report")
    for entry in cache.glob("template-*.bytecode"):
        with open(entry, "rb") as stream:
            assert stream.read(len(bc_magic)) == bc_magic
            checksum = pickle.load(stream)
        bucket = Bucket(Environment(), "", checksum)
        bucket.code = code
        entry.write_bytes(bucket.bytecode_to_string())
        entry.chmod(mode)


def test_an_entry_others_may_write_is_not_loaded_but_compiled_afresh(tmp_path):
    cache = tmp_path / "cache"
    first = html_report(tmp_path, cache, "first.html")
    substitute(cache, 0o666)
    assert html_report(tmp_path, cache, "second.html") == first


def test_the_same_entry_of_the_users_own_is_loaded(tmp_path):
    """The check above is what keeps the substituted code out: the user's own entry is trusted."""
    cache = tmp_path / "cache"
    html_report(tmp_path, cache, "first.html")
    substitute(cache, 0o600)
    out = tmp_path / "second.html"
    done = exportcheck(
        "check", SAMPLES / "gaps.yaml", "--html", out, "-o", os.devnull, env={"EXPORTCHECK_CACHE_DIR": str(cache)}
    )
    assert done.returncode != 0 and "no longer opens its stylesheet" in done.stderr
    assert not out.exists()


def test_a_damaged_entry_is_only_a_miss(tmp_path):
    cache = tmp_path / "cache"
    first = html_report(tmp_path, cache, "first.html")
    for entry in cache.glob("template-*.bytecode"):
        entry.write_bytes(entry.read_bytes()[:40])
    assert html_report(tmp_path, cache, "second.html") == first
    assert all(entry.stat().st_size > 40 for entry in cache.glob("template-*.bytecode"))  # compiled and kept again
