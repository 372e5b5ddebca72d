"""Facts derived from a profile (and the reference data) before rules see it, so that rules stay declarative.

`DERIVED` is the one registry of them: `derive` computes exactly these, and the rule loader accepts a rule path
through a derived fact only because it is listed here (a test holds the two together). Derived keys can't
clash with what a user writes: the profile model refuses unknown keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel

from checker.paths import Path
from checker.profile.documents import Document
from checker.profile.labels import Phrase
from checker.profile.model import Export, Party, Programme, TechnologyTransfer
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
        "the screening lists of the reference data with an entry the party's name or Chinese name matches "
        "strongly (docs/screening.md); a recorded false-positive resolution clears them",
    ),
    DerivedFact(
        Party,
        "screening_matches",
        "the reference-list entries the party's names match: for each, the list, the entry's name, reference, "
        "announcement and listing date, the strength (strong or possible), the score and how it was reached, "
        "and whether the entry stood on the assessment date; strong matches only when there is one, none once "
        "a false-positive resolution is recorded",
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
        "party_listings",
        "each listing counted in party_lists, as text for a finding to quote: the party, the list and, where "
        "known, the entry its name matched, the announcement, the listing date and the match score",
    ),
    DerivedFact(
        TechnologyTransfer,
        "party_listings",
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
        TechnologyTransfer,
        "classified_as",
        "the item's export control code as determined on the transfer's date, reckoned as for an export",
    ),
    DerivedFact(
        Export,
        "banned_by",
        "the announcements of the rule set's measures whose ban covers the export on its date: a listed item "
        "(classified_as, or under temporary control) for a military user or use (a military_end_use red flag, or "
        "a party of the export whose strong screening match marks it military) where the destination, or the "
        "consignee's or end user's country, is one the ban names; a suspended announcement bans nothing",
    ),
    DerivedFact(
        Export,
        "listing_changed_on",
        "the last day on or before the export's date on which a listing of one of its parties changed: the party "
        "was listed or removed, or a suspension of its listing began or ended, by its own dated entries (listed_on) "
        "or by the reference-list entries it matches strongly; none when no dated change is known",
    ),
    DerivedFact(
        Programme,
        "evidence_files",
        "every evidence file the profile names (policy statement, risk assessment, emergency plan, training, "
        "audits, manual): where it is named (at), as written (given), whether it was found beside the profile "
        "when the profile was read (found), and whether it is a link, which is not read (link)",
    ),
)


def derived_names(record: type[BaseModel]) -> set[str]:
    return {fact.name for fact in DERIVED if fact.record is record}


def derive(
    data: dict[str, Any],
    reference: ReferenceData = NO_REFERENCE_DATA,
    announcements: AnnouncementStanding | None = None,
    as_of: date | None = None,
    bans: BansOn | None = None,
    documents: Sequence[Document] = (),
) -> dict[str, Any]:
    standing = announcements or (lambda announcement, day: None)
    screen = screening_matches(reference)
    parties = []
    for party in data.get("parties") or []:
        matches = screen(party)
        for match in matches:
            match["standing"] = _entry_in_force(match, as_of, standing) if as_of else None
        strong = sorted({match["list"] for match in matches if match["strength"] == "strong"})
        parties.append({**party, "reference_lists": strong, "screening_matches": matches})
    # Each party's dated entries, its own and its strong matches, gathered once: a ledger names it on every row.
    entries_of = {id(party): _dated_entries(party) for party in parties}
    by_id = {party.get("id"): party for party in parties}
    items = {item.get("id"): (k, item) for k, item in enumerate(data.get("items") or [])}

    def with_lists(record: dict[str, Any], party_ids: Iterable[Any]) -> dict[str, Any]:
        found: set[str] = set()
        announcements: set[str] = set()
        listings: list[Phrase] = []
        for party_id in dict.fromkeys(party_ids):
            party = by_id.get(party_id)
            if party is not None:
                found |= _lists_on(party, entries_of[id(party)], record.get("date"), standing, announcements, listings)
        return {
            **record,
            "party_lists": sorted(found),
            "listing_announcements": sorted(announcements),
            "party_listings": _joined(listings),
        }

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
            "banned_by": banned_by(export, by_id, items, bans_on),
            "listing_changed_on": listing_changed_on(export, by_id),
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
    derived = {**data, "parties": parties, "exports": exports, "technology_transfers": transfers}
    if isinstance(data.get("programme"), dict):
        files = [
            {"at": document.at, "given": document.given, "found": document.found, "link": document.link}
            for document in documents
        ]
        derived["programme"] = {**data["programme"], "evidence_files": files}
    return derived


def banned_by(
    export: dict[str, Any],
    parties: dict[Any, dict[str, Any]],
    items: dict[Any, tuple[int, dict[str, Any]]],
    bans: BansOn,
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
        _marked_military(party) for party in (*own, *others)
    )
    if not military:
        return []
    countries = {export.get("destination"), *(party.get("country") for party in own)}
    return sorted({ban.announcement for ban in bans(day) if ban.countries & countries})


def listing_changed_on(export: dict[str, Any], parties: dict[Any, dict[str, Any]]) -> date | None:
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
        for entry in (*own, *_reference_entries(party)):
            ended = entry.get("suspended_to")
            changes += [entry.get("date"), entry.get("removed_on"), entry.get("suspended_from")]
            changes.append(ended + timedelta(days=1) if isinstance(ended, date) and ended < date.max else None)
    known = [change for change in changes if isinstance(change, date) and change <= day]
    return max(known, default=None)


def _marked_military(party: dict[str, Any]) -> bool:
    """Whether a reference-list entry the party matches strongly marks it a military user."""
    return any(entry.get("military") for entry in _reference_entries(party))


def _reference_entries(party: dict[str, Any]) -> list[dict[str, Any]]:
    """The reference-list entries the party matches strongly (a recorded false-positive resolution leaves none)."""
    return [match for match in party.get("screening_matches") or [] if match["strength"] == "strong"]


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


def _dated_entries(party: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """The party's bare list names, and its dated entries: its own, then the strong matches of the reference data."""
    bare = [entry for entry in party.get("listed_on") or [] if isinstance(entry, str)]
    dated = [entry for entry in party.get("listed_on") or [] if not isinstance(entry, str)]
    dated += [match for match in party.get("screening_matches") or () if match["strength"] == "strong"]
    return bare, dated


