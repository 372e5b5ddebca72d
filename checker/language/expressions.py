"""Path expressions in rule files, and the scope they are resolved in.

    retention_years                 a field of the current subject (or of the profile)
    $.programme.records.kept        from the top of the profile, whatever the subject
    licence@licences.valid_until    follow the id in `licence` into the list `licences`

The `@` step is how a rule says "the licence this export names": the id is
looked up in a top-level list, and resolution continues in the record found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checker.paths import Path

_SEGMENT = re.compile(r"^([a-z_][a-z0-9_]*)(?:@([a-z_][a-z0-9_]*))?$")


@dataclass(frozen=True)
class Context:
    """What every scope of one evaluation shares: the profile data and the assessment date."""

    root: dict[str, Any]
    as_of: date
    # Whether a cited source ("DUR 26") applies on a day, for the parts of a check that rest on one source.
    in_force: Callable[[str, date], bool] = field(default=lambda source, day: True, compare=False)
    # The day a cited document took effect, for checks that weigh a span of time against it.
    effective_from: Callable[[str], date] = field(default=lambda source: date.min, compare=False)
    _indexes: dict[str, dict[Any, int]] = field(default_factory=dict, compare=False)
    _memo: dict[str, Any] = field(default_factory=dict, compare=False)

    def memo(self, key: str, build: Callable[[dict[str, Any]], Any]) -> Any:
        """A value derived from the profile once per evaluation (an index that several checks share)."""
        if key not in self._memo:
            self._memo[key] = build(self.root)
        return self._memo[key]

    def index_of(self, list_name: str, record_id: Any) -> int | None:
        index = self._indexes.get(list_name)
        if index is None:
            records = self.root.get(list_name) or []
            index = {record.get("id"): i for i, record in enumerate(records) if isinstance(record, dict)}
            self._indexes[list_name] = index
        return index.get(record_id)


class Scope:
    """A subject under evaluation (a record, or the whole profile) and where it sits. Never changed once made:
    `at` and `on` make another. A plain class with slots, as evaluation makes one per rule and record."""

    __slots__ = ("ctx", "subject", "path", "day")

    def __init__(self, ctx: Context, subject: Any, path: Path, day: date | None = None):
        self.ctx = ctx
        self.subject = subject
        self.path = path
        self.day = day  # the record's own date, when the rule dates its subjects; else the assessment date

    def __repr__(self) -> str:
        return f"Scope(path={self.path!r}, day={self.day!r})"

    def at(self, subject: Any, path: Path) -> Scope:
        return Scope(self.ctx, subject, path, self.day)

    def on(self, day: date) -> Scope:
        return Scope(self.ctx, self.subject, self.path, day)

    @property
    def label(self) -> str | None:
        if isinstance(self.subject, dict) and isinstance(self.subject.get("id"), str):
            return self.subject["id"]
        return None


@dataclass(frozen=True)
class Resolved:
    value: Any
    path: Path


@dataclass(frozen=True)
class PathExpr:
    text: str
    absolute: bool
    segments: tuple[tuple[str, str | None], ...]

    @classmethod
    def parse(cls, text: str) -> PathExpr:
        if not isinstance(text, str) or not text:
            raise ValueError(f"expected a path such as 'programme.records.kept', found {text!r}")
        absolute = text.startswith("$.")
        body = text[2:] if absolute else text
        segments = []
        for part in body.split("."):
            match = _SEGMENT.match(part)
            if not match:
                raise ValueError(
                    f"{text!r} is not a path: {part!r} should be a field name, optionally followed by @list"
                )
            segments.append((match.group(1), match.group(2)))
        return cls(text, absolute, tuple(segments))

    def resolve(self, scope: Scope) -> Resolved:
        current = scope.ctx.root if self.absolute else scope.subject
        path: Path = () if self.absolute else scope.path
        for position, (name, target) in enumerate(self.segments):
            path = (*path, name)
            current = current.get(name) if isinstance(current, dict) else None
            if current is None:
                if target is not None:
                    return Resolved(None, path)  # no id given: the reference itself is what is missing
                # Keep naming the rest of the path, so a message says which fact is missing.
                return Resolved(None, (*path, *(n for n, _ in self.segments[position + 1 :])))
            if target is not None:
                index = scope.ctx.index_of(target, current)
                if index is None:
                    return Resolved(None, path)
                path = (target, index)
                current = scope.ctx.root[target][index]
        return Resolved(current, path)

    def value(self, scope: Scope) -> Any:
        """The value alone: `resolve` without building the path (the common case, so kept lean)."""
        current = scope.ctx.root if self.absolute else scope.subject
        for name, target in self.segments:
            current = current.get(name) if isinstance(current, dict) else None
            if current is None:
                return None
            if target is not None:
                index = scope.ctx.index_of(target, current)
                if index is None:
                    return None
                current = scope.ctx.root[target][index]
        return current

    def __str__(self) -> str:
        return self.text
