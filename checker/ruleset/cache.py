"""The composed rule set, kept in the cache (`checker.cache`), so that a run whose rule files have not changed
neither reads nor validates them again.

Reading about a hundred YAML files, validating them, and checking every rule's paths against the profile model
and every citation against its note, costs more than the rest of a small assessment. The cache keeps the rule
set those files made, once it passed every check, as the objects themselves: a hit is loaded without pydantic
building a schema for the rule models or validating anything (they are built with `defer_build`). Its key
covers the packs' files, the note pages, exportcheck's own modules and the versions of Python and pydantic
(the objects' layout is theirs): anything changed is a miss, and a miss reads everything as if there were no
cache. The scope statements (`checker.scope`), read from the built-in pack on every run, are kept the same way
under a name of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pydantic

from checker import cache

_PACKAGE = Path(__file__).resolve().parent.parent
_NAME = "rules"


class RuleCache:
    def __init__(self, directories: Iterable[Path], notes: Path, name: str = _NAME):
        key = cache.key_of([*directories, notes, _PACKAGE], (".yaml", ".yml", ".md", ".py"))
        self._key = None if key is None else f"{key}-pydantic-{pydantic.VERSION}"
        self._name = name

    def load(self) -> object:
        """What `store` kept from the same files (of the type the caller expects, for it to make sure), or None."""
        return cache.load_objects(self._name, self._key)

    def store(self, made: object) -> None:
        """Keep what the files made, once it passed every check."""
        cache.store_objects(self._name, self._key, made)
