"""The registry of source documents (`rules/sources.yaml`), how a citation is written, and its note.

Rules cite a document by its id and an article (or element, or section);
titles, dates and status live here once, so a citation can't drift. What the
cited article requires is written once too, on the document's page under
docs/sources/, and a citation's `fact` names that note: `ECL#article-12`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from checker.bilingual import Bilingual, Lang, chinese_number
from checker.resources import data_dir


class Basis(StrEnum):
    """How firmly the fact behind a citation was read (the grades on the pages under docs/sources/)."""

    primary = "P"
    secondary = "S"
    superseded_text = "P-2007"
    unverified = "UNVERIFIED"


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


class ChangeKind(StrEnum):
    suspended = "suspended"  # not applied from `from` to `to` (inclusive), then applied again unless recorded
    ended = "ended"  # repealed, lifted or stopped: not applied from `from` on
    resumed = "resumed"  # applied again from `from`


class Change(BaseModel):
    """A dated change in a document's standing, as it was read: a suspension, an end, a resumption.

    `to` is the last day of a suspension, inclusive, as announcements word it ("until 10 November 2026").
    A change of a `part` (one point of an announcement) is reported as a notice; only a change of the
    whole document moves the windows of the rules that cite it.
    """

    # defer_build: a run whose rule set comes from the cache validates no rule file (see checker.ruleset.cache).
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    kind: ChangeKind
    start: date = Field(alias="from")
    to: date | None = None
    part: Bilingual | None = None
    by: str | None = None  # the document that made the change, when it is in the registry
    basis: Basis
    note: Bilingual | None = None


class BannedUsers(StrEnum):
    military = "military"  # military users and military uses


class BannedItems(StrEnum):
    listed = "listed"  # items on a control list or under temporary control on the export's date


class Ban(BaseModel):
    """What an announcement bans, as data: a rule (INT-006) reads every ban of the registry, so the next
    announcement of the kind is a new entry here, not new code. It applies while its announcement does."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # The destination, or the consignee's or end user's country, as ISO 3166-1 alpha-2 codes.
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(min_length=1)
    users: BannedUsers
    items: BannedItems
    basis: Basis
    note: Bilingual | None = None


class SourceDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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
    basis: Basis | None = None  # how firmly the document's own dates were read, when not from its official text
    history: list[Change] = Field(default_factory=list)  # in date order
    bans: list[Ban] = Field(default_factory=list)  # what a measure bans, for the rules that read bans


class Role(StrEnum):
    """What a citation does in a rule. A rule applies on a day when one of its requirements is in force then;
    its penalty and context citations explain, and never decide when it applies."""

    requirement = "requirement"
    penalty = "penalty"
    context = "context"


class Citation(BaseModel):
    """One source a rule rests on."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    doc: str
    article: str | None = Field(default=None, pattern=r"^[0-9IVX]+(?:\.[0-9]+)?$")
    paragraph: int | None = Field(default=None, ge=1)
    item: int | None = Field(default=None, ge=1)
    basis: Basis
    role: Role = Role.requirement
    # A note reference, 'DOC#anchor' optionally followed by ' — short words'. The built-in rules always write
    # one (the loader insists); a rule pack without notes of its own may say in words where the fact was read.
    fact: str = Field(min_length=1)

    @property
    def note(self) -> NoteRef | None:
        match = FACT_REFERENCE.fullmatch(self.fact)
        return NoteRef(match["page"], match["anchor"]) if match else None


# A fact reference: the page docs/sources/<page>.md, '#', the anchor of a heading on it as GitHub
# would slug it ('## Article 12' → 'article-12'), then optionally ' — ' and a few words of gist.
FACT_REFERENCE = re.compile(
    r"(?P<page>[A-Za-z0-9][A-Za-z0-9-]*)#(?P<anchor>[a-z0-9]+(?:-[a-z0-9]+)*)"
    r"(?: — (?P<gist>\S.*))?",
    re.DOTALL,
)


@dataclass(frozen=True)
class NoteRef:
    page: str
    anchor: str

    def __str__(self) -> str:
        return f"docs/sources/{self.page}.md#{self.anchor}"


@cache
def notes_dir() -> Path:
    """docs/sources at the top of the repository, or packaged under checker/_data in a wheel."""
    return data_dir("docs/sources")


def has_page(directory: Path, page: str) -> bool:
    return f"{page}.md" in _pages(directory)


def note_text(ref: NoteRef, directory: Path | None = None) -> tuple[str, ...] | None:
    """The paragraphs under the referenced heading, each on one line; None if page or heading is missing."""
    directory = directory or notes_dir()
    return _sections(directory / f"{ref.page}.md").get(ref.anchor) if has_page(directory, ref.page) else None


def unresolved(ref: NoteRef, directory: Path | None = None) -> str | None:
    """Why a note reference does not resolve, or None when it does."""
    directory = directory or notes_dir()
    if not has_page(directory, ref.page):
        return f"fact {ref.page}#{ref.anchor}: there is no page docs/sources/{ref.page}.md"
    if ref.anchor in _sections(directory / f"{ref.page}.md"):
        return None
    return f"fact {ref.page}#{ref.anchor}: docs/sources/{ref.page}.md has no heading {ref.anchor!r}"


@cache
def _pages(directory: Path) -> frozenset[str]:
    """The note pages in a directory, read once: a rule set cites them hundreds of times."""
    try:
        return frozenset(name for name in os.listdir(directory) if name.endswith(".md"))
    except OSError:
        return frozenset()


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@cache
def _sections(path: Path) -> dict[str, tuple[str, ...]]:
    """Anchor → paragraphs up to the next heading, for every heading of a Markdown page."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("```"):
            fenced = not fenced
        heading = None if fenced else re.match(r"#{1,6}\s+(.+?)\s*$", line)
        if heading:
            anchor = base = slug(heading.group(1))
            count = 0
            while anchor in sections:
                count += 1
                anchor = f"{base}-{count}"
            current = sections[anchor] = [""]
        elif current is not None:
            if line.strip():
                current[-1] = f"{current[-1]} {line.strip()}".strip()
            elif current[-1]:
                current.append("")
    return {anchor: tuple(p for p in paragraphs if p) for anchor, paragraphs in sections.items()}


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
        text = {
            Unit.article: f"Art. {article}",
            Unit.element: f"element {article}",
            Unit.section: f"section {article}",
        }[doc.unit]
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
