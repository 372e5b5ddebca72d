"""How long `exportcheck check` takes on an export ledger, and how much memory, beside the floor of reading it.

Builds ledgers from the reference profile (N exports among 2,000 parties and 500 licences, fewer for a small
N; the same N gives the same bytes), then, RUNS times in turn: the floor, PyYAML's C loader (libyaml) parsing
the same file in a process of its own (`yaml.load(f, Loader=yaml.CSafeLoader)`, timed around the call), and
the whole command in a cold process, its JSON written to a file. Prints a Markdown table of medians (with the
spread, lowest to highest), the ratio of the command to the floor, and each one's peak memory; then the run
split into its stages (in a process of its own), and the refusal of hostile input.

Timings on a machine shared with other work vary from run to run: the floor and the command are measured in
turn so that both see the same load, and CPU time (user + system) is shown beside wall time.

    python benchmarks/check_speed.py            # sizes 10, 1000, 10000
    python benchmarks/check_speed.py 1000 50000  # other sizes
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
# A 50,000-export ledger is larger than one file may be by default (docs/limits.md): these settings allow it.
LARGE_FILES = {"EXPORTCHECK_MAX_FILE_MIB": "64", "EXPORTCHECK_MAX_VALUES": "4000000"}

FLOOR = """
import sys, time, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    started = time.perf_counter()
    yaml.load(f, Loader=yaml.CSafeLoader)
print(time.perf_counter() - started)
"""

PROBE = """
import gc, resource, sys, time
from datetime import date
t0 = time.perf_counter()
from checker.validate import load_profile
from checker.ruleset.loading import load_ruleset
from checker.pipeline import assess
from checker.report.contract import to_dict
from checker.lists.defaults import default_lists
from checker.reference import ReferenceData
t1 = time.perf_counter()
ruleset = load_ruleset()
t2 = time.perf_counter()
loaded = load_profile(sys.argv[1])
t3 = time.perf_counter()
reference = ReferenceData(tuple(default_lists([], [loaded.data])))
data = to_dict(assess([loaded], ruleset, as_of=None, today=date(2026, 11, 1), reference=reference))
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, len(data["results"]))
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


def child(argv: list[str], output: Path | None = None) -> tuple[float, float, float, int, str]:
    """Wall time, CPU time (user + system), peak memory (MiB), exit code and standard output of one process."""
    env = {**os.environ, **LARGE_FILES}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(
            [*argv, *(("--output", str(output)) if output else ())],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        text = out.read().decode()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), text


def measure(path: Path) -> dict[str, list[float]]:
    """Every run's figures by name: the floor's, the command's, the stages'."""
    runs: dict[str, list[float]] = {}

    def add(**figures: float) -> None:
        for name, value in figures.items():
            runs.setdefault(name, []).append(value)

    command = [sys.executable, "-m", "checker", "check", str(path), "--format", "json", "--fail-on", "none"]
    for _ in range(RUNS):
        _, cpu, peak, code, out = child([sys.executable, "-c", FLOOR, str(path)])
        add(floor=float(out), floor_cpu=cpu, floor_mb=peak)
        wall, cpu, peak, code, _ = child(command, path.with_suffix(".json"))
        assert code == 0, f"exportcheck exited {code}"
        add(check=wall, check_cpu=cpu, check_mb=peak, ratio=wall / runs["floor"][-1])
        _, _, _, _, out = child([sys.executable, "-c", PROBE, str(path)])
        imports, rules, load, evaluate, results = (float(x) for x in out.split())
        add(imports=imports, rules=rules, load=load, evaluate=evaluate, results=results)
    add(json_mb=path.with_suffix(".json").stat().st_size / 2**20)
    return runs


def median(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):,.{digits}f}"


def spread(values: list[float]) -> str:
    """The median, and the lowest and highest run."""
    return f"{median(values)} ({min(values):.2f}–{max(values):.2f})"


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
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "checker", "check", str(path)], capture_output=True, cwd=ROOT)
        out.append((label, time.perf_counter() - started, done.returncode))
    return out


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        measured = {}
        for size in sizes:
            path = ledger(size, directory)
            measured[size] = (path.stat().st_size / 2**20, measure(path))
        print(
            "exportcheck check LEDGER --format json --output FILE, cold process, against the floor: libyaml "
            f"parsing the same file; median of {RUNS} runs in turn (lowest–highest); seconds, memory in MiB\n"
        )
        print(
            "| exports | file MiB | libyaml parse | whole command | ratio | CPU parse / command | "
            "peak MiB parse / command | JSON MiB |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size, (megabytes, m) in measured.items():
            print(
                f"| {size:,} | {megabytes:.1f} | {spread(m['floor'])} | {spread(m['check'])} | "
                f"{median(m['ratio'])}× | {median(m['floor_cpu'])} / {median(m['check_cpu'])} | "
                f"{median(m['floor_mb'], 0)} / {median(m['check_mb'], 0)} | {median(m['json_mb'], 1)} |"
            )
        print("\nthe run in stages, in a process of its own (results: entries of the JSON's list)\n")
        print("| exports | import | load rules | read and validate | evaluate and serialise | results listed |")
        print("|---:|---:|---:|---:|---:|---:|")
        for size, (_, m) in measured.items():
            print(
                f"| {size:,} | {median(m['imports'])} | {median(m['rules'])} | {median(m['load'])} | "
                f"{median(m['evaluate'])} | {median(m['results'], 0)} |"
            )
        print("\nhostile input (whole command)\n")
        print("| input | seconds | exit code |")
        print("|---|---:|---:|")
        for label, wall, code in hostile(directory):
            print(f"| {label} | {wall:.2f} | {code} |")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10, 1000, 10000])
