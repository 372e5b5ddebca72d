"""Requirement catalogues: every requirement a source places on an exporter, and what checks it.

A catalogue lists a source's requirements in order. Each is checked by one or
more rules, or is `manual`, with the question a person must answer because no
profile fact can show it. Catalogues are kept apart from rules so that
coverage is visible: what the rule set automates, and what it leaves to people.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from checker.bilingual import Bilingual


class Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Z0-9]+-[0-9IVX]+(?:\.[0-9]+)*(?:\.[a-z])?$")
    article: str = Field(pattern=r"^[0-9IVX]+(?:\.[0-9]+)?$")
    paragraph: int | None = Field(default=None, ge=1)
    item: int | None = Field(default=None, ge=1)
    summary: Bilingual
    rules: list[str] = Field(default_factory=list)
    manual: bool = False
    question: Bilingual | None = None

    @model_validator(mode="after")
    def _checked_somehow(self) -> Requirement:
        if self.manual == bool(self.rules):
            raise ValueError("a requirement names the rules that check it, or is manual: true (not both)")
        if self.manual and self.question is None:
            raise ValueError("a manual requirement needs the question a person must answer {en, zh}")
        if not self.manual and self.question is not None:
            raise ValueError("only a manual requirement has a question")
        return self


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    framework: str
    title: Bilingual
    requirements: list[Requirement] = Field(min_length=1)
