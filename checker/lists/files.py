"""Reading and writing list files: datasets in the YAML format of docs/reference-data.md."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from checker import cache
from checker.errors import InputError, InputProblem
from checker.reference.datasets import Dataset, load_dataset

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def read_list(path: Path) -> Dataset:
    """A list file exportcheck wrote itself (shipped or imported), read with the fast loader, its plain data
    kept in the cache (parsing the UN list's YAML takes longer than the rest of a small check).

    Should it not validate (edited by hand, say), it is read again by the located reader, whose InputError
    names the line and column."""
    key = cache.key_of([path], (path.suffix,))
    name = f"list-{path.stem}-" + hashlib.blake2b(os.fsencode(path.resolve()), digest_size=8).hexdigest()
    kept = cache.load_objects(name, key)  # the validated dataset itself: no schema to build, nothing to check
    if isinstance(kept, Dataset):
        return kept
    try:
        with path.open("rb") as stream:
            data = yaml.load(stream, Loader=_Loader)
        dataset = Dataset.model_validate(data)
    except (yaml.YAMLError, ValidationError):
        return load_dataset(path)
    cache.store_objects(name, key, dataset)
    return dataset


def make_dataset(file: str, **fields: Any) -> Dataset:
    """A dataset of what an importer read; a field the dataset refuses (200,000 entries at most, a version or
    source too long) is an input error of the file imported."""
    try:
        return Dataset(**fields)
    except ValidationError as error:
        said = "; ".join(f"{'.'.join(str(part) for part in d['loc'])}: {d['msg']}" for d in error.errors()[:3])
        raise InputError([InputProblem(file, None, None, said)]) from None


def dataset_data(dataset: Dataset) -> dict[str, Any]:
    """A dataset as plain data, in field order, entries without their empty fields."""
    head = dataset.model_dump(mode="json", exclude={"entries"}, exclude_none=True)
    head["entries"] = [entry.model_dump(mode="json", exclude_defaults=True) for entry in dataset.entries]
    return head


def write_list(dataset: Dataset, path: Path, header: str = "") -> None:
    """Write a dataset whole or not at all: to a temporary file beside `path`, then moved into its place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(dataset_data(dataset), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide a list from the other users of an installation
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(header + text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
