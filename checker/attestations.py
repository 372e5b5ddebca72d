"""Attestation files: a person's answers to the checklist's questions, each with who answered, when, and the
evidence a reviewer can open.

    max_age_days: 365                 # optional (default 365): an older answer is stale, and asked again
    attestations:
      - item: ECL-19                  # a checklist item's id (`exportcheck rules coverage` marks them manual)
        answer: yes                   # yes, no or not_applicable
        reason: …                     # required for not_applicable
        evidence: [SOP-07 rev. 3, docs/customs-declarations.pdf]   # optional: references, one or a list
        answered_by: Liu Fang         # required
        answered_on: 2026-10-15       # required

The file is read with the located YAML reader and validated by a pydantic model, so a missing or unknown key, a
bad date, an answer that is not one of the three, or an item id the rule set doesn't know is an input problem at
file:line:col. Each answer becomes an `Adjustment` of the apply stage that settles the item's `manual` result:
yes → pass, no → fail, not_applicable → not applicable; its words replace the question's, and it points at the
answer's line. An answer older than `max_age_days` on the assessment date leaves the item manual and says so.

`--attestations FILE` names the file for every profile of a run. Without it, a profile's own default file is
read when there is one: `exportcheck-attestations.yaml` beside a profile file, or inside a profile directory
(where it is not read as part of the profile). Its answers apply to that profile only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from checker import i18n
from checker.apply import Adjustment
from checker.bilingual import LANGS
from checker.diagnostics import read_validated, suggest
from checker.errors import InputError, InputProblem
from checker.profile.fields import IsoDate, Note, Text
from checker.read.nodes import Mapping, Node, Sequence
from checker.results import Location, Status
from checker.ruleset.checklist import ChecklistItem, checklist
from checker.ruleset.loading import RuleSet
from checker.validate import ATTESTATIONS_FILE

__all__ = ["ATTESTATIONS_FILE", "Attestation", "AttestationFile", "load_attestations"]

MAX_AGE_DAYS = 365
ANSWERS = {"yes": Status.passed, "no": Status.failed, "not_applicable": Status.not_applicable}


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    item: Text
    answer: Literal["yes", "no", "not_applicable"]
    reason: Note | None = None
    evidence: list[Text] = Field(default_factory=list)
    answered_by: Text
    answered_on: IsoDate

    @field_validator("answer", mode="before")
    @classmethod
    def _yes_or_no(cls, value: Any) -> Any:
        # `answer: true` is how many people write yes; YAML 1.2 reads it as a boolean, not the word.
        return {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value

    @field_validator("evidence", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_age_days: int = Field(default=MAX_AGE_DAYS, ge=1, le=3660)
    attestations: list[_Entry] = Field(default_factory=list)

    @field_validator("attestations", mode="before")
    @classmethod
    def _none_yet(cls, value: Any) -> Any:
        # `attestations:` with every entry still commented out, as `exportcheck checklist --template` writes it.
        return [] if value is None else value


@dataclass(frozen=True)
class Attestation:
    """One answer as written, with where it was written and the adjustment it makes."""

    item: str
    answer: str
    reason: str | None
    evidence: tuple[str, ...]
    answered_by: str
    answered_on: date
    source: str
    adjustment: Adjustment

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "answer": self.answer,
            "reason": self.reason,
            "evidence": list(self.evidence),
            "answered_by": self.answered_by,
            "answered_on": self.answered_on.isoformat(),
            "stale_after": self.adjustment.expires.isoformat() if self.adjustment.expires else None,
            "source": self.source,
        }


@dataclass(frozen=True)
class AttestationFile:
    path: str
    max_age_days: int
    attestations: tuple[Attestation, ...]

    def adjustments(self) -> tuple[Adjustment, ...]:
        return tuple(attestation.adjustment for attestation in self.attestations)


def load_attestations(path: str, ruleset: RuleSet, profile: int | None = None) -> AttestationFile:
    """The answers of one file, for one profile (by index) or, with None, for every profile."""
    root, model = read_validated(path, _File)
    items = {item.id: item for item in checklist(ruleset)}
    nodes = _items(root)
    found: list[InputProblem] = []
    seen: dict[str, Node] = {}
    for entry, node in zip(model.attestations, nodes, strict=True):
        found += _entry_problems(entry, node, items, seen)
    if found:
        raise InputError(found)
    return AttestationFile(
        path,
        model.max_age_days,
        tuple(
            _attestation(entry, node, items[entry.item.upper()], model.max_age_days, profile)
            for entry, node in zip(model.attestations, nodes, strict=True)
        ),
    )


def _items(root: Node) -> list[Node]:
    assert isinstance(root, Mapping)
    listed = root.entries.get("attestations", (None, None))[1]
    return listed.items if isinstance(listed, Sequence) else []


def _entry_problems(
    entry: _Entry, node: Node, items: dict[str, ChecklistItem], seen: dict[str, Node]
) -> list[InputProblem]:
    assert isinstance(node, Mapping)
    found = []
    key = entry.item.upper()
    if key not in items:
        mark = node.entries["item"][1].mark
        message = f"attestations: no checklist item {entry.item!r} in the rule set"
        guess = suggest(entry.item, list(items))
        message += f" (did you mean {guess!r}?)" if guess else "; `exportcheck rules coverage` marks them manual"
        found.append(InputProblem(mark.file, mark.line, mark.column, message))
    elif key in seen:
        mark, first = node.entries["item"][1].mark, seen[key].mark
        found.append(
            InputProblem(
                mark.file, mark.line, mark.column, f"attestations: {key} is answered twice (first at line {first.line})"
            )
        )
    else:
        seen[key] = node
    if entry.answer == "not_applicable" and not entry.reason:
        mark = node.entries["answer"][1].mark
        found.append(
            InputProblem(mark.file, mark.line, mark.column, "attestations: an answer of not_applicable needs a reason")
        )
    return found


def _attestation(entry: _Entry, node: Node, item: ChecklistItem, max_age: int, profile: int | None) -> Attestation:
    mark = node.mark
    source = f"{mark.file}:{mark.line}"
    values = {"by": entry.answered_by, "on": entry.answered_on.isoformat()}
    key = {"yes": "answered_yes", "no": "answered_no", "not_applicable": "answered_na"}[entry.answer]
    message = {
        lang: i18n.t("checklist", key, lang, question=item.question[lang], reason=entry.reason or "", **values)
        + (i18n.t("checklist", "evidence", lang, evidence="; ".join(entry.evidence)) if entry.evidence else "")
        for lang in LANGS
    }
    stale = {
        lang: i18n.t("checklist", "stale", lang, question=item.question[lang], days=max_age, **values) for lang in LANGS
    }
    details = (
        ("answer", entry.answer),
        ("answered_by", entry.answered_by),
        ("answered_on", entry.answered_on.isoformat()),
        *((("reason", entry.reason),) if entry.reason else ()),
        *((("evidence", "; ".join(entry.evidence)),) if entry.evidence else ()),
    )
    adjustment = Adjustment(
        "answer",
        item.id,
        entry.reason or entry.answer,
        source,
        status=ANSWERS[entry.answer],
        acts_on=frozenset({Status.manual}),
        details=details,
        expires=entry.answered_on + timedelta(days=max_age),
        profile=profile,
        message=(message["en"], message["zh"]),
        expired_message=(stale["en"], stale["zh"]),
        location=Location(mark.file, mark.line, mark.column),
    )
    return Attestation(
        item.id,
        entry.answer,
        entry.reason,
        tuple(entry.evidence),
        entry.answered_by,
        entry.answered_on,
        source,
        adjustment,
    )
