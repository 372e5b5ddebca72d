"""Checks written in Python, for what a rule file can't say declaratively.

The registry is explicit: a rule names a function by the key it has here, and
rule files can't reach anything else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from checker.checks import classification, diversion, licensing, records, screening
from checker.checks.outcome import Outcome
from checker.language.expressions import Scope

CheckFunction = Callable[[Scope], Iterable[Outcome]]

CHECKS: dict[str, CheckFunction] = {
    "licence_quantity_not_exceeded": licensing.licence_quantity_not_exceeded,
    "single_licence_used_once": licensing.single_licence_used_once,
    "general_licence_disqualifiers": licensing.general_licence_disqualifiers,
    "classified_before_export": classification.classified_before_export,
    "exports_just_under_licence_quantity": diversion.exports_just_under_licence_quantity,
    "screening_dates_agree": screening.screening_dates_agree,
    "control_list_match": screening.control_list_match,
    "other_list_match_recorded": screening.other_list_match_recorded,
    "possible_matches_reviewed": screening.possible_matches_reviewed,
    "clear_result_without_match": screening.clear_result_without_match,
    "evidence_on_file": records.evidence_on_file,
}
