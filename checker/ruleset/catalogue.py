"""Requirement catalogues: every requirement a source places on an exporter, and what checks it.

A catalogue lists a source's requirements in order. Each is checked by one or
more rules, or is `manual`, with the question a person must answer because no
profile fact can show it. Catalogues are kept apart from rules so that
coverage is visible: what the rule set automates, and what it leaves to people.

Each entry says how firmly its content was read (`basis`, the grades of the
pages under docs/sources/), so a reader can tell the law read in full from the
superseded 2007 wording or a point no source confirmed. An article that gives
the state a power, or only encourages, is kept beside the requirements as a
`power` or an `encouragement`: it explains the requirements around it, but an
exporter can't meet or miss it, so it is never counted as a requirement.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from checker.bilingual import Bilingual
from checker.results import Severity
from checker.ruleset.sources import Basis


class Kind(StrEnum):
    requirement = "requirement"  # binds the exporter (or those acting for it)
    power = "power"  # what the state may do; the exporter's own duty, if any, is a requirement of its own
    encouragement = "encouragement"  # what the state steers towards without requiring it


class Requirement(BaseModel):
    # defer_build: a run whose rule set comes from the cache validates no rule file (see checker.ruleset.cache).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[A-Z0-9]+-[0-9IVX]+(?:\.[0-9]+)*(?:\.[a-z])?$")
    article: str = Field(pattern=r"^[0-9IVX]+(?:\.[0-9]+)?$")
    paragraph: int | None = Field(default=None, ge=1)
    item: int | None = Field(default=None, ge=1)
    summary: Bilingual
    basis: Basis
    kind: Kind = Kind.requirement
    rules: list[str] = Field(default_factory=list)
    manual: bool = False
    question: Bilingual | None = None
    # A manual requirement is a checklist item: a result of its own, `manual` until an attestation answers it.
    # These place it in the report and the score as a rule's are; `applies_to` limits it to the companies whose
    # business (company.business) includes one of the kinds named.
    element: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")
    severity: Severity | None = None
    owner: str = Field(default="compliance", pattern=r"^[a-z][a-z0-9_]*$")
    applies_to: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _checked_somehow(self) -> Requirement:
        if self.kind != Kind.requirement:
            # The rules a power or encouragement names check the exporter's side of it; it needs none.
            if self.manual or self.question is not None:
                raise ValueError(f"a {self.kind.value} is not a requirement, so it has no manual question")
            return self
        if self.manual == bool(self.rules):
            raise ValueError("a requirement names the rules that check it, or is manual: true (not both)")
        if self.manual and self.question is None:
            raise ValueError("a manual requirement needs the question a person must answer {en, zh}")
        if not self.manual and self.question is not None:
            raise ValueError("only a manual requirement has a question")
        if self.manual and (self.element is None or self.severity is None):
            raise ValueError("a manual requirement is a checklist item: give its element and severity")
        if not self.manual and (self.element is not None or self.severity is not None or self.applies_to):
            raise ValueError("only a manual requirement (a checklist item) has an element, severity or applies_to")
        return self


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    framework: str
    title: Bilingual
    requirements: list[Requirement] = Field(min_length=1)
