"""The checklist: the requirements no profile fact can show, each a question a person answers.

A catalogue's manual requirement is a checklist item. It is evaluated like a rule, into one result per profile,
`manual` until an attestation answers it (checker.attestations), and it is placed in the report and the score by
its own element, severity and owner. Its id is the requirement's (ECL-19, DUR-16.1): the id a person writes in
an attestation, and the one the result, the fingerprint and every report use.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.bilingual import Bilingual
from checker.results import Severity
from checker.ruleset.catalogue import Requirement
from checker.ruleset.loading import RuleSet
from checker.ruleset.sources import Basis


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    framework: str  # the source document it comes from
    requirement: Requirement
    element: str
    severity: Severity
    owner: str
    question: Bilingual
    basis: Basis
    applies_to: tuple[str, ...]  # kinds of company.business; empty: every company


def checklist(ruleset: RuleSet) -> tuple[ChecklistItem, ...]:
    """The rule set's checklist items, in catalogue order."""
    return tuple(
        ChecklistItem(
            requirement.id,
            catalogue.framework,
            requirement,
            requirement.element,
            requirement.severity,
            requirement.owner,
            requirement.question,
            requirement.basis,
            tuple(requirement.applies_to),
        )
        for catalogue in ruleset.catalogues
        for requirement in catalogue.requirements
        if requirement.manual
        and requirement.element is not None
        and requirement.severity is not None
        and requirement.question is not None
    )
