"""The reports bring their own user-agent stylesheet (templates/report/user-agent.css), the defaults of just the
elements their templates use, in place of WeasyPrint's for all of HTML. Every page must come out exactly as it
would with WeasyPrint's: the gap report in both languages and the portfolio page, to the byte."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime

import pytest

from checker.report.gap_report import pdf_document
from checker.report.gap_report.html_document import HtmlDocument
from checker.report.gap_report.weasy import HTML
from tests.conftest import SAMPLES, exportcheck

DATA_URL = re.compile(r'url\("(data:(font/otf);base64,([A-Za-z0-9+/=]+))"\)')


def document(tmp_path, *args: str) -> HtmlDocument:
    """The report's HTML as the command writes it, ready to render again (its fonts are inside it)."""
    html = tmp_path / "report.html"
    done = exportcheck("check", *args, "--html", html, "-o", tmp_path / "out.json", "--quiet")
    assert done.returncode in (0, 1), done.stderr
    text = html.read_text(encoding="utf-8")
    resources = {url: (base64.b64decode(data), kind) for url, kind, data in DATA_URL.findall(text)}
    assert len(resources) == 2  # regular and bold
    return HtmlDocument(text, resources, datetime(2026, 11, 15, tzinfo=UTC), True)


@pytest.mark.parametrize(
    "args",
    [
        (str(SAMPLES / "gaps.yaml"), "--lang", "en"),
        (str(SAMPLES / "gaps.yaml"), "--lang", "zh"),
        (str(SAMPLES / "gaps.yaml"), str(SAMPLES / "compliant.yaml"), "--lang", "zh"),  # the portfolio page
    ],
    ids=["gap-report-en", "gap-report-zh", "portfolio-zh"],
)
def test_the_reports_own_defaults_render_exactly_as_weasyprints(tmp_path, monkeypatch, args):
    report = document(tmp_path, *args)
    ours = pdf_document.render_pdf(report)
    monkeypatch.setattr(pdf_document, "ReportHTML", HTML)
    theirs = pdf_document.render_pdf(report)
    assert ours == theirs


def test_the_reports_own_defaults_are_the_ones_in_use(monkeypatch):
    """Were WeasyPrint to stop asking `_ua_stylesheets`, the test above would pass with its stylesheet on both
    sides; here an element the report's defaults leave out (`<pre>`) shows which stylesheet was used."""
    pre = "<pre>a  b</pre>"
    page = HtmlDocument(pre, {}, datetime(2026, 11, 15, tzinfo=UTC), False)
    ours = pdf_document.render_pdf(page)
    monkeypatch.setattr(pdf_document, "ReportHTML", HTML)
    assert pdf_document.render_pdf(page) != ours
