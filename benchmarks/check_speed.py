"""How long `exportcheck check` takes, and how much memory it uses, as the export ledger grows.

Builds profiles from the reference profile with N exports (and N/10 licences), then times, each in a cold
process: loading and validating, evaluating every rule, and the whole command with JSON output. Also times
the refusal of hostile input. Prints a Markdown table.

    python benchmarks/check_speed.py            # sizes 10, 1000, 10000
    python benchmarks/check_speed.py 100 50000  # other sizes
"""

from __future__ import annotations

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
RUNS = 3

PROBE = """
import resource, sys, time
from datetime import date
t0 = time.perf_counter()
from checker.validate import load_profile
from checker.ruleset.loading import load_ruleset
from checker.pipeline import assess
from checker.report.contract import to_dict
t1 = time.perf_counter()
ruleset = load_ruleset()
t2 = time.perf_counter()
loaded = load_profile(sys.argv[1])
t3 = time.perf_counter()
data = to_dict(assess([loaded], ruleset, as_of=None, today=date(2026, 11, 1)))
t4 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, peak, len(data["results"]))
"""


PARTIES = 2_000
LICENCES = 500


def ledger(size: int, directory: Path) -> Path:
    """A profile of `size` exports among 2,000 parties and 500 licences (fewer for a smaller ledger), every
    export in order: each export's licence names its end user and destination. The same size gives the same
    bytes."""
    data = to_plain(read_yaml(BASE))  # not yaml.safe_load: YAML 1.1 would turn Norway (NO) into false
    party, licence, export = data["parties"][0], data["licences"][0], data["exports"][0]
    parties = [
        {**party, "id": f"PTY-{n}", "name": f"{party['name']} {n}", "roles": list(party["roles"])}
        for n in range(min(PARTIES, max(1, size)))
    ]
    count = min(LICENCES, max(1, size // 4))
    end_users: list[set[str]] = [set() for _ in range(count)]
    exports = []
    for n in range(size):
        end_user = parties[n % len(parties)]["id"]
        end_users[n % count].add(end_user)
        exports.append(
            {
                **export,
                "id": f"EXP-{n}",
                "consignee": end_user,
                "end_user": end_user,
                "licence": f"LIC-{n % count}",
                "end_user_certificate": dict(export["end_user_certificate"]),
            }
        )
    licences = [
        {
            **licence,
            "id": f"LIC-{n}",
            "number": f"2026-SZ-{n:05d}",
            "quantity": {"amount": 10**9, "unit": "kg"},
            "kind": "general",
            "valid_until": "2029-05-05",
            "end_users": sorted(end_users[n], key=lambda name: int(name.split("-")[1])),
        }
        for n in range(count)
    ]
    for transfer in data["technology_transfers"]:
        transfer["recipient"]["party"] = parties[0]["id"]
    data["parties"], data["licences"], data["exports"] = parties, licences, exports
    path = directory / f"ledger-{size}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def timed(argv: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - started, done


def timed_command(argv: list[str], output: Path) -> tuple[float, float, int]:
    """Wall time, peak memory (MiB) and exit code of one run, its report written to a file."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [*argv, "--output", str(output)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode


def measure(path: Path) -> dict[str, float]:
    rows = []
    for _ in range(RUNS):
        _, done = timed([sys.executable, "-c", PROBE, str(path)])
        rows.append([float(x) for x in done.stdout.split()])
        wall, peak, code = timed_command(
            [sys.executable, "-m", "checker", "check", str(path), "--format", "json", "--fail-on", "none"],
            path.with_suffix(".json"),
        )
        assert code == 0, f"exportcheck exited {code}"
        rows[-1] += [wall, peak]
    columns = list(zip(*rows, strict=True))
    return {
        name: statistics.median(values)
        for name, values in zip(
            ("import", "rules", "load", "evaluate", "probe_mb", "results", "cli", "cli_mb"), columns, strict=True
        )
    }


def hostile(directory: Path) -> list[tuple[str, float, int]]:
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    cases = {
        "alias bomb (9^9 values)": "\n".join(bomb) + "\n",
        "10,000-deep nesting": "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "over 8 MiB": "".join(f"k{i}: {i}\n" for i in range(700_000)),
        "7 MiB of unknown keys (490,000 values)": "schema_version: 1\ncompany: {name: X}\n"
        + "".join(f"k{i}: {i}\n" for i in range(490_000)),
    }
    out = []
    for label, text in cases.items():
        path = directory / "hostile.yaml"
        path.write_text(text)
        wall, done = timed([sys.executable, "-m", "checker", "check", str(path)])
        out.append((label, wall, done.returncode))
    return out


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        print(
            f"exportcheck check --format json --output FILE, cold process, median of {RUNS} runs "
            "(seconds; memory in MiB)\n"
        )
        print(
            "| exports | licences | results | import | load rules | load profile | evaluate | whole command | "
            "peak memory |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in sizes:
            m = measure(ledger(size, directory))
            print(
                f"| {size:,} | {max(1, size // 10):,} | {int(m['results']):,} | {m['import']:.2f} | "
                f"{m['rules']:.2f} | {m['load']:.2f} | {m['evaluate']:.2f} | {m['cli']:.2f} | "
                f"{m['cli_mb']:.0f} |"
            )
        print("\nhostile input (whole command)\n")
        print("| input | seconds | exit code |")
        print("|---|---:|---:|")
        for label, wall, code in hostile(directory):
            print(f"| {label} | {wall:.2f} | {code} |")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10, 1000, 10000])
