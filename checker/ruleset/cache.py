"""A cache of the rule packs as read, so that a run whose rule files have not changed does not parse them again.

Reading about a hundred YAML files, and checking every rule's paths against the profile model and every
citation against its note, costs more than the rest of a small assessment. The cache keeps, per set of packs,
each file's plain data and the fact that the composed set passed every check. Its key covers exportcheck's
version, Python's, and the path, size, modification time and inode of every file that could change the outcome:
the packs' files, the note pages and exportcheck's own modules. Anything changed is a miss, and a miss reads
everything as if there were no cache.

The cache is JSON (dates tagged), in `$EXPORTCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/exportcheck`, else
`~/.cache/exportcheck`. `EXPORTCHECK_CACHE_DIR=off` turns it off. A cache that can't be read or written is
passed over without a word: it only ever saves time.
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

_PACKAGE = Path(__file__).resolve().parent.parent


class RuleCache:
    def __init__(self, directories: Iterable[Path], notes: Path):
        self.directory = _cache_dir()
        self.files: dict[str, Any] = {}  # as cached
        self.seen: dict[str, Any] = {}  # as read in this run, for the next
        self.verified = False
        self._key = _key([*directories, notes]) if self.directory is not None else None
        if self._key is not None:
            self._load()

    def plain(self, path: Path) -> Any:
        """The file's plain data as cached, or None."""
        return self.files.get(str(path))

    def store(self) -> None:
        """Remember the files read in this run, once the rule set they make passed every check."""
        files = self.seen
        if (
            self.verified
            or self.directory is None
            or self._key is None
            or not all(_encodable(data) for data in files.values())
        ):
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".rules.", dir=self.directory)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"key": self._key, "files": files}, stream, default=_tag, ensure_ascii=False)
            os.replace(temporary, self.directory / "rules.json")
        except OSError:
            return

    def _load(self) -> None:
        assert self.directory is not None
        try:
            data = json.loads((self.directory / "rules.json").read_text(encoding="utf-8"), object_hook=_untag)
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("key") == self._key and isinstance(data.get("files"), dict):
            self.files = data["files"]
            self.verified = True


def _cache_dir() -> Path | None:
    chosen = os.environ.get("EXPORTCHECK_CACHE_DIR")
    if chosen:
        return None if chosen == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "exportcheck"


def _key(directories: list[Path]) -> str | None:
    digest = hashlib.blake2b(f"{__version__}\x1f{sys.version}".encode(), digest_size=16)
    try:
        for root in [*directories, _PACKAGE]:
            for folder, subfolders, names in os.walk(root):
                subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
                for name in sorted(names):
                    if name.endswith((".yaml", ".yml", ".md", ".py")):
                        path = os.path.join(folder, name)
                        info = os.stat(path)
                        digest.update(f"{path}\x1f{info.st_size}\x1f{info.st_mtime_ns}\x1f{info.st_ino}\n".encode())
    except OSError:
        return None
    return digest.hexdigest()


def _tag(value: Any) -> Any:
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(f"can't cache {type(value).__name__}")


def _untag(value: dict[str, Any]) -> Any:
    return date.fromisoformat(value["$date"]) if set(value) == {"$date"} else value


def _encodable(value: Any) -> bool:
    """Whether JSON gives the value back as it is: string keys only, no tuples, no key spelled like a date tag."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and key != "$date" and _encodable(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_encodable(item) for item in value)
    return value is None or isinstance(value, (str, int, float, bool)) or type(value) is date
