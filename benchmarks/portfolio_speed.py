"""How much faster a portfolio runs across every core than in one process.

Builds N companies (default 40), each a copy of the benchmarks' ledger of E exports (default 300; the ledger
of benchmarks/check_speed.py) under its own name and USCC, then times, each in a cold process and alternating
so that a busy machine slows both alike: `check` of every company with `--jobs 1` and with `--jobs J` (default: every
core), JSON written; then the same with one PDF per company (`--pdf-dir`) for the first P companies
(default 30). Beside them, the floor: J processes of pure computation against the same work in one, which
is the speed-up the machine has to give while it runs (J on a quiet machine, less on a shared one). Prints
the medians, the spread and the ratios as a Markdown table.

    python benchmarks/portfolio_speed.py                      # 40 companies × 300 exports, 30 PDFs, 3 runs
    python benchmarks/portfolio_speed.py --runs 5 --jobs 2
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.check_speed import ledger  # noqa: E402  (the generator of the ledgers, shared)


def companies(count: int, exports: int, directory: Path) -> list[Path]:
    """`count` copies of the benchmarks' ledger of `exports` exports (benchmarks/check_speed.py), each under its
    own company name and USCC, so that each is a company of its own."""
    text = ledger(exports, directory).read_text(encoding="utf-8")
    name = text.split("\n  name: ", 1)[1].split("\n", 1)[0]
    uscc = text.split("\n  uscc: ", 1)[1].split("\n", 1)[0]
    paths = []
    for number in range(count):
        path = directory / f"company-{number:03d}.yaml"
        own = text.replace(f"\n  name: {name}\n", f"\n  name: Company {number:03d} Ltd.\n", 1)
        path.write_text(
            own.replace(f"\n  uscc: {uscc}\n", f"\n  uscc: 91320594MA1M{number:05d}Q\n", 1), encoding="utf-8"
        )
        paths.append(path)
    return paths


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:4])} … exited {done.returncode}:\n{done.stderr[-2000:]}")
    return elapsed


# The floor: work that parallelises perfectly (J processes each spinning alone), timed in the same runs. On a
# quiet machine its speed-up is J; on a machine shared with other work it is what the machine has to give.
SPIN = "sum(range(3 * 10**7))"


def floor_argv(jobs: int) -> list[str]:
    spin = f"{sys.executable} -c '{SPIN}'"
    script = " & ".join([spin] * jobs) + "; wait" if jobs > 1 else "; ".join([spin] * JOBS)
    return ["sh", "-c", script]


JOBS = 2


def compare(rows: list[tuple[str, Callable[[int], list[str]]]], jobs: int, runs: int) -> list[str]:
    """Each row timed with one process and with `jobs`, alternated, every row in every run, so that a machine
    busy for a while slows them all alike."""
    times: dict[str, dict[int, list[float]]] = {name: {1: [], jobs: []} for name, _ in rows}
    for _ in range(runs):
        for name, argv in rows:
            for each in (1, jobs):
                times[name][each].append(timed(argv(each)))
    lines = []
    for name, _ in rows:
        one, many = statistics.median(times[name][1]), statistics.median(times[name][jobs])
        spread = {key: f"{min(value):.2f}–{max(value):.2f}" for key, value in times[name].items()}
        lines.append(f"| {name} | {one:.2f} ({spread[1]}) | {many:.2f} ({spread[jobs]}) | {one / many:.2f}× |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--companies", type=int, default=40)
    parser.add_argument("--exports", type=int, default=300)
    parser.add_argument("--pdfs", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    global JOBS
    JOBS = options.jobs
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        paths = [str(path) for path in companies(options.companies, options.exports, directory)]
        command = [sys.executable, "-m", "checker", "check", "--quiet", "--fail-on", "none"]
        out = ["--format", f"json:{directory / 'out.json'}"]
        pdfs = [*paths[: options.pdfs], "--pdf-dir", str(directory / "pdf")]
        rows: list[tuple[str, Callable[[int], list[str]]]] = [
            (f"floor: {options.jobs} spinning processes", floor_argv),
            ("check, JSON", lambda jobs: [*command, *paths, *out, "--jobs", str(jobs)]),
            (f"check, {options.pdfs} PDFs", lambda jobs: [*command, *pdfs, *out, "--jobs", str(jobs)]),
        ]
        load = os.getloadavg()[0]
        lines = compare(rows, options.jobs, options.runs)
        print(
            f"{options.companies} companies × {options.exports} exports; medians of {options.runs} runs (min–max), "
            f"seconds; {os.cpu_count()} cores, load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at "
            "the end\n"
        )
        print(f"| run | --jobs 1 | --jobs {options.jobs} | speed-up |\n|---|---|---|---|")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
