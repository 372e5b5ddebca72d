"""When a rule applies: on each day, from the standing of the sources it rests on.

A rule applies on a day when at least one of its requirement citations is in force then (each requirement
may be enough on its own: the control-list duty of ECL Art. 18 held before DUR Art. 29 restated it); its
penalty and context citations never decide. A rule's own `in_force_from` and `in_force_until`, when written,
narrow that further. On a day it does not apply, the reason names the first requirement and why: not yet in
force, no longer in force, or suspended. On a day it applies only because a suspension ran out with nothing
recorded since, every result of the rule carries a note saying so.

A part of a check may rest on one citation alone (`in_force: {source: DUR 26, check: …}`): it is judged only on
days that citation is in force, and a result on a day it is not says which part was left out and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker import i18n
from checker.bilingual import LANGS
from checker.evaluate.messages import both
from checker.facts import Ban
from checker.language.predicates import InForce, Predicate, walk
from checker.ruleset.rule import FunctionCheck, Rule
from checker.ruleset.sources import Change, Role, SourceDoc, cite_place
from checker.ruleset.standing import Standing, standing

Text = dict[str, str]  # one string per language


@dataclass(frozen=True, slots=True)
class RuleDay:
    reason: Text | None  # why the rule does not apply on the day; None when it does
    notes: tuple[Text, ...] = ()  # what every result of the rule on the day must add
    not_yet: bool = False  # it does not apply because the day is before its requirements took effect


class RuleTime:
    """One rule's standing day by day, each day worked out once (a ledger has many records on one day)."""

    def __init__(self, rule: Rule, sources: dict[str, SourceDoc]):
        self.rule = rule
        self.sources = sources
        cited = [citation for citation in rule.sources if citation.role == Role.requirement]
        self.requirements = cited or list(rule.sources[:1])
        self.parts = [] if isinstance(rule.check, FunctionCheck) else parts_of(rule.check)
        # A rule reading listings or bans rests on the announcements behind them.
        self.reads_listings = _reads(rule, "party_lists") or _reads(rule, "banned_by")
        self._days: dict[date, RuleDay] = {}
        self._listings: dict[tuple[tuple[str, ...], date], tuple[Text, ...]] = {}

    def on(self, day: date) -> RuleDay:
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = self._work_out(day)
        return found

    def listing_notes(self, announcements: list[str], day: date) -> tuple[Text, ...]:
        """For a rule about listed parties: a note for each announcement behind a listing it counted whose
        status after a suspension is unknown on the day."""
        if not self.reads_listings or not announcements:
            return ()
        key = (tuple(announcements), day)
        found = self._listings.get(key)
        if found is None:
            notes = []
            for announcement in announcements:
                doc = self.sources[announcement]
                now = standing(doc, day)
                if now.lapsed and now.change is not None:
                    notes.append(lapse_note(doc, now.change, self.sources))
            found = self._listings[key] = tuple(notes)
        return found

    def _work_out(self, day: date) -> RuleDay:
        rule = self.rule
        first = self.sources[self.requirements[0].doc].short
        if rule.in_force_from is not None and day < rule.in_force_from:
            return RuleDay(both("not_yet_in_force", day=day, doc=first, start=rule.in_force_from), not_yet=True)
        if rule.in_force_until is not None and day >= rule.in_force_until:
            return RuleDay(both("no_longer_in_force", day=day, doc=first, until=rule.in_force_until))
        standings = [(citation, standing(self.sources[citation.doc], day)) for citation in self.requirements]
        if not any(found.applies for _, found in standings):
            citation, found = standings[0]
            not_yet = all(found.why == "not_yet_in_force" for _, found in standings)
            return RuleDay(self._why(self.sources[citation.doc], found, day), not_yet=not_yet)
        notes: list[Text] = []
        for part in self.parts:
            doc = self.sources[part.doc]
            found = standing(doc, day)
            if not found.applies:
                cite = {lang: cite_place(doc, part.article, None, None, lang) for lang in LANGS}
                notes.append(both("part_not_assessed", cite=cite, reason=self._why(doc, found, day)))
        lapsed_docs = {citation.doc for citation, found in standings if found.lapsed}
        lapsed_docs |= {part.doc for part in self.parts if standing(self.sources[part.doc], day).lapsed}
        for doc_id in sorted(lapsed_docs):
            doc = self.sources[doc_id]
            change = standing(doc, day).change
            if change is not None:
                notes.append(lapse_note(doc, change, self.sources))
        return RuleDay(None, tuple(notes))

    def _why(self, doc: SourceDoc, found: Standing, day: date) -> Text:
        if found.why == "not_yet_in_force":
            return both("not_yet_in_force", day=day, doc=doc.short, start=doc.in_force_from)
        if found.why == "suspended" and found.change is not None:
            change = found.change
            return both(
                "suspended",
                day=day,
                doc=doc.short,
                start=change.start,
                to=change.to,
                by=_by(change, self.sources),
            )
        until = found.change.start if found.change is not None else doc.in_force_until
        return both("no_longer_in_force", day=day, doc=doc.short, until=until)


def lapse_note(doc: SourceDoc, change: Change, sources: dict[str, SourceDoc]) -> Text:
    """'The suspension of X (part) by Y ended on D; nothing later is recorded: re-check with MOFCOM.'"""
    part = both("of_part", part=change.part) if change.part else dict.fromkeys(LANGS, "")
    return {
        lang: i18n.t(
            "result",
            "suspension_lapsed",
            lang,
            doc=doc.short[lang],
            part=part[lang],
            to=change.to,
            by=_by(change, sources)[lang],
        )
        for lang in LANGS
    }


def cited_in_force(sources: dict[str, SourceDoc]):
    """For `in_force` parts of checks: does the cited document apply on the day?"""
    return lambda key, day: standing(sources[key.split()[0]], day).applies


def announcement_standing(sources: dict[str, SourceDoc]):
    """For listings that name the announcement that made them: does it apply on the day (None: not recorded)?"""
    return lambda announcement, day: standing(sources[announcement], day).applies if announcement in sources else None


def bans_on(sources: dict[str, SourceDoc]):
    """The bans of the recorded measures that apply on a day, each day worked out once."""
    found: dict[date, tuple[Ban, ...]] = {}

    def on(day: date) -> tuple[Ban, ...]:
        if day not in found:
            found[day] = tuple(
                Ban(doc.id, frozenset(country for ban in doc.bans for country in ban.countries))
                for doc in sources.values()
                if doc.bans and standing(doc, day).applies
            )
        return found[day]

    return on


def parts_of(check: Predicate) -> list[InForce]:
    return [node for node in walk(check) if isinstance(node, InForce)]


def _reads(rule: Rule, name: str) -> bool:
    """Whether any predicate of the rule reads the field `name` (a derived fact, say)."""
    predicates = [condition.require for condition in (*rule.applies_if, *rule.where)]
    if not isinstance(rule.check, FunctionCheck):
        predicates.append(rule.check)
    for predicate in predicates:
        for node in walk(predicate):
            path = getattr(node, "path", None)
            if path is not None and name in path.text.split("."):
                return True
    return False


def _by(change: Change, sources: dict[str, SourceDoc]) -> Text:
    """' by MOFCOM Announcement 2025 No. 70' and its Chinese, or nothing when no document is named."""
    if change.by is None:
        return dict.fromkeys(LANGS, "")
    doc = sources.get(change.by)
    return both("changed_by", doc={lang: doc.short[lang] if doc else change.by for lang in LANGS})
