"""The CI gate: does an assessment pass at a given --fail-on level?

Severity is the rule's; where the gate sits is the user's. A rule error always
fails the gate, because a rule that could not run has not shown anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.results import Severity

FAIL_ON_CHOICES = (*[s.value for s in Severity], "none")


@dataclass(frozen=True)
class Gate:
    fail_on: str
    failures: int  # failures at or above fail_on
    errors: int

    @property
    def passed(self) -> bool:
        return self.failures == 0 and self.errors == 0


def gate(data: dict[str, Any], fail_on: str) -> Gate:
    errors = sum(1 for result in data["results"] if result["status"] == "error")
    if fail_on == "none":
        return Gate(fail_on, 0, errors)
    threshold = Severity(fail_on).rank
    failures = sum(1 for result in data["results"]
                   if result["status"] == "fail" and Severity(result["severity"]).rank >= threshold)
    return Gate(fail_on, failures, errors)
