"""The registry of source documents (`rules/sources.yaml`) and how a citation is written.

Rules cite a document by its id and an article (or element, or section);
titles, dates and status live here once, so a citation can't drift.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from checker.bilingual import Bilingual, Lang, chinese_number


class Binding(StrEnum):
    law = "law"
    regulation = "regulation"
    ministerial_rule = "ministerial_rule"
    guidance = "guidance"
    policy_paper = "policy_paper"
    internal_policy = "internal_policy"  # a company's or group's own policy, brought by a rule pack


class DocStatus(StrEnum):
    in_force = "in_force"
    superseded = "superseded"
    repealed = "repealed"
    suspended = "suspended"


class Unit(StrEnum):
    article = "article"
    element = "element"
    section = "section"
    document = "document"  # cited as a whole (an announcement whose numbered points were not read)


class SourceDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    short: Bilingual
    title: Bilingual
    issuer: Bilingual
    instrument: Bilingual | None = None
    issued: date | None = None
    in_force_from: date
    in_force_until: date | None = None
    status: DocStatus
    binding: Binding
    unit: Unit
    note: Bilingual | None = None


class Basis(StrEnum):
    """How firmly the fact behind a citation was read (legal-facts.md's labels)."""

    primary = "P"
    secondary = "S"
    superseded_text = "P-2007"
    unverified = "UNVERIFIED"


class Citation(BaseModel):
    """One source a rule rests on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    doc: str
    article: str | None = Field(default=None, pattern=r"^[0-9IVX]+(?:\.[0-9]+)?$")
    paragraph: int | None = Field(default=None, ge=1)
    item: int | None = Field(default=None, ge=1)
    basis: Basis
    fact: str = Field(min_length=1)


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def cite(citation: Citation, doc: SourceDoc, lang: Lang) -> str:
    """'DUR Art. 27' / '《两用物项出口管制条例》第二十七条', with paragraph and item when given."""
    return cite_place(doc, citation.article, citation.paragraph, citation.item, lang)


def cite_place(doc: SourceDoc, article: str | None, paragraph: int | None, item: int | None, lang: Lang) -> str:
    place = place_in(doc, article, paragraph, item, lang)
    if place is None:
        return doc.short[lang]
    return f"{doc.short.en} {place}" if lang == "en" else f"{doc.short.zh}{place}"


def place_in(doc: SourceDoc, article: str | None, paragraph: int | None, item: int | None, lang: Lang) -> str | None:
    """'Art. 27' / '第二十七条'; None for a document cited as a whole."""
    if doc.unit == Unit.document or article is None:
        return None
    return locator(doc, article, paragraph, item, lang)


def locator(doc: SourceDoc, article: str, paragraph: int | None, item: int | None, lang: Lang) -> str:
    """The part of a citation after the document: 'Art. 12 para 3' / '第十二条第三款'."""
    if lang == "en":
        text = {Unit.article: f"Art. {article}", Unit.element: f"element {article}",
                Unit.section: f"section {article}"}[doc.unit]
        if paragraph:
            text += f" para {paragraph}"
        if item:
            text += f" item {item}"
        return text
    if doc.unit == Unit.article:
        text = f"第{chinese_number(int(article))}条"
    elif doc.unit == Unit.element:
        text = f"要素{chinese_number(int(article))}"
    else:
        text = _zh_section(article)
    if paragraph:
        text += f"第{chinese_number(paragraph)}款"
    if item:
        text += f"第{chinese_number(item)}项"
    return text


def _zh_section(section: str) -> str:
    """White-paper sections: 'III.1' → '第三部分（一）'."""
    match = re.match(r"^([IVX]+)(?:\.(\d+))?$", section)
    if not match:
        return section
    text = f"第{chinese_number(_ROMAN[match.group(1)])}部分"
    if match.group(2):
        text += f"（{chinese_number(int(match.group(2)))}）"
    return text
