"""Facts derived from a profile (and the reference data) before rules see it, so that rules stay declarative.

`DERIVED` is the one registry of them: `derive` computes exactly these, and the rule loader accepts a rule path
through a derived fact only because it is listed here (a test holds the two together). Derived keys can't
clash with what a user writes: the profile model refuses unknown keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel

from checker.paths import Path
from checker.profile.model import Export, Party, TechnologyTransfer
from checker.reference import NO_REFERENCE_DATA, ReferenceData

# Whether an announcement recorded in the rule set's measures (an id such as MOFCOM2025-21) applies on a day;
# None when the id is not recorded there. Listings that name such an announcement follow its suspensions.
AnnouncementStanding = Callable[[str, date], bool | None]


@dataclass(frozen=True)
class Ban:
    """A ban of the rule set's measures that applies on a day: dual-use items on a control list or under
    temporary control, to military users and uses in these countries."""

    announcement: str
    countries: frozenset[str]


# The bans of the rule set's measures that apply on a day (their announcement in force, not suspended).
BansOn = Callable[[date], Sequence[Ban]]


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
        "every list any party of the export (its consignee, its end user, its intermediaries) was on on the "
        "export's date, as the profile records it (listed_on) or as the reference data shows it: an entry counts "
        "from the day it was listed, not while it was suspended (by its own dates or by the announcement that "
        "listed it) and not after it was removed; an entry with no dates counts on every day",
    ),
    DerivedFact(
        TechnologyTransfer,
        "party_lists",
        "every list the recipient's party was on on the transfer's date, reckoned as for an export",
    ),
    DerivedFact(
        Export,
        "listing_announcements",
        "the announcements recorded in the rule set's measures behind the listings counted in party_lists, so that "
        "a finding resting on one whose status after a suspension is unknown can say so",
    ),
    DerivedFact(
        TechnologyTransfer,
        "listing_announcements",
        "the same for the recipient's party",
    ),
    DerivedFact(
        Export,
        "classified_as",
        "the item's export control code as determined on the export's date: the latest determination on or "
        "before it (control_code with classified_on, or an entry of classifications), else an undated one, "
        "else the earliest later one",
    ),
    DerivedFact(
        Export,
        "banned_by",
        "the announcements of the rule set's measures whose ban covers the export on its date: a listed item "
        "(classified_as, or under temporary control) for a military user or use (a military_end_use red flag, or "
        "a party of the export that the reference lists mark as military) where the destination, or the "
        "consignee's or end user's country, is one the ban names; a suspended announcement bans nothing",
    ),
    DerivedFact(
        Export,
        "listing_changed_on",
        "the last day on or before the export's date on which a listing of one of its parties changed: the party "
        "was listed or removed, or a suspension of its listing began or ended, by its own dated entries (listed_on) "
        "or by the reference-list entries that carry its name; none when no dated change is known",
    ),
    DerivedFact(
        TechnologyTransfer,
        "classified_as",
        "the item's export control code as determined on the transfer's date, reckoned as for an export",
    ),
)


def derived_names(record: type[BaseModel]) -> set[str]:
    return {fact.name for fact in DERIVED if fact.record is record}


def derive(
    data: dict[str, Any],
    reference: ReferenceData = NO_REFERENCE_DATA,
    announcements: AnnouncementStanding | None = None,
    bans: BansOn | None = None,
) -> dict[str, Any]:
    standing = announcements or (lambda announcement, day: None)
    listed = _listed_names(reference)
    parties = [{**party, "reference_lists": _reference_lists(party, listed)} for party in data.get("parties") or []]
    by_id = {party.get("id"): party for party in parties}
    items = {item.get("id"): (k, item) for k, item in enumerate(data.get("items") or [])}

    def with_lists(record: dict[str, Any], party_ids: Iterable[Any]) -> dict[str, Any]:
        found: set[str] = set()
        announcements: set[str] = set()
        for party_id in party_ids:
            party = by_id.get(party_id)
            if party is not None:
                found |= _lists_on(party, record.get("date"), standing, listed, announcements)
        return {**record, "party_lists": sorted(found), "listing_announcements": sorted(announcements)}

    def classified_as(record: dict[str, Any]) -> str | None:
        entry = items.get(record.get("item"))
        if entry is None or not isinstance(record.get("date"), date):
            return entry[1].get("control_code") if entry else None
        chosen = in_force_on(determinations(entry[1], ("items", entry[0])), record["date"])
        return chosen[1] if chosen else None

    exports = [
        {
            **with_lists(
                export, [export.get("consignee"), export.get("end_user"), *(export.get("intermediaries") or [])]
            ),
            "classified_as": classified_as(export),
        }
        for export in data.get("exports") or []
    ]
    bans_on = bans or (lambda day: ())
    exports = [
        {
            **export,
            "banned_by": banned_by(export, by_id, items, bans_on, listed),
            "listing_changed_on": listing_changed_on(export, by_id, listed),
        }
        for export in exports
    ]
    transfers = [
        {
            **with_lists(transfer, [(transfer.get("recipient") or {}).get("party")]),
            "classified_as": classified_as(transfer),
        }
        for transfer in data.get("technology_transfers") or []
    ]
    return {**data, "parties": parties, "exports": exports, "technology_transfers": transfers}


def banned_by(
    export: dict[str, Any],
    parties: dict[Any, dict[str, Any]],
    items: dict[Any, tuple[int, dict[str, Any]]],
    bans: BansOn,
    listed: dict[str, list[dict[str, Any]]],
) -> list[str]:
    """The announcements whose ban covers the export on its date (see DERIVED)."""
    day = export.get("date")
    if not isinstance(day, date):
        return []
    code = export.get("classified_as")
    item = items.get(export.get("item"), (0, {}))[1]
    if (code is None or code == "not_listed") and item.get("temporary_control") is not True:
        return []
    own = [parties.get(export.get(role)) or {} for role in ("consignee", "end_user")]
    others = [parties.get(party_id) or {} for party_id in export.get("intermediaries") or []]
    military = "military_end_use" in (export.get("red_flags") or []) or any(
        _marked_military(party, listed) for party in (*own, *others)
    )
    if not military:
        return []
    countries = {export.get("destination"), *(party.get("country") for party in own)}
    return sorted({ban.announcement for ban in bans(day) if ban.countries & countries})


def listing_changed_on(
    export: dict[str, Any], parties: dict[Any, dict[str, Any]], listed: dict[str, list[dict[str, Any]]]
) -> date | None:
    """The last dated change, on or before the export's date, of a listing of one of its parties (see DERIVED)."""
    day = export.get("date")
    if not isinstance(day, date):
        return None
    changes: list[Any] = []
    for party_id in (export.get("consignee"), export.get("end_user"), *(export.get("intermediaries") or [])):
        party = parties.get(party_id)
        if party is None:
            continue
        own = [entry for entry in party.get("listed_on") or [] if isinstance(entry, dict)]
        for entry in (*own, *_reference_entries(party, listed)):
            ended = entry.get("suspended_to")
            changes += [entry.get("date"), entry.get("removed_on"), entry.get("suspended_from")]
            changes.append(ended + timedelta(days=1) if isinstance(ended, date) and ended < date.max else None)
    known = [change for change in changes if isinstance(change, date) and change <= day]
    return max(known, default=None)


