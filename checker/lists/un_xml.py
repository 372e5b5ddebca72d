"""The UN Security Council Consolidated List in its official XML (root `CONSOLIDATED_LIST`).

The file is read leniently, by element name, as it is published rather than as its schema says: empty
placeholder elements and the literal `na` mean absent, spaces are collapsed, several names packed into one
alias with `;` are split, and dates may carry a time-zone suffix (`2015-03-27-04:00`). Its `dateGenerated` is
the list's date and version. Each record needs its id (`DATAID`), a name, its reference number and its
listing date; a record without them is an input error at its element's line, and nothing is imported. Weak
aliases (quality `Low`: nicknames, short forms) are left out: as names to screen against they would flag
far more than they find.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from xml.parsers import expat

from pydantic import ValidationError

from checker.errors import InputError, InputProblem
from checker.lists.files import make_dataset
from checker.profile.vocabulary import ScreeningList
from checker.reference.datasets import Dataset, Entry

ROOT = "CONSOLIDATED_LIST"
SOURCE = "United Nations Security Council Consolidated List, official XML (scsanctions.un.org)"
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff()\uff08\uff09\u00b7]+")  # Han, brackets, the middle dot
_ABSENT = {"", "na", "n/a"}
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_MAX_PROBLEMS = 20


class _Lines:
    """An XML tree whose elements remember the line they start on (expat, driven by hand for that)."""

    def __init__(self, path: Path) -> None:
        self.line: dict[int, int] = {}
        builder = ET.TreeBuilder()
        parser = expat.ParserCreate()
        parser.buffer_text = True

        def start(tag: str, attrs: dict[str, str]) -> None:
            self.line[id(builder.start(tag, attrs))] = parser.CurrentLineNumber

        parser.StartElementHandler = start
        parser.EndElementHandler = builder.end
        parser.CharacterDataHandler = builder.data
        with path.open("rb") as stream:
            parser.ParseFile(stream)
        self.root: ET.Element = builder.close()

    def of(self, element: ET.Element) -> int | None:
        return self.line.get(id(element))


def read_un_xml(path: Path) -> Dataset:
    name = str(path)
    try:
        tree = _Lines(path)
    except expat.ExpatError as error:
        message = expat.errors.messages[error.code]
        raise InputError(
            [InputProblem(name, error.lineno, error.offset + 1, f"not well-formed XML: {message}")]
        ) from None
    root = tree.root
    if root.tag != ROOT:
        raise InputError(
            [
                InputProblem(
                    name,
                    tree.of(root),
                    None,
                    f"the root element is <{root.tag}>, not <{ROOT}>: this is not the UN Security Council "
                    "Consolidated List (OFAC's lists, for one, have the root <sdnList>)",
                )
            ]
        )
    generated = root.get("dateGenerated", "")
    as_of = _date(generated)
    if as_of is None:
        raise InputError([InputProblem(name, tree.of(root), None, f"dateGenerated is not a date: {generated!r}")])
    problems: list[InputProblem] = []
    entries: list[Entry] = []
    for group, kind in (("INDIVIDUALS", "individual"), ("ENTITIES", "entity")):
        holder = root.find(group)
        if holder is None:
            problems.append(InputProblem(name, tree.of(root), None, f"<{ROOT}> has no <{group}> element"))
            continue
        for record in holder:
            try:
                entries.append(_entry(record, kind))
            except (ValueError, ValidationError) as error:
                message = error.errors()[0]["msg"] if isinstance(error, ValidationError) else str(error)
                problems.append(InputProblem(name, tree.of(record), None, f"<{record.tag}>: {message}"))
    if problems:
        raise InputError(problems[:_MAX_PROBLEMS], max(0, len(problems) - _MAX_PROBLEMS))
    return make_dataset(
        name,
        format=1,
        name="un-security-council-consolidated",
        kind="party_list",
        list=ScreeningList.un_security_council_sanctions,
        version=generated,
        as_of=as_of,
        source=SOURCE,
        basis="P",
        note=f"{_count(entries, 'individual')} individuals, {_count(entries, 'entity')} entities",
        entries=entries,
    )


def _count(entries: list[Entry], kind: str) -> int:
    return sum(entry.kind == kind for entry in entries)


def _entry(record: ET.Element, kind: str) -> Entry:
    if record.tag not in ("INDIVIDUAL", "ENTITY"):
        raise ValueError("an unexpected element here")
    if not _text(record, "DATAID"):
        raise ValueError("no DATAID")
    reference = _text(record, "REFERENCE_NUMBER")
    if not reference:
        raise ValueError(f"{_text(record, 'DATAID')}: no REFERENCE_NUMBER")
    parts = [part for tag in _NAME_PARTS if (part := _text(record, tag))]
    if not parts:
        raise ValueError(f"{reference}: no name")
    names = _split(" ".join(parts)) if kind == "entity" else [" ".join(parts)]
    listed = _text(record, "LISTED_ON")
    listed_on = _date(listed)
    if listed and listed_on is None:
        raise ValueError(f"{reference}: LISTED_ON is not a date: {listed!r}")
    updated = [day for value in record.iterfind("LAST_DAY_UPDATED/VALUE") if (day := _date(_clean(value.text)))]
    aliases = [*names[1:], *_aliases(record, kind)]
    if original := _text(record, "NAME_ORIGINAL_SCRIPT"):
        aliases.append(original)
    regime = _text(record, "UN_LIST_TYPE")
    # The list writes Chinese names only as aliases; the first alias wholly in Chinese script is the entry's
    # Chinese name, which screening compares with a party's `name_zh`.
    name_zh = next((alias for alias in aliases if _HAN.fullmatch(alias)), None)
    return Entry(
        name=names[0],
        name_zh=name_zh,
        aliases=list(dict.fromkeys(alias for alias in aliases if alias not in (names[0], name_zh))),
        reference=f"{reference} ({regime})" if regime else reference,
        kind=kind,
        listed_on=listed_on,
        updated_on=max(updated) if updated else None,
    )


def _aliases(record: ET.Element, kind: str) -> list[str]:
    found: list[str] = []
    for alias in record.iterfind(f"{record.tag}_ALIAS"):
        quality = _text(alias, "QUALITY")
        if quality == "Low":
            continue
        found.extend(_split(_text(alias, "ALIAS_NAME")))
    return found


def _split(value: str) -> list[str]:
    return [part for piece in value.split(";") if (part := " ".join(piece.split())) and part.lower() not in _ABSENT]


def _text(element: ET.Element, tag: str) -> str:
    child = element.find(tag)
    return _clean(child.text) if child is not None else ""


def _clean(text: str | None) -> str:
    value = " ".join((text or "").split())
    return "" if value.lower() in _ABSENT else value


def _date(value: str) -> date | None:
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None
