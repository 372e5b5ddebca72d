"""A rule as it is written in `rules/<element>/<ID>.yaml`, validated when loaded."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from checker.bilingual import Bilingual
from checker.language.expressions import PathExpr
from checker.language.predicates import Predicate
from checker.results import Severity
from checker.ruleset.pack import TERM_ID
from checker.ruleset.sources import Citation

# Built-in ids are like LIC-001; a pack's ids start with its prefix: ACME-EXP-001.
BUILTIN_RULE_ID = r"^[A-Z]{2,4}-[0-9]{3}$"
RULE_ID = r"^[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{1,10}){1,3}$"


def _predicate(value: Any) -> Any:
    # Imported by a run that reads rule files; one whose rule set comes from the cache parses no predicate.
    from checker.language.predicate_parser import parse_predicate

    return value if isinstance(value, Predicate) else parse_predicate(value)


def _path(value: Any) -> Any:
    return value if isinstance(value, PathExpr) else PathExpr.parse(value)


PredicateField = Annotated[Any, BeforeValidator(_predicate)]
PathField = Annotated[Any, BeforeValidator(_path)]


class Strict(BaseModel):
    # defer_build: a run whose rule set comes from the cache validates no rule file (see checker.ruleset.cache).
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True, defer_build=True)


class FunctionCheck(Strict):
    """A check written in Python and registered by name in `checker.checks`."""

    function: str


class Condition(Strict):
    """A condition for a rule (or a subject) to apply, and the reason given when it does not."""

    require: PredicateField
    reason: Bilingual
    values: dict[str, PathField] = {}  # placeholders the reason uses, resolved in the subject


class ExpectedResult(Strict):
    status: Literal["fail", "manual", "not_applicable", "error"]
    path: str


class Example(Strict):
    """A profile that shows the rule at work: the base profile with `profile` merged in and `set` applied."""

    title: str
    profile: dict[str, Any] = Field(default_factory=dict)
    set: dict[str, Any] = Field(default_factory=dict)
    unset: list[str] = Field(default_factory=list)
    as_of: dt.date | None = None
    # Reference datasets the example is evaluated with: files beside the base profile (rules/examples/).
    reference: list[str] = Field(default_factory=list)
    expect: Literal["pass", "not_applicable"] | list[ExpectedResult]


class Rule(Strict):
    id: str = Field(pattern=RULE_ID)
    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    aliases: list[str] = Field(default_factory=list)
    title: Bilingual
    element: str = Field(pattern=TERM_ID)  # one of the rule set's elements, checked when the packs compose
    severity: Severity
    best_practice: bool = False
    # A failure is about something that already happened (an export, a transfer) that may itself break the law,
    # not a gap in the programme: reports put it first among failures of its severity, and its remediation is to
    # stop, investigate, record and take advice on reporting it, not only to fix the procedure.
    conduct: bool = False
    sources: list[Citation] = Field(min_length=1)
    rationale: Bilingual
    # What the rule reads into its sources beyond what they say (an analogy, a fact read only in secondary
    # reports); every finding of the rule carries it. Severity is bounded by it: see evidence.py.
    inferred: Bilingual | None = None
    remediation: Bilingual
    owner: str = Field(default="compliance", pattern=TERM_ID)  # one of the rule set's owners, likewise
    # By default a rule applies from the date its first source took effect, and for as long as that source is in
    # force; these override that when a rule's requirement started, or stopped, on another date.
    in_force_from: dt.date | None = None
    in_force_until: dt.date | None = None
    applies_if: list[Condition] = Field(default_factory=list)
    for_each: PathField | None = None
    where: list[Condition] = Field(default_factory=list)
    date: PathField | None = None
    check: PredicateField | FunctionCheck
    message: Bilingual | None = None
    messages: dict[str, Bilingual] = Field(default_factory=dict)
    message_values: dict[str, PathField] = Field(default_factory=dict)
    examples: list[Example] = Field(min_length=2)

    @model_validator(mode="before")
    @classmethod
    def _function_or_predicate(cls, data: Any) -> Any:
        # A mapping with only `function:` names a Python check; anything else is a predicate.
        if isinstance(data, dict) and isinstance(data.get("check"), dict) and set(data["check"]) == {"function"}:
            data = {**data, "check": FunctionCheck(**data["check"])}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.where and self.for_each is None:
            raise ValueError("where states conditions on each subject, so it needs for_each; use applies_if")
        if self.conduct and self.for_each is None:
            raise ValueError("conduct marks failures about records of what happened, so it needs for_each")
        if self.date is not None and self.for_each is None:
            raise ValueError("date names a field of each subject, so it needs for_each")
        if isinstance(self.check, FunctionCheck) and self.message is None:
            raise ValueError("a rule with a function check needs a message {en, zh}")
        outcomes = [example.expect for example in self.examples]
        if "pass" not in outcomes:
            raise ValueError("examples need at least one compliant example (expect: pass)")
        if not any(isinstance(outcome, list) and outcome for outcome in outcomes):
            raise ValueError("examples need at least one non-compliant example (expect: [{status: fail, path: …}])")
        return self
