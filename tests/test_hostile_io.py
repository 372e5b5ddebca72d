"""Hostile inputs and outputs: devices, pipes, closed streams, huge values, control characters, odd files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, ROOT, SAMPLES, line_of, run_cli
from tests.test_profile_loading import split_reference


def command(*argv: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, argv)], text=True, cwd=ROOT, timeout=timeout, **kwargs
    )


# 1. A stream under any name is written through, never replaced.


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_stdout_by_name_appends_to_a_log_it_is_redirected_to(tmp_path, name):
    log = tmp_path / "build.log"
    log.write_text("step 1 done\nstep 2 done\n")
    inode = log.stat().st_ino
    with open(log, "a") as appended:
        done = command("check", REFERENCE, "--format", "json", "-o", name, stdout=appended, stderr=subprocess.PIPE)
    assert done.returncode == 0, done.stderr
    assert log.stat().st_ino == inode  # the same file, not a new one renamed over it
    earlier, report = log.read_text().split("step 2 done\n", 1)
    assert earlier == "step 1 done\n"
    assert json.loads(report)["summary"]["fail"] == 0


# 2. Several outputs land together or not at all, and the message says what was written.


def test_a_full_device_leaves_no_side_file_and_says_nothing_was_written(tmp_path):
    html = tmp_path / "side.html"
    done = command("check", REFERENCE, "-o", "/dev/full", "--html", html)
    assert done.returncode == 2
    assert done.stderr == "exportcheck: /dev/full: No space left on device; nothing was written\n"
    assert list(tmp_path.iterdir()) == []


def test_a_stream_that_fails_midway_is_said_to_be_partly_written(tmp_path):
    from checker.errors import OutputError
    from checker.write import write_outputs

    fifo, side = tmp_path / "pipe", tmp_path / "side.txt"
    os.mkfifo(fifo)

    def read_a_little_then_go():
        with open(fifo, "rb") as stream:
            stream.read(100)

    reader = threading.Thread(target=read_a_little_then_go)
    reader.start()
    with pytest.raises(OutputError) as raised:
        write_outputs([(side, b"side"), (Path("/dev/null"), b"null"), (fifo, (b"x" * 65536 for _ in range(64)))])
    reader.join(10)
    assert str(raised.value) == f"{fifo}: Broken pipe; already written: /dev/null, {fifo} (partly)"
    assert list(tmp_path.iterdir()) == [fifo]


def test_write_outputs_returns_what_it_wrote_in_order(tmp_path):
    from checker.write import write_outputs

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    # Streams first: the files are renamed into place only once every stream took its report.
    assert write_outputs([(first, b"a"), (Path("/dev/null"), b"n"), (second, [b"b", b"b"])]) == [
        Path("/dev/null"),
        first,
        second,
    ]
    assert (first.read_bytes(), second.read_bytes()) == (b"a", b"bb")


# 3. Limits apply while reading, so endless files end.


def test_dev_zero_as_a_profile_is_refused_quickly():
    started = time.monotonic()
    done = command("check", "/dev/zero", timeout=30)
    assert done.returncode == 2
    assert "/dev/zero: file holds more than 8,388,608 bytes, the limit" in done.stderr
    assert time.monotonic() - started < 20


def test_a_fed_fifo_is_read_as_a_profile(tmp_path):
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    feeder = threading.Thread(target=lambda: fifo.write_bytes(REFERENCE.read_bytes()))
    feeder.start()
    done = command("check", fifo, "--format", "json", timeout=30)
    feeder.join(10)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["fail"] == 0


# 4. Numbers, dates and streams at their limits.


def test_an_integer_of_five_thousand_digits_is_an_input_error(edited, reference_text):
    path = edited(("retention_years: 5", "retention_years: " + "7" * 5000))
    run = run_cli("check", path)
    line = line_of(reference_text, "retention_years: 5")
    assert run.code == 2
    assert f"{path}:{line}:22: number of 5,000 characters is too long (at most 100)" in run.err


def test_an_assessment_date_at_the_end_of_the_calendar_caps_the_plan(tmp_path):
    profile = tmp_path / "late.yaml"
    profile.write_text((SAMPLES / "gaps.yaml").read_text().replace("as_of: 2026-11-15", "as_of: 9999-12-20"))
    html = tmp_path / "late.html"
    done = command("check", profile, "-o", "/dev/null", "--html", html)
    assert done.returncode == 1, done.stderr
    text = html.read_text()
    assert "9999-12-31" in text and "Traceback" not in done.stderr


def test_a_closed_stdout_is_a_plain_error():
    done = subprocess.run(
        f"exec '{sys.executable}' -m checker check '{REFERENCE}' >&-",
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == "exportcheck: standard output is closed; write the report to a file with --output\n"


def test_stdout_by_name_when_closed_writes_nothing(tmp_path):
    html = tmp_path / "side.html"
    done = subprocess.run(
        f"exec '{sys.executable}' -m checker check '{REFERENCE}' -o /dev/stdout --html '{html}' >&-",
        shell=True,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == "exportcheck: /dev/stdout: Bad file descriptor; nothing was written\n"
    assert list(tmp_path.iterdir()) == []


# 5. Cutting the fonts starts no thread or process that could outlive the command.


def test_font_subsetting_leaves_no_thread_or_worker_behind():
    script = (
        "import multiprocessing, threading\n"
        "from checker.report.gap_report.fonts import embedded_fonts\n"
        "fonts = embedded_fonts('exportcheck')\n"
        "print(len(fonts), threading.active_count(), len(multiprocessing.active_children()))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (done.stdout, done.stderr) == ("2 1 0\n", "")


def test_html_runs_end_without_noise_on_stderr(tmp_path):
    def run(number: int) -> str:
        html = tmp_path / f"r{number}.html"
        return command("check", REFERENCE, "-o", "/dev/null", "--html", html).stderr

    with ThreadPoolExecutor(max_workers=2) as pool:
        noises = [
            err
            for err in pool.map(run, range(30))
            if any(not line.startswith("exportcheck: wrote ") for line in err.splitlines())
        ]
    assert noises == []


# 6. Control and bidirectional characters are shown, never acted on.

HOSTILE_NAME = ('name: "Evil\\e[31mCorp\\u202e\\a"', "Evil\\x1b[31mCorp\\u202e\\x07")


def test_control_characters_in_a_name_are_escaped_in_the_text_report(edited):
    path = edited(("name: Suzhou Lanting Precision Materials Co., Ltd.", HOSTILE_NAME[0]))
    out = run_cli("check", path, "--color", "never").out
    assert HOSTILE_NAME[1] in out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out


def test_control_characters_in_a_name_are_escaped_in_the_html(edited, tmp_path):
    path = edited(("name: Suzhou Lanting Precision Materials Co., Ltd.", HOSTILE_NAME[0]))
    html = tmp_path / "r.html"
    assert run_cli("check", path, "-o", os.devnull, "--html", html).code == 0
    text = html.read_text()
    assert HOSTILE_NAME[1] in text
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text


def test_the_shared_helper_escapes_exactly_the_unsafe_characters():
    from checker.report.safe_text import visible

    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("\x00\x7f\x85\u200e\u200f\u202a\u2069ok") == "\\x00\\x7f\\x85\\u200e\\u200f\\u202a\\u2069ok"
    assert visible({"k": ["\x1b", 3]}) == {"k": ["\\x1b", 3]}


# 7. Text fields have lengths a report can lay out.


def test_a_hundred_thousand_character_name_is_an_input_error(edited, reference_text):
    path = edited(("name: Suzhou Lanting Precision Materials Co., Ltd.", "name: " + "N" * 100_000))
    run = run_cli("check", path)
    line = line_of(reference_text, "name: Suzhou Lanting Precision Materials Co., Ltd.")
    assert run.code == 2
    assert f"{path}:{line}:9: company.name: text of 100,000 characters is too long (at most 300)" in run.err
    assert len(run.err) < 1000


def test_a_note_may_be_longer_than_a_name(edited, reference_text):
    from checker.profile.fields import NOTE_LENGTH

    path = edited(("scope: [headquarters,", f"scope: [{'s' * NOTE_LENGTH},"))
    assert run_cli("check", path).code == 0
    path = edited(("scope: [headquarters,", f"scope: [{'s' * (NOTE_LENGTH + 1)},"), name="long.yaml")
    run = run_cli("check", path)
    assert run.code == 2 and "(at most 2000)" in run.err


# 8. Smaller things.


def test_a_utf32_file_is_called_utf32(tmp_path, reference_text):
    for encoding in ("utf-32-le", "utf-32-be"):
        path = tmp_path / f"{encoding}.yaml"
        path.write_bytes("\ufeff".encode(encoding) + reference_text.encode(encoding))
        run = run_cli("check", path)
        assert run.code == 2 and f"{path}:1:1: file is UTF-32; save it as UTF-8" in run.err


def test_upper_case_yaml_suffixes_in_a_directory_are_read(tmp_path, reference_text):
    split_reference(reference_text, tmp_path / "profile")
    (tmp_path / "profile" / "03-activity.yaml").rename(tmp_path / "profile" / "03-ACTIVITY.YAML")
    (tmp_path / "profile" / "02-programme.yaml").rename(tmp_path / "profile" / "02-programme.Yml")
    from checker.validate import load_profile

    assert load_profile(tmp_path / "profile").data == load_profile(REFERENCE).data


def test_a_symlink_loop_in_a_directory_is_an_input_error(tmp_path, reference_text):
    split_reference(reference_text, tmp_path / "profile")
    loop = tmp_path / "profile" / "04-loop.yaml"
    loop.symlink_to(loop)
    run = run_cli("check", tmp_path / "profile")
    assert run.code == 2
    assert f"{loop}: symbolic link loop" in run.err


def test_a_read_only_report_stays_read_only_when_replaced(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o444)
    assert run_cli("check", REFERENCE, "--format", "json", "-o", target).code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert json.loads(target.read_text())["summary"]["fail"] == 0
