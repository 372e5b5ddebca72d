"""The PDF/HTML gap report as a reader meets it: the text on its pages, its metadata, fonts and structure,
what it refuses to do, and the command line around it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from checker import __version__
from checker.report.gap_report import document_date
from checker.report.gap_report.citations import spelled_out
from checker.report.gap_report.html_document import HtmlDocument, breakable, css_string, render_html
from checker.report.gap_report.plan import plan_order, target_date
from checker.report.gap_report.view import build_view
from tests.conftest import REFERENCE, ROOT, SAMPLES, exportcheck, run_cli

GAPS = SAMPLES / "gaps.yaml"
COMPLIANT = SAMPLES / "compliant.yaml"
SEVERITY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}
TARGET_DAYS = {"critical": 14, "high": 30, "medium": 90, "low": 180}  # as docs/report.md states them
HOSTILE = '<img src="file:///etc/passwd">'
HOSTILE_ZH = '</style><script>alert(1)</script>"}'


def flat(text: str) -> str:
    """Text as one line: the PDF breaks lines where the page is full, a reader doesn't see those breaks
    (nor the one after a hyphen that ends a line, as in "catch-" / "all")."""
    return " ".join(re.sub(r"-\n", "-", text).split())


def tight(text: str) -> str:
    """Text without any white space, for Chinese and for paths that the page may break anywhere."""
    return "".join(text.split())


@dataclass
class Report:
    pdf: Path
    html: str
    data: dict
    reader: PdfReader
    pages: list[str]  # each page's text, in drawing order

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def outline(self) -> list[tuple[str, int]]:
        """Every bookmark as (title, 1-based page)."""
        out = []

        def walk(items):
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    out.append((item.title, self.reader.get_destination_page_number(item) + 1))

        walk(self.reader.outline)
        return out

    def section(self, first: str, after: str) -> str:
        """The text of the pages from bookmark `first` to the page where bookmark `after` starts (a section
        may end on the page where the next one begins)."""
        pages = dict(self.outline())
        return "\n".join(self.pages[pages[first] - 1 : pages[after]])


def make_report(directory: Path, profile: Path, lang: str) -> Report:
    pdf, html, json_out = directory / "report.pdf", directory / "report.html", directory / "report.json"
    done = exportcheck(
        "check",
        profile.relative_to(ROOT),
        "--pdf",
        pdf,
        "--html",
        html,
        "--lang",
        lang,
        "--format",
        "json",
        "--output",
        json_out,
    )
    assert done.returncode in (0, 1), done.stderr
    wrote = "wrote {}" if lang == "en" else "已写出 {}"
    assert done.stderr.endswith(f"exportcheck: {wrote.format(pdf)}\nexportcheck: {wrote.format(html)}\n")
    reader = PdfReader(pdf)
    return Report(
        pdf,
        html.read_text(encoding="utf-8"),
        json.loads(json_out.read_text(encoding="utf-8")),
        reader,
        [page.extract_text() for page in reader.pages],
    )


@pytest.fixture(scope="module")
def gaps_en(tmp_path_factory) -> Report:
    return make_report(tmp_path_factory.mktemp("gaps-en"), GAPS, "en")


@pytest.fixture(scope="module")
def gaps_zh(tmp_path_factory) -> Report:
    return make_report(tmp_path_factory.mktemp("gaps-zh"), GAPS, "zh")


@pytest.fixture(scope="module")
def compliant_en(tmp_path_factory) -> Report:
    return make_report(tmp_path_factory.mktemp("compliant-en"), COMPLIANT, "en")


def failures(report: Report) -> list[dict]:
    return [result for result in report.data["results"] if result["status"] == "fail"]


def documented_band(score: float, open_critical: bool) -> str:
    band = "STRONG" if score >= 90 else "ADEQUATE" if score >= 75 else "NEEDS IMPROVEMENT" if score >= 50 else "WEAK"
    return "NEEDS IMPROVEMENT" if open_critical and band in ("STRONG", "ADEQUATE") else band


# The reader's view of the PDF


def test_cover_names_the_company_date_score_rating_versions_and_disclaimer(gaps_en):
    cover = flat(gaps_en.pages[0])
    score = gaps_en.data["profiles"][0]["score"]["overall"]
    critical = any(result["severity"] == "critical" for result in failures(gaps_en))
    assert "Export-control compliance self-assessment" in cover
    assert "Ganzhou Ruixin Rare Earth Materials Co., Ltd. 赣州瑞鑫稀土材料有限公司" in cover
    assert f"Overall score {score:.1f} / 100" in cover
    assert f"Rating {documented_band(score, critical)}" in cover
    assert (
        "Assessment date 2026-11-15 Prepared by Liu Yang (Trade Compliance Officer) Profile samples/gaps.yaml" in cover
    )
    assert f"Rule set {gaps_en.data['ruleset']['version']} Produced with exportcheck {__version__}" in cover
    assert (
        "This report is a self-assessment aid, generated from the facts the company recorded in its profile. "
        "It does not constitute legal advice; have its conclusions confirmed by qualified counsel."
    ) in cover
    assert "Page" not in cover  # no running header or footer on the cover


def test_every_failure_is_shown_with_its_message_location_and_remediation(gaps_en):
    findings = gaps_en.section("2 Findings by element", "3 Remediation plan")
    assert failures(gaps_en), "the gaps sample has failures"
    for result in failures(gaps_en):
        location = result["location"]
        assert f"{result['rule_id']} {result['title']}" in flat(findings)
        assert result["message"] in flat(findings)
        assert tight(f"{location['file']}:{location['line']} · {location['path']}") in tight(findings)
        assert result["remediation"] in flat(findings)


def test_legal_citations_are_spelled_out_with_document_title_and_article(gaps_en):
    findings = flat(gaps_en.section("2 Findings by element", "3 Remediation plan"))
    [line] = [r["location"]["line"] for r in failures(gaps_en) if r["rule_id"] == "REC-001"]
    rec_001 = (
        "REC-001 Export records are kept for at least five years Found Records are kept for 3 years; "
        f"DUR Art. 27 requires at least 5. Location samples/gaps.yaml:{line} · "
        "programme.records.retention_years "
        "Basis Regulations of the PRC on the Export Control of Dual-Use Items, Art. 27 [P] Guiding Opinions "
        "of the Ministry of Commerce on Dual-Use Item Exporters Establishing Export Control Internal "
        "Compliance Mechanisms, with the annexed Internal Compliance Guidelines for Dual-Use Export Control, "
        "element 8 [S] (guidance, not legally binding) Remediation"
    )
    assert rec_001 in findings  # each place with how firmly it was read
    assert "Export Control Law of the PRC, Art. 12 [P]; Art. 34 item 1 [P]" in findings  # LIC-001: one title


def test_element_sections_follow_the_rule_sets_order_and_list_passes_and_exclusions(gaps_en):
    titles = [title for title, _ in gaps_en.outline() if re.match(r"2\.\d+ ", title)]
    with_results = {result["element"] for result in gaps_en.data["results"]}
    expected = [element["title"] for element in gaps_en.data["elements"] if element["id"] in with_results]
    assert [title.split(" ", 1)[1] for title in titles] == expected
    licensing = flat(gaps_en.section("2.10 Licensing", "2.11 End users and end uses"))
    assert "LIC-006 A single licence is valid for at most one year L-2025-088" in licensing
    # Exclusions on records are counted (check --all-results lists each with its reason).
    assert "LIC-002 The licence was valid on the export date Not applicable to 2 records of exports." in licensing


def test_plan_lists_every_failure_most_serious_first_with_owner_and_target_date(gaps_en):
    plan = gaps_en.section("3 Remediation plan", "4 Manual checklist")
    rows = re.findall(r"^(\d+) (CRITICAL|HIGH|MEDIUM|LOW|INFO) ([A-Z]{3}-\d{3})$", plan, re.M)
    expected = plan_order(failures(gaps_en))
    # Most serious first, and within a severity what already happened before gaps in the programme.
    keys = [(-SEVERITY_RANK[result["severity"]], not result["conduct"]) for result in expected]
    assert keys == sorted(keys)
    assert [(int(n), severity, rule) for n, severity, rule in rows] == [
        (n, result["severity"].upper(), result["rule_id"]) for n, result in enumerate(expected, 1)
    ]
    as_of = date(2026, 11, 15)
    owners_shown = {
        "management": "Management",
        "compliance": "Compliance",
        "sales": "Sales",
        "legal": "Legal",
        "engineering": "Engineering",
        "logistics": "Logistics",
        "hr": "Human resources",
    }
    owners = "|".join(["Management", "Compliance", "Sales", "Engineering", "Logistics", "Legal", "Human resources"])
    targets = re.findall(rf"\b2\.\d+ ({owners}) (\d{{4}}-\d{{2}}-\d{{2}}|none)\b", flat(plan))
    assert targets == [
        (
            owners_shown[result["owner"]],
            as_of.isoformat()  # what already happened is due at once
            if result["conduct"]
            else (as_of + timedelta(TARGET_DAYS[result["severity"]])).isoformat()
            if result["severity"] != "info"
            else "none",
        )
        for result in expected
    ]


def test_summary_is_one_page_with_counts_and_the_most_serious_gaps(gaps_en):
    pages = dict(gaps_en.outline())
    assert pages["2 Findings by element"] == pages["1 Executive summary"] + 1
    summary = flat(gaps_en.section("1 Executive summary", "2 Findings by element"))
    counts = gaps_en.data["profiles"][0]["summary"]
    assert (
        f"Results by status FAIL {counts['fail']} PASS {counts['pass']} NOT APPLICABLE {counts['not_applicable']} "
        f"MANUAL CHECK {counts['manual']} WAIVED {counts['waived']} RULE ERROR {counts['error']}"
    ) in summary
    ordered = plan_order(failures(gaps_en))
    serious = sum(result["severity"] in ("critical", "high") for result in ordered)
    top = ordered[: max(5, serious)]  # every critical and high gap, and at least five
    gaps = " ".join(f"{r['severity'].upper()} {r['rule_id']} {r['message']}" for r in top)
    more = len(ordered) - len(top)
    assert f"The most serious gaps {gaps} {more} more gap(s) in the findings below." in summary
    assert "Change since the previous assessment fixed — new — unchanged — No previous assessment was given" in summary


def test_page_numbers_contents_and_bookmarks_agree_with_the_pages(gaps_en):
    count = len(gaps_en.pages)
    for number, page in enumerate(gaps_en.pages[1:], 2):
        assert f"Page {number} of {count}" in page
        assert "Ganzhou Ruixin Rare Earth Materials Co., Ltd. 2026-11-15" in page  # the running header
    contents = flat(
        subprocess.run(
            ["pdftotext", "-layout", "-f", "2", "-l", "2", str(gaps_en.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    outline = gaps_en.outline()
    assert [title for title, _ in outline][:3] == ["Contents", "1 Executive summary", "2 Findings by element"]
    for title, page in outline[1:]:
        assert f"{title} {page}" in contents
        assert tight(title) in tight(gaps_en.pages[page - 1])


def test_metadata_language_and_tagging(gaps_en, gaps_zh):
    assert gaps_en.reader.metadata == {
        "/Title": "Export-control gap report: Ganzhou Ruixin Rare Earth Materials Co., Ltd., 2026-11-15",
        "/Author": "Ganzhou Ruixin Rare Earth Materials Co., Ltd.",
        "/Subject": "Gaps in an export-control internal compliance programme, with their legal basis and a "
        "remediation plan",
        "/Keywords": "export control; internal compliance programme; dual-use items; self-assessment; gap report",
        "/Creator": f"exportcheck {__version__}",
        "/Producer": gaps_en.reader.metadata["/Producer"],
        "/CreationDate": "D:20261115000000Z",
        "/ModDate": "D:20261115000000Z",
    }
    assert gaps_zh.reader.metadata["/Title"] == "出口管制合规差距分析报告: 赣州瑞鑫稀土材料有限公司, 2026-11-15"
    for report, lang in ((gaps_en, "en"), (gaps_zh, "zh-CN")):
        root = report.reader.trailer["/Root"]
        assert root["/Lang"] == lang
        assert root["/MarkInfo"]["/Marked"].value is True and "/StructTreeRoot" in root
        assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()
        assert len(report.reader.trailer["/ID"]) == 2


def test_only_the_reports_own_fonts_are_embedded(gaps_en, gaps_zh):
    for report in (gaps_en, gaps_zh):
        fonts = {}
        for page in report.reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
                fonts[font["/BaseFont"].split("+", 1)[1]] = "/FontFile3" in descriptor
        assert fonts == {"exportcheck-sans": True, "exportcheck-sans-Bold": True}


def test_qpdf_finds_no_structural_error(gaps_en, gaps_zh):
    for report in (gaps_en, gaps_zh):
        done = subprocess.run(["qpdf", "--check", str(report.pdf)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "No syntax or stream encoding errors found" in done.stdout


def _as_integer(value: object) -> int | None:
    """pdfua 0.1.3's `as_integer` asks every object for `is_integer`; pikepdf (10.x) answers an array with a
    ValueError instead of an AttributeError, so its empty-heading rule (UA-14-001) raised on the first heading
    whose content is an array and was skipped. This is the same test without the crash."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int(value)
    try:
        numeric = value.is_integer
    except (AttributeError, ValueError):
        return None
    return int(value) if numeric is True else None


