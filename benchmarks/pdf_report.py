"""How long `exportcheck check PROFILE --pdf` takes in a cold process, and where the time goes.

    python benchmarks/pdf_report.py [--runs 5] [PROFILE ...]

For each profile it runs the real command N times in fresh processes, with an
English PDF, a Chinese one and no PDF (the floor) in turn, and reports the
median wall times. It then runs the same work
one stage after another in N fresh processes and reports each stage's median,
so the table shows what every stage costs. The command itself overlaps some
stages: WeasyPrint loads in the renderer's process while the assessment runs,
and the two font faces are cut in two processes at once, which is why its wall
time is below the sum of the stages.

With --ledger N it times instead a ledger of N exports with the same gap on
every one (`gap_ledger`): the command with the PDF against the same command
without it (the floor), taken in turn, with the peak memory of the largest of
its processes.

    python benchmarks/pdf_report.py --ledger 10000 --runs 3

Goals (docs/report.md): the PDF of a sample at most 2.5 s, Chinese at most 1.2
times English; of a 10,000-export ledger with a gap on every row, under 20 s and
600 MiB. Timing is not a unit test; run this by hand on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = (ROOT / "samples" / "gaps.yaml", ROOT / "samples" / "compliant.yaml")
LANGS = ("en", "zh")
STAGES = (
    ("startup", "interpreter start, imports"),
    ("assess", "rules, profile, assessment"),
    ("view", "report sections"),
    ("templates", "HTML templates (draft and final)"),
    ("fonts", "font subsetting, both faces"),
    ("weasyprint", "WeasyPrint import"),
    ("layout", "WeasyPrint layout"),
    ("write", "WeasyPrint PDF writing"),
)


def gap_ledger(size: int, path: Path) -> Path:
    """A profile with `size` exports and the same gap on every one (no screening date), written to `path`.

    Built from the rules' base example, as deterministic as the file it starts from: one rule fails on
    every row, which is how a systemic gap looks in a real ledger.
    """
    sys.path.insert(0, str(ROOT))
    import yaml

    from checker.read.nodes import to_plain
    from checker.read.yaml import read_yaml

    data = to_plain(read_yaml(ROOT / "rules" / "examples" / "base.yaml"))
    licence, export = data["licences"][0], data["exports"][0]
    licences = [
        {**licence, "id": f"LIC-{n}", "number": f"2026-SZ-{n:05d}", "quantity": {"amount": 10**9, "unit": "kg"},
         "kind": "general", "valid_until": "2029-05-05"}
        for n in range(max(1, size // 10))
    ]  # fmt: skip
    exports = []
    for n in range(size):
        row = {**export, "id": f"EXP-{n:05d}", "licence": f"LIC-{n % len(licences)}"}
        row.pop("screened_on")
        exports.append(row)
    data["licences"], data["exports"] = licences, exports
    # yaml.safe_dump quotes what YAML 1.1 would misread (NO, the code of Norway), so the file reads as written.
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="*", type=Path, default=list(SAMPLES))
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per profile, language and kind")
    parser.add_argument("--rules", type=Path, metavar="DIR", help="a rule pack to add to the built-in rules")
    parser.add_argument("--ledger", type=int, metavar="N", help="time a ledger of N exports with a gap on each")
    parser.add_argument("--stages", nargs=2, metavar=("PROFILE", "LANG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    rules = ["--rules", str(args.rules.resolve())] if args.rules else []
    if args.stages:
        return _stages(*args.stages, args.rules)
    if args.ledger:
        return _ledger(args.ledger, args.runs)
    for profile in args.profiles:
        name = profile.resolve().relative_to(ROOT) if profile.resolve().is_relative_to(ROOT) else profile
        print(f"\n{name}: median of {args.runs} cold runs (seconds)\n")
        walls = _walls(profile.resolve(), args.runs, rules)
        measured = {lang: _measure(profile.resolve(), lang, args.runs, rules) for lang in LANGS}
        for lang in LANGS:
            measured[lang].update(wall=walls[lang], pages=walls[f"pages_{lang}"])
        _print_table(measured, walls["floor"])
    return 0


def _measure(profile: Path, lang: str, runs: int, rules: list[str]) -> dict[str, float]:
    """Each stage's median over `runs` fresh processes that do the command's work one stage after another."""
    stages = []
    for _ in range(runs):
        wall, out = _timed([sys.executable, __file__, "--stages", str(profile), lang, *rules])
        measured = json.loads(out.splitlines()[-1])
        measured["startup"] = wall - measured.pop("inside")
        stages.append(measured)
    medians = {key: statistics.median(sample[key] for sample in stages) for key in stages[0]}
    medians["sum"] = sum(medians[key] for key, _ in STAGES)
    return medians


def _walls(profile: Path, runs: int, rules: list[str]) -> dict[str, float]:
    """Median wall times of the command with an English PDF, a Chinese one, and without a PDF (the floor),
    taken in turn so that a slow spell of a busy machine falls on all three alike; and the pages."""
    walls: dict[str, list[float]] = {"en": [], "zh": [], "floor": []}
    pages: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as scratch:
        pdf = Path(scratch) / "report.pdf"
        json_out = ["--format", "json", "--output", str(pdf.with_suffix(".json"))]
        check = [sys.executable, "-m", "checker", "check", str(profile), *json_out, *rules]
        for _ in range(runs):
            for lang in LANGS:
                walls[lang].append(_timed([*check, "--pdf", str(pdf), "--lang", lang])[0])
                pages[lang] = _pages(pdf)
            walls["floor"].append(_timed(check)[0])
    medians: dict[str, float] = {kind: statistics.median(times) for kind, times in walls.items()}
    return medians | {f"pages_{lang}": count for lang, count in pages.items()}


def _ledger(size: int, runs: int) -> int:
    """The ledger's PDF against the same check without it, in turn; wall time and the largest process's peak."""
    with tempfile.TemporaryDirectory() as scratch:
        profile = gap_ledger(size, Path(scratch) / f"ledger-{size}.yaml")
        check = [sys.executable, "-m", "checker", "check", str(profile)]
        kinds = {"check alone (floor)": check, "check --pdf": [*check, "--pdf", str(Path(scratch) / "r.pdf")]}
        measured: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
        for _ in range(runs):
            for kind, command in kinds.items():
                measured[kind].append(_peak(command))
        pages = _pages(Path(scratch) / "r.pdf")
    print(f"\nledger of {size:,} exports, a gap on each: median of {runs} cold runs, taken in turn\n")
    print(f"| {'command':<22} | {'wall (s)':>8} | {'peak (MiB)':>10} |")
    print(f"|{'-' * 24}|{'-' * 10}|{'-' * 12}|")
    for kind, samples in measured.items():
        wall, peak = (statistics.median(sample[i] for sample in samples) for i in (0, 1))
        print(f"| {kind:<22} | {wall:8.2f} | {peak:10.0f} |")
    floor, pdf = (statistics.median(wall for wall, _ in measured[kind]) for kind in kinds)
    print(f"\nthe PDF adds {pdf - floor:.2f} s ({pages} pages); with it, {pdf / floor:.2f} times the floor")
    return 0


def _peak(command: list[str]) -> tuple[float, float]:
    """Wall time, and the peak resident memory (MiB) of the largest of the command's processes: wait4 reports
    the process's own, or that of any child it waited for, whichever is larger."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def _timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return time.perf_counter() - started, done.stdout


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def _print_table(measured: dict[str, dict[str, float]], floor: float) -> None:
    print(f"| {'stage':<44} | {'en':>6} | {'zh':>6} |")
    print(f"|{'-' * 46}|{'-' * 8}|{'-' * 8}|")
    for key, label in STAGES:
        print(f"| {label:<44} | {measured['en'][key]:6.3f} | {measured['zh'][key]:6.3f} |")
    print(
        f"| {'sum of the stages, one after another':<44} | {measured['en']['sum']:6.3f} | "
        f"{measured['zh']['sum']:6.3f} |"
    )
    print(
        f"| {'**cold wall time of the command**':<44} | {measured['en']['wall']:6.3f} | {measured['zh']['wall']:6.3f} |"
    )
    print(f"| {'the same check without the PDF (floor)':<44} | {floor:6.3f} | {floor:6.3f} |")
    print(f"| {'pages':<44} | {measured['en']['pages']:6d} | {measured['zh']['pages']:6d} |")
    print(f"\nzh / en (command wall time) = {measured['zh']['wall'] / measured['en']['wall']:.2f}")
    print(f"the PDF adds {measured['en']['wall'] - floor:.2f} s (en), {measured['zh']['wall'] - floor:.2f} s (zh)")


