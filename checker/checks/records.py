"""Checks of the records a profile points to."""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.outcome import Outcome
from checker.language.expressions import Scope
from checker.paths import format_path
from checker.results import Status


def evidence_on_file(scope: Scope) -> Iterator[Outcome]:
    """Each evidence file the profile names was found beside it when it was read (links are not read). Each
    missing file is a finding at the line that names it."""
    programme = scope.ctx.root.get("programme") or {}
    files = [entry for entry in programme.get("evidence_files") or () if not entry["link"]]
    missing = [entry for entry in files if not entry["found"]]
    for entry in missing:
        field = format_path(entry["at"][:-1])
        yield Outcome(Status.failed, tuple(entry["at"]), {"given": entry["given"], "field": field})
    if files and not missing:
        yield Outcome(Status.passed, ("programme",))
    if not files:  # only links: they are listed in the report, never fetched
        yield Outcome(Status.not_applicable, ("programme",), kind="links_only")
