"""How much faster a portfolio runs across every core than in one process.

Builds N companies (default 40) from the rule examples' base profile, each with its own name, USCC and a
ledger of E exports (default 300), then times, each in a cold process and alternating so that a busy
machine slows both alike: `check` of every company with `--jobs 1` and with `--jobs J` (default: every
core), JSON written; then the same with one PDF per company (`--pdf-dir`) for the first P companies
(default 30). Prints the medians, the spread and the ratio as a Markdown table.

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
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from checker.read.nodes import to_plain
from checker.read.yaml import read_yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "rules" / "examples" / "base.yaml"


def companies(count: int, exports: int, directory: Path) -> list[Path]:
    base = to_plain(read_yaml(BASE))  # not yaml.safe_load: YAML 1.1 would turn Norway (NO) into false
    licence, export = base["licences"][0], base["exports"][0]
    paths = []
    for number in range(count):
        data = dict(base)
        data["company"] = {
            **base["company"],
            "name": f"Company {number:03d} Ltd.",
            "uscc": f"91320594MA1M{number:05d}Q",
        }
        licences = [
            {
                **licence,
                "id": f"LIC-{n}",
                "number": f"2026-SZ-{n:05d}",
                "quantity": {"amount": 10**9, "unit": "kg"},
                "kind": "general",
                "valid_until": "2029-05-05",
            }
            for n in range(max(1, exports // 10))
        ]
        data["licences"] = licences
        data["exports"] = [
            {
                **export,
                "id": f"EXP-{n}",
                "licence": f"LIC-{n % len(licences)}",
                "end_user_certificate": dict(export["end_user_certificate"]),
            }
            for n in range(exports)
        ]
        path = directory / f"company-{number:03d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:4])} … exited {done.returncode}:\n{done.stderr[-2000:]}")
    return elapsed


def compare(name: str, argv: list[str], jobs: int, runs: int) -> str:
    times: dict[int, list[float]] = {1: [], jobs: []}
    for _ in range(runs):
        for each in (1, jobs):  # alternated: a machine busy for a while slows both
            times[each].append(timed([*argv, "--jobs", str(each)]))
    one, many = statistics.median(times[1]), statistics.median(times[jobs])
    spread = {key: f"{min(value):.2f}–{max(value):.2f}" for key, value in times.items()}
    return f"| {name} | {one:.2f} ({spread[1]}) | {many:.2f} ({spread[jobs]}) | {one / many:.2f}× |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--companies", type=int, default=40)
    parser.add_argument("--exports", type=int, default=300)
    parser.add_argument("--pdfs", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        paths = [str(path) for path in companies(options.companies, options.exports, directory)]
        command = [sys.executable, "-m", "checker", "check", "--quiet", "--fail-on", "none"]
        lines = [
            f"{options.companies} companies × {options.exports} exports; medians of {options.runs} runs "
            f"(min–max), seconds; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start",
            "",
            f"| run | --jobs 1 | --jobs {options.jobs} | speed-up |",
            "|---|---|---|---|",
            compare(
                "check, JSON",
                [*command, *paths, "--format", f"json:{directory / 'out.json'}"],
                options.jobs,
                options.runs,
            ),
            compare(
                f"check, {options.pdfs} PDFs",
                [
                    *command,
                    *paths[: options.pdfs],
                    "--format",
                    f"json:{directory / 'out.json'}",
                    "--pdf-dir",
                    str(directory / "pdf"),
                ],
                options.jobs,
                options.runs,
            ),
        ]
        print("\n".join(lines))


if __name__ == "__main__":
    main()
