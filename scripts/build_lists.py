"""Build the list snapshots shipped in checker/lists/data from their sources.

    python scripts/build_lists.py --control control.csv --watch watch.csv --uel uel.csv --un consolidated.xml

The three MOFCOM lists come from a third-party compilation of MOFCOM's announcements (the CSV columns
id, notice, notice_order, effective_date, region, name_zh, name_en, entity_type, and for the Unreliable
Entity List a `list` column); the UN list from its official XML, read by the same importer as
`exportcheck lists import`. The compilation records no change after a listing: the suspensions and removals
in `STATUS` are layered on here, each with the source it was read in and how firmly (docs/lists.md).
"""

from __future__ import annotations

import argparse
import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from checker.lists import known
from checker.lists.files import write_list
from checker.lists.shipped import DATA
from checker.lists.un_xml import read_un_xml
from checker.profile.vocabulary import ScreeningList
from checker.reference.datasets import Dataset, Entry

COMPILATION = (
    "third-party compilation of MOFCOM announcements: github.com/aidehaomj-rgb/china-export-control-monitor, "
    "public/data/control-entities.json, generated 2026-08-24 (commit 0660ec4); not the official list"
)
COMPILED_ON = date(2026, 8, 24)
REGIONS = {"美国": "US", "日本": "JP", "台湾地区": "TW", "加拿大": "CA", "欧盟": "EU"}
KINDS = {"企业": "entity", "机构/单位": "entity", "个人": "individual"}
_NOTICE = re.compile(r"商务部公告(\d{4})年第(\d+)号")


@dataclass(frozen=True)
class Status:
    removed_on: date | None = None
    suspended_from: date | None = None
    suspended_to: date | None = None
    source: str = ""


# What happened to an announcement's listings after it, as secondary sources report it (grade S unless said).
STATUS = {
    "MOFCOM2025-13": Status(
        suspended_from=date(2025, 11, 10),
        source="S: from 10 Nov 2025 the measures on the 15 entities listed on 4 Mar 2025 were suspended "
        "(sources disagree whether suspended or lifted); no end date read",
    ),
    "MOFCOM2025-21": Status(
        suspended_from=date(2025, 8, 12),
        suspended_to=date(2026, 11, 10),
        source="S: suspended for a further 90 days from 12 Aug 2025, then continued for one year from "
        "10 Nov 2025; the last day, 10 Nov 2026, is UNVERIFIED",
    ),
    "MOFCOM2025-22": Status(
        removed_on=date(2025, 8, 12),
        source="S: the measures on the 12 entities listed on 9 Apr 2025 were stopped from 12 Aug 2025",
    ),
}
# The first listings on the Unreliable Entity List, which the compilation dates by a later control listing.
UEL_LISTED = {
    "Lockheed Martin Corporation": date(2023, 2, 16),
    "Raytheon Missiles & Defense": date(2023, 2, 16),
}
UEL_LISTED_SOURCE = "S: put on the Unreliable Entity List on 16 Feb 2023 over arms sales to Taiwan"
NOT_OFFICIAL = (
    "A dated, partial snapshot built from a secondary compilation, not the official list: names as the "
    "compilation spells them, suspensions and removals layered on from secondary sources. Check MOFCOM's own "
    "announcements, or import a copy you trust with `exportcheck lists import`."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for option in ("--control", "--watch", "--uel", "--un"):
        parser.add_argument(option, type=Path, required=True)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args()
    built = [
        _mofcom(args.control, ScreeningList.mofcom_control_list, "MOFCOM export control list (管控名单)"),
        _mofcom(args.watch, ScreeningList.mofcom_watch_list, "MOFCOM watch list (关注名单)"),
        _mofcom(args.uel, ScreeningList.unreliable_entity_list, "Unreliable Entity List (不可靠实体清单)"),
        _un(args.un),
    ]
    for dataset in built:
        path = args.out / known(dataset.list).file
        write_list(dataset, path, "# Built by scripts/build_lists.py: a dated snapshot, not the official list.\n")
        print(f"{path}: {len(dataset.entries)} entries, as of {dataset.as_of}")


def _mofcom(path: Path, list_: ScreeningList, title: str) -> Dataset:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    by_id: dict[str, dict[str, str]] = {}
    for row in rows:  # a firm listed twice keeps the row of its own list's announcement
        if row["id"] not in by_id or row.get("list", "") == "不可靠实体":
            by_id[row["id"]] = row
    entries = [_entry(row, list_) for row in by_id.values()]
    return Dataset(
        format=1,
        name=list_.value.replace("_", "-"),
        kind="party_list",
        list=list_,
        version=f"partial snapshot compiled {COMPILED_ON.isoformat()}",
        as_of=COMPILED_ON,
        source=f"{title}: {COMPILATION}",
        basis="S",
        note=NOT_OFFICIAL,
        entries=entries,
    )


def _entry(row: dict[str, str], list_: ScreeningList) -> Entry:
    notice = row["notice"].strip()
    order = row["notice_order"].strip()
    found = _NOTICE.search(notice)
    announcement = f"MOFCOM{found.group(1)}-{found.group(2)}" if found else None
    if found and notice.startswith("商务部公告"):
        notice = f"MOFCOM Announcement {found.group(1)} No. {found.group(2)} ({notice})"
    listed_on = date.fromisoformat(row["effective_date"])
    data: dict[str, Any] = {
        "name": " ".join(row["name_en"].split()),
        "name_zh": row["name_zh"].strip() or None,
        "reference": f"{notice}, entry {order}" if order else notice,
        "country": REGIONS.get(row["region"].strip(), row["region"].strip()),
        "kind": KINDS.get(row["entity_type"].strip()),
        "listed_on": listed_on,
    }
    if list_ == ScreeningList.unreliable_entity_list:
        # UEL measures are not the control list's: a control-list suspension does not suspend them.
        if announcement:
            data["reference"] += ", as the compilation cites it: a control-list announcement"
        if data["name"] in UEL_LISTED:
            data.update(listed_on=UEL_LISTED[data["name"]], status_source=UEL_LISTED_SOURCE)
        return Entry.model_validate(data)
    data["announcement"] = announcement
    if status := STATUS.get(announcement or ""):
        data.update(
            removed_on=status.removed_on,
            suspended_from=status.suspended_from,
            suspended_to=status.suspended_to,
            status_source=status.source,
        )
    return Entry.model_validate(data)


def _un(path: Path) -> Dataset:
    dataset = read_un_xml(path)
    note = (
        f"{dataset.note}. A dated copy of the official list as published on {dataset.as_of.isoformat()}; "
        "entries delisted since are still in it, and later listings are not."
    )
    return dataset.model_copy(update={"note": note})


if __name__ == "__main__":
    main()
