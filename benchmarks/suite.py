"""The benchmark suite, one command: every case of exportcheck's speed goals beside the floor it is measured
against, both measured in the same run, turn about, so that a busy spell of a shared machine falls on both.

    python benchmarks/suite.py             # every case (about 20 minutes on a busy 2-core machine)
    python benchmarks/suite.py --quick     # the samples and the 1,000-export ledger, 3 runs (under a minute)
    python benchmarks/suite.py --runs 7    # more runs of each case
    python benchmarks/suite.py --readme    # and put the table in the README's Speed section

The inputs are built afresh and are the same on every run: the samples; ledgers of 1,000, 10,000 and 50,000
exports (benchmarks/check_speed.py's generator); 40 profiles of 300 exports, assessed as one portfolio; 10,000
parties screened (benchmarks/screening_speed.py). Every case is a whole new process, as a user starts it, with
exportcheck's cache warm (one untimed run first); the floors:

* the import floor, `python -c "import pydantic, yaml, jinja2"`: what any run of a Python tool on these
  libraries pays before doing anything;
* PyYAML's C loader (libyaml) parsing the same file, in a process of its own: reading the ledger at all;
* one process (`--jobs 1`) for the portfolio, against all cores (`--jobs N`);
* for screening, the C loader parsing the parties (both timed inside one process by screening_speed.py).

Prints a Markdown table: each case's median and spread (lowest–highest) over the runs, its floor's, the ratio
of the medians, peak memory, and the goal; then the machine (CPU, cores, Python, OS, load when the run began).
A case the installed exportcheck can't run (an option it lacks) is a line saying so, not a failure.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXPORTCHECK = [sys.executable, "-m", "checker"]
IMPORT_FLOOR = [sys.executable, "-c", "import pydantic, yaml, jinja2"]
PARSE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
# A 50,000-export ledger is larger than one file may be by default (docs/limits.md); the limits only bound
# the work of a file, so raising them changes no timing.
LARGE_FILES = {"EXPORTCHECK_MAX_FILE_MIB": "256", "EXPORTCHECK_MAX_VALUES": "20000000"}
PORTFOLIO_SIZE, PORTFOLIO_EXPORTS = 40, 300


@dataclass
class Sample:
    seconds: float
    peak_mib: float
    code: int
    err: str = ""


@dataclass
class Row:
    case: str
    floor: str
    goal: str
    times: list[float] = field(default_factory=list)
    floor_times: list[float] = field(default_factory=list)
    peak_mib: float = 0.0
    note: str = ""  # why there are no figures: skipped, or a run that failed


def run(argv: list[str], env: dict[str, str]) -> Sample:
    """One process: wall time, its peak memory, exit code, the end of what it said on stderr."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    err = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.stderr.close()
    elapsed = time.perf_counter() - started
    return Sample(elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), err.strip()[-300:])


def turn_about(
    row: Row, case: list[str], floor: list[str], env: dict[str, str], runs: int, warm_up: bool = True
) -> Row:
    """The case and its floor, one after the other, `runs` times; first one untimed run of each, unless `warm_up`
    is False (a case that takes a minute, run after others have filled the cache)."""
    for number in range(runs + warm_up):
        samples = run(case, env), run(floor, env)
        failed = next((sample for sample in samples if sample.code not in (0, 1)), None)
        if failed is not None:
            said = failed.err.splitlines()[-1] if failed.err else ""
            row.note = f"{'the case' if failed is samples[0] else 'the floor'} exited {failed.code}: {said}"
            row.times, row.floor_times = [], []
            return row
        if number or not warm_up:
            row.times.append(samples[0].seconds)
            row.floor_times.append(samples[1].seconds)
            row.peak_mib = max(row.peak_mib, samples[0].peak_mib)
    return row


def accepts(option: str, env: dict[str, str]) -> bool:
    """Whether `exportcheck check` has the option (some are newer than others)."""
    done = subprocess.run([*EXPORTCHECK, "check", "--help"], capture_output=True, text=True, cwd=ROOT, env=env)
    return option in done.stdout