def test_an_independent_checker_finds_the_pdf_ua_structure_complete(gaps_en, gaps_zh, monkeypatch):
    """The pdfua package checks the machine-checkable part of PDF/UA-1: the chart has alternative text, every
    header cell its scope, and so on. Nothing at warning or error, and no rule skipped."""
    import pdfua.rules.structure
    from pdfua import Severity, validate

    monkeypatch.setattr(pdfua.rules.structure, "as_integer", _as_integer)
    for report in (gaps_en, gaps_zh):
        checked = validate(str(report.pdf))
        assert [
            (finding.rule_id, finding.message) for finding in checked.findings if finding.severity >= Severity.WARNING
        ] == []
        assert [(outcome.rule_id, outcome.skipped_reason) for outcome in checked.skipped] == []
        assert len(checked.outcomes) >= 12


def test_chinese_report_is_chinese_throughout(gaps_zh):
    text = tight(gaps_zh.text)
    rec_001 = next(result for result in gaps_zh.data["results"] if result["rule_id"] == "REC-001")
    for expected in (
        "出口管制合规自评估",
        "赣州瑞鑫稀土材料有限公司",
        "评估基准日2026-11-15",
        "资料档案保存",
        rec_001["title_zh"],
        rec_001["message_zh"],
        rec_001["remediation_zh"],
        "《中华人民共和国两用物项出口管制条例》第二十七条",
        "《商务部关于两用物项出口经营者建立出口管制内部合规机制的指导意见（附〈两用物项出口管制内部合规指南〉）》要素八",
        f"第2页，共{len(gaps_zh.pages)}页",
        "本报告为自我评估工具，依据企业在档案中填写的事实生成，不构成法律意见",
    ):
        assert tight(expected) in text, expected
    for english in ("Remediation", "Basis", "Executive summary", "Page 2 of"):
        assert english not in gaps_zh.text
    pdftotext = subprocess.run(["pdftotext", str(gaps_zh.pdf), "-"], capture_output=True, text=True, check=True)
    assert tight(rec_001["message_zh"]) in tight(pdftotext.stdout)


