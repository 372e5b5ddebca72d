"""How long each report format takes for a large export ledger, against JSON.

Builds a ledger with `check_speed.ledger`, then, each in a cold process and RUNS times: the whole command
writing one format to a file, and the reporter alone (the document made first, then only the writing timed).
Prints a Markdown table of medians, with each format's time as a multiple of JSON's.

    python benchmarks/formats_speed.py            # 10000 exports
    python benchmarks/formats_speed.py 50000      # another size
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.check_speed import ledger

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("json", "sarif", "junit", "github", "gitlab")
RUNS = 5

PROBE = """
import sys, time
from datetime import date
from checker.pipeline import assess
from checker.report.contract import to_dict
from checker.report.registry import ReportOptions, reporter
from checker.ruleset.loading import load_ruleset
from checker.validate import load_profile
data = to_dict(assess([load_profile(sys.argv[1])], load_ruleset(), as_of=None, today=date(2026, 11, 1)))
chosen = reporter(sys.argv[2], ReportOptions())
started = time.perf_counter()
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for piece in chosen.render(data):
        out.write(piece)
print(time.perf_counter() - started)
"""


def command(profile: Path, name: str, target: Path) -> float:
    argv = [sys.executable, "-m", "checker", "check", str(profile), "--format", f"{name}:{target}"]
    started = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - started


def render(profile: Path, name: str, target: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(profile), name, str(target)], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return float(done.stdout)


def main(sizes: list[int]) -> None:
    print("| exports | format | command (s) | × JSON | reporter alone (s) | × JSON | file (MB) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        for size in sizes:
            profile = ledger(size, directory)
            rows = {}
            for name in FORMATS:
                target = directory / f"out.{name}"
                whole = statistics.median(command(profile, name, target) for _ in range(RUNS))
                alone = statistics.median(render(profile, name, target) for _ in range(RUNS))
                rows[name] = (whole, alone, target.stat().st_size / 1e6)
            base_whole, base_alone, _ = rows["json"]
            for name, (whole, alone, megabytes) in rows.items():
                print(
                    f"| {size:,} | {name} | {whole:.2f} | {whole / base_whole:.2f} | {alone:.3f} | "
                    f"{alone / base_alone:.2f} | {megabytes:.1f} |"
                )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000])
