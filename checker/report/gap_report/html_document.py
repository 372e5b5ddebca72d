"""The report as one self-contained HTML document: Jinja2 templates, stylesheet and fonts inside.

The same HTML is written as the --html report and laid out as the PDF. Every
value is escaped (autoescape is on for every template), and text that lands in
CSS comes from the catalogue, quoted by `css_string`; a profile's own text
reaches the page margins only through `string-set`, never through CSS.

The document is rendered once without its fonts (`Draft`), to learn which
characters it uses; the fonts, cut down to those characters, then take the
place of a marker at the head of its stylesheet. Font data is plain ASCII, so
the characters can't change, and the marker is the first thing after
`<style>`, where no profile text can be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from checker.bilingual import Lang
from checker.report.gap_report.document import HtmlDocument
from checker.report.gap_report.fonts import EmbeddedFont, covers, embedded_fonts, font_face_css
from checker.report.gap_report.view import build_view
from checker.report.template_cache import report_environment
from checker.resources import data_dir

__all__ = ["HtmlDocument", "draft_html", "finish_html", "render_html"]

TEMPLATE = "report/report.html.j2"
STYLESHEET = "report/report.css"


@dataclass(frozen=True)
class Draft:
    context: dict[str, Any]
    html: str  # the document without its fonts
    created: datetime


_STYLE = "<style>\n"
_FONT_FACES = "/* the report's fonts */"


def draft_html(data: dict[str, Any], lang: Lang, created: datetime) -> Draft:
    view = build_view(data, lang)
    context = {
        **view,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "stylesheet": Markup(_stylesheet() + _page_css(view["t"])),
        "font_faces": Markup(_FONT_FACES),
    }
    return Draft(context, _template().render(context), created)


def finish_html(draft: Draft, fonts: tuple[EmbeddedFont, ...]) -> HtmlDocument:
    head, style, rest = draft.html.partition(_STYLE)
    if not rest.startswith(_FONT_FACES):
        raise AssertionError("the report's template no longer opens its stylesheet with the fonts' marker")
    html = head + style + font_face_css(fonts) + rest[len(_FONT_FACES) :]
    return HtmlDocument(
        html, {font.url: (font.data, "font/otf") for font in fonts}, draft.created, covers(draft.html, fonts)
    )


def render_html(data: dict[str, Any], lang: Lang, created: datetime) -> HtmlDocument:
    """The finished document: the draft made, its fonts cut to its characters, and both put together."""
    draft = draft_html(data, lang, created)
    return finish_html(draft, embedded_fonts(draft.html))


def css_string(text: str) -> str:
    """A CSS string literal of `text`: quotes, backslashes, angle brackets and controls escaped."""
    out = []
    for char in text:
        if char in '"\\<>' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _page_css(t) -> str:
    """Page-margin text that has to live in CSS: the page numbers and the running title."""
    before, rest = t("page_of", page="\0", pages="\1").split("\0")
    middle, after = rest.split("\1")
    page = f"{css_string(before)} counter(page) {css_string(middle)} counter(pages) {css_string(after)}"
    footer = f"{t('running_title')} · {t('not_legal_advice', 'text')}"
    return f"\n@page {{ @bottom-left {{ content: {css_string(footer)}; }} @bottom-right {{ content: {page}; }} }}\n"


def _template():
    return _environment().get_template(TEMPLATE)


def breakable(text: str) -> Markup:
    """`text` escaped, with line-break opportunities after each `.`, `_`, `/` and `-` and within any longer run
    of other characters, for a record id or a field's label in a narrow column: it breaks where a reader
    expects (between the words of a label), and a hostile one can't push the column aside. Each opportunity is
    an element that costs layout time, so short words are left alone."""
    if len(text) <= _RUN:
        return Markup(escape(text))
    return Markup("".join(part if part.isspace() else _breakable_word(part) for part in re.split(r"(\s+)", text)))


def _breakable_word(word: str) -> str:
    if len(word) <= _RUN:
        return str(escape(word))
    runs = re.split(r"(?<=[._/-])", word)
    pieces = [run[start : start + _RUN] for run in runs for start in range(0, len(run), _RUN)]
    return "<wbr>".join(str(escape(piece)) for piece in pieces if piece)


_RUN = 16  # characters that fit a narrow column without a break


@cache
def _environment() -> Environment:
    environment = report_environment(keep_trailing_newline=True)
    environment.filters["breakable"] = breakable
    return environment


def _stylesheet() -> str:
    return (data_dir("templates") / STYLESHEET).read_text(encoding="utf-8")
