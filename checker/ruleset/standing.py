"""Whether a document applies on a given day, and why not: its effective date, its end, and every suspension,
end or resumption recorded in its history.

A suspension runs to its `to` day inclusive. When the last recorded change of a document (or of a part of
it) is a suspension that ran out before the day asked about, the document is taken to apply again, as the
suspension's own words say, but the standing says the suspension `lapsed`: nothing later was recorded, and a
reader must check what the authority did next. That is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker.ruleset.sources import Change, ChangeKind, SourceDoc


@dataclass(frozen=True, slots=True)
class Standing:
    applies: bool
    why: str | None = None  # when it does not apply: not_yet_in_force, no_longer_in_force or suspended
    change: Change | None = None  # the change that stops it, or the suspension that lapsed
    lapsed: bool = False  # applies again after `change` ran out, with nothing recorded since


def standing(doc: SourceDoc, day: date) -> Standing:
    start = doc.in_force_from
    if day < start:
        return Standing(False, "not_yet_in_force")
    if doc.in_force_until is not None and day >= doc.in_force_until:
        return Standing(False, "no_longer_in_force")
    last = _last_change(doc.history, None, day)
    if last is None or last.kind == ChangeKind.resumed:
        return Standing(True)
    if last.kind == ChangeKind.ended:
        return Standing(False, "no_longer_in_force", last)
    if last.to is None or day <= last.to:
        return Standing(False, "suspended", last)
    return Standing(True, change=last, lapsed=True)


def lapsed_changes(doc: SourceDoc, day: date) -> list[Change]:
    """Suspensions of the document or of a part of it that ran out before `day`, with no later change recorded
    for the same part: what a report must flag as unknown."""
    parts = {change.part for change in doc.history}
    found = []
    for part in parts:
        last = _last_change(doc.history, part, day)
        if last is not None and last.kind == ChangeKind.suspended and last.to is not None and last.to < day:
            found.append(last)
    return sorted(found, key=lambda change: (change.start, change.part.en if change.part else ""))


def _last_change(history: list[Change], part: object, day: date) -> Change | None:
    last = None
    for change in history:
        if change.part == part and change.start <= day and (last is None or change.start >= last.start):
            last = change
    return last