def _stages(profile: str, lang: str, rules: Path | None) -> int:
    """The command's work, one stage after another, each timed; printed as JSON."""
    started = time.perf_counter()
    spent: dict[str, float] = {}

    def clock(key: str, since: float) -> float:
        now = time.perf_counter()
        spent[key] = spent.get(key, 0.0) + now - since
        return now

    from datetime import date

    from checker.pipeline import assess
    from checker.report import gap_report
    from checker.report.contract import to_dict
    from checker.report.gap_report import fonts, html_document, view
    from checker.ruleset.loading import load_ruleset
    from checker.validate import load_profile

    mark = time.perf_counter()
    data = to_dict(
        assess([load_profile(profile)], load_ruleset(packs=[rules] if rules else []), as_of=None, today=date.today())
    )
    mark = clock("assess", mark)
    view.build_view(data, lang)
    mark = clock("view", mark)
    draft = html_document.draft_html(data, lang, gap_report.document_date(data, None))
    mark = clock("templates", mark)
    spent["templates"] -= spent["view"]  # draft_html builds the view again
    faces = fonts.embedded_fonts(draft.html)
    mark = clock("fonts", mark)
    document = html_document.finish_html(draft, faces)
    mark = clock("templates", mark)
    import weasyprint.document

    from checker.report.gap_report import pdf_document

    mark = clock("weasyprint", mark)
    for owner, name, key in (
        (weasyprint.HTML, "render", "layout"),
        (weasyprint.document.Document, "write_pdf", "write"),
    ):
        setattr(owner, name, _timer(getattr(owner, name), key, spent))
    pdf_document.render_pdf(document)
    print(json.dumps({"inside": time.perf_counter() - started, **spent}))
    return 0


def _timer(function, key: str, spent: dict[str, float]):
    def timed(*args, **kwargs):
        begin = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - begin

    return timed


if __name__ == "__main__":
    raise SystemExit(main())
