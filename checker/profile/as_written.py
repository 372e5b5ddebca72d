"""Where the profile model wants text, and so takes a plain scalar as the characters written.

YAML would read `control_code: 3E001` as the number 3000 and `version: 1.10` as 1.1; the model wants text
there, and the file holds the exact characters typed. The guide derived here from the model's annotations
tells `to_plain` which places those are: fields of text (names, ids, codes, references, versions) and of a
vocabulary. Numbers, booleans and dates stay what YAML makes of them, for the fields that want them.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel

from checker.read.nodes import TextGuide


@cache
def text_guide(model: type[BaseModel]) -> TextGuide:
    """The guide of a model's tree; built once per model and run (a few hundred annotations)."""
    guide = _guide(model, {})
    return guide if guide is not None else TextGuide()


def _guide(annotation: Any, seen: dict[type, TextGuide | None]) -> TextGuide | None:
    guide = TextGuide()
    for option in _options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            if option in seen:  # a model that holds itself, further down
                nested = seen[option]
                if nested is not None:
                    guide.keys.update(nested.keys)
                continue
            guide.keys.update(_model_keys(option, seen))
        elif typing.get_origin(option) is list:
            guide.item = _guide(typing.get_args(option)[0], seen)
        elif _is_text(option):
            guide.text = True
    return guide if guide.text or guide.keys or guide.item is not None else None


def _model_keys(model: type[BaseModel], seen: dict[type, TextGuide | None]) -> dict[str, TextGuide]:
    placeholder = TextGuide()
    seen[model] = placeholder
    for name, field in model.model_fields.items():
        nested = _guide(field.annotation, seen)
        if nested is not None:
            placeholder.keys[field.alias or name] = nested
    return placeholder.keys


def _options(annotation: Any) -> list[Any]:
    """The types a value may have: the members of a union, each without `Annotated`."""
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [option for arg in typing.get_args(annotation) for option in _options(arg)]
    return [] if annotation is type(None) else [annotation]


def _is_text(option: Any) -> bool:
    """str and its subclasses (the vocabularies are StrEnums); a Literal of words only."""
    if typing.get_origin(option) is typing.Literal:
        return all(isinstance(word, str) for word in typing.get_args(option))
    return isinstance(option, type) and issubclass(option, str)
