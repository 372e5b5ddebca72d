"""Where imported lists live: a user data folder, never the installed package.

The folder is the platform's user data folder for exportcheck (platformdirs), or `$EXPORTCHECK_DATA_DIR` when
set; lists are kept in its `lists/` folder, one file per list, named as the shipped snapshot is.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.lists import KNOWN_LISTS, known
from checker.lists.files import read_list, write_list
from checker.profile.vocabulary import ScreeningList
from checker.reference.datasets import Dataset

DATA_DIR_VARIABLE = "EXPORTCHECK_DATA_DIR"


def lists_folder() -> Path:
    chosen = os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        return Path(chosen) / "lists"
    import platformdirs

    return Path(platformdirs.user_data_dir("exportcheck", appauthor=False)) / "lists"


def imported_path(list_: ScreeningList) -> Path:
    return lists_folder() / known(list_).file


def imported_lists() -> dict[ScreeningList, Path]:
    """The lists a user has imported, and where each is kept."""
    return {each.list: path for each in KNOWN_LISTS if (path := imported_path(each.list)).is_file()}


def read_imported(list_: ScreeningList) -> Dataset:
    return read_list(imported_path(list_))


def keep(dataset: Dataset, source_file: str) -> Path:
    """Store an imported list in place of the previous copy of the same list; returns where."""
    path = imported_path(dataset.list)
    header = f"# Imported by `exportcheck lists import` from {Path(source_file).name}; replace it by importing again.\n"
    write_list(dataset, path, header)
    read_list(path)  # parsed once now, and cached, so the first check after an import does not pay for it
    return path