def _lists_on(
    party: dict[str, Any],
    gathered: tuple[list[str], list[dict[str, Any]]],
    day: Any,
    standing: AnnouncementStanding,
    announcements: set[str],
    listings: list[Phrase],
) -> set[str]:
    """The lists the party was on on the day: its own entries, then the entries of the reference data it
    matches strongly. The recorded announcements behind the entries counted are added to `announcements`, and
    each entry counted, as text, to `listings`."""
    bare, entries = gathered
    found: set[str] = set(bare)
    listings.extend(Phrase([(f"{party.get('id')} → ", False), (entry, True)]) for entry in bare)
    for entry in entries:
        if not isinstance(day, date) or _entry_in_force(entry, day, standing):
            found.add(entry["list"])
            listings.append(_listing_text(party.get("id"), entry))
            announcement = entry.get("announcement")
            if announcement and isinstance(day, date) and standing(announcement, day) is not None:
                announcements.add(announcement)
    return found


def _listing_text(party_id: Any, entry: dict[str, Any]) -> Phrase:
    """`P-1 → mofcom_control_list (Lockheed Martin Corporation · MOFCOM2025-1 · 2025-01-02 · 100)`: the party,
    the list and what is known of the entry (the name matched, the announcement, the listing date, the score),
    in no one language, for a finding in either to quote."""
    score = entry.get("score")
    when = entry.get("date")
    details = [
        entry.get("entry"),
        entry.get("announcement") or entry.get("reference"),
        when.isoformat() if isinstance(when, date) else None,
        f"{score:g}" if isinstance(score, float) else None,
    ]
    shown = " · ".join(str(detail) for detail in details if detail)
    return Phrase([(f"{party_id} → ", False), (entry["list"], True), (f" ({shown})" if shown else "", False)])


def _joined(listings: list[Phrase]) -> Phrase | None:
    parts = [
        part for index, listing in enumerate(listings) for part in ((("; ", False),) if index else ()) + listing.parts
    ]
    return Phrase(parts) if parts else None


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


PartyScreen = Callable[[dict[str, Any]], list[dict[str, Any]]]


def screening_matches(reference: ReferenceData) -> PartyScreen:
    """A function giving a party's matches against the reference data's screening lists, as plain data."""
    lists = reference.of_kind("party_list")
    if not lists:
        return lambda party: []
    from checker.screening.matcher import indexed  # loaded only for a run given lists

    entries = [(dataset, entry) for dataset in lists for entry in dataset.entries]
    matcher = indexed(
        [(entry.name, *((entry.name_zh,) if entry.name_zh else ()), *entry.aliases) for _, entry in entries]
    )

    def screen(party: dict[str, Any]) -> list[dict[str, Any]]:
        if (party.get("match_resolution") or {}).get("outcome") == "false_positive":
            return []
        names = [name for name in (party.get("name"), party.get("name_zh")) if isinstance(name, str)]
        found = []
        for match in matcher.match(names):
            dataset, entry = entries[match.entry]
            found.append(
                {
                    "list": dataset.list.value,
                    "dataset": dataset.name,
                    "entry": entry.name,
                    "reference": entry.reference,
                    "announcement": entry.announcement,
                    "date": entry.listed_on,
                    "removed_on": entry.removed_on,
                    "suspended_from": entry.suspended_from,
                    "suspended_to": entry.suspended_to,
                    "military": entry.military,
                    "strength": match.strength,
                    "score": match.score,
                    "method": match.method,
                    "name": match.name,
                    "matched": match.matched,
                }
            )
        return found

    return screen
