"""The gap report as a PDF and as HTML: one document for a board, an auditor and the people who fix the gaps.

    serialised assessment ──view──▶ sections in the report's language
                          ──html_document──▶ one self-contained HTML (templates/report/, fonts inside)
                          ──renderer──▶ pdf_document ──▶ PDF/UA via WeasyPrint

Like every reporter it reads only the serialised data (`checker.serialize.to_dict`).
WeasyPrint is imported in `weasy` alone, which only the PDF path loads, so the
terminal, JSON and HTML reports never load it; when a PDF is wanted,
`start_pdf_renderer` loads it in a process of its own while the assessment runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from checker.errors import UsageError
from checker.bilingual import Lang


@dataclass(frozen=True)
class Rendered:
    pdf: bytes | None
    html: str | None


def start_pdf_renderer():
    """Start the PDF renderer now, so that WeasyPrint loads while the caller assesses the profile."""
    from checker.report.gap_report.renderer import PdfRenderer

    return PdfRenderer()


def render(data: dict[str, Any], lang: Lang, created: datetime, *, pdf_renderer=None, html: bool) -> Rendered:
    """Render the report of the one profile in `data`: as a PDF if a renderer is given, as HTML if asked.

    Nothing is written.
    """
    from checker.report.gap_report.fonts import start_subsetting
    from checker.report.gap_report.html_document import draft_html, finish_html

    draft = draft_html(data, lang, created)
    document = finish_html(draft, start_subsetting(draft.html)())
    pdf = pdf_renderer.render(document) if pdf_renderer is not None else None
    return Rendered(pdf, document.html if html else None)


def document_date(data: dict[str, Any], source_date_epoch: str | None) -> datetime:
    """The date a report carries in its metadata: SOURCE_DATE_EPOCH if given, else the assessment date.

    Either way it follows from the input, so the same input gives the same bytes.
    """
    if source_date_epoch:  # unset or empty: the convention is to ignore it
        try:
            return datetime.fromtimestamp(int(source_date_epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={source_date_epoch!r} is not a number of seconds") from None
    day = date.fromisoformat(data["profiles"][0]["as_of"])
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