def test_compliant_report_has_no_gap_and_nothing_to_remediate(compliant_en):
    text = flat(compliant_en.text)
    assert compliant_en.data["profiles"][0]["summary"]["fail"] == 0
    assert "Rating STRONG" in flat(compliant_en.pages[0])
    assert "The most serious gaps No gap was found; every applicable rule passed." in text
    assert "3 Remediation plan There is no failure, so there is nothing to remediate." in text
    assert "Failures (" not in text


def test_long_tables_repeat_their_header_on_every_page(gaps_en):
    pages = dict(gaps_en.outline())
    coverage = range(pages["Appendix A. Requirement coverage"], pages["Appendix B. Sources"] + 1)
    assert len(coverage) >= 2, "the requirement catalogues fill more than one page"
    for page in coverage:
        assert "Requirement Checked by Status" in flat(gaps_en.pages[page - 1])


def _rows_per_page(rows: int) -> list[int]:
    """The data rows on each page of a report-styled table of `rows` rows, as WeasyPrint lays it out."""
    from checker.report.gap_report.html_document import _stylesheet
    from checker.report.gap_report.weasy import HTML

    body = "".join(f"<tr><td>{n}</td><td>row {n}</td></tr>" for n in range(rows))
    html = (
        f"<html><head><style>{_stylesheet()}</style></head><body><table><thead><tr><th scope='col'>#</th>"
        f"<th scope='col'>row</th></tr></thead><tbody>{body}</tbody></table></body></html>"
    )
    counts = []
    for page in HTML(string=html).render().pages:
        boxes, count = [page._page_box], 0
        while boxes:
            box = boxes.pop()
            count += box.element_tag == "tr" and bool(box.children) and box.children[0].element_tag == "td"
            boxes.extend(getattr(box, "children", ()))
        counts.append(count)
    return counts


