"""The PDF: the report's HTML laid out by WeasyPrint, tagged (PDF/UA-1), reproducible to the byte.

WeasyPrint comes in through `weasy`, and only when a PDF is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import Any

from checker.report.gap_report.document import HtmlDocument
from checker.report.gap_report.fetcher import AllowListFetcher
from checker.report.gap_report.memory import gc_paused
from checker.report.gap_report.tagging import scope_header_cells
from checker.report.gap_report.weasy import CSS, HTML, FontConfiguration
from checker.resources import data_dir

PDF_VARIANT = "pdf/ua-1"
USER_AGENT_STYLESHEET = "report/user-agent.css"


class ReportHTML(HTML):
    """A report's HTML, with the reports' own user-agent stylesheet in place of WeasyPrint's for all of HTML
    (see that file for why)."""

    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
        return [_user_agent_stylesheet()]


@cache
def _user_agent_stylesheet() -> Any:
    return CSS(string=(data_dir("templates") / USER_AGENT_STYLESHEET).read_text(encoding="utf-8"))


def render_pdf(document: HtmlDocument, fetcher: AllowListFetcher | None = None) -> bytes:
    """The PDF of `document`, whose resources (its by_reference form) are served by `fetcher`, by default one
    that serves those and nothing else."""
    document = document.by_reference()
    fetcher = fetcher or AllowListFetcher(document.resources)
    font_config = FontConfiguration()
    with _source_date(document.created), gc_paused():
        html = ReportHTML(string=document.html, url_fetcher=fetcher, base_url="about:blank")
        laid_out = html.render(font_config=font_config, pdf_variant=PDF_VARIANT)
        # Our fonts already hold only the document's characters, so they go in as they are. If some
        # character had to come from a system font, WeasyPrint must subset that font itself.
        return laid_out.write_pdf(
            pdf_variant=PDF_VARIANT,
            pdf_identifier=True,
            full_fonts=document.fonts_cover_text,
            finisher=scope_header_cells,
        )


@contextmanager
def _source_date(created: datetime) -> Iterator[None]:
    """fontTools stamps a font it rewrites with the current time unless SOURCE_DATE_EPOCH says otherwise.

    That only happens on the fallback path (a system font subset by WeasyPrint), but a stamp would make
    two runs differ, so the document's own date is lent for the duration.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(created.timestamp()))
    try:
        yield
    finally:
        if given is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
