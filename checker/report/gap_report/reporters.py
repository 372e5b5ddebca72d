"""The gap report's two formats as reporters: HTML, and the PDF made from the same document.

When a run asks for both, the document (templates, fonts cut to its characters) is made once and shared.
The PDF reporter starts its renderer in `prepare`, before the assessment runs, so that loading WeasyPrint
overlaps it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from checker.languages import Lang
from checker.report.gap_report import document_date
from checker.report.registry import Reporter

# The last document made, with the very data object it was made from (held, so that its id can't be reused).
_last: list[tuple[dict[str, Any], Lang, datetime, Any]] = []


def _document(data: dict[str, Any], lang: Lang, source_date_epoch: str | None) -> Any:
    """The finished HTML document of `data`, made once per run, language and date."""
    from checker.report.gap_report.html_document import render_html

    created = document_date(data, source_date_epoch)
    if _last and _last[0][0] is data and _last[0][1:3] == (lang, created):
        return _last[0][3]
    document = render_html(data, lang, created)
    _last[:] = [(data, lang, created, document)]
    return document


class HtmlReporter(Reporter):
    name = "html"
    one_profile = True

    def render(self, data: dict[str, Any]) -> list[str]:
        return [_document(data, self.options.lang, self.options.source_date_epoch).html]


class PdfReporter(Reporter):
    name = "pdf"
    binary = True
    one_profile = True
    _renderer: Any = None

    def prepare(self) -> None:
        from checker.report.gap_report.renderer import PdfRenderer

        self._renderer = PdfRenderer()

    def render(self, data: dict[str, Any]) -> list[bytes]:
        if self._renderer is None:
            self.prepare()
        return [self._renderer.render(_document(data, self.options.lang, self.options.source_date_epoch))]

    def close(self) -> None:
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None
