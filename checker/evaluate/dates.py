"""The assessment date, chosen once per profile before evaluation, and the dates refused.

The date is `--as-of` if given, else the profile's own `assessment.as_of`, else today. A date before every
source of the rule set took effect would mark every rule not applicable and pass the gate on nothing: almost
always a mistyped year, so it is refused.
"""

from __future__ import annotations

from datetime import date

from checker.errors import UsageError
from checker.ruleset.loading import RuleSet
from checker.validate import LoadedProfile


def assessment_date(loaded: LoadedProfile, ruleset: RuleSet, option: date | None, today: date) -> date:
    stated = loaded.profile.assessment.as_of if loaded.profile.assessment else None
    day = option or stated or today
    earliest = min(doc.in_force_from for doc in ruleset.sources.values())
    if day < earliest:
        where = "--as-of" if option else f"assessment.as_of in {loaded.source}"
        raise UsageError(
            f"{where} is {day.isoformat()}, before any source of the rule set took effect "
            f"({earliest.isoformat()}): nothing could be assessed"
        )
    return day
