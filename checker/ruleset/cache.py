"""The rule packs as read, kept in the cache (`checker.cache`), so that a run whose rule files have not changed
does not parse them again.

Reading about a hundred YAML files, and checking every rule's paths against the profile model and every
citation against its note, costs more than the rest of a small assessment. The cache keeps, per set of packs,
each file's plain data and the fact that the composed set passed every check. Its key covers the packs' files,
the note pages and exportcheck's own modules: anything changed is a miss, and a miss reads everything as if
there were no cache.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker import cache

_PACKAGE = Path(__file__).resolve().parent.parent
_NAME = "rules"


class RuleCache:
    def __init__(self, directories: Iterable[Path], notes: Path):
        self.seen: dict[str, Any] = {}  # as read in this run, for the next
        self._key = cache.key_of([*directories, notes, _PACKAGE], (".yaml", ".yml", ".md", ".py"))
        stored = cache.load(_NAME, self._key)
        self.files: dict[str, Any] = stored if isinstance(stored, dict) else {}
        self.verified = bool(self.files)  # what is in the cache passed every check

    def plain(self, path: Path) -> Any:
        """The file's plain data as cached, or None."""
        return self.files.get(str(path))

    def store(self) -> None:
        """Remember the files read in this run, once the rule set they make passed every check."""
        if not self.verified:
            cache.store(_NAME, self._key, self.seen)