def test_a_table_never_ends_with_its_last_row_alone_on_a_page():
    fit = _rows_per_page(100)[0]  # the rows one page holds
    assert _rows_per_page(fit + 1) == [fit - 1, 2]  # one more: the last row takes the one before it along
    assert _rows_per_page(fit + 2) == [fit, 2]


def _last_row_of_each_page(rows_before: int) -> list[str]:
    """The class of the last row on each page of a report-styled table whose heading row comes after
    `rows_before` data rows, then more data rows, as the coverage appendix groups its requirements."""
    from checker.report.gap_report.html_document import _stylesheet
    from checker.report.gap_report.weasy import HTML

    row = "<tr><td>{n}</td><td>row {n}</td></tr>"
    body = "".join(row.format(n=n) for n in range(rows_before))
    body += '<tr class="framework"><th colspan="2" scope="colgroup">The next source</th></tr>'
    body += "".join(row.format(n=n) for n in range(rows_before, rows_before + 10))
    html = (
        f"<html><head><style>{_stylesheet()}</style></head><body><table><thead><tr><th scope='col'>#</th>"
        f"<th scope='col'>row</th></tr></thead><tbody>{body}</tbody></table></body></html>"
    )
    last = []
    for page in HTML(string=html).render().pages:
        boxes, rows = [page._page_box], []
        while boxes:
            box = boxes.pop(0)
            if box.element_tag == "tr" and box.children:
                rows.append(box.element.get("class") or box.children[0].element_tag)
            boxes.extend(getattr(box, "children", ()))
        last.append(rows[-1])
    return last


