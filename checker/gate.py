"""The gate stage: does an assessment pass, and why not?

Severity is the rule's; where the gate sits is the user's: `--fail-on` (the lowest severity whose failures
fail it) and `--min-score` (the lowest overall score every profile must reach). A rule error always fails the
gate, because a rule that could not run has not shown anything, baseline or not. The gate reads adjusted
results: a waived failure fails nothing, and with a baseline a failure it already held (marked by the apply
stage) fails nothing either, so only new failures count. A profile with no score can't reach a minimum score
and fails it. `--soft-fail` changes only the exit code; the verdict still says failed. The verdict carries
its reasons, so every output can say why a run failed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checker import i18n
from checker.languages import Lang
from checker.results import Result, Severity, Status

FAIL_ON_CHOICES = (*[s.value for s in Severity], "none")


@dataclass(frozen=True)
class Reason:
    kind: str  # errors, failures, score or no_score
    count: int
    detail: str = ""  # score: the lowest score; no_score: the profiles without one

    def message(self, gate: Gate, lang: Lang) -> str:
        if self.kind == "errors":
            return i18n.t("text", "gate_errors", lang, count=self.count)
        if self.kind == "score":
            return i18n.t(
                "text", "gate_score", lang, count=self.count, minimum=_number(gate.min_score), lowest=self.detail
            )
        if self.kind == "no_score":
            return i18n.t("text", "gate_no_score", lang, count=self.count, minimum=_number(gate.min_score))
        key = "gate_failed_new" if gate.baseline else "gate_failed"
        return i18n.t("text", key, lang, count=self.count, level=i18n.t("severity", gate.fail_on, lang))


@dataclass(frozen=True)
class Gate:
    fail_on: str
    failures: int  # failures at or above fail_on (with a baseline: new ones only)
    errors: int
    min_score: float | None = None
    soft_fail: bool = False
    below_min: tuple[float, ...] = ()  # the overall scores under min_score, one per profile
    unscored: int = 0  # profiles with no overall score, when min_score is set
    baseline: bool = False  # failures were compared with a baseline

    @property
    def passed(self) -> bool:
        return not self.reasons

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the gate failed (nothing when it passed): rule errors first, then failures, then the score."""
        reasons = [Reason("errors", self.errors)] if self.errors else []
        if self.failures:
            reasons.append(Reason("failures", self.failures))
        if self.below_min:
            reasons.append(Reason("score", len(self.below_min), _number(min(self.below_min))))
        if self.unscored:
            reasons.append(Reason("no_score", self.unscored))
        return tuple(reasons)


def gate(
    results: Iterable[Result],
    severities: dict[str, Severity],
    fail_on: str,
    *,
    scores: Sequence[float | None] = (),
    min_score: float | None = None,
    soft_fail: bool = False,
    baseline: bool = False,
) -> Gate:
    """`severities` maps every rule id to its severity; `scores` are the profiles' overall scores.

    With `baseline`, a failure the apply stage marked as known (an adjustment of kind baseline) is not counted."""
    threshold = None if fail_on == "none" else Severity(fail_on).rank
    failures = errors = 0
    for result in results:
        if result.status == Status.error:
            errors += 1
        elif (
            result.status == Status.failed
            and threshold is not None
            and severities[result.rule_id].rank >= threshold
            and not (baseline and known(result))
        ):
            failures += 1
    below: tuple[float, ...] = ()
    unscored = 0
    if min_score is not None:
        # Compared as reports show it, to one decimal: a profile shown at 80.0 reaches --min-score 80.
        below = tuple(round(s, 1) for s in scores if s is not None and round(s, 1) < min_score)
        unscored = sum(s is None for s in scores)
    return Gate(fail_on, failures, errors, min_score, soft_fail, below, unscored, baseline)


def known(result: Result) -> bool:
    """Whether the result was already a failure in the baseline."""
    return any(applied.kind == "baseline" for applied in result.applied)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
