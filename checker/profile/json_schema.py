"""The profile format as a JSON Schema, built from the pydantic models, for editors (yaml-language-server).

pydantic gives the structure: every key, its type, the vocabularies as enums and unknown keys refused. This
adds what the models check in Python and an editor can't see: the patterns of country codes, control codes,
unified social credit codes and ids, the length of text, and a description of each part of the profile in
English (`description`) and Chinese (`description_zh`), from the `profile_schema` group of templates/i18n.yaml.

The loader takes a plain scalar as its written characters where the format wants text, so an unquoted
`3E001` or `1.10` is text; an editor reads them as numbers, so text fields accept a number as well.
"""

from __future__ import annotations

import json
import typing
from typing import Any

from pydantic import BaseModel

from checker import i18n
from checker.profile import fields, model
from checker.profile.sheets import RECORDS

SCHEMA_ID = "https://exportcheck.example/schema/profile-v1.schema.json"

# What each field type of fields.py adds to a string, in JSON Schema words.
_STRING_RULES: list[tuple[object, dict[str, Any]]] = [
    (fields.CountryCode, {"pattern": "^[A-Z]{2}$"}),
    (fields.ControlCode, {"pattern": r"^(?:\d[A-E]\d{3}(?:\.[a-z0-9]+)*|not_listed)$"}),
    (fields.Uscc, {"pattern": "^[0-9A-Z]{18}$"}),
    (fields.Id, {"pattern": r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$", "maxLength": fields.NAME_LENGTH}),
    (fields.Text, {"maxLength": fields.NAME_LENGTH}),
    (fields.Note, {"maxLength": fields.NOTE_LENGTH}),
]
# What the bounded number types of fields.py add to a number (pydantic can't see inside their validators).
_NUMBER_RULES: list[tuple[object, dict[str, Any]]] = [
    (fields.Percent, {"minimum": 0, "maximum": 100}),
    (fields.Amount, {"exclusiveMinimum": 0}),
]
# Text a plain YAML scalar may give as a number (`3E001`, `1.10`, `0123`), read by the loader as written.
_NUMBER_AS_TEXT = (fields.ControlCode, fields.Id, fields.Text)


def profile_schema() -> dict[str, Any]:
    schema = _plain_names(model.Profile.model_json_schema(mode="validation"))
    definitions = schema.get("$defs", {})
    for cls in _models(model.Profile):
        target = schema if cls is model.Profile else definitions[cls.__name__]
        _describe(target, cls.__name__)
        hints = typing.get_type_hints(cls, include_extras=True)
        for name, prop in target.get("properties", {}).items():
            _describe(prop, f"{cls.__name__}.{name}")
            _constrain(prop, hints[name])
    _allow_sheets(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def _allow_sheets(schema: dict[str, Any]) -> None:
    """A record list may be a list of records or the sheet that holds them (checker/profile/sheets.py)."""
    words = i18n.catalogue()["sheet_template"]["reference"]
    schema["$defs"]["SheetReference"] = {
        "type": "object",
        "properties": {
            "from": {"type": "string", "pattern": r"\.([cC][sS][vV]|[xX][lL][sS][xX])$"},
            "sheet": {"type": "string"},
        },
        "required": ["from"],
        "additionalProperties": False,
        "description": words["en"],
        "description_zh": words["zh"],
    }
    properties = schema["properties"]
    for records in RECORDS:
        listed = properties[records]
        shape = {key: listed.pop(key) for key in ("type", "items")}
        listed["anyOf"] = [shape, {"$ref": "#/$defs/SheetReference"}]


def _plain_names(schema: dict[str, Any]) -> dict[str, Any]:
    """pydantic names two definitions of the same name by their module (`checker__profile__model__…`): the
    model keeps its name, and a vocabulary gets `Words` after it (a qualification, and the words of its kind)."""
    text = json.dumps(schema)
    for name in list(schema.get("$defs", {})):
        if "__" in name:
            module, _, short = name.rpartition("__")
            plain = short if module.endswith("model") else f"{short}Words"
            text = text.replace(f'"#/$defs/{name}"', f'"#/$defs/{plain}"').replace(f'"{name}":', f'"{plain}":')
    renamed: dict[str, Any] = json.loads(text)
    return renamed


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """The model and every model it holds, each once."""
    found: list[type[BaseModel]] = []
    pending = [root]
    while pending:
        cls = pending.pop()
        if cls in found:
            continue
        found.append(cls)
        for hint in typing.get_type_hints(cls).values():
            pending += [arg for arg in _leaves(hint) if isinstance(arg, type) and issubclass(arg, BaseModel)]
    return found


def _leaves(hint: Any) -> list[Any]:
    arguments = typing.get_args(hint)
    if not arguments or typing.get_origin(hint) is typing.Annotated:
        return [hint]
    return [leaf for argument in arguments for leaf in _leaves(argument)]


def _describe(target: dict[str, Any], key: str) -> None:
    words = i18n.catalogue()["profile_schema"].get(key)
    if words is not None:
        target["description"], target["description_zh"] = words["en"], words["zh"]


def _constrain(prop: dict[str, Any], hint: Any) -> None:
    kinds = _leaves_keeping_annotated(hint)
    for kind, rules in _NUMBER_RULES:
        if kind in kinds:
            for number in _number_schemas(prop):
                number.update(rules)
            return
    for kind, rules in _STRING_RULES:
        if kind in kinds:
            for string in _string_schemas(prop):
                string.update(rules)
                if kind in _NUMBER_AS_TEXT:
                    string["type"] = ["string", "number"]
            return


def _leaves_keeping_annotated(hint: Any) -> list[Any]:
    if typing.get_origin(hint) is typing.Annotated:
        return [hint]
    arguments = typing.get_args(hint)
    if not arguments:
        return [hint]
    return [leaf for argument in arguments for leaf in _leaves_keeping_annotated(argument)]


def _number_schemas(prop: dict[str, Any]) -> list[dict[str, Any]]:
    """The number parts of a property's schema: itself or a branch of its anyOf."""
    if prop.get("type") == "number":
        return [prop]
    return [branch for branch in prop.get("anyOf", []) if branch.get("type") == "number"]


def _string_schemas(prop: dict[str, Any]) -> list[dict[str, Any]]:
    """The plain-string parts of a property's schema: itself, its list's items, or a branch of its anyOf."""
    if prop.get("type") == "string" and "enum" not in prop and "format" not in prop:
        return [prop]
    found = []
    if isinstance(prop.get("items"), dict):
        found += _string_schemas(prop["items"])
    for branch in prop.get("anyOf", []):
        found += _string_schemas(branch)
    return found
