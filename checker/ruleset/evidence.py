"""Severity follows evidence: how firmly a rule's sources were read bounds how severe the rule may be.

A rule's requirements are its citations of role `requirement` (the others give its penalty or context). The grades
are those of the notes under docs/sources/ (P: the official text read; S: a secondary source; P-2007: the
superseded 2007 text; UNVERIFIED). A policy paper describes what the state does and places no duty on a company, so
a requirement drawn from it is an analogy. A rule's `inferred` note says what it reads into its sources beyond what
they say. The model alone can't judge the policy-paper case (it needs the registry), so these checks run when the
packs are composed, and each problem names the place in the rule file that should change.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.paths import Path as Place
from checker.results import Severity
from checker.ruleset.rule import Rule
from checker.ruleset.sources import Basis, Binding, Role

_LOW = Severity.low.rank
_HIGH = Severity.high.rank


def evidence_problems(rule: Rule, binding_of: Callable[[str], Binding | None]) -> list[tuple[Place, str]]:
    """(place in the rule file, message) for every way the rule's severity outruns its evidence."""
    requirements = [c for c in rule.sources if c.role == Role.requirement] or rule.sources[:1]
    first = requirements[0]
    at = rule.sources.index(first)
    if any(citation.basis == Basis.unverified for citation in rule.sources):
        weak = "a rule resting on an UNVERIFIED fact"
    elif first.basis == Basis.superseded_text:
        weak = "a rule whose requirement comes from the superseded 2007 text (P-2007)"
    elif binding_of(first.doc) == Binding.policy_paper:
        weak = f"a rule whose requirement comes from a policy paper ({first.doc}), by analogy with state practice,"
    else:
        weak = None
    if weak is not None and (rule.severity.rank > _LOW or not rule.best_practice):
        place: Place = ("severity",) if rule.severity.rank > _LOW else ("best_practice",)
        return [(place, f"{weak} must be best_practice with severity low or info")]
    if rule.best_practice and rule.severity.rank > _LOW:
        return [(("severity",), "a best-practice rule is never more than low; make it low or info")]
    if rule.severity.rank < _HIGH:
        return []
    problems: list[tuple[Place, str]] = []
    if not any(citation.basis == Basis.primary for citation in requirements):
        problems.append(
            (
                ("sources", at, "basis"),
                f"a {rule.severity.value} rule's requirement must be read in the official text, but no requirement "
                f"it cites is graded P ({first.doc} is {first.basis.value}); cite the article graded P it rests on, "
                "or make the rule medium or lower",
            )
        )
    if rule.inferred is not None:
        problems.append(
            (
                ("inferred",),
                f"a {rule.severity.value} rule can't rest on an inference; make it medium or lower, "
                "or drop the inference",
            )
        )
    return problems
