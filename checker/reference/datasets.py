"""Datasets as they are written (YAML) and as evaluation receives them."""

from __future__ import annotations

import builtins
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.errors import InputError
from checker.profile.fields import IsoDate, Note, Text
from checker.profile.vocabulary import ScreeningList
from checker.read.nodes import to_plain
from checker.read.yaml import read_yaml

DATASET_FORMAT = 1


class Entry(BaseModel):
    """One listed organisation or person: its names, and the dates its listing stood."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    name_zh: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    reference: Text | None = None  # the announcement or list entry number that lists it, as written
    announcement: Text | None = None  # the id of that announcement in rules/measures.yaml, whose history it follows
    country: Text | None = None  # where the list places it, as the list writes it
    kind: Literal["entity", "individual"] | None = None
    military: bool = False  # the list (or its announcement) names it a military user
    listed_on: IsoDate | None = None
    removed_on: IsoDate | None = None
    suspended_from: IsoDate | None = None
    suspended_to: IsoDate | None = None  # the last day of a suspension; none: no end recorded
    updated_on: IsoDate | None = None  # the last day the list amended this entry, when it says
    status_source: Note | None = None  # where the removal or suspension above was read, and how firmly


class Dataset(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")
    kind: Literal["party_list"]
    list: ScreeningList  # which screening list this dataset is a copy of
    version: Text
    as_of: IsoDate
    source: Text
    basis: Literal["P", "S", "UNVERIFIED"] = "S"  # how firmly the list was read: an official copy, a compilation
    note: Text | None = None
    entries: builtins.list[Entry] = Field(max_length=200_000)  # plain `list` here would name the field above


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Read and validate one dataset file; problems are an InputError at `file:line:col`."""
    name = os.fspath(path)
    root = read_yaml(Path(name), name)
    try:
        return Dataset.model_validate(to_plain(root))
    except ValidationError as error:
        from checker.diagnostics import problems_from  # the explanations of errors, only when there are some

        problems, omitted = problems_from(error, Dataset, root)
        raise InputError(problems, omitted) from None
