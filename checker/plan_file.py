"""Plan files: the company's own owner and target date for the failures it is fixing.

    plan:
      - fingerprint: 866a86174f2a3a9411a58d3a0137b932   # one finding (its fingerprint in the JSON output)
        owner: {name: Wang Lei, name_zh: 王磊, title: Head of Legal, title_zh: 法务负责人}
        target: 2026-12-15
        status: in_progress            # optional: planned, in_progress or blocked
        note: Policy draft with the board   # optional
      - rule: REC-002                  # or every failure of a rule at once
        owner: {title: Logistics Manager, title_zh: 物流经理}
        target: 2027-01-31

The file is read with the located YAML reader and validated by a pydantic model, so a missing or unknown key,
a bad date, a status not among the three, an entry with both or neither of `fingerprint` and `rule`, a rule id
the rule set doesn't know, or a finding planned twice is an input problem at file:line:col. A fingerprint
entry wins over a rule entry for the same failure. An entry that matches no failure of the run (the finding was
fixed, or the profile changed) is stale: a warning, not an error, so an old plan never stops a check.

`--plan FILE` names the file for every profile of a run. Without it, a profile's own default file is read when
there is one: `exportcheck-plan.yaml` beside a profile file, or inside a profile directory (where it is not
read as part of the profile). Its entries apply to that profile only.

A separate file, not a section of the profile: like waivers and attestations it records decisions about the
findings, which change on each assessment, while the profile describes the company; and the v1 profile
contract stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from checker.diagnostics import read_validated, suggest
from checker.errors import InputError, InputProblem
from checker.profile.fields import IsoDate, Note, Text
from checker.read.nodes import Mapping, Node, Sequence
from checker.ruleset.checklist import checklist
from checker.ruleset.loading import RuleSet
from checker.validate import PLAN_FILE

__all__ = [
    "PLAN_FILE",
    "STATUSES",
    "TARGET_DAYS",
    "PlanEntry",
    "PlanFile",
    "default_target",
    "load_plan",
    "target_date",
]

STATUSES = ("planned", "in_progress", "blocked")

# The default deadline of a failure, counted from the assessment date by its severity (docs/report.md).
TARGET_DAYS: dict[str, int | None] = {
    "critical": 14,
    "high": 30,
    "medium": 90,
    "low": 180,
    "info": None,
}


def target_date(as_of: date, severity: str) -> date | None:
    """The deadline, kept within the calendar: an assessment dated in the last months of 9999 gets its last day,
    as the rules' own date arithmetic does (`add_months`), rather than no report at all."""
    days = TARGET_DAYS[severity]
    if days is None:
        return None
    return as_of + timedelta(days=days) if as_of <= date.max - timedelta(days=days) else date.max


def default_target(as_of: date, severity: str, conduct: bool) -> date | None:
    """A failure's deadline when no plan sets one: what already happened (an export without a licence) is to be
    acted on at once, whatever its severity; a gap in the programme by its severity."""
    return as_of if conduct else target_date(as_of, severity)


class _Owner(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text | None = None
    name_zh: Text | None = None
    title: Text | None = None  # the role, e.g. Head of Legal
    title_zh: Text | None = None

    @model_validator(mode="after")
    def _someone(self) -> _Owner:
        if not (self.name or self.title):
            raise ValueError("an owner needs a name or a title")
        return self


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fingerprint: Text | None = None
    rule: Text | None = None
    owner: _Owner | None = None
    target: IsoDate | None = None
    status: Literal["planned", "in_progress", "blocked"] | None = None
    note: Note | None = None


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    plan: list[_Entry] = Field(default_factory=list)

    @field_validator("plan", mode="before")
    @classmethod
    def _none_yet(cls, value: Any) -> Any:
        # `plan:` with every entry still commented out, as `exportcheck plan --template` writes it.
        return [] if value is None else value


@dataclass(frozen=True)
class PlanEntry:
    """One entry as written, with where it was written."""

    key: str  # the fingerprint, or the rule id in upper case
    by_rule: bool
    owner: dict[str, str | None] | None
    target: date | None
    status: str | None
    note: str | None
    source: str  # file:line

    def fields(self) -> dict[str, Any]:
        return {
            "owner": self.owner,
            "target": self.target.isoformat() if self.target else None,
            "status": self.status,
            "note": self.note,
            "source": self.source,
        }


@dataclass(frozen=True)
class PlanFile:
    path: str
    entries: tuple[PlanEntry, ...]
    profile: int | None  # the profile (by index) its entries apply to; None: every profile

    def entry_for(self, result: dict[str, Any]) -> PlanEntry | None:
        """The entry that plans a failure: its fingerprint's, else its rule's."""
        found = None
        for entry in self.entries:
            if entry.by_rule and entry.key == result["rule_id"].upper():
                found = found or entry
            elif not entry.by_rule and entry.key == result["fingerprint"]:
                return entry
        return found


def load_plan(path: str, ruleset: RuleSet, profile: int | None = None) -> PlanFile:
    root, model = read_validated(path, _File)
    known = [rule.id for rule in ruleset.rules] + [item.id for item in checklist(ruleset)]
    nodes = _entries(root)
    found: list[InputProblem] = []
    seen: dict[str, Node] = {}
    for entry, node in zip(model.plan, nodes, strict=True):
        found += _problems(entry, node, set(known), seen)
    if found:
        raise InputError(found)
    return PlanFile(
        path,
        tuple(_entry(entry, node) for entry, node in zip(model.plan, nodes, strict=True)),
        profile,
    )


def _entries(root: Node) -> list[Node]:
    assert isinstance(root, Mapping)
    listed = root.entries.get("plan", (None, None))[1]
    return listed.items if isinstance(listed, Sequence) else []


def _problems(entry: _Entry, node: Node, known: set[str], seen: dict[str, Node]) -> list[InputProblem]:
    assert isinstance(node, Mapping)
    if (entry.fingerprint is None) == (entry.rule is None):
        mark = node.mark
        return [
            InputProblem(
                mark.file, mark.line, mark.column, "plan: an entry names either a fingerprint or a rule, not both"
            )
            if entry.fingerprint
            else InputProblem(mark.file, mark.line, mark.column, "plan: an entry needs a fingerprint or a rule")
        ]
    field = "rule" if entry.rule else "fingerprint"
    mark = node.entries[field][1].mark
    key = entry.rule.upper() if entry.rule else str(entry.fingerprint)
    if entry.rule and key not in known:
        guess = suggest(entry.rule, sorted(known))
        message = f"plan: no rule {entry.rule!r} in the rule set"
        message += f" (did you mean {guess!r}?)" if guess else "; `exportcheck rules list` lists them"
        return [InputProblem(mark.file, mark.line, mark.column, message)]
    if key in seen:
        first = seen[key].mark
        message = f"plan: {key} is planned twice (first at line {first.line})"
        return [InputProblem(mark.file, mark.line, mark.column, message)]
    seen[key] = node
    return []


def _entry(entry: _Entry, node: Node) -> PlanEntry:
    owner = entry.owner.model_dump() if entry.owner else None
    return PlanEntry(
        entry.rule.upper() if entry.rule else str(entry.fingerprint),
        entry.rule is not None,
        owner,
        entry.target,
        entry.status,
        entry.note,
        f"{node.mark.file}:{node.mark.line}",
    )
