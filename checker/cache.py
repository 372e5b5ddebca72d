"""A small cache of data exportcheck derives from its own files, so that a run need not derive it again.

Each entry is one JSON file named for what it holds, with the key it was made under: a digest of exportcheck's
version, Python's, and the size, modification time and inode of every file the data came from. A different
key is a miss. Dates are tagged so that they come back as dates.

The cache lives in `$EXPORTCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/exportcheck`, else `~/.cache/exportcheck`;
`EXPORTCHECK_CACHE_DIR=off` turns it off. A cache that can't be read or written is passed over without a
word: it only ever saves time, and what it holds is never more than a copy of what the files say.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from checker import __version__


def cache_dir() -> Path | None:
    chosen = os.environ.get("EXPORTCHECK_CACHE_DIR")
    if chosen:
        return None if chosen == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "exportcheck"


def key_of(roots: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...]) -> str | None:
    """The digest of every file with one of `suffixes` under `roots` (files or folders); None if one can't be read."""
    digest = hashlib.blake2b(f"{__version__}\x1f{sys.version}".encode(), digest_size=16)
    try:
        for root in roots:
            if os.path.isfile(root):
                _add(digest, os.fspath(root))
                continue
            for folder, subfolders, names in os.walk(root):
                subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
                for name in sorted(names):
                    if name.endswith(suffixes):
                        _add(digest, os.path.join(folder, name))
    except OSError:
        return None
    return digest.hexdigest()


def load(name: str, key: str | None) -> Any:
    """The data stored under `name` with this key, or None."""
    directory = cache_dir()
    if directory is None or key is None:
        return None
    try:
        entry = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"), object_hook=_untag)
    except (OSError, ValueError):
        return None
    if isinstance(entry, dict) and entry.get("key") == key:
        return entry.get("data")
    return None


def store(name: str, key: str | None, data: Any) -> None:
    """Keep `data` under `name`; nothing happens when it can't be kept exactly (see `encodable`)."""
    directory = cache_dir()
    if directory is None or key is None or not encodable(data):
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"key": key, "data": data}, stream, default=_tag, ensure_ascii=False)
        os.replace(temporary, directory / f"{name}.json")
    except OSError:
        return


def encodable(value: Any) -> bool:
    """Whether JSON gives the value back as it is: string keys only, no tuples, no key spelled like a date tag."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and key != "$date" and encodable(item) for key, item in value.items())
    if isinstance(value, list):
        return all(encodable(item) for item in value)
    return value is None or isinstance(value, (str, int, float, bool)) or type(value) is date


def _add(digest: Any, path: str) -> None:
    info = os.stat(path)
    digest.update(f"{path}\x1f{info.st_size}\x1f{info.st_mtime_ns}\x1f{info.st_ino}\n".encode())


def _tag(value: Any) -> Any:
    if type(value) is date:
        return {"$date": value.isoformat()}
    raise TypeError(f"can't cache {type(value).__name__}")


def _untag(value: dict[str, Any]) -> Any:
    return date.fromisoformat(value["$date"]) if set(value) == {"$date"} else value