def test_a_heading_row_never_ends_a_page():
    fit = _rows_per_page(100)[0]  # the data rows one page holds
    # Around the end of the first page the heading row comes to be the last that fits (two rows before the
    # end: it is taller than a data row); it then goes over to the next page with the first row of its group.
    ends = {rows: _last_row_of_each_page(rows) for rows in range(fit - 4, fit + 1)}
    assert all(last == ["td", "td"] for last in ends.values()), ends


def test_the_coverage_appendix_marks_each_basis_and_keeps_powers_apart(gaps_en, gaps_zh):
    """A requirement read only in the 2007 wording, or in no source, says so; the DUR's powers and encouragements
    follow its requirements under their own heading, with no status."""
    rows = build_view(gaps_en.data, "en")["coverage"]
    by_id = {row["id"]: row for row in rows if "id" in row}
    assert by_id["ICP2021-2.3"]["basis"] == "P-2007" and by_id["ICP2021-9.3"]["basis"] == "UNVERIFIED"
    assert by_id["DUR-6"] == {
        "id": "DUR-6",
        "citation": "DUR Art. 6",
        "basis": "P",
        "checked_by": "encouragement · POL-002, MAN-001",
        "status": None,
    }
    dur_title = "Regulations of the People's Republic of China on the Export Control of Dual-Use Items"
    dur = [row.get("id", row.get("group")) for row in rows[rows.index({"framework": dur_title}) :]]
    group = dur.index("State powers and encouragements: not requirements on the exporter")
    assert dur[group + 1 :][:5] == ["DUR-6", "DUR-13", "DUR-18.4", "DUR-29.1", "DUR-49"]
    assert "DUR-48" in dur[:group] and "DUR-19.3" in dur[:group]
    appendix = flat(gaps_en.section("Appendix A. Requirement coverage", "Appendix B. Sources"))
    assert "ICP guidance element 2 ICP2021-2.3 P-2007" in appendix
    assert "State powers and encouragements: not requirements on the exporter" in appendix
    chinese = tight(gaps_zh.section("附录一　要求覆盖情况", "附录二　法律及政策依据"))
    assert "国家职权和鼓励性规定（非对出口经营者的要求）" in chinese
    assert "《两用物项出口管制条例》第六条DUR-6P鼓励性规定·POL-002,MAN-001" in chinese


# The HTML


def test_html_is_the_same_document_and_stands_alone(gaps_en):
    html = gaps_en.html
    bookmarks = re.findall(r'data-bookmark="([^"]+)"', html)
    assert bookmarks == [title for title, _ in gaps_en.outline() if title != "Contents"]
    for anchor in ("summary", "findings", "plan", "checklist", "coverage", "sources"):
        assert f'id="{anchor}"' in html
    assert "<script" not in html and "<img" not in html and "<link" not in html
    assert set(re.findall(r'href="(.)', html)) == {"#"}
    assert re.findall(r'url\("([a-z]+:[^;,]*)', html) == ["data:font/otf", "data:font/otf"]
    for result in failures(gaps_en):
        assert f'<span class="rule-id">{result["rule_id"]}</span>' in html


def test_reruns_are_byte_identical(gaps_en, tmp_path):
    again = make_report(tmp_path, GAPS, "en")
    assert again.pdf.read_bytes() == gaps_en.pdf.read_bytes()
    assert again.html == gaps_en.html


