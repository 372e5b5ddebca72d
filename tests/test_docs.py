"""The documentation keeps up with the format: every field and every vocabulary word is described."""

from __future__ import annotations

import re
import typing
from enum import Enum

from pydantic import BaseModel

from checker.profile import model, vocabulary
from tests.conftest import ROOT

PROFILE_DOC = (ROOT / "docs" / "profile.md").read_text(encoding="utf-8")


def fields(cls: type[BaseModel], seen: set) -> set[str]:
    names = set()
    for name, info in cls.model_fields.items():
        names.add(name)
        for arg in typing.get_args(info.annotation) + (info.annotation,):
            for inner in typing.get_args(arg) + (arg,):
                if isinstance(inner, type) and issubclass(inner, BaseModel) and inner not in seen:
                    seen.add(inner)
                    names |= fields(inner, seen)
    return names


WORDS = set(re.findall(r"[a-z_][a-z0-9_]*", PROFILE_DOC))


def test_every_profile_field_is_documented():
    assert sorted(name for name in fields(model.Profile, set()) if name not in WORDS) == []


def test_every_vocabulary_word_is_documented():
    words = {
        member.value
        for enum in vars(vocabulary).values()
        if isinstance(enum, type) and issubclass(enum, Enum) and enum.__module__ == vocabulary.__name__
        for member in enum
    }
    assert sorted(word for word in words if word not in WORDS and word not in PROFILE_DOC) == []
