"""What exportcheck does not assess, said where a profile touches it.

The statements are data, `rules/scope.yaml`: each with the condition on the profile under which it shows
(in the rule language), its text in both languages, the documents it concerns and the grade of the facts it
states. A statement whose facts were read only in secondary sources says so in its text. Each statement that
shows becomes a notice of kind `out_of_scope` (checker.notices), in the order of the file.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from checker import i18n
from checker.errors import InputProblem, RuleSetError
from checker.language.expressions import Context, Scope
from checker.notices import Notice
from checker.resources import data_dir
from checker.ruleset.cache import RuleCache
from checker.ruleset.pack import load_model
from checker.ruleset.rule import PredicateField, Strict
from checker.ruleset.sources import notes_dir

KIND = "out_of_scope"
FILE = "scope.yaml"


class Statement(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    shows_if: PredicateField  # a condition on the whole profile
    basis: Literal["P", "S"]  # the weakest grade of the facts stated; an unverified fact is never stated
    refs: tuple[str, ...] = Field(min_length=1)
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def notice(self) -> Notice:
        en, zh = self.en, self.zh
        if self.basis == "S":  # the reader learns how firmly the facts were read, in the statement itself
            en += " " + i18n.t("text", "scope_secondary", "en")
            zh += i18n.t("text", "scope_secondary", "zh")
        return Notice(KIND, en, zh, self.refs)


class ScopeFile(Strict):
    statements: tuple[Statement, ...] = Field(min_length=1)


@cache
def statements() -> tuple[Statement, ...]:
    """The statements of the built-in rules, read once, and kept between runs as the rule set is."""
    path = data_dir("rules") / FILE
    kept = RuleCache([path], notes_dir(), name="scope")
    found = kept.load()
    if not isinstance(found, tuple):
        found = read_statements(path)
        kept.store(found)
    return found


def read_statements(path: Path) -> tuple[Statement, ...]:
    problems: list[InputProblem] = []
    loaded = load_model(path, ScopeFile, problems)
    if loaded is None:
        raise RuleSetError("\n".join(str(problem) for problem in problems))
    ids = [statement.id for statement in loaded.statements]
    if len(set(ids)) != len(ids):
        raise RuleSetError(f"{path}: statement ids must be unique: {', '.join(ids)}")
    return loaded.statements


def out_of_scope(data: dict[str, Any], as_of: date) -> tuple[Notice, ...]:
    """The notices of the statements whose condition holds for the profile's plain data."""
    root = Scope(Context(data, as_of), data, ())
    return tuple(statement.notice() for statement in statements() if statement.shows_if.holds(root))
