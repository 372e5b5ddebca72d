"""The gate stage: does an assessment pass at a given --fail-on level, and why not?

Severity is the rule's; where the gate sits is the user's. A rule error always fails the gate, because a
rule that could not run has not shown anything. The gate reads adjusted results: a waived failure fails
nothing. The verdict carries its reasons, so every output can say why a run failed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from checker import i18n
from checker.bilingual import Lang
from checker.results import Result, Severity, Status

FAIL_ON_CHOICES = (*[s.value for s in Severity], "none")


@dataclass(frozen=True)
class Reason:
    kind: str  # failures or errors
    count: int

    def message(self, fail_on: str, lang: Lang) -> str:
        if self.kind == "errors":
            return i18n.t("text", "gate_errors", lang, count=self.count)
        return i18n.t("text", "gate_failed", lang, count=self.count, level=i18n.t("severity", fail_on, lang))


@dataclass(frozen=True)
class Gate:
    fail_on: str
    failures: int  # failures at or above fail_on
    errors: int

    @property
    def passed(self) -> bool:
        return self.failures == 0 and self.errors == 0

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the gate failed (nothing when it passed): rule errors first, then failures at the level."""
        reasons = [Reason("errors", self.errors)] if self.errors else []
        return (*reasons, *([Reason("failures", self.failures)] if self.failures else []))


def gate(results: Iterable[Result], severities: dict[str, Severity], fail_on: str) -> Gate:
    """`severities` maps every rule id to its severity."""
    threshold = None if fail_on == "none" else Severity(fail_on).rank
    failures = errors = 0
    for result in results:
        if result.status == Status.error:
            errors += 1
        elif result.status == Status.failed and threshold is not None and severities[result.rule_id].rank >= threshold:
            failures += 1
    return Gate(fail_on, failures, errors)
