"""Turn pydantic's validation errors into `file:line:col: message` problems a person can act on.

Each message is a catalogue entry (`templates/i18n.yaml`, group `input`) chosen by pydantic's error `type`
and filled from its context, so the CLI can say it in the language of the command. A type with no entry keeps
pydantic's English message.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from checker.annotations import list_item, unwrap
from checker.errors import MAX_PROBLEMS, InputProblem, Words
from checker.i18n import problem
from checker.paths import format_path
from checker.read.nodes import Node, Scalar, locate

_Model = TypeVar("_Model", bound=BaseModel)

# A part of an error's path that names a form of a union, not a field: a model (`Listing`) or a validator
# chain (`function-after[…, str-enum[ScreeningList]]`). Field names are lower case.
_FORM = re.compile(r"[A-Z]|.*\[")
_WANTS_A_MAPPING = frozenset({"model_type", "dict_type", "model_attributes_type"})
_WANTS_A_VALUE = frozenset({"enum", "literal_error", "string_type", "str_type", "int_type", "bool_type"})
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}
# A quoted value longer than this is shown by its start and its length.
_SHOWN_CHARACTERS = 60

# pydantic's own error types, by the catalogue entry that words them; each takes `found`.
_FOUND_ONLY = {
    "string_type": "expected_text",
    "str_type": "expected_text",
    "int_type": "expected_whole_number",
    "int_parsing": "expected_whole_number",
    "int_from_float": "expected_whole_number",
    "dict_type": "expected_mapping",
    "model_type": "expected_mapping",
    "model_attributes_type": "expected_mapping",
}
_BOUNDS = {"greater_than_equal": ("too_small_at_least", "ge"), "greater_than": ("too_small_greater", "gt")}
_BOUNDS["less_than_equal"] = ("too_large", "le")
# The profile's own error types (checker/profile/fields.py, model.py), worded from the value refused.
_OURS = {
    "iso_date": "date_format",
    "real_date": "not_a_real_date",
    "control_code": "control_code",
    "uscc": "uscc",
    "identifier": "identifier",
    "number": "expected_number",
}
# Every type the catalogue words: a test checks each type the samples and tests produce is among them.
WORDED = frozenset(
    {*_FOUND_ONLY, *_BOUNDS, *_OURS}
    | {"missing", "extra_forbidden", "enum", "literal_error", "bool_type", "list_type", "string_too_short"}
    | {"country_code", "text_length", "number_too_small", "number_too_large", "date_order", "missing_start"}
)


def read_validated(path: str, model: type[_Model]) -> tuple[Node, _Model]:
    """A small YAML file of ours (waivers, attestations) read with its places and validated as `model`; every
    problem an input error at its file:line:col."""
    from pathlib import Path

    from checker.errors import InputError
    from checker.read.nodes import to_plain
    from checker.read.yaml import read_yaml

    root = read_yaml(Path(path), path)
    try:
        return root, model.model_validate(to_plain(root))
    except ValidationError as error:
        problems, omitted = problems_from(error, model, root)
        raise InputError(problems, omitted) from None


def problems_from(error: ValidationError, model: type[BaseModel], root: Node) -> tuple[list[InputProblem], int]:
    """The problems described (at most MAX_PROBLEMS places), and how many more places had one."""
    problems: dict[tuple, InputProblem] = {}
    details = _fitting(error.errors(include_url=False), root)
    places = {tuple(detail["loc"]) for detail in details}
    for detail in details:
        loc = tuple(detail["loc"])
        if loc in problems:
            continue  # one message per place is enough
        if len(problems) == MAX_PROBLEMS:
            break
        problems[loc] = _problem(detail, loc, model, root)
    return list(problems.values()), len(places) - len(problems)


def _fitting(details: list[ErrorDetails], root: Node) -> list[ErrorDetails]:
    """The errors of each form of a union that could fit what was written, with the form's name taken out of
    `loc`.

    A value that may be written two ways (a listing: a list's name, or a mapping with its dates) is refused
    by both; pydantic names the form in the path (`listed_on[0].Listing.date`). A form refusing the value for
    its shape alone (a mapping where it wants a word, a word where it wants a mapping) says nothing the
    person needs: the other form's refusal is the one to explain.
    """
    fitting = []
    for detail in details:
        loc = tuple(detail["loc"])
        at = next((index for index, part in enumerate(loc) if _is_form(part, loc[:index], root)), None)
        if at is None:
            fitting.append(detail)
        elif not _refuses_the_shape(detail):
            fitting.append({**detail, "loc": loc[:at] + loc[at + 1 :]})
    return fitting


def _refuses_the_shape(detail: ErrorDetails) -> bool:
    written = detail.get("input")
    if detail["type"] in _WANTS_A_MAPPING:
        return not isinstance(written, dict)
    return detail["type"] in _WANTS_A_VALUE and isinstance(written, dict | list)


def _is_form(part: object, above: tuple, root: Node) -> bool:
    """Whether a part of a path names a form of a union; a key the file has (in a mapping of free keys) does not."""
    if not isinstance(part, str) or not _FORM.match(part):
        return False
    return not locate(root, (*above, part)).exists


def _problem(detail: ErrorDetails, loc: tuple, model: type[BaseModel], root: Node) -> InputProblem:
    kind = detail["type"]
    if kind == "missing":
        where = format_path(loc[:-1]) or Words("top_level")
        return problem(locate(root, loc[:-1]).mark, Words("missing", key=repr(loc[-1]), where=where))
    located = locate(root, loc)
    if kind == "extra_forbidden":
        return problem(located.key_mark or located.mark, _unknown_key(loc, model))
    node = located.node if located.exists else None
    words = _words(detail, node)
    if words is None:  # a type the catalogue does not word: pydantic's English, as it is
        return InputProblem.at(located.mark, f"{format_path(loc)}: {detail['msg']}")
    return problem(located.mark, Words("at_path", path=format_path(loc), message=words))


def _words(detail: ErrorDetails, node: Node | None) -> Words | None:
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    if kind in _FOUND_ONLY:
        # Text fields take a plain scalar as written (checker/profile/as_written.py), so what is refused as
        # not text is a list, a mapping or nothing.
        return Words(_FOUND_ONLY[kind], found=_found(value, node))
    if kind in _OURS:
        return Words(_OURS[kind], found=shown(value))
    if kind in _BOUNDS:
        key, bound = _BOUNDS[kind]
        return Words(key, found=_found(value, node), limit=ctx.get(bound))
    if kind == "enum":
        return _not_in_vocabulary(value, re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
    if kind == "literal_error":
        alternatives = tuple(re.findall(r"(\d+|'[^']*')", str(ctx.get("expected", ""))))
        return Words("not_supported", found=_found(value, node), allowed=alternatives)
    if kind == "bool_type":
        hint: Words | str = ""
        if isinstance(value, str) and value in _YAML11_BOOLEANS:
            hint = Words("yaml11_boolean", value=repr(value))
        return Words("expected_boolean", found=_found(value, node), hint=hint)
    if kind == "list_type":
        hint = ""
        if isinstance(node, Scalar) and node.value is not None:
            hint = Words("write_as_list", value=node.source)
        return Words("expected_list", found=_found(value, node), hint=hint)
    if kind == "string_too_short":
        return Words("must_not_be_empty")
    return _words_of_ours(kind, value, ctx)


def _words_of_ours(kind: str, value: Any, ctx: dict[str, Any]) -> Words | None:
    if kind == "country_code":
        guess = ctx.get("guess")
        hint: Words | str = ""
        if guess:
            hint = Words("did_you_mean_upper" if ctx.get("upper") else "did_you_mean", guess=repr(guess))
        return Words("country_code", found=shown(value), hint=hint)
    if kind == "text_length":
        return Words("text_too_long", length=ctx["length"], limit=ctx["limit"])
    if kind == "number_too_small":
        key = "too_small_greater" if ctx.get("exclusive") else "too_small_at_least"
        return Words(key, found=shown(value), limit=ctx["limit"])
    if kind == "number_too_large":
        return Words("too_large", found=shown(value), limit=ctx["limit"])
    if kind == "date_order":
        return Words("date_order", day=ctx["day"], event=Words(f"event_{ctx['when']}"), earlier=ctx["earlier"])
    if kind == "missing_start":
        return Words("missing_start")
    return None


def _found(value: Any, node: Node | None) -> Words | str:
    """What was written, for a message: the source of a number or boolean as typed, a quoted text, a kind."""
    if isinstance(node, Scalar) and not isinstance(node.value, str) and node.value is not None:
        kind = {bool: "found_boolean", int: "found_number", float: "found_number"}.get(type(node.value))
        return Words(kind or "found_value", value=node.source)
    if value is None:
        return Words("found_null")
    if isinstance(value, str):
        return repr(value)
    return _kind(value)


def shown(value: Any) -> Words | str:
    """A refused value as the profile's field types show it: quoted text (the start of a long one), or its kind."""
    if isinstance(value, str):
        if len(value) <= _SHOWN_CHARACTERS:
            return repr(value)
        return Words("long_text", start=repr(value[:_SHOWN_CHARACTERS]), length=f"{len(value):,}")
    if value is None:
        return Words("found_null")
    if isinstance(value, bool):
        return Words("found_boolean", value=str(value).lower())
    if isinstance(value, int | float):
        return Words("found_number", value=value)
    return _kind(value)


def _kind(value: Any) -> Words | str:
    if isinstance(value, list):
        return Words("found_list")
    if isinstance(value, dict):
        return Words("found_mapping")
    return repr(value)


def _not_in_vocabulary(value: Any, allowed: list[str]) -> Words:
    found = repr(value) if isinstance(value, str) else _found(value, None)
    guess = suggest(value, allowed) if isinstance(value, str) else None
    hint = Words("did_you_mean", guess=repr(guess)) if guess else ""
    return Words("not_in_vocabulary", found=found, allowed=", ".join(allowed), hint=hint)


def _unknown_key(loc: tuple, model: type[BaseModel]) -> Words:
    key = loc[-1]
    where = format_path(loc[:-1]) or Words("top_level")
    known = _field_names(model, loc[:-1])
    guess = suggest(str(key), known) if known else None
    hint: Words | str = ""
    if guess:
        hint = Words("did_you_mean", guess=repr(guess))
    elif known:
        hint = Words("expected_one_of", names=", ".join(known))
    return Words("unknown_key", key=repr(key), where=where, hint=hint)


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
