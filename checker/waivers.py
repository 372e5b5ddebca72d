"""Waiver files: failures a person has accepted, each with a justification, an approver and an expiry date.

    waivers:
      - rule: REC-001                 # a rule id (or an alias of one)
        subject: programme.records    # optional: a subject-path prefix; omitted: every subject of the rule
        justification: …              # required
        approved_by: …                # required
        expires: 2027-03-31           # required; the waiver holds through that date

The file is read with the located YAML reader and validated by a pydantic model, so a missing or unknown key, a
bad date or a rule id the rule set doesn't know is an input problem at file:line:col. Each waiver becomes an
`Adjustment` of the apply stage; whether it held, ran out or matched nothing is decided there.

`--waivers FILE` names the file for every profile of a run. Without it, a profile's own default file is read
when there is one: `exportcheck-waivers.yaml` beside a profile file, or inside a profile directory (where it
is not read as part of the profile). Its waivers apply to that profile only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict

from checker.apply import Adjustment
from checker.diagnostics import read_validated, suggest
from checker.errors import InputError, InputProblem
from checker.profile.fields import IsoDate, Note, Text
from checker.read.nodes import Mapping, Mark, Node, Sequence
from checker.results import Status
from checker.ruleset.loading import RuleSet
from checker.validate import WAIVERS_FILE

__all__ = ["WAIVERS_FILE", "Waiver", "WaiverFile", "load_waivers"]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: Text
    subject: Text | None = None
    justification: Note
    approved_by: Text
    expires: IsoDate


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    waivers: list[_Entry]


@dataclass(frozen=True)
class Waiver:
    """One waiver as written, with where it was written and the adjustment it makes."""

    mark: Mark
    rule_id: str
    subject: str | None
    justification: str
    approved_by: str
    expires: date
    adjustment: Adjustment

    def to_dict(self) -> dict[str, str | None]:
        return {
            "rule_id": self.rule_id,
            "subject": self.subject,
            "justification": self.justification,
            "approved_by": self.approved_by,
            "expires": self.expires.isoformat(),
            "source": self.adjustment.source,
        }


@dataclass(frozen=True)
class WaiverFile:
    path: str
    waivers: tuple[Waiver, ...]

    def adjustments(self) -> tuple[Adjustment, ...]:
        return tuple(waiver.adjustment for waiver in self.waivers)


def load_waivers(path: str, ruleset: RuleSet, profile: int | None = None) -> WaiverFile:
    """The waivers of one file, for one profile (by index) or, with None, for every profile."""
    root, model = read_validated(path, _File)
    items = _items(root)
    problems = [
        problem
        for entry, node in zip(model.waivers, items, strict=True)
        for problem in _rule_problems(entry, node, ruleset)
    ]
    if problems:
        raise InputError(problems)
    return WaiverFile(
        path,
        tuple(_waiver(entry, node, ruleset, profile) for entry, node in zip(model.waivers, items, strict=True)),
    )


def stale_problems(waivers: Iterable[Waiver]) -> list[InputProblem]:
    """Stale waivers as input problems, for --strict-waivers."""
    return [
        InputProblem(w.mark.file, w.mark.line, w.mark.column, f"waiver of {_what(w)} matches no result (stale)")
        for w in waivers
    ]


def describe(waiver: Waiver) -> str:
    return _what(waiver)


def _what(waiver: Waiver) -> str:
    return waiver.rule_id + (f" at {waiver.subject}" if waiver.subject else "")


def _items(root: Node) -> list[Node]:
    assert isinstance(root, Mapping)
    listed = root.entries["waivers"][1]
    assert isinstance(listed, Sequence)
    return listed.items


def _rule_problems(entry: _Entry, node: Node, ruleset: RuleSet) -> list[InputProblem]:
    if ruleset.get(entry.rule) is not None:
        return []
    assert isinstance(node, Mapping)
    mark = node.entries["rule"][1].mark
    message = f"waivers: no rule {entry.rule!r} in the rule set"
    guess = suggest(entry.rule, [rule.id for rule in ruleset.rules])
    if guess:
        message += f" (did you mean {guess!r}?)"
    return [InputProblem(mark.file, mark.line, mark.column, message)]


def _waiver(entry: _Entry, node: Node, ruleset: RuleSet, profile: int | None) -> Waiver:
    rule = ruleset.get(entry.rule)
    assert rule is not None
    mark = node.mark
    details = (
        ("justification", entry.justification),
        ("approved_by", entry.approved_by),
        ("expires", entry.expires.isoformat()),
        *((("subject", entry.subject),) if entry.subject else ()),
    )
    adjustment = Adjustment(
        "waiver",
        rule.id,
        entry.justification,
        f"{mark.file}:{mark.line}",
        status=Status.waived,
        subject=entry.subject,
        details=details,
        expires=entry.expires,
        profile=profile,
    )
    return Waiver(mark, rule.id, entry.subject, entry.justification, entry.approved_by, entry.expires, adjustment)