def test_source_date_epoch_dates_the_document(tmp_path):
    html = tmp_path / "r.html"
    done = exportcheck("check", REFERENCE, "--html", html, env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert done.returncode == 0, done.stderr
    assert '<meta name="dcterms.created" content="2026-01-01T00:00:00Z">' in html.read_text(encoding="utf-8")
    assert document_date({"profiles": [{"as_of": "2026-11-15"}]}, None) == datetime(2026, 11, 15, tzinfo=UTC)
    html.unlink()
    done = exportcheck("check", REFERENCE, "--html", html, env={"SOURCE_DATE_EPOCH": "soon"})
    assert (done.returncode, done.stderr) == (2, "exportcheck: SOURCE_DATE_EPOCH='soon' is not a number of seconds\n")
    assert not html.exists()


# Hostile input


def test_hostile_company_name_is_printed_as_text_and_nothing_is_fetched(edited, tmp_path):
    from checker.report.gap_report.fetcher import AllowListFetcher
    from checker.report.gap_report.pdf_document import render_pdf

    profile = edited(
        ("  name: Suzhou Lanting Precision Materials Co., Ltd.", f"  name: '{HOSTILE}'"),
        ("  name_zh: 苏州兰亭精密材料有限公司", f"  name_zh: '{HOSTILE_ZH}'"),
    )
    run = run_cli("check", profile, "--format", "json")
    data = json.loads(run.out)
    document = render_html(data, "en", document_date(data, None))
    fonts = document.by_reference().resources
    fetcher = AllowListFetcher(fonts)
    pdf = tmp_path / "hostile.pdf"
    pdf.write_bytes(render_pdf(document, fetcher))
    assert fetcher.refused == []
    assert sorted(fetcher.served) == sorted(fonts)  # the two embedded fonts, nothing else
    assert sorted(fonts.values()) == sorted(document.resources.values())
    cover = flat(PdfReader(pdf).pages[0].extract_text())
    assert f"{HOSTILE} {HOSTILE_ZH}" in cover
    pdftotext = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert HOSTILE in pdftotext and HOSTILE_ZH in pdftotext
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in document.html
    assert "<img" not in document.html and "<script" not in document.html


def test_the_fetcher_refuses_files_and_the_network_and_records_the_attempt(gaps_en):
    from checker.report.gap_report.fetcher import AllowListFetcher
    from checker.report.gap_report.pdf_document import render_pdf

    fetcher = AllowListFetcher({})
    for url in ("file:///etc/passwd", "https://example.com/style.css", "data:text/css,body{}"):
        with pytest.raises(PermissionError):
            fetcher.fetch(url)
    assert fetcher.refused == ["file:///etc/passwd", "https://example.com/style.css", "data:text/css,body{}"]
    # Markup that did reach the renderer unescaped still loads nothing.
    smuggled = HtmlDocument(
        '<html><body><p>x</p><img src="file:///etc/passwd">'
        '<link rel="stylesheet" href="http://192.0.2.1/a.css"></body></html>',
        {},
        datetime(2026, 11, 15, tzinfo=UTC),
        True,
    )
    fetcher = AllowListFetcher({})
    render_pdf(smuggled, fetcher)
    assert sorted(fetcher.refused) == ["file:///etc/passwd", "http://192.0.2.1/a.css"]


def test_text_without_a_glyph_in_the_reports_fonts_still_prints(tmp_path):
    """A character the named fonts lack comes from a system font, which WeasyPrint then subsets itself."""
    data = json.loads(run_cli("check", REFERENCE, "--format", "json").out)
    data["profiles"][0]["company"]["name"] = "Lanting \U0001f600 Materials"
    document = render_html(data, "en", datetime(2026, 11, 1, tzinfo=UTC))
    assert document.fonts_cover_text is False
    from checker.report.gap_report.pdf_document import render_pdf

    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(document))
    assert "Lanting \U0001f600 Materials" in flat(PdfReader(pdf).pages[0].extract_text())


def test_the_renderer_process_hands_back_the_pdf_or_the_error():
    from checker.report.gap_report.renderer import PdfRenderer

    tiny = HtmlDocument("<html><body><p>Hello</p></body></html>", {}, datetime(2026, 1, 1, tzinfo=UTC), True)
    renderer = PdfRenderer()
    assert renderer._process is not None  # a child process, started at once
    assert renderer.render(tiny).startswith(b"%PDF-1.7")
    broken = HtmlDocument(None, {}, datetime(2026, 1, 1, tzinfo=UTC), True)
    with pytest.raises(TypeError):
        PdfRenderer().render(broken)
    unused = PdfRenderer()
    unused.close()
    assert unused._process is None


