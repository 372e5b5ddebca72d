"""The list snapshots shipped in the package (checker/lists/data), built by scripts/build_lists.py.

They are a dated, partial snapshot, not the official lists: each file says where it comes from, how old it is
and how firmly it was read (its `basis`); docs/lists.md says how they were built.
"""

from __future__ import annotations

from pathlib import Path

from checker.lists import KNOWN_LISTS, known
from checker.lists.files import read_list
from checker.profile.vocabulary import ScreeningList
from checker.reference.datasets import Dataset

DATA = Path(__file__).resolve().parent / "data"


def shipped_path(list_: ScreeningList) -> Path:
    return DATA / known(list_).file


def shipped_lists() -> tuple[ScreeningList, ...]:
    return tuple(each.list for each in KNOWN_LISTS if shipped_path(each.list).is_file())


def read_shipped(list_: ScreeningList) -> Dataset:
    return read_list(shipped_path(list_))
