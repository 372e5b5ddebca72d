"""Read the `check`, `applies_if` and `where` predicates of a rule file.

Each predicate is a mapping with one operator key, for example

    at_least: {path: retention_years, value: 5}
    all:
      - exists: signed_by
      - equals: {path: signed_by.role, value: principal_person_in_charge}

A mistake is reported with its place inside the rule (`check.all[1].equals`).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from checker.bilingual import Bilingual
from checker.diagnostics import suggest
from checker.language.expressions import PathExpr
from checker.language.predicates import (
    All,
    AnyOf,
    AtLeast,
    AtMost,
    Contains,
    ContainsAll,
    ContainsAny,
    CountAtLeast,
    Each,
    Empty,
    Equals,
    Exists,
    InForce,
    Not,
    NotEmpty,
    OneOf,
    Operand,
    Predicate,
    Some,
    WithinMonths,
)


class PredicateError(ValueError):
    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where


_PATH_ONLY = {"exists": Exists, "not_empty": NotEmpty, "empty": Empty}
_WITH_VALUE = {
    "equals": Equals,
    "contains": Contains,
    "at_least": AtLeast,
    "at_most": AtMost,
    "count_at_least": CountAtLeast,
}
_WITH_VALUES = {"contains_all": ContainsAll, "contains_any": ContainsAny, "one_of": OneOf}
_OVER_LIST = {"each": Each, "some": Some}
OPERATORS = sorted(
    [*_PATH_ONLY, *_WITH_VALUE, *_WITH_VALUES, *_OVER_LIST, "within_months", "all", "any", "not", "in_force"]
)
# "DUR 26": a document id, then an article as the rule cites it (or the document alone).
_SOURCE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_-]*)(?: ([0-9IVX]+(?:\.[0-9]+)?))?$")


def parse_predicate(data: Any, where: str = "check") -> Predicate:
    if not isinstance(data, dict) or len(data) != 1:
        raise PredicateError(where, f"a predicate is a mapping with exactly one operator ({', '.join(OPERATORS)})")
    ((operator, args),) = data.items()
    here = f"{where}.{operator}"
    if operator in _PATH_ONLY:
        if isinstance(args, str):
            return _PATH_ONLY[operator](_path(args, here))
        fields = _fields(args, here, required={"path"}, optional={"message"})
        return _PATH_ONLY[operator](_path(fields["path"], here), _message(fields, here))
    if operator in _WITH_VALUE:
        fields = _fields(args, here, required={"path", "value"}, optional={"message"})
        return _WITH_VALUE[operator](
            _path(fields["path"], here), _message(fields, here), _operand(fields["value"], f"{here}.value")
        )
    if operator in _WITH_VALUES:
        fields = _fields(args, here, required={"path", "values"}, optional={"message"})
        return _WITH_VALUES[operator](
            _path(fields["path"], here),
            _message(fields, here),
            _operand(fields["values"], f"{here}.values", want_list=True),
        )
    if operator == "within_months":
        fields = _fields(args, here, required={"path", "months"}, optional={"message"})
        months = _operand(fields["months"], f"{here}.months")
        if months.ref is None and (not isinstance(months.literal, int) or months.literal < 1):
            raise PredicateError(f"{here}.months", "expected a positive whole number or {path: …}")
        return WithinMonths(_path(fields["path"], here), _message(fields, here), months)
    if operator in ("all", "any"):
        if isinstance(args, dict) and set(args) == {"of", "message"}:
            if operator == "all":
                # Each failing part of an `all` is reported on its own, with its own message: one given here
                # could never be shown, so it is refused rather than dropped.
                raise PredicateError(
                    f"{here}.message",
                    "a message under all: is never shown, because each part "
                    "that fails is reported with its own; give it to the parts",
                )
            message, args = _message(args, here), args["of"]
        else:
            message = None
        if not isinstance(args, list) or not args:
            raise PredicateError(here, "expected a non-empty list of predicates")
        parts = tuple(parse_predicate(part, f"{here}[{i}]") for i, part in enumerate(args))
        return All(parts) if operator == "all" else AnyOf(parts, message)
    if operator == "not":
        if isinstance(args, dict) and set(args) == {"of", "message"}:
            return Not(parse_predicate(args["of"], f"{here}.of"), _message(args, here))
        return Not(parse_predicate(args, here))
    if operator == "in_force":
        fields = _fields(args, here, required={"source", "check"}, optional={"otherwise"})
        match = _SOURCE.match(fields["source"]) if isinstance(fields["source"], str) else None
        if match is None:
            raise PredicateError(f"{here}.source", "expected a document and article the rule cites, like 'DUR 26'")
        otherwise = parse_predicate(fields["otherwise"], f"{here}.otherwise") if "otherwise" in fields else None
        return InForce(match[1], match[2], parse_predicate(fields["check"], f"{here}.check"), otherwise)
    if operator in _OVER_LIST:
        fields = _fields(args, here, required={"path", "check"}, optional={"message"})
        return _OVER_LIST[operator](
            _path(fields["path"], here), _message(fields, here), check=parse_predicate(fields["check"], f"{here}.check")
        )
    guess = suggest(str(operator), OPERATORS)
    hint = f" (did you mean {guess!r}?)" if guess else f"; known operators: {', '.join(OPERATORS)}"
    raise PredicateError(where, f"unknown operator {operator!r}{hint}")


def _fields(args: Any, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    if not isinstance(args, dict):
        raise PredicateError(where, f"expected a mapping with {', '.join(sorted(required))}")
    missing = required - set(args)
    unknown = set(args) - required - optional
    if missing:
        raise PredicateError(where, f"missing {', '.join(sorted(missing))}")
    if unknown:
        raise PredicateError(
            where, f"unknown key {sorted(unknown)[0]!r}; expected {', '.join(sorted(required | optional))}"
        )
    return args


def _path(text: Any, where: str) -> PathExpr:
    try:
        return PathExpr.parse(text)
    except ValueError as exc:
        raise PredicateError(where, str(exc)) from None


def _operand(value: Any, where: str, want_list: bool = False) -> Operand:
    if isinstance(value, dict):
        fields = _fields(value, where, required={"path"}, optional={"add_months"})
        shift = fields.get("add_months", 0)
        if not isinstance(shift, int) or isinstance(shift, bool):
            raise PredicateError(f"{where}.add_months", "expected a whole number")
        return Operand(ref=_path(fields["path"], where), add_months=shift)
    if want_list and (not isinstance(value, list) or not value):
        raise PredicateError(where, "expected a non-empty list of values or {path: …}")
    return Operand(literal=value)


def _message(fields: dict[str, Any], where: str) -> Bilingual | None:
    if "message" not in fields:
        return None
    try:
        return Bilingual.model_validate(fields["message"])
    except ValidationError as exc:
        raise PredicateError(f"{where}.message", "expected {en: …, zh: …} with both texts") from exc
