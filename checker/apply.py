"""The apply stage: adjustments to evaluated results, each recorded on the result it changed.

Evaluation says what the profile shows; adjustments say what people have decided about it since:
a waiver accepts a failure until a date, a baseline marks the failures known before, an answered checklist
item settles a manual check. Each adjustment names the rule (and optionally a subject-path prefix, or one
finding's fingerprint) it is for, the statuses it acts on, the status it sets (or none, for a mark that
changes nothing), its reason and where it was written. Score and gate read the adjusted results, so a waived
failure fails no gate and counts in no score, and an answered manual check counts like any other result.

An adjustment with an expiry date holds through that date, compared with the result's assessment date. Past
it, a matching result keeps its status and records the adjustment with the kind `<kind>_expired`, so every
output can say that a waiver ran out rather than silently dropping it.

An adjustment that matched nothing is returned as unused, for the caller to report as stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from checker.results import Applied, Location, Result, Status

EXPIRED = "_expired"  # appended to an adjustment's kind when it ran out before the assessment date


@dataclass(frozen=True)
class Adjustment:
    kind: str  # waiver, baseline or answer
    rule_id: str
    reason: str
    source: str  # the file (and line) it was written at
    status: Status | None = None  # what it sets; None leaves the status as it is
    acts_on: frozenset[Status] = frozenset({Status.failed})
    subject: str | None = None  # a subject-path prefix; None: every subject of the rule
    fingerprint: str | None = None  # one finding exactly
    details: tuple[tuple[str, str], ...] = ()
    expires: date | None = None  # the last day it holds; None: no end
    profile: int | None = None  # the one profile it is for (a waiver file beside it); None: every profile
    # What the result says once the adjustment holds, or once it ran out, in place of its own words (en, zh):
    # an answered checklist question says what was answered, by whom and with what evidence.
    message: tuple[str, str] | None = None
    expired_message: tuple[str, str] | None = None
    location: Location | None = None  # where a result that has none is to point once the adjustment holds

    def matches(self, result: Result) -> bool:
        if result.rule_id != self.rule_id or result.status not in self.acts_on:
            return False
        if self.profile is not None and result.profile != self.profile:
            return False
        if self.fingerprint is not None and result.fingerprint != self.fingerprint:
            return False
        return self.subject is None or _within(result.subject_path, self.subject)

    def holds_on(self, day: date | None) -> bool:
        return self.expires is None or day is None or day <= self.expires


def apply(
    results: Iterable[Result], adjustments: Sequence[Adjustment], days: Sequence[date] = ()
) -> tuple[tuple[Result, ...], tuple[Adjustment, ...]]:
    """The results with every matching adjustment applied in order, and the adjustments that matched nothing.

    `days` are the assessment dates by profile index, against which expiry dates are compared."""
    if not adjustments:
        return tuple(results), ()
    by_rule: dict[str, list[Adjustment]] = {}
    for adjustment in adjustments:
        by_rule.setdefault(adjustment.rule_id, []).append(adjustment)
    used: set[int] = set()
    out = []
    for result in results:
        day = days[result.profile] if result.profile < len(days) else None
        for adjustment in by_rule.get(result.rule_id, ()):
            if adjustment.matches(result):
                used.add(id(adjustment))
                result = _adjusted(result, adjustment, adjustment.holds_on(day))
        out.append(result)
    return tuple(out), tuple(adjustment for adjustment in adjustments if id(adjustment) not in used)


def _adjusted(result: Result, adjustment: Adjustment, holds: bool) -> Result:
    kind = adjustment.kind if holds else adjustment.kind + EXPIRED
    applied = Applied(kind, adjustment.reason, adjustment.source, result.status, adjustment.details)
    status = (adjustment.status or result.status) if holds else result.status
    adjusted = replace(result, status=status, applied=(*result.applied, applied))
    message = adjustment.message if holds else adjustment.expired_message
    if message is not None:
        adjusted = replace(adjusted, message_en=message[0], message_zh=message[1])
    if holds and adjusted.location is None and adjustment.location is not None:
        adjusted = replace(adjusted, location=adjustment.location)
    return adjusted


def _within(path: str, prefix: str) -> bool:
    """`programme.records` holds `programme.records.kept` and `programme.records` but not `programme.recordsx`."""
    return path == prefix or (path.startswith(prefix) and path[len(prefix)] in ".[")
