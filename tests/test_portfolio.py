"""A run on several companies (docs/portfolio.md): each PATH assessed on its own, a broken one named while the
others are written, the summary in every form, the same output with one process or several, and no worker
left behind when the run is killed."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import jsonschema
import pytest
import referencing
from pypdf import PdfReader

from checker.cli.batch import Outcome
from checker.cli.portfolio import pdf_names
from checker.cli.progress import progress_bar
from tests.conftest import ROOT, SAMPLES, run_cli
from tests.conftest import exportcheck as run_in_process

GAPS, COMPLIANT = SAMPLES / "gaps.yaml", SAMPLES / "compliant.yaml"
SCHEMAS = ROOT / "docs" / "schema"
BROKEN = "schema_version: 1\ncompany: {name: Broken Co}\nprogramme: [\n"


def company(tmp_path: Path, number: int, *, sample: Path = COMPLIANT, name: str | None = None) -> Path:
    """A copy of a sample under another company name (and USCC), so that each copy is its own company."""
    text = sample.read_text(encoding="utf-8")
    old_name = (
        "Suzhou Lanting Precision Materials Co., Ltd."
        if sample == COMPLIANT
        else "Ganzhou Ruixin Rare Earth Materials Co., Ltd."
    )
    old_uscc = "91320594MA1MXXXX7Q" if sample == COMPLIANT else "91360700MA35XXXX2K"
    assert old_name in text and old_uscc in text
    text = text.replace(old_name, name or f"Company {number:02d} Ltd.", 1)
    text = text.replace(old_uscc, f"{old_uscc[:-3]}{number:02d}{old_uscc[-1]}", 1)
    path = tmp_path / f"c{number:02d}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def exportcheck(*args: object) -> subprocess.CompletedProcess:
    return run_in_process(*args, timeout=600)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_ten_profiles_one_broken_write_nine_reports_and_a_summary_that_names_it(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    paths = [company(inputs, n, sample=GAPS if n % 2 else COMPLIANT) for n in range(1, 11)]
    paths[3].write_text(BROKEN, encoding="utf-8")
    reports, page, table = tmp_path / "reports", tmp_path / "portfolio.pdf", tmp_path / "portfolio.csv"
    done = exportcheck(
        "check",
        *paths,
        "--pdf-dir",
        reports,
        "--pdf",
        page,
        "--portfolio-csv",
        table,
        "--jobs",
        "2",
        "--as-of",
        "2026-11-20",
    )
    assert done.returncode == 2, done.stderr
    written = sorted(path.name for path in reports.iterdir())
    assert len(written) == 9
    assert written[0] == "Company-01-Ltd-91360700MA35XXX01K.pdf" and "Company-04" not in " ".join(written)
    assert f"{paths[3]}:4:1: did not find expected node content" in done.stderr
    assert done.stderr.endswith(f"exportcheck: {paths[3]}: 1 input problem; not assessed\n")
    assert "Portfolio summary" in done.stdout and f"Could not be read: {paths[3]}." in done.stdout
    text = pdf_text(page)
    assert "Portfolio summary" in text and "10 profiles: 9 assessed, 1 could not be read." in text
    assert all(f"Company {n:02d} Ltd." in text for n in range(1, 11) if n != 4)
    assert f"{paths[3]}: could not be read: 1 input problem(s)" in text
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert [row["status"] for row in rows] == ["assessed"] * 3 + ["broken"] + ["assessed"] * 6
    assert rows[0]["report"] == str(reports / written[0]) and rows[3]["report"] == ""
    assert rows[3]["input_problems"].startswith(f"{paths[3]}:4:1: ")
    the_gaps_sample = pdf_text(reports / written[0])
    assert "Company 01 Ltd." in the_gaps_sample and "LIC-001" in the_gaps_sample


def test_one_process_or_two_give_the_same_bytes(tmp_path):
    paths = [company(tmp_path, n, sample=GAPS if n % 3 else COMPLIANT) for n in range(1, 6)]
    paths.insert(2, tmp_path / "missing.yaml")
    outputs = {}
    for jobs in ("1", "2"):
        target, table = tmp_path / f"out-{jobs}.json", tmp_path / f"out-{jobs}.csv"
        argv = ("--jobs", jobs, "--format", "text", "--format", f"json:{target}", "--portfolio-csv", table)
        run = run_cli("check", *paths, *argv)
        assert run.code == 2, run.err
        outputs[jobs] = (run.out, run.err.replace(f"-{jobs}.", "-N."), target.read_bytes(), table.read_bytes())
    assert outputs["1"] == outputs["2"]
    data = json.loads(outputs["1"][2])
    assert [row["source"] for row in data["portfolio"]["rows"]] == [str(path) for path in paths]


def test_each_company_is_its_one_profile_document_and_the_whole_validates(tmp_path):
    target = tmp_path / "out.json"
    run = run_cli("check", GAPS, COMPLIANT, "--format", f"json:{target}")
    assert run.code == 1, run.err
    data = json.loads(target.read_text(encoding="utf-8"))
    alone = [json.loads(run_cli("check", path, "--format", "json").out) for path in (GAPS, COMPLIANT)]
    assert data["companies"] == alone
    assessment = json.loads((SCHEMAS / "assessment.schema.json").read_text(encoding="utf-8"))
    portfolio = json.loads((SCHEMAS / "portfolio.schema.json").read_text(encoding="utf-8"))
    registry = referencing.Registry().with_resource(assessment["$id"], referencing.Resource.from_contents(assessment))
    jsonschema.Draft202012Validator(portfolio, registry=registry).validate(data)
    gaps, compliant = data["portfolio"]["rows"]
    assert (gaps["score"], gaps["rating"]["band"], gaps["gate_passed"]) == (50.0, "needs_improvement", False)
    assert gaps["failures"] == {"critical": 2, "high": 5, "medium": 3, "low": 5, "info": 0}
    assert [gap["rule_id"] for gap in gaps["top_gaps"]] == ["LIC-001", "LIC-002", "REV-013"]
    assert (compliant["score"], compliant["top_gaps"], compliant["gate_passed"]) == (100.0, [], True)
    assert data["portfolio"]["gate_failed"] == [str(GAPS)]
    assert "score" not in data and "results" not in data  # nothing pooled


def test_a_baseline_of_a_portfolio_compares_each_company_with_its_own_past(tmp_path):
    first = tmp_path / "before.json"
    assert run_cli("check", GAPS, COMPLIANT, "--format", f"json:{first}").code == 1
    run = run_cli("check", GAPS, COMPLIANT, "--baseline", first, "--format", "json", "--fail-on", "high")
    assert run.code == 0, run.err  # no failure is new
    gaps, compliant = json.loads(run.out)["portfolio"]["rows"]
    assert gaps["baseline"] == {"new": 0, "unchanged": 15, "fixed": 0}
    assert compliant["baseline"] == {"new": 0, "unchanged": 0, "fixed": 0}  # the gaps' failures are not its


def test_a_directory_of_several_companies_says_so_and_suggests_the_glob(tmp_path):
    clients = tmp_path / "clients"
    clients.mkdir()
    company(clients, 1)
    company(clients, 2, sample=GAPS)
    run = run_cli("check", clients)
    assert run.code == 2
    assert run.err.splitlines()[0] == (
        f"{clients}: the directory holds 2 companies' profiles (each file has its own 'company'); "
        f"to assess each one, give the files: exportcheck check {clients}/*.yaml"
    )


def test_a_company_name_that_a_spreadsheet_would_run_stays_text_in_the_csv(tmp_path):
    path = company(tmp_path, 1, name='=HYPERLINK("http://x")')
    table = tmp_path / "p.csv"
    assert run_cli("check", path, COMPLIANT, "--portfolio-csv", table, "--quiet").code == 0
    [row, _] = csv.DictReader(io.StringIO(table.read_text(encoding="utf-8")))
    assert row["company"] == '\'=HYPERLINK("http://x")'


def test_report_names_are_safe_and_unique():
    def outcome(position: int, name: str, uscc: str | None) -> Outcome:
        return Outcome(position, f"p{position}.yaml", row={"company": {"name": name}}, uscc=uscc)

    broken = Outcome(3, "b.yaml", problems=(object(),))  # type: ignore[arg-type]
    names = pdf_names(
        [
            outcome(0, "Acme Ltd.", "91110000MA00000001"),
            outcome(1, "../../etc/passwd", None),
            outcome(2, "Acme Ltd", None),
            broken,
            outcome(4, "ACME LTD.", None),
            outcome(5, "华信精密 / Huaxin", None),
            outcome(6, "///", None),
        ]
    )
    assert names == {
        0: "Acme-Ltd-91110000MA00000001.pdf",
        1: "etc-passwd.pdf",
        2: "Acme-Ltd.pdf",
        4: "ACME-LTD-2.pdf",
        5: "华信精密-Huaxin.pdf",
        6: "company-7.pdf",
    }


def test_killing_the_run_leaves_no_worker(tmp_path):
    paths = [company(tmp_path, n, sample=GAPS) for n in range(1, 9)]
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", *map(str, paths), "--jobs", "2", "--pdf-dir", tmp_path / "out"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(2)  # the workers are rendering, and have started processes of their own
    workers = descendants(process.pid)
    assert len(workers) >= 2, "the run started no workers"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 20
    while (left := {pid for pid in workers if alive(pid)}) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left


def children(parent: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.add(int(entry.name))
    return found


def descendants(parent: int) -> set[int]:
    found = children(parent)
    for child in list(found):
        found |= descendants(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_no_progress_bar_off_a_terminal_and_tqdm_not_even_imported(tmp_path):
    code = (
        "import sys; from checker.cli.main import main; "
        f"code = main(['check', {str(GAPS)!r}, {str(COMPLIANT)!r}, '--jobs', '1']); "
        "print('tqdm' in sys.modules, code)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.stdout.splitlines()[-1] == "False 1", done.stderr
    assert "it/s" not in done.stderr and "\r" not in done.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_unless_quiet(monkeypatch):
    for quiet, shown in ((False, True), (True, False)):
        stream = Terminal()
        monkeypatch.setattr(sys, "stderr", stream)
        with progress_bar(3, quiet, "exportcheck") as advance:
            for _ in range(3):
                advance()
        assert ("exportcheck:   0%|          | 0/3 [" in stream.getvalue()) is shown
    assert threading.active_count() == 1  # no monitor thread left behind to stop a later fork


def test_a_shared_waiver_is_stale_only_when_it_matched_nothing_in_any_company(tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n"
        + "".join(
            f"  - rule: {rule}\n    justification: Accepted for now.\n    approved_by: Head of compliance\n"
            "    expires: 2027-03-31\n"
            for rule in ("LIC-001", "AUD-001")
        ),
        encoding="utf-8",
    )
    run = run_cli("check", GAPS, COMPLIANT, "--waivers", waivers, "--format", "json")
    assert run.code == 1, run.err
    stale = [line for line in run.err.splitlines() if "(stale)" in line]
    assert stale == [
        f"exportcheck: warning: waiver of AUD-001 ({waivers}:6) matches no result (stale); remove it, or use "
        "--strict-waivers to refuse it"
    ]
    gaps, compliant = json.loads(run.out)["companies"]
    assert gaps["summary"]["waived"] == 1 and compliant["summary"]["waived"] == 0
    strict = run_cli("check", GAPS, COMPLIANT, "--waivers", waivers, "--strict-waivers", "--format", "json")
    assert (strict.code, strict.out) == (2, "")
    assert f"{waivers}:6:5: waiver of AUD-001 matches no result (stale)" in strict.err


def test_a_sheet_is_one_company_s_records(tmp_path):
    run = run_cli("check", GAPS, COMPLIANT, "--sheet", f"exports={tmp_path / 'x.csv'}")
    assert (run.code, run.out) == (2, "")
    assert run.err == "exportcheck: --sheet replaces one company's records; give it with one PATH\n"


def test_a_company_s_own_checklist_answers_are_its_alone(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, number in ((first, 1), (second, 2)):
        folder.mkdir()
        company(folder, number)
    (first / "exportcheck-attestations.yaml").write_text(
        "attestations:\n  - item: ECL-19\n    answer: no\n    answered_by: Liu Fang\n    answered_on: 2026-10-15\n",
        encoding="utf-8",
    )
    run = run_cli("check", first, second, "--format", "json", "--jobs", "2", "--fail-on", "medium")
    assert run.code == 1, run.err
    answered, asked = (
        [result for result in document["results"] if result["rule_id"] == "ECL-19"]
        for document in json.loads(run.out)["companies"]
    )
    assert [result["status"] for result in answered] == ["fail"]
    assert [result["status"] for result in asked] == ["manual"]
    gate = [row["gate_passed"] for row in json.loads(run.out)["portfolio"]["rows"]]
    assert gate == [False, True]
