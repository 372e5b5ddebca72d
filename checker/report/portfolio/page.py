"""The portfolio page: the summary table as one self-contained HTML document, and as a tagged PDF.

Its template is `templates/report/portfolio.html.j2`, with its own stylesheet; the fonts are the gap report's,
cut down to the page's characters and embedded in the same way, so the page reads the same on any machine.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from markupsafe import Markup

from checker import __version__, i18n
from checker.bilingual import Lang
from checker.report.gap_report.document import HtmlDocument
from checker.report.portfolio.summary import SEVERITIES
from checker.report.portfolio.table import company_name
from checker.report.safe_text import visible
from checker.report.template_cache import report_environment
from checker.resources import data_dir
from checker.versions import TOOL

TEMPLATE = "report/portfolio.html.j2"
STYLESHEET = "report/portfolio.css"


def page_html(portfolio: dict[str, Any], lang: Lang, created: datetime) -> HtmlDocument:
    """The page as one HTML document, its fonts inside (cut down to its characters, as the gap report's)."""
    from checker.report.gap_report.fonts import covers, embedded_fonts, font_face_css

    context = _context(portfolio, lang, created)
    draft = _template().render({**context, "font_faces": Markup("")})
    fonts = embedded_fonts(draft)
    html = _template().render({**context, "font_faces": Markup(font_face_css(fonts))})
    return HtmlDocument(html, {font.url: (font.data, "font/otf") for font in fonts}, created, covers(draft, fonts))


def page_pdf(portfolio: dict[str, Any], lang: Lang, created: datetime) -> bytes:
    from checker.report.gap_report.pdf_document import render_pdf

    return render_pdf(page_html(portfolio, lang, created))


def page_date(portfolio: dict[str, Any], source_date_epoch: str | None) -> datetime:
    """SOURCE_DATE_EPOCH when given, else the latest assessment date: the same input gives the same bytes."""
    if source_date_epoch:
        from checker.report.gap_report import document_date

        return document_date({}, source_date_epoch)
    days = [row["as_of"] for row in portfolio["rows"] if row["as_of"]]
    day = max(date.fromisoformat(text) for text in days) if days else date(1970, 1, 1)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _context(portfolio: dict[str, Any], lang: Lang, created: datetime) -> dict[str, Any]:
    rows = visible(portfolio["rows"])
    return {
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "t": i18n.translator(lang),
        "portfolio": portfolio,
        "rows": rows,
        "names": [company_name(row, lang) for row in rows],
        "severities": SEVERITIES[:-1],
        "with_baseline": any(row["baseline"] for row in rows),
        "tool": {"name": TOOL, "version": __version__},
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "stylesheet": Markup((data_dir("templates") / STYLESHEET).read_text(encoding="utf-8")),
    }


@cache
def _template():
    return report_environment().get_template(TEMPLATE)
