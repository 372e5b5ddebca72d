"""Record lists read from CSV and xlsx sheets: the same findings as the same records in YAML, located at cells."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from checker.errors import InputError
from checker.evaluate.engine import evaluate
from checker.profile.sheets import columns
from checker.ruleset.loading import load_ruleset
from checker.validate import load_profile
from tests.conftest import run_cli
from tests.sheet_rows import cell, flat

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "gaps.yaml"
AS_OF = dt.date(2026, 11, 1)
ROWS = 1000


def _profile_and_exports() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    profile = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    samples = profile.pop("exports")
    exports = []
    for number in range(ROWS):
        record = dict(samples[number % len(samples)])
        record["id"] = f"E-{number:04d}"
        exports.append(record)
    return profile, exports


def _headers() -> list[str]:
    return [column.name for column in columns("exports")]


def _write_csv(path: Path, exports: list[dict[str, Any]], headers: list[str]) -> None:
    names = _headers()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for record in exports:
            row = flat(record)
            writer.writerow([cell(row.get(name)) for name in names])


def _write_xlsx(path: Path, exports: list[dict[str, Any]]) -> None:
    names = _headers()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Exports"
    sheet.append(names)
    for record in exports:
        row = flat(record)
        # Dates, numbers and booleans as the spreadsheet stores them; lists as one cell.
        sheet.append([";".join(v) if isinstance(v := row.get(name), list) else v for name in names])
    book.save(path)


def _findings(profile_path: Path) -> list[tuple[str, str, str, str]]:
    results = evaluate(load_profile(profile_path), load_ruleset(), AS_OF)
    return sorted((r.rule_id, str(r.status), r.subject_path, r.message_en) for r in results)


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ledgers")
    profile, exports = _profile_and_exports()
    (folder / "in-yaml.yaml").write_text(yaml.safe_dump({**profile, "exports": exports}), encoding="utf-8")
    _write_csv(folder / "exports.csv", exports, _headers())
    chinese = [column.name_zh or column.name for column in columns("exports")]
    _write_csv(folder / "exports-zh.csv", exports, chinese)
    _write_xlsx(folder / "exports.xlsx", exports)
    for name, reference in {
        "in-csv.yaml": {"from": "exports.csv"},
        "in-csv-zh.yaml": {"from": "exports-zh.csv"},
        "in-xlsx.yaml": {"from": "exports.xlsx", "sheet": "Exports"},
    }.items():
        (folder / name).write_text(yaml.safe_dump({**profile, "exports": reference}), encoding="utf-8")
    return folder


@pytest.mark.parametrize("sheet", ["in-csv.yaml", "in-csv-zh.yaml", "in-xlsx.yaml"])
def test_a_ledger_sheet_gives_the_findings_of_the_same_rows_in_yaml(ledgers: Path, sheet: str) -> None:
    expected = _findings(ledgers / "in-yaml.yaml")
    assert len({subject for _, _, subject, _ in expected if subject.startswith("exports[")}) >= ROWS // 2
    assert _findings(ledgers / sheet) == expected


def test_findings_of_a_sheet_row_point_at_its_cells(ledgers: Path) -> None:
    results = evaluate(load_profile(ledgers / "in-xlsx.yaml"), load_ruleset(), AS_OF)
    located = [r for r in results if r.subject_path.startswith("exports[E-0999]") and r.location is not None]
    assert located
    assert {(r.location.file, r.location.sheet) for r in located if r.location} == {
        (str(ledgers / "exports.xlsx"), "Exports")
    }
    assert {r.location.line for r in located if r.location} == {ROWS + 1}


def _a_failure_on_a_sheet_row(out: str) -> dict[str, Any]:
    failures = [r for r in json.loads(out)["results"] if r["status"] == "fail" and r["subject"] == "E-0099"]
    return next(r for r in failures if r["rule_id"] == "LIC-002")


@pytest.mark.parametrize(
    ("profile", "sheet", "cell", "where"),
    [
        ("in-xlsx.yaml", "Exports", "Exports!B101", "exports.xlsx"),
        ("in-csv.yaml", None, "B101", "exports.csv"),
    ],
)
def test_a_finding_on_a_sheet_row_is_shown_at_its_cell_in_text_and_json(
    ledgers: Path, profile: str, sheet: str | None, cell: str, where: str
) -> None:
    assert _headers().index("date") + 1 == 2  # column B; the record E-0099 is on row 101, below the headers
    as_json = run_cli("check", ledgers / profile, "--as-of", "2026-11-01", "--format", "json")
    result = _a_failure_on_a_sheet_row(as_json.out)
    file = str(ledgers / where)
    assert result["location"] == {
        "file": file,
        "line": 101,
        "column": 2,
        "path": "exports[99].date",
        "sheet": sheet,
        "cell": cell,
        "where": f"{file}:{cell}",
    }
    as_text = run_cli("check", ledgers / profile, "--as-of", "2026-11-01")
    assert f"{file}:{cell} · exports[99].date" in as_text.out


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_bad_cell_is_an_input_error_at_its_cell(tmp_path: Path, fmt: str) -> None:
    profile, exports = _profile_and_exports()
    exports = exports[:5]
    exports[2] = {**exports[2], "destination": "UAE", "date": "2026-13-40"}
    if fmt == "csv":
        _write_csv(tmp_path / "exports.csv", exports, _headers())
    else:
        _write_xlsx(tmp_path / "exports.xlsx", exports)
    (tmp_path / "profile.yaml").write_text(yaml.safe_dump({**profile, "exports": {"from": f"exports.{fmt}"}}))
    with pytest.raises(InputError) as caught:
        load_profile(tmp_path / "profile.yaml")
    where = {(p.file, p.sheet, p.line, p.column) for p in caught.value.problems}
    name, sheet = str(tmp_path / f"exports.{fmt}"), "" if fmt == "csv" else "Exports"
    headers = _headers()
    assert (headers.index("date"), headers.index("destination")) == (1, 6)  # columns B and G
    assert where == {(name, sheet, 4, 2), (name, sheet, 4, 7)}
    run = run_cli("check", tmp_path / "profile.yaml")
    assert run.code == 2
    cell = "" if fmt == "csv" else "Exports!"
    assert run.err.splitlines() == [
        f"{name}:{cell}B4: exports[2].date: '2026-13-40' is not a real date",
        f"{name}:{cell}G4: exports[2].destination: 'UAE' is not an ISO 3166-1 alpha-2 country code "
        "(did you mean 'AE'?)",
        "exportcheck: 2 input problems; nothing was written",
    ]


def test_a_sheet_name_is_quoted_as_a_spreadsheet_quotes_it() -> None:
    from checker.errors import InputProblem

    def at(sheet: str | None) -> str:
        return str(InputProblem("x.xlsx", 17, 3, "wrong", sheet))

    assert at("Exports") == "x.xlsx:Exports!C17: wrong"
    assert at("出口台账") == "x.xlsx:出口台账!C17: wrong"
    assert at("My Sheet") == "x.xlsx:'My Sheet'!C17: wrong"
    assert at("Bob's") == "x.xlsx:'Bob''s'!C17: wrong"
    assert at("2026") == "x.xlsx:'2026'!C17: wrong"
    assert at("AB12") == "x.xlsx:'AB12'!C17: wrong"
    assert at("") == "x.xlsx:C17: wrong"
    assert at(None) == "x.xlsx:17:3: wrong"
    assert str(InputProblem("x.xlsx", 28, 27, "wrong", "S")) == "x.xlsx:S!AA28: wrong"
    assert str(InputProblem("x.xlsx", None, None, "has 300,001 rows", "Exports")) == "x.xlsx:Exports: has 300,001 rows"


def test_an_unknown_column_and_a_missing_sheet_are_named(tmp_path: Path) -> None:
    profile, exports = _profile_and_exports()
    _write_csv(tmp_path / "exports.csv", exports[:2], [*_headers()[:-1], "destinaton"])
    _write_xlsx(tmp_path / "exports.xlsx", exports[:2])
    (tmp_path / "a.yaml").write_text(yaml.safe_dump({**profile, "exports": {"from": "exports.csv"}}))
    (tmp_path / "b.yaml").write_text(yaml.safe_dump({**profile, "exports": {"from": "exports.xlsx", "sheet": "X"}}))
    with pytest.raises(InputError) as caught:
        load_profile(tmp_path / "a.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (1, len(_headers()))
    assert problem.message.startswith("unknown column 'destinaton' for exports; its columns are: id, date,")
    with pytest.raises(InputError) as caught:
        load_profile(tmp_path / "b.yaml")
    assert [p.message for p in caught.value.problems] == ["has no sheet 'X'; its sheets are: Exports"]


def test_a_csv_file_that_is_not_utf8_is_an_input_error_not_a_crash(tmp_path: Path) -> None:
    profile, _ = _profile_and_exports()
    (tmp_path / "exports.csv").write_bytes("id,date,destination\nE-1,2026-01-01,DE\n".encode("utf-16"))
    (tmp_path / "a.yaml").write_text(yaml.safe_dump({**profile, "exports": {"from": "exports.csv"}}))
    run = run_cli("check", tmp_path / "a.yaml")
    assert run.code == 2
    assert f"{tmp_path / 'exports.csv'}: is not UTF-8 text" in run.err
    assert "Traceback" not in run.err


def test_check_takes_a_sheet_from_the_command_line(ledgers: Path) -> None:
    by_profile = run_cli("check", ledgers / "in-xlsx.yaml", "--as-of", "2026-11-01", "--format", "json")
    given = run_cli(
        "check",
        ledgers / "in-yaml.yaml",
        "--sheet",
        f"exports={ledgers / 'exports.xlsx'}:Exports",
        "--as-of",
        "2026-11-01",
        "--format",
        "json",
    )
    assert (by_profile.code, given.code) == (1, 1)
    sheet = str(ledgers / "exports.xlsx")

    def results(out: str) -> list[tuple[Any, ...]]:
        located = [(r["rule_id"], r["status"], r["fingerprint"], r["location"]) for r in json.loads(out)["results"]]
        return [(*rest, where if where and where["file"] == sheet else None) for *rest, where in located]

    assert any(where for *_, where in results(given.out))
    assert results(given.out) == results(by_profile.out)
    refused = run_cli("check", ledgers / "in-yaml.yaml", "--sheet", "shipments=x.csv")
    assert refused.code == 2
    assert "write RECORDS=FILE, where RECORDS is one of items, parties" in refused.err


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_filled_in_template_loads(tmp_path: Path, fmt: str, lang: str) -> None:
    target = tmp_path / f"exports.{fmt}"
    made = run_cli("import-template", "exports", "--format", fmt, "--lang", lang, "-o", target)
    assert made.code == 0, made.err
    profile, exports = _profile_and_exports()
    row = {
        "id": "E-1",
        "date": "2026-06-20",
        "item": "TB-MET",
        "destination": "DE",
        "red_flags": "unusual_route; evasive_answers;",
    }
    if fmt == "csv":
        text = target.read_text(encoding="utf-8-sig")
        headers = next(csv.reader([text]))
        names = {column.name_zh if lang == "zh" else column.name: column.name for column in columns("exports")}
        line = ",".join(row.get(names[header], "") for header in headers)
        target.write_text(text + line + "\n", encoding="utf-8-sig")
    else:
        book = openpyxl.load_workbook(target)
        assert book.sheetnames == ["exports", "列说明" if lang == "zh" else "Columns"]
        guide = list(book.worksheets[1].iter_rows(values_only=True))
        assert [r[0] for r in guide[1:]] == _headers()
        book["exports"].append([row.get(name) for name in _headers()])
        book.save(target)
    (tmp_path / "p.yaml").write_text(yaml.safe_dump({**profile, "exports": {"from": target.name}}))
    loaded = load_profile(tmp_path / "p.yaml")
    [export] = loaded.profile.exports
    assert (export.id, export.date, export.destination, export.red_flags) == (
        "E-1",
        dt.date(2026, 6, 20),
        "DE",
        ["unusual_route", "evasive_answers"],
    )


def test_a_template_is_never_written_over_a_file(tmp_path: Path) -> None:
    target = tmp_path / "exports.csv"
    target.write_text("mine")
    refused = run_cli("import-template", "exports", "--format", "csv", "-o", target)
    assert refused.code == 2
    assert "already exists" in refused.err
    assert target.read_text() == "mine"


def test_a_profile_that_names_no_sheet_loads_no_sheet_code() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from checker.validate import load_profile; load_profile(%r); "
        "print(sorted(m for m in sys.modules if 'sheet' in m or 'openpyxl' in m))"
    )
    out = subprocess.run([sys.executable, "-c", code % str(SAMPLE)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_json_schema_takes_a_sheet_reference_for_a_record_list() -> None:
    import jsonschema

    schema = json.loads((SAMPLE.parent.parent / "docs" / "schema" / "profile.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    profile = json.loads(json.dumps(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")), default=str))
    assert list(validator.iter_errors({**profile, "exports": {"from": "ledger/exports.xlsx", "sheet": "2026"}})) == []
    assert list(validator.iter_errors({**profile, "parties": {"from": "parties.CSV"}})) == []
    for wrong in ({"from": "exports.txt"}, {"sheet": "Exports"}, {"from": "e.csv", "rows": 3}):
        assert list(validator.iter_errors({**profile, "exports": wrong})), wrong


def test_every_column_and_its_chinese_name_are_documented() -> None:
    from checker.profile.sheets import RECORDS

    doc = (SAMPLE.parent.parent / "docs" / "sheets.md").read_text(encoding="utf-8")
    for records in RECORDS:
        table = doc.split(f"### {records}\n", 1)[1].split("###", 1)[0]
        for column in columns(records):
            assert f"| `{column.name}` | {column.name_zh} |" in table, (records, column.name)


def test_sarif_and_junit_point_at_a_sheet_cell_and_stay_valid(ledgers: Path) -> None:
    import jsonschema
    import xmlschema

    data = Path(__file__).resolve().parent / "data"
    sarif = run_cli("check", ledgers / "in-xlsx.yaml", "--as-of", "2026-11-01", "--format", "sarif")
    log = json.loads(sarif.out)
    jsonschema.Draft4Validator(json.loads((data / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))).validate(log)
    places = [
        location["physicalLocation"]
        for result in log["runs"][0]["results"]
        if result["ruleId"] == "LIC-002"
        for location in result["locations"]
        if location["logicalLocations"][0]["fullyQualifiedName"].startswith("exports[E-0099]")
    ]
    assert [place["region"] for place in places] == [
        {"startLine": 101, "startColumn": 2, "properties": {"cell": "Exports!B101"}}
    ]
    assert places[0]["artifactLocation"]["uri"].endswith("/exports.xlsx")
    junit = run_cli("check", ledgers / "in-xlsx.yaml", "--as-of", "2026-11-01", "--format", "junit")
    xmlschema.XMLSchema(str(data / "junit-ant.xsd")).validate(junit.out)
    assert f"{ledgers / 'exports.xlsx'}:Exports!B101" in junit.out


def test_the_pdf_location_line_of_a_finding_names_its_cell(ledgers: Path) -> None:
    from checker.report.gap_report.view import build_view

    run = run_cli("check", ledgers / "in-xlsx.yaml", "--as-of", "2026-11-01", "--format", "json")
    view = build_view(json.loads(run.out), "en")
    # The rule fails on many rows of the sheet: one finding (a systemic gap) that places each record by its cell.
    [finding] = [finding for finding in view["plan"] if finding.rule_id == "LIC-002"]
    located = {(finding.records_file, record.where) for record in finding.records if record.subject == "E-0099"}
    assert located == {(f"{ledgers / 'exports.xlsx'}", "Exports!B101")}
