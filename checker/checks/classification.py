"""Whether an exported item's export control code had been determined by the day it left."""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.outcome import Outcome
from checker.facts import determinations, in_force_on
from checker.language.expressions import Scope
from checker.paths import Path
from checker.results import Status


def classified_before_export(scope: Scope) -> Iterator[Outcome]:
    """REV-004: the exported item had a determination on or before the export date."""
    export = scope.subject
    index = scope.ctx.index_of("items", export.get("item"))
    if index is None:
        return
    at: Path = ("items", index)
    item = scope.ctx.root["items"][index]
    values = {"item": export["item"], "date": export["date"]}
    found = determinations(item, at)
    if not found:
        yield Outcome(Status.failed, (*at, "control_code"), values, kind="no_code")
        return
    chosen = in_force_on(found, export["date"])
    assert chosen is not None
    when, _, path = chosen
    if when is None:
        yield Outcome(Status.failed, path, values, kind="no_date")
    elif when > export["date"]:
        yield Outcome(Status.failed, path, {**values, "found": when, "expected": export["date"]}, kind="after")
    else:
        yield Outcome(Status.passed, scope.path)
