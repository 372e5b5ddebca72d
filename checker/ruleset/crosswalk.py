"""The crosswalk: how the rule set's elements line up with the BIS and EU programme frameworks.

The mapping is data, `rules/crosswalk.yaml`. It is read only by the commands that show it (`rules coverage
--framework`, the gap report's appendix). A test holds it to the built-in rule set: every element has one row, and every
framework element a row names exists. A pack's own elements have no row, and are shown as mapped to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field

from checker.bilingual import Bilingual
from checker.errors import InputProblem, RuleSetError
from checker.resources import data_dir
from checker.ruleset.pack import load_model
from checker.ruleset.rule import Strict

FILE = "crosswalk.yaml"


class FrameworkElement(Strict):
    id: str = Field(min_length=1)
    title: Bilingual


class Framework(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: Bilingual
    edition: Bilingual
    basis: Literal["P", "S"]
    url: str = Field(pattern=r"^https://")
    elements: tuple[FrameworkElement, ...] = Field(min_length=1)


class Fit(Strict):
    id: str
    fit: Literal["full", "partial"]
    note: Bilingual | None = None


class Row(Strict):
    element: str
    to: dict[str, tuple[Fit, ...]]


class CrosswalkFile(Strict):
    frameworks: tuple[Framework, ...] = Field(min_length=1)
    mapping: tuple[Row, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Counterpart:
    """One element of the rule set that overlaps a framework element, and how."""

    element: str
    fit: str
    note: Bilingual | None


@dataclass(frozen=True)
class Line:
    """One framework element and the rule set's elements that overlap it (none: no counterpart here)."""

    element: FrameworkElement
    counterparts: tuple[Counterpart, ...]


@dataclass(frozen=True)
class Crosswalk:
    frameworks: tuple[Framework, ...]
    mapping: tuple[Row, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(framework.id for framework in self.frameworks)

    def framework(self, framework_id: str) -> Framework:
        for framework in self.frameworks:
            if framework.id == framework_id:
                return framework
        raise KeyError(framework_id)

    def lines(self, framework_id: str) -> tuple[Line, ...]:
        """Each element of the framework, in its own order, with its counterparts in the mapping's order."""
        framework = self.framework(framework_id)
        return tuple(
            Line(
                element,
                tuple(
                    Counterpart(row.element, fit.fit, fit.note)
                    for row in self.mapping
                    for fit in row.to.get(framework_id, ())
                    if fit.id == element.id
                ),
            )
            for element in framework.elements
        )

    def unmatched(self, framework_id: str, elements: Iterable[str]) -> tuple[str, ...]:
        """Of `elements` (a rule set's, in its order), those that overlap no element of the framework: the
        built-in ones the mapping says have no counterpart, and a pack's own, which it does not know."""
        rows = {row.element: row for row in self.mapping}
        return tuple(element for element in elements if element not in rows or not rows[element].to.get(framework_id))

    def problems(self, elements: Iterable[str]) -> list[str]:
        """What does not hold between the mapping and the rule set's elements."""
        known = list(elements)
        found = []
        mapped = [row.element for row in self.mapping]
        for element in known:
            if element not in mapped:
                found.append(f"element {element!r} of the rule set has no row")
        for row in self.mapping:
            if row.element not in known:
                found.append(f"row {row.element!r} names no element of the rule set")
            if mapped.count(row.element) > 1:
                found.append(f"element {row.element!r} has more than one row")
            for framework_id, fits in row.to.items():
                if framework_id not in self.ids:
                    found.append(f"row {row.element!r} maps to {framework_id!r}, which is not a framework here")
                    continue
                ids = {element.id for element in self.framework(framework_id).elements}
                found += [
                    f"row {row.element!r} names {framework_id} element {fit.id!r}, which it does not have"
                    for fit in fits
                    if fit.id not in ids
                ]
            found += [
                f"row {row.element!r} says nothing of {framework_id!r}"
                for framework_id in self.ids
                if framework_id not in row.to
            ]
        return list(dict.fromkeys(found))


@cache
def crosswalk() -> Crosswalk:
    """The built-in crosswalk, read once."""
    return read_crosswalk(data_dir("rules") / FILE)


def read_crosswalk(path: Path) -> Crosswalk:
    problems: list[InputProblem] = []
    loaded = load_model(path, CrosswalkFile, problems)
    if loaded is None:
        raise RuleSetError("\n".join(str(problem) for problem in problems))
    return Crosswalk(loaded.frameworks, loaded.mapping)
