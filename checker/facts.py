"""Facts derived from a profile (and the reference data) before rules see it, so that rules stay declarative.

`DERIVED` is the one registry of them: `derive` computes exactly these, and the rule loader accepts a rule path
through a derived fact only because it is listed here (a test holds the two together). Derived keys can't
clash with what a user writes: the profile model refuses unknown keys.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from checker.profile.model import Export, Party
from checker.reference import NO_REFERENCE_DATA, ReferenceData


@dataclass(frozen=True)
class DerivedFact:
    record: type[BaseModel]  # the record of the profile model the fact is added to
    name: str
    meaning: str


DERIVED: tuple[DerivedFact, ...] = (
    DerivedFact(
        Party,
        "reference_lists",
        "the screening lists of the reference data whose entries carry the party's name or Chinese name, "
        "exactly as written once case, width, spacing and punctuation are set aside; a recorded "
        "false-positive resolution clears them",
    ),
    DerivedFact(
        Export,
        "party_lists",
        "every list any party of the export is on, as the profile records it (listed_on) or as the "
        "reference data shows it: its consignee, its end user and its intermediaries",
    ),
)


def derived_names(record: type[BaseModel]) -> set[str]:
    return {fact.name for fact in DERIVED if fact.record is record}


def derive(data: dict[str, Any], reference: ReferenceData = NO_REFERENCE_DATA) -> dict[str, Any]:
    listed = _listed_names(reference)
    parties = [{**party, "reference_lists": _reference_lists(party, listed)} for party in data.get("parties") or []]
    by_id = {party.get("id"): party for party in parties}
    exports = []
    for export in data.get("exports") or []:
        ids = [export.get("consignee"), export.get("end_user"), *(export.get("intermediaries") or [])]
        lists = {
            name
            for party_id in ids
            if party_id in by_id
            for name in [*(by_id[party_id].get("listed_on") or []), *by_id[party_id]["reference_lists"]]
        }
        exports.append({**export, "party_lists": sorted(lists)})
    return {**data, "parties": parties, "exports": exports}


def normalise_name(name: str) -> str:
    """Case, width, spacing and punctuation set aside: `ACME  Co., Ltd.` and `acme co ltd` are the same."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def _listed_names(reference: ReferenceData) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for dataset in reference.of_kind("party_list"):
        for entry in dataset.entries:
            for name in (entry.name, *entry.aliases):
                names.setdefault(normalise_name(name), set()).add(dataset.list.value)
    return names


def _reference_lists(party: dict[str, Any], listed: dict[str, set[str]]) -> list[str]:
    if not listed:
        return []
    resolution = party.get("match_resolution") or {}
    if resolution.get("outcome") == "false_positive":
        return []
    found: set[str] = set()
    for name in (party.get("name"), party.get("name_zh")):
        if name:
            found |= listed.get(normalise_name(name), set())
    return sorted(found)
