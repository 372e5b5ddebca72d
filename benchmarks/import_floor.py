"""How far a small run of `exportcheck check` sits above the import floor: starting Python and importing
pydantic, PyYAML and Jinja2, which every run needs whatever exportcheck does.

Times whole processes, each a new one with the rule cache already filled: the floor, `check --format json`
and `check --format text` of a small profile, taken in turn RUNS times so that a slow spell of a busy machine
falls on all three alike. Prints a Markdown table of medians, each as a multiple of the floor's: wall time,
the measure of the goal (a JSON run within 3× of the floor), and CPU time, which other work on a busy machine
disturbs less.

The floor's modules are installed with their bytecode; exportcheck's, in a working copy, have theirs only if
Python was allowed to write it (not with PYTHONDONTWRITEBYTECODE set), else every start compiles them from
source again, about 40 ms here. The table says which it measured.

    python benchmarks/import_floor.py                       # samples/gaps.yaml, 31 rounds
    python benchmarks/import_floor.py samples/compliant.yaml 51
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 31
FLOOR = "import pydantic, yaml, jinja2"


def command() -> list[str]:
    """The installed `exportcheck` beside this Python, as a user runs it; else the package as a module."""
    script = Path(sys.executable).with_name("exportcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "checker"]


def bytecode() -> str:
    """Whether exportcheck's modules start from bytecode or are compiled from source at every start."""
    source = ROOT / "checker" / "cli" / "main.py"
    cached = Path(importlib.util.cache_from_source(str(source)))
    fresh = cached.exists() and cached.stat().st_mtime >= source.stat().st_mtime
    return "exportcheck's bytecode cached" if fresh else "exportcheck compiled from source at every start"


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user and system) of one process, in seconds."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: the gate failed, as it does for a profile with gaps
        raise SystemExit(f"{' '.join(argv)} exited {code}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main(profile: str, runs: int) -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "EXPORTCHECK_CACHE_DIR": cache}
        commands = {
            "floor: python -c 'import pydantic, yaml, jinja2'": [sys.executable, "-c", FLOOR],
            "check --format json": [*command(), "check", profile, "--format", "json"],
            "check --format text": [*command(), "check", profile, "--format", "text"],
        }
        for argv in commands.values():  # fills the cache, and the operating system's
            timed(argv, env)
        wall: dict[str, list[float]] = {label: [] for label in commands}
        cpu: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(runs):
            for label, argv in commands.items():
                elapsed, used = timed(argv, env)
                wall[label].append(elapsed)
                cpu[label].append(used)
    print(f"{profile}, a new process each time, rule cache warm, {bytecode()}, median of {runs} rounds (seconds)\n")
    print("| process | wall | × floor | CPU | × floor | wall, lowest–highest |")
    print("|---|---:|---:|---:|---:|---:|")
    floor_wall, floor_cpu = (statistics.median(next(iter(times.values()))) for times in (wall, cpu))
    for label in commands:
        median_wall, median_cpu = statistics.median(wall[label]), statistics.median(cpu[label])
        print(
            f"| {label} | {median_wall:.3f} | {median_wall / floor_wall:.2f} | {median_cpu:.3f} | "
            f"{median_cpu / floor_cpu:.2f} | {min(wall[label]):.3f}–{max(wall[label]):.3f} |"
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "samples/gaps.yaml", int(sys.argv[2]) if len(sys.argv) > 2 else RUNS)
