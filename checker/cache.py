"""A small cache of data exportcheck derives from its own files, so that a run need not derive it again.

Each entry is one file named for what it holds, with the key it was made under: a digest of exportcheck's
version, Python's, and the size, modification time and inode of every file the data came from. A different
key is a miss. Plain data is kept as JSON, with dates tagged so that they come back as dates. Objects that
would cost more to make again from plain data than to load (the composed rule set) are kept as a pickle,
which is read only from a file of the user's own that no one else can write: loading a pickle can run code.

The cache lives in `$EXPORTCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/exportcheck`, else `~/.cache/exportcheck`;
`EXPORTCHECK_CACHE_DIR=off` turns it off. A cache that can't be read or written is passed over without a
word: it only ever saves time, and what it holds is never more than a copy of what the files say.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
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


def load_objects(name: str, key: str | None) -> Any:
    """The objects stored under `name` with this key by `store_objects`, or None."""
    directory = cache_dir()
    if directory is None or key is None:
        return None
    try:
        with open(directory / f"{name}.pickle", "rb") as stream:
            if not own(os.fstat(stream.fileno())) or pickle.load(stream) != key:
                return None
            return pickle.load(stream)
    except Exception:  # a truncated or stale pickle fails in many ways; each is only a miss
        return None


def store_objects(name: str, key: str | None, value: Any) -> None:
    """Keep `value` under `name`; nothing is kept when it can't be written or pickled."""
    directory = cache_dir()
    if directory is None or key is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=directory)  # the user's only, mode 600
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(key, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, directory / f"{name}.pickle")
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def own(info: os.stat_result) -> bool:
    """Whether a file is the user's own and no one else may write it (where the system can tell)."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


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
