"""Which rules a run evaluates: `--select` and `--skip`, by rule id, id prefix or element.

    --select LIC              every rule whose id starts LIC- (an id prefix, a pack's prefix such as ACME)
    --select LIC-001,REC-002  those rules (an alias names its rule)
    --skip records            every rule of the element `records`

Both are repeatable and take comma-separated words. Without --select every rule is selected; --skip then
takes rules away. A word that names nothing is a usage error with a suggestion. Rules that are not selected
are not evaluated at all, so they have no results; this narrows a run, it does not accept a finding (that is
what a waiver is for, with a justification, an approver and an expiry date).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from checker.diagnostics import suggest
from checker.errors import UsageError
from checker.ruleset.loading import RuleSet


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...]  # the words as given, split at commas
    skip: tuple[str, ...]
    rules: tuple[str, ...]  # the ids of the rules to evaluate, in rule-set order

    def to_dict(self) -> dict[str, list[str]]:
        return {"select": list(self.select), "skip": list(self.skip), "rules": list(self.rules)}


def select(ruleset: RuleSet, select: Iterable[str] = (), skip: Iterable[str] = ()) -> Selection | None:
    """The rules `--select` and `--skip` leave to evaluate; None when neither was given."""
    chosen, skipped = _words(select), _words(skip)
    if not chosen and not skipped:
        return None
    ids = {rule.id for rule in ruleset.rules}
    if chosen:
        ids = set().union(*(_matching(word, "--select", ruleset) for word in chosen))
    ids -= set().union(*(_matching(word, "--skip", ruleset) for word in skipped))
    if not ids:
        raise UsageError("--select and --skip leave no rule to evaluate")
    return Selection(chosen, skipped, tuple(rule.id for rule in ruleset.rules if rule.id in ids))


def _words(given: Iterable[str]) -> tuple[str, ...]:
    return tuple(word.strip() for each in given for word in each.split(",") if word.strip())


def _matching(word: str, option: str, ruleset: RuleSet) -> set[str]:
    rule = ruleset.get(word)
    if rule is not None:
        return {rule.id}
    elements = {term.id for term in ruleset.elements}
    if word in elements:
        return {rule.id for rule in ruleset.rules if rule.element == word}
    stem = word if word.endswith("-") else word + "-"
    prefixed = {rule.id for rule in ruleset.rules if rule.id.startswith(stem)}
    if prefixed:
        return prefixed
    known = sorted({rule.id for rule in ruleset.rules} | _prefixes(ruleset) | elements)
    guess = suggest(word, known)
    hint = f" (did you mean {guess!r}?)" if guess else ""
    raise UsageError(f"{option} {word}: no rule id, id prefix or element {word!r}{hint}")


def _prefixes(ruleset: RuleSet) -> set[str]:
    """Every id prefix at a hyphen: LIC of LIC-001, ACME and ACME-LIC of ACME-LIC-001."""
    out: set[str] = set()
    for rule in ruleset.rules:
        parts = rule.id.split("-")
        out.update("-".join(parts[:n]) for n in range(1, len(parts)))
    return out
