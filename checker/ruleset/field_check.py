"""Check, when rules load, that every path a rule names exists in the profile format.

A misspelt path (`signed_by.rolex`) would otherwise load and quietly fail, or quietly pass under a `not`;
only the rule's examples might catch it. Paths are followed through the pydantic model, `@list` steps jump
to the records of that top-level list, and `each`/`some` step into the records of the list they walk.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from checker.annotations import list_item, unwrap
from checker.facts import derived_names
from checker.language.expressions import PathExpr
from checker.language.predicates import All, AnyOf, Each, Leaf, Not, Predicate, Some
from checker.profile.model import Profile
from checker.ruleset.rule import FunctionCheck, Rule


def unknown_paths(rule: Rule) -> list[str]:
    """What is wrong with the rule's paths, one message each (empty when all exist)."""
    problems: list[str] = []
    for condition in rule.applies_if:
        problems += _predicate(condition.require, Profile, "applies_if")
        problems += [m for expr in condition.values.values() for m in _path(expr, Profile, "applies_if")]
    subject: Any = Profile
    if rule.for_each is not None:
        subject = _walk(rule.for_each, Profile, "for_each", problems, want_list=True)
    if not isinstance(subject, type) or not issubclass(subject, BaseModel):
        return problems  # for_each itself was reported
    for condition in rule.where:
        problems += _predicate(condition.require, subject, "where")
        problems += [m for expr in condition.values.values() for m in _path(expr, subject, "where")]
    if not isinstance(rule.check, FunctionCheck):
        problems += _predicate(rule.check, subject, "check")
    for name, expr in rule.message_values.items():
        problems += _path(expr, subject, f"message_values.{name}")
    if rule.date is not None:
        problems += _path(rule.date, subject, "date")
    return problems


def _predicate(predicate: Predicate, model: type[BaseModel], where: str) -> list[str]:
    problems: list[str] = []
    for expr, scope in _paths(predicate, model):
        problems += _path(expr, scope, where)
    return problems


def _paths(predicate: Predicate, model: type[BaseModel]) -> Iterator[tuple[PathExpr, type[BaseModel]]]:
    if isinstance(predicate, (All, AnyOf)):
        for part in predicate.parts:
            yield from _paths(part, model)
    elif isinstance(predicate, Not):
        yield from _paths(predicate.part, model)
    elif isinstance(predicate, (Each, Some)):
        yield predicate.path, model
        inner = _walk(predicate.path, model, "", [], want_list=True)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            yield from _paths(predicate.check, inner)
    elif isinstance(predicate, Leaf):
        yield predicate.path, model
        for operand in (getattr(predicate, "operand", None), getattr(predicate, "months", None)):
            if operand is not None and operand.ref is not None:
                yield operand.ref, model


def _path(expr: PathExpr, model: type[BaseModel], where: str) -> list[str]:
    problems: list[str] = []
    _walk(expr, model, where, problems)
    return problems


def _walk(expr: PathExpr, model: type[BaseModel], where: str, problems: list[str], want_list: bool = False) -> Any:
    current: Any = Profile if expr.absolute else model
    for name, target in expr.segments:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            problems.append(f"{where}: path {expr} goes past a value at {name!r}")
            return None
        if name in derived_names(current):
            current = None
            continue
        field = current.model_fields.get(name)
        if field is None:
            problems.append(f"{where}: path {expr}: {current.__name__} has no field {name!r}")
            return None
        current = unwrap(field.annotation)
        if target is not None:
            records = Profile.model_fields.get(target)
            if records is None:
                problems.append(f"{where}: path {expr}: no top-level list {target!r} to look ids up in")
                return None
            current = list_item(unwrap(records.annotation))
    return list_item(current) if want_list else current