def _marked_military(party: dict[str, Any], listed: dict[str, list[dict[str, Any]]]) -> bool:
    """Whether a reference-list entry carrying the party's name marks it a military user."""
    return any(entry.get("military") for entry in _reference_entries(party, listed))


def _reference_entries(party: dict[str, Any], listed: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The reference-list entries that carry the party's name; a recorded false-positive resolution says none
    of them is this party."""
    if not listed or (party.get("match_resolution") or {}).get("outcome") == "false_positive":
        return []
    names = (party.get("name"), party.get("name_zh"))
    return [entry for name in names if name for entry in listed.get(normalise_name(name), ())]


Determination = tuple[date | None, str, Path]  # when, the code, and where it is written (its date's path)


def determinations(item: dict[str, Any], at: Path) -> list[Determination]:
    found: list[Determination] = []
    if item.get("control_code") is not None:
        found.append((item.get("classified_on"), item["control_code"], (*at, "classified_on")))
    for k, entry in enumerate(item.get("classifications") or []):
        found.append((entry["classified_on"], entry["control_code"], (*at, "classifications", k, "classified_on")))
    return found


def in_force_on(found: list[Determination], day: date) -> Determination | None:
    """The determination in force on the day; else an undated one; else the earliest later one."""
    dated = sorted((entry for entry in found if entry[0] is not None), key=lambda entry: entry[0] or date.min)
    before = [entry for entry in dated if entry[0] is not None and entry[0] <= day]
    if before:
        return before[-1]
    undated = [entry for entry in found if entry[0] is None]
    return undated[0] if undated else (dated[0] if dated else None)


def _lists_on(
    party: dict[str, Any],
    day: Any,
    standing: AnnouncementStanding,
    listed: dict[str, list[dict[str, Any]]],
    announcements: set[str],
) -> set[str]:
    """The lists the party was on on the day: its own entries, then what the reference data shows. The recorded
    announcements behind the entries counted are added to `announcements`."""
    entries: list[dict[str, Any]] = []
    found: set[str] = set()
    for entry in party.get("listed_on") or []:
        if isinstance(entry, str):
            found.add(entry)
        else:
            entries.append(entry)
    resolution = party.get("match_resolution") or {}
    if listed and resolution.get("outcome") != "false_positive":
        for name in (party.get("name"), party.get("name_zh")):
            entries.extend(listed.get(normalise_name(name), ()) if name else ())
    for entry in entries:
        if not isinstance(day, date) or _entry_in_force(entry, day, standing):
            found.add(entry["list"])
            announcement = entry.get("announcement")
            if announcement and isinstance(day, date) and standing(announcement, day) is not None:
                announcements.add(announcement)
    return found


def _entry_in_force(entry: dict[str, Any], day: date, standing: AnnouncementStanding) -> bool:
    listed_on = entry.get("date")
    if listed_on is not None and day < listed_on:
        return False
    removed = entry.get("removed_on")
    if removed is not None and day >= removed:
        return False
    start, end = entry.get("suspended_from"), entry.get("suspended_to")
    if start is not None and start <= day and (end is None or day <= end):
        return False
    announcement = entry.get("announcement")
    return standing(announcement, day) is not False if announcement else True


def normalise_name(name: str) -> str:
    """Case, width, spacing and punctuation set aside: `ACME  Co., Ltd.` and `acme co ltd` are the same."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def _listed_names(reference: ReferenceData) -> dict[str, list[dict[str, Any]]]:
    """Every name of every reference-list entry, normalised, with the entry's list and dates."""
    names: dict[str, list[dict[str, Any]]] = {}
    for dataset in reference.of_kind("party_list"):
        for entry in dataset.entries:
            dated = {
                "list": dataset.list.value,
                "date": entry.listed_on,
                "removed_on": entry.removed_on,
                "suspended_from": entry.suspended_from,
                "suspended_to": entry.suspended_to,
                "announcement": entry.announcement,
                "military": entry.military,
            }
            for name in (entry.name, *((entry.name_zh,) if entry.name_zh else ()), *entry.aliases):
                names.setdefault(normalise_name(name), []).append(dated)
    return names


def _reference_lists(party: dict[str, Any], listed: dict[str, list[dict[str, Any]]]) -> list[str]:
    if not listed:
        return []
    resolution = party.get("match_resolution") or {}
    if resolution.get("outcome") == "false_positive":
        return []
    found: set[str] = set()
    for name in (party.get("name"), party.get("name_zh")):
        if name:
            found |= {entry["list"] for entry in listed.get(normalise_name(name), ())}
    return sorted(found)