def sample_case(name: str, env: dict[str, str], runs: int) -> Row:
    profile = str(ROOT / "samples" / f"{name}.yaml")
    row = Row(f"`check samples/{name}.yaml --format json`", "import floor", "≤ 3× and ≤ 0.5 s")
    return turn_about(row, [*EXPORTCHECK, "check", profile, "--format", "json"], IMPORT_FLOOR, env, runs)


def pdf_case(env: dict[str, str], runs: int, scratch: Path) -> Row:
    profile = str(ROOT / "samples" / "gaps.yaml")
    row = Row("`check samples/gaps.yaml --pdf FILE`", "the same with `--format json` alone", "≤ 2.5 s")
    case = [*EXPORTCHECK, "check", profile, "--pdf", str(scratch / "gaps.pdf"), "--format", "json"]
    return turn_about(row, case, [*EXPORTCHECK, "check", profile, "--format", "json"], env, runs)


def made_ledger(size: int, scratch: Path) -> Path:
    """The ledger of `size` exports, made in a process of its own. Made here, it would grow this process, and
    a case started after it would report this process's size as its peak: the peak resident size the kernel
    reports for a process counts what it had before its program was loaded, the fork of this one."""
    made = subprocess.run(
        [sys.executable, "-c", MAKE_LEDGER, str(size), str(scratch)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return Path(made.stdout.strip())


MAKE_LEDGER = (
    "import sys; from pathlib import Path; sys.path.insert(0, '.'); "
    "from benchmarks.check_speed import ledger; print(ledger(int(sys.argv[1]), Path(sys.argv[2])))"
)


def ledger_case(size: int, env: dict[str, str], runs: int, scratch: Path) -> Row:
    path = made_ledger(size, scratch)
    megabytes = path.stat().st_size / 2**20
    goal = "≤ 2× (stretch 1.5×), < 400 MiB" if size == 10_000 else "≤ 2×" if size > 10_000 else ""
    row = Row(f"ledger of {size:,} exports ({megabytes:.1f} MiB), JSON to a file", "libyaml parse of the file", goal)
    case = [*EXPORTCHECK, "check", str(path), "--format", f"json:{scratch / 'ledger.json'}", "--fail-on", "none"]
    floor = [sys.executable, "-c", PARSE, str(path)]
    return turn_about(row, case, floor, {**env, **LARGE_FILES}, runs, warm_up=size <= 1_000)


def portfolio_profiles(scratch: Path) -> list[str]:
    """40 companies of 300 exports each, one file each, their names told apart."""
    made = made_ledger(PORTFOLIO_EXPORTS, scratch)
    text = made.read_text(encoding="utf-8")
    company = text.split("\n  name: ", 1)[1].split("\n", 1)[0]
    folder = scratch / "portfolio"
    folder.mkdir()
    paths = []
    for number in range(1, PORTFOLIO_SIZE + 1):
        path = folder / f"company-{number:02d}.yaml"
        path.write_text(text.replace(f"\n  name: {company}\n", f"\n  name: {company} {number}\n", 1), encoding="utf-8")
        paths.append(str(path))
    return paths


def portfolio_case(env: dict[str, str], runs: int, scratch: Path, cores: int) -> Row:
    row = Row(
        f"portfolio: {PORTFOLIO_SIZE} profiles of {PORTFOLIO_EXPORTS} exports, `--jobs {cores}`",
        "the same, `--jobs 1`",
        "≥ 1.6× faster on 2 cores (ratio ≤ 0.63)",
    )
    if not accepts("--jobs", env):
        row.note = "skipped: this exportcheck's `check` has no `--jobs` option"
        return row
    paths = portfolio_profiles(scratch)
    quiet = ["--quiet"] if accepts("--quiet", env) else []
    report = f"json:{scratch / 'portfolio.json'}"
    common = [*EXPORTCHECK, "check", *paths, "--format", report, "--fail-on", "none", *quiet]
    return turn_about(row, [*common, "--jobs", str(cores)], [*common, "--jobs", "1"], env, runs, warm_up=False)


def screening_case(runs: int, env: dict[str, str]) -> Row:
    """benchmarks/screening_speed.py, run `runs` times: it times both, in one process, and prints them."""
    row = Row("screening 10,000 parties (lists indexed, cache off)", "libyaml parse of the parties", "≤ 3×")
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "screening_speed.py"), "10000"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
        )
        if done.returncode:
            row.note = f"screening_speed.py exited {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"
            return row
        cells = [cell.strip() for cell in done.stdout.strip().splitlines()[-1].strip("|").split("|")]
        row.floor_times.append(float(cells[2]))
        row.times.append(float(cells[3]))
    return row


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{model}, {cores} cores; Python {platform.python_version()}; {platform.platform()}; "
        f"load average {load} when the run began"
    )


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def table(rows: list[Row]) -> str:
    lines = [
        "Whole processes, exportcheck's cache warm; median and spread (lowest–highest) of the runs, each case and "
        "its floor taken in turn; seconds.",
        "",
        "| case | runs | median | spread | floor | floor median | floor spread | × floor | peak MiB | goal |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        if not row.times:
            lines.append(f"| {row.case} | 0 | — | — | {row.floor} | — | — | — | — | {row.goal}: {row.note} |")
            continue
        median, floor = statistics.median(row.times), statistics.median(row.floor_times)
        peak = f"{row.peak_mib:,.0f}" if row.peak_mib else "—"
        lines.append(
            f"| {row.case} | {len(row.times)} | {median:.2f} | {spread(row.times)} | {row.floor} | {floor:.2f} | "
            f"{spread(row.floor_times)} | {median / floor:.2f} | {peak} | {row.goal} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the samples and the 1,000-export ledger, 3 runs")
    parser.add_argument("--runs", type=int, help="runs of each case (default 5; 3 with --quick)")
    parser.add_argument("--readme", action="store_true", help="also put the table in README.md's Speed section")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    about = machine()
    with tempfile.TemporaryDirectory(prefix="exportcheck-bench-") as name:
        scratch = Path(name)
        env = {**os.environ, "EXPORTCHECK_CACHE_DIR": str(scratch / "cache")}
        cases: list[Callable[[], Row]] = [
            lambda: sample_case("gaps", env, runs),
            lambda: sample_case("compliant", env, runs),
            lambda: ledger_case(1_000, env, runs, scratch),
        ]
        if not args.quick:
            heavy = max(1, runs // 2)  # each run of these takes a minute or more
            cases += [
                lambda: pdf_case(env, runs, scratch),
                lambda: ledger_case(10_000, env, runs, scratch),
                lambda: ledger_case(50_000, env, heavy, scratch),
                lambda: portfolio_case(env, heavy, scratch, cores),
                lambda: screening_case(runs, env),
            ]
        rows = []
        for case in cases:
            rows.append(case())
            print(f"measured: {rows[-1].case}", file=sys.stderr, flush=True)
        shutil.rmtree(scratch / "cache", ignore_errors=True)
    report = f"{table(rows)}\n\nMachine: {about}."
    if args.quick:
        report += "\n--quick: the PDF, the 10,000- and 50,000-export ledgers, the portfolio and screening were not run."
    print(report)
    if args.readme:
        put_in_readme(report)
    return 0


README_BLOCK = re.compile(r"(<!-- benchmark-suite:begin -->\n)(.*?)(<!-- benchmark-suite:end -->)", re.S)


def put_in_readme(report: str, readme: Path = ROOT / "README.md") -> None:
    """The report in place of the last one, between the README's markers."""
    text = readme.read_text(encoding="utf-8")
    if not README_BLOCK.search(text):
        raise SystemExit(f"{readme} has no <!-- benchmark-suite:begin --> … end block")
    readme.write_text(README_BLOCK.sub(lambda found: found[1] + report + "\n" + found[3], text), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
