"""The apply stage: adjustments to evaluated results, each recorded on the result it changed.

Evaluation says what the profile shows; adjustments say what people have decided about it since:
a waiver accepts a failure until a date, a baseline marks the failures known before, an answered checklist
item settles a manual check. Each adjustment names the rule (and optionally a subject-path prefix, or one
finding's fingerprint) it is for, the statuses it acts on, the status it sets (or none, for a mark that
changes nothing), its reason and where it was written. Score and gate read the adjusted results, so a waived
failure fails no gate and counts in no score, and an answered manual check counts like any other result.

An adjustment that matched nothing is returned as unused, for the caller to report as stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from checker.results import Applied, Result, Status


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

    def matches(self, result: Result) -> bool:
        if result.rule_id != self.rule_id or result.status not in self.acts_on:
            return False
        if self.fingerprint is not None and result.fingerprint != self.fingerprint:
            return False
        return self.subject is None or _within(result.subject_path, self.subject)


def apply(
    results: Iterable[Result], adjustments: Sequence[Adjustment]
) -> tuple[tuple[Result, ...], tuple[Adjustment, ...]]:
    """The results with every matching adjustment applied in order, and the adjustments that matched nothing."""
    if not adjustments:
        return tuple(results), ()
    by_rule: dict[str, list[Adjustment]] = {}
    for adjustment in adjustments:
        by_rule.setdefault(adjustment.rule_id, []).append(adjustment)
    used: set[int] = set()
    out = []
    for result in results:
        for adjustment in by_rule.get(result.rule_id, ()):
            if adjustment.matches(result):
                used.add(id(adjustment))
                result = _adjusted(result, adjustment)
        out.append(result)
    return tuple(out), tuple(adjustment for adjustment in adjustments if id(adjustment) not in used)


def _adjusted(result: Result, adjustment: Adjustment) -> Result:
    applied = Applied(adjustment.kind, adjustment.reason, adjustment.source, result.status, adjustment.details)
    return replace(result, status=adjustment.status or result.status, applied=(*result.applied, applied))


def _within(path: str, prefix: str) -> bool:
    """`programme.records` holds `programme.records.kept` and `programme.records` but not `programme.recordsx`."""
    return path == prefix or (path.startswith(prefix) and path[len(prefix)] in ".[")
