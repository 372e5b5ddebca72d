"""A company's gap report as PDF bytes, made where it is called: in the worker that assessed the company.

The registry's PDF reporter starts a renderer process of its own for each report, which suits one report
per run; a worker making report after report keeps WeasyPrint loaded in itself instead. Like every module
that reaches WeasyPrint, this one is imported by name only when a PDF is asked for.
"""

from __future__ import annotations

from typing import Any

from checker.bilingual import Lang
from checker.report.gap_report import document_date
from checker.report.gap_report.html_document import render_html
from checker.report.gap_report.pdf_document import render_pdf


def company_pdf(document: dict[str, Any], lang: Lang, source_date_epoch: str | None) -> bytes:
    return render_pdf(render_html(document, lang, document_date(document, source_date_epoch)))
