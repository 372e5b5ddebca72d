"""The lists a `check` consults unless told otherwise.

For each known list: the copy the user imported if there is one, else the shipped snapshot; a dataset given
with `--reference` for the same list takes the place of both. Nothing is read for profiles without parties,
so a run that has nothing to screen pays nothing for the lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from checker.lists import KNOWN_LISTS
from checker.lists.shipped import read_shipped, shipped_path
from checker.lists.store import imported_lists, read_imported
from checker.reference.datasets import Dataset


def has_parties(data: Mapping[str, Any]) -> bool:
    return bool(data.get("parties"))


def default_lists(given: Sequence[Dataset], profiles: Iterable[Mapping[str, Any]]) -> list[Dataset]:
    """The default lists to add to the `given` datasets, for profiles given as plain data."""
    if not any(has_parties(profile) for profile in profiles):
        return []
    covered = {dataset.list for dataset in given}
    imported = imported_lists()
    chosen: list[Dataset] = []
    for each in KNOWN_LISTS:
        if each.list in covered:
            continue
        if each.list in imported:
            chosen.append(read_imported(each.list))
        elif shipped_path(each.list).is_file():
            chosen.append(read_shipped(each.list))
    return chosen
