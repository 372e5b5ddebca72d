"""Citations spelled out for a reader: the document's full title, then the places in it.

The serialised data gives each citation's document and its place in it ("Art. 27",
"第二十七条"); the registry gives each document's title. Places in the same
document are cited together, after one title: "Regulations of the PRC on …,
Art. 18 para 1; Art. 40 para 1". A document cited as a whole has no place.

English titles name the state as "PRC", as citations usually do; the full
titles are listed once, in the report's appendix of sources. Chinese titles
take book-title marks 《》 when the short name does (laws, regulations, rules),
with any marks inside the title turned into 〈〉 as Chinese nesting requires; a
title that already opens with 《 (the white paper) is used as it stands.
"""

from __future__ import annotations

from typing import Any

from checker import i18n
from checker.bilingual import Lang

_STATE = "People's Republic of China"


def spelled_out(
    sources: list[tuple[str, str | None]],
    registry: dict[str, dict[str, Any]],
    lang: Lang,
    grades: list[str] | None = None,
) -> list[str]:
    """`sources` are (document id, place or None) pairs, in the rule's order; one line per document. With
    `grades` (one per source), each place, or a document cited as a whole, is followed by how firmly it was
    read: "Art. 27 [P]"."""
    places: dict[str, list[str]] = {}
    whole: dict[str, str] = {}
    for index, (doc_id, place) in enumerate(sources):
        grade = f" [{grades[index]}]" if grades else ""
        places.setdefault(doc_id, [])
        if place and place + grade not in places[doc_id]:
            places[doc_id].append(place + grade)
        elif not place:
            whole[doc_id] = grade
    return [_line(registry[doc_id], found, lang, whole.get(doc_id, "")) for doc_id, found in places.items()]


def _line(doc: dict[str, Any], places: list[str], lang: Lang, grade: str = "") -> str:
    if lang == "en":
        title = doc["title"].replace(_STATE, "PRC")
        line = f"{title}, {'; '.join(places)}" if places else title + grade
    else:
        line = _titled_zh(doc["title_zh"], doc["short_zh"]) + ("、".join(places) if places else grade)
    # Guidance, the white paper and a company's own policy are cited for what they say, never as law: the reader
    # is told so.
    if doc.get("binding") in ("guidance", "policy_paper", "internal_policy"):
        note = i18n.t("report", f"not_binding_{doc['binding']}", lang)
        line += f" ({note})" if lang == "en" else f"（{note}）"
    return line


def _titled_zh(title: str, short: str) -> str:
    if title.startswith("《") or not short.startswith("《"):
        return title
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"
