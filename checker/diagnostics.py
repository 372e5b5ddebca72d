"""Turn pydantic's validation errors into `file:line:col: message` problems a person can act on."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from checker.annotations import list_item, unwrap
from checker.errors import MAX_PROBLEMS, InputProblem
from checker.paths import format_path
from checker.read.nodes import Mark, Node, Scalar, locate

_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}


def problems_from(error: ValidationError, model: type[BaseModel], root: Node) -> tuple[list[InputProblem], int]:
    """The problems described (at most MAX_PROBLEMS places), and how many more places had one."""
    problems: dict[tuple, InputProblem] = {}
    places = {tuple(detail["loc"]) for detail in error.errors(include_url=False, include_input=False)}
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        if loc in problems:
            continue  # one message per place is enough
        if len(problems) == MAX_PROBLEMS:
            break
        problems[loc] = _problem(detail, loc, model, root)
    return list(problems.values()), len(places) - len(problems)


def _problem(detail: ErrorDetails, loc: tuple, model: type[BaseModel], root: Node) -> InputProblem:
    kind = detail["type"]
    if kind == "missing":
        where = format_path(loc[:-1]) or "the top level"
        return _at(locate(root, loc[:-1]).mark, f"missing required key {loc[-1]!r} in {where}")
    located = locate(root, loc)
    if kind == "extra_forbidden":
        return _at(located.key_mark or located.mark, _unknown_key(loc, model))
    node = located.node if located.exists else None
    return _at(located.mark, f"{format_path(loc)}: {_message(detail, node)}")


def _at(mark: Mark, message: str) -> InputProblem:
    return InputProblem.at(mark, message)


def _message(detail: ErrorDetails, node: Node | None) -> str:
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    found = _found(value, node)
    if kind == "enum":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return _not_in_vocabulary(value, allowed)
    if kind == "literal_error":
        allowed = re.findall(r"(\d+|'[^']*')", str(ctx.get("expected", "")))
        return f"{found} is not supported; expected {' or '.join(allowed)}"
    if kind == "bool_type":
        hint = ""
        if isinstance(value, str) and value in _YAML11_BOOLEANS:
            hint = f" ({value!r} is text in YAML 1.2; write true or false)"
        return f"expected true or false, found {found}{hint}"
    if kind in ("string_type", "str_type"):
        # A plain scalar is read as written wherever text is wanted (checker/profile/as_written.py), so what
        # arrives here is a list, a mapping or nothing.
        return f"expected text, found {found}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {found}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping (key: value lines), found {found}"
    if kind == "list_type":
        hint = ""
        if isinstance(node, Scalar) and node.value is not None:
            hint = f": write it as a list: [{node.source}]"
        return f"expected a list, found {found}{hint}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "greater_than_equal":
        return f"{found} is too small: it must be at least {ctx.get('ge')}"
    if kind == "greater_than":
        return f"{found} is too small: it must be greater than {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"{found} is too large: it must be at most {ctx.get('le')}"
    return detail["msg"]


def _found(value: Any, node: Node | None) -> str:
    if isinstance(node, Scalar) and not isinstance(node.value, str) and node.value is not None:
        kind = {bool: "the boolean", int: "the number", float: "the number"}.get(type(node.value), "the value")
        return f"{kind} {node.source}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _not_in_vocabulary(value: Any, allowed: list[str]) -> str:
    shown = repr(value) if isinstance(value, str) else _found(value, None)
    message = f"{shown} is not one of: {', '.join(allowed)}"
    if isinstance(value, str):
        guess = suggest(value, allowed)
        if guess:
            message += f" (did you mean {guess!r}?)"
    return message


def _unknown_key(loc: tuple, model: type[BaseModel]) -> str:
    key = loc[-1]
    where = format_path(loc[:-1]) or "the top level"
    message = f"unknown key {key!r} in {where}"
    known = _field_names(model, loc[:-1])
    guess = suggest(str(key), known) if known else None
    if guess:
        message += f" (did you mean {guess!r}?)"
    elif known:
        message += f"; expected one of: {', '.join(known)}"
    return message


def suggest(word: str, choices: list[str]) -> str | None:
    lowered = {choice.lower(): choice for choice in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    import difflib  # only a misspelt word needs it

    matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[matches[0]] if matches else None


def _field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys a mapping at `loc` accepts, found by following the model's annotations."""
    current: Any = model
    for part in loc:
        current = unwrap(current)
        if isinstance(part, int):
            current = list_item(current)
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []
