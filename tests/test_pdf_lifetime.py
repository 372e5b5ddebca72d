"""The PDF renderer and the font workers end when the command that started them ends, however it ends, and
a command stopped while rendering leaves no PDF, whole or partial, behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.pdf_report import gap_ledger
from checker.report.gap_report import lifetime
from tests.conftest import ROOT

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, str, float] | None:
    """(parent id, state, CPU seconds) of a process, None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after the command name, which may hold spaces
    return int(fields[1]), fields[0], (int(fields[11]) + int(fields[12])) / TICKS


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) and stat[0] == pid:
            found.append(int(entry.name))
    return sorted(found)


def _alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[1] != "Z"


def _wait_until_rendering(command: subprocess.Popen, timeout: float = 240) -> list[int]:
    """Wait until the command has handed its document to the renderer and waits for the PDF: the renderer
    (its first child) busy, the command itself idle. Returns the command's children at that moment."""
    history: list[tuple[float, float]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert command.poll() is None, "the command ended before it was seen rendering"
        children = _children(command.pid)
        parent, renderer = _stat(command.pid), _stat(children[0]) if children else None
        if parent and renderer:
            history.append((parent[2], renderer[2]))
            if len(history) > 10:  # half a second
                parent_spent, renderer_spent = (history[-1][i] - history[-11][i] for i in (0, 1))
                if parent_spent < 0.05 and renderer_spent > 0.1:  # a busy machine gives it less than a core
                    return children
        time.sleep(0.05)
    raise AssertionError("the renderer was never seen at work")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Path:
    return gap_ledger(3000, tmp_path_factory.mktemp("ledger") / "ledger.yaml")


@pytest.mark.parametrize("how", ["SIGKILL to the command", "SIGTERM to the command", "Ctrl-C"])
def test_stopping_the_command_while_it_renders_leaves_no_process_and_no_pdf(ledger, tmp_path, how):
    out = tmp_path / "out"
    out.mkdir()
    log = tmp_path / "stderr.txt"
    with log.open("wb") as stderr:
        command = subprocess.Popen(
            [sys.executable, "-m", "checker", "check", str(ledger), "--pdf", str(out / "report.pdf")],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # its own process group, as a shell gives a job
        )
    try:
        children = _wait_until_rendering(command)
        if how == "Ctrl-C":
            os.killpg(command.pid, signal.SIGINT)  # a terminal sends it to the whole foreground group
        else:
            os.kill(command.pid, signal.SIGKILL if how.startswith("SIGKILL") else signal.SIGTERM)
        command.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(map(_alive, children)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [pid for pid in children if _alive(pid)] == []
        assert list(out.iterdir()) == []
        if how == "Ctrl-C":
            assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        if command.poll() is None:
            command.kill()
            command.wait()


def test_a_child_whose_parent_is_already_gone_ends_at_once():
    """The parent may end between the fork and the child's request to end with it."""
    probe = f"from checker.report.gap_report import lifetime; lifetime.die_with_parent({os.getpid()} + 10**7)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, timeout=60)
    assert done.returncode == 1


def test_the_watchdog_ends_a_child_whose_parent_ends(monkeypatch):
    """Where the kernel can't be asked (not Linux), a thread watches the parent."""
    script = (
        "import os, sys, time\n"
        "from checker.report.gap_report import lifetime\n"
        "lifetime._kernel_kills_orphan = lambda: False\n"
        "parent = os.getpid()\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    lifetime.die_with_parent(parent)\n"
        "    print(os.getpid(), flush=True)\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "time.sleep(0.5)\n"
        "os._exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    orphan = int(done.stdout.split()[0])
    deadline = time.monotonic() + 5
    while _alive(orphan) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(orphan)
    assert lifetime._POLL < 1