def test_the_renderer_works_in_process_when_it_cant_fork_safely():
    import threading

    from checker.report.gap_report.renderer import PdfRenderer

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        renderer = PdfRenderer()
        assert renderer._process is None
        tiny = HtmlDocument("<html><body><p>Hello</p></body></html>", {}, datetime(2026, 1, 1, tzinfo=UTC), True)
        assert renderer.render(tiny).startswith(b"%PDF-1.7")
    finally:
        release.set()
        other.join()


# The command line


def test_bad_input_exits_2_and_writes_nothing(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\ncompany: {name: X}\nprogramme: [\n", encoding="utf-8")
    pdf, html = tmp_path / "r.pdf", tmp_path / "r.html"
    done = exportcheck("check", broken, "--pdf", pdf, "--html", html)
    assert done.returncode == 2
    assert done.stderr.endswith("exportcheck: 1 input problem; nothing was written\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["broken.yaml"]


def test_outputs_that_clash_are_refused_before_any_work(tmp_path):
    run = run_cli("check", GAPS, "--pdf", GAPS)
    assert (run.code, run.err) == (2, f"exportcheck: {GAPS}: refusing to write a report over the input {GAPS}\n")
    same = tmp_path / "r.out"
    run = run_cli("check", GAPS, "--pdf", same, "--html", same)
    assert (run.code, run.err) == (
        2,
        f"exportcheck: {same} is named for two reports; each report needs a file of its own\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_missing_font_is_a_plain_error_and_nothing_is_written(monkeypatch, tmp_path):
    from checker.report.gap_report import fonts

    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path / "no-fonts")
    run = run_cli("check", REFERENCE, "--pdf", tmp_path / "r.pdf", "--format", "json", "--output", tmp_path / "r.json")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"exportcheck: the report's font {tmp_path}/no-fonts/NotoSansCJK-Regular.ttc is not installed "
        "(Debian: apt-get install fonts-noto-cjk)\n"
    )
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("extra", [(), ("--html", "{tmp}/r.html")])
def test_terminal_json_and_html_reports_never_load_weasyprint(tmp_path, extra):
    argv = [
        "check",
        str(REFERENCE),
        "--format",
        "json",
        "--output",
        str(tmp_path / "r.json"),
        *(arg.format(tmp=tmp_path) for arg in extra),
    ]
    probe = f"import sys; from checker.cli import main; code = main({argv!r}); print(code, 'weasyprint' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.stdout == "0 False\n", done.stderr


# The rules the document follows


def test_the_cover_and_the_summary_say_why_the_score_is_capped(gaps_en, gaps_zh):
    cap = gaps_en.data["profiles"][0]["score"]["cap"]
    assert cap["rules"] == ["LIC-001", "LIC-002"]
    reason = "Capped at 50 because 2 critical failures are open: LIC-001, LIC-002 (79.4 without the cap)."
    assert "Overall score 50.0 / 100 Rating NEEDS IMPROVEMENT " + reason in flat(gaps_en.pages[0])
    assert reason in flat(gaps_en.section("1 Executive summary", "2 Findings by element"))
    reason_zh = "存在2项未整改的严重不符合项（LIC-001、LIC-002），总体得分封顶为50分（未封顶为79.4分）。"
    assert reason_zh in tight(gaps_zh.pages[0])
    notes = flat(gaps_en.pages[1])  # the reading notes
    assert 'While a critical failure is open, the overall score is at most 50, so the rating is at best "needs' in notes


def test_the_cover_shows_every_notice_in_a_headed_box(gaps_en, gaps_zh):
    notices = gaps_en.data["profiles"][0]["notices"]
    assert [notice["kind"] for notice in notices].count("out_of_scope") == 2
    label = {"out_of_scope": ("Not assessed. ", "未评估：")}
    cover, cover_zh = flat(gaps_en.pages[0]), tight(gaps_zh.pages[0])
    assert f"Notices {label.get(notices[0]['kind'], ('', ''))[0]}{notices[0]['en']}" in cover
    for notice in notices:
        en, zh = label.get(notice["kind"], ("", ""))
        assert f"{en}{notice['en']} See: {', '.join(notice['refs'])}" in cover
        assert tight(f"{zh}{notice['zh']} 详见：{'、'.join(notice['refs'])}") in cover_zh
    assert "Page" not in cover and dict(gaps_en.outline())["Contents"] == 2  # the cover is still one page


def test_target_dates_count_from_the_assessment_date_by_severity():
    as_of = date(2026, 11, 15)
    assert [target_date(as_of, severity) for severity in ("critical", "high", "medium", "low", "info")] == [
        date(2026, 11, 29),
        date(2026, 12, 15),
        date(2027, 2, 13),
        date(2027, 5, 14),
        None,
    ]


def test_citations_spell_out_titles_in_both_languages(ruleset):
    from checker.report.contract import documents

    registry = {doc["id"]: doc for doc in documents(ruleset)}
    assert spelled_out([("DUR", "Art. 27")], registry, "en") == [
        "Regulations of the PRC on the Export Control of Dual-Use Items, Art. 27"
    ]
    assert spelled_out([("DUR", "第二十七条")], registry, "zh") == ["《中华人民共和国两用物项出口管制条例》第二十七条"]
    assert spelled_out([("ECL", "Art. 12"), ("DUR", "Art. 14"), ("ECL", "Art. 34 item 1")], registry, "en") == [
        "Export Control Law of the PRC, Art. 12; Art. 34 item 1",
        "Regulations of the PRC on the Export Control of Dual-Use Items, Art. 14",
    ]
    assert spelled_out([("ICP2021", "要素八")], registry, "zh") == [
        "《商务部关于两用物项出口经营者建立出口管制内部合规机制的指导意见（附〈两用物项出口管制内部合规指南〉）》要素八"
        "（指导性文件，不具有法律约束力）"
    ]
    assert spelled_out([("WP2021", "第三部分（一）")], registry, "zh") == [
        "《中国的出口管制》白皮书第三部分（一）（政策阐述，不具有法律约束力）"
    ]
    assert spelled_out([("MOFCOM2024-46", None)], registry, "zh") == ["商务部公告2024年第46号"]


def test_css_strings_and_break_points_are_escaped():
    assert css_string('Page "1" \\ </style>\n') == '"Page \\22 1\\22  \\5c  \\3c /style\\3e \\a "'
    assert str(breakable("exports[2].end_user_certificate")) == "exports[2].<wbr>end_<wbr>user_<wbr>certificate"
    assert str(breakable("E-2026-047")) == "E-2026-047"
    assert str(breakable("consult_authority_when_unsure")) == "consult_<wbr>authority_<wbr>when_<wbr>unsure"
    assert str(breakable("<b>" + "x" * 20)) == "&lt;b&gt;" + "x" * 13 + "<wbr>xxxxxxx"
    assert str(breakable("elements the manual covers")) == "elements the manual covers"  # a label breaks between words


def test_empty_and_long_lists_render(gaps_en):
    """No requirements and no results at all; then a hundred requirements of which thirty are manual."""
    data = json.loads(json.dumps(gaps_en.data))
    empty = {**data, "results": [], "requirements": []}
    empty["profiles"] = [{**data["profiles"][0], "coverage": {}}]
    html = render_html(empty, "en", datetime(2026, 11, 15, tzinfo=UTC)).html
    for sentence in (
        "No gap was found; every applicable rule passed.",
        "There is no failure, so there is nothing to remediate.",
        "The rule set has no requirement that needs a manual check.",
        "No requirement catalogue is loaded in this rule set, so coverage can&#39;t be shown.",
    ):
        assert sentence in html
    many = [
        {
            "id": f"DUR-{n}",
            "framework": "DUR",
            "article": str(n),
            "paragraph": None,
            "citation": f"DUR Art. {n}",
            "citation_zh": f"《两用物项出口管制条例》第{n}条",
            "title": f"Requirement {n}",
            "title_zh": f"要求{n}",
            "kind": "requirement",
            "basis": "P",
            "rules": [] if n % 10 < 3 else ["REC-001"],
            "manual": n % 10 < 3,
            "question": f"Question {n}?" if n % 10 < 3 else None,
            "question_zh": f"问题{n}？" if n % 10 < 3 else None,
        }
        for n in range(1, 101)
    ]
    view = build_view({**data, "requirements": many}, "en")
    assert len(view["checklist"]) == 30 and view["checklist"][0]["question"] == "Question 1?"
    assert len(view["coverage"]) == 101 and view["coverage"][0] == {
        "framework": "Regulations of the People's Republic of China on the Export Control of Dual-Use Items"
    }
