"""Evaluate a rule set against a profile: profile, rules and date in; results out.

The engine is pure: it reads nothing, prints nothing and never decides an exit
code. A rule that raises is reported as an `error` result naming the rule and
the exception, so a broken rule can never pass silently.

With `aggregate`, the passes and not-applicable results of a rule on the records it is checked for (each
export, licence, party…) are summed up in one result per rule and status, with their count and the records'
ids, and their messages, places and fingerprints are never worked out. Everything else (failures, rule
errors, manual checks, and any result on the profile as a whole) is a result of its own either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, cast

from checker import i18n
from checker.bilingual import LANGS
from checker.checks import CHECKS
from checker.checks.outcome import Outcome
from checker.evaluate.identity import fingerprint, profile_identity, subject_path
from checker.evaluate.messages import both, describe_failure, expectation, field_value, render
from checker.evaluate.timing import RuleTime, announcement_standing, bans_on, cited_in_force
from checker.facts import derive
from checker.language.expressions import Context, PathExpr, Scope
from checker.language.predicates import All, AnyOf, Exists, Failure, NotEmpty, Some
from checker.paths import Path
from checker.profile import labels
from checker.read.nodes import locate
from checker.reference import NO_REFERENCE_DATA, ReferenceData
from checker.results import Location, Result, Status
from checker.ruleset.loading import RuleSet
from checker.ruleset.rule import Condition, FunctionCheck, Rule
from checker.validate import LoadedProfile


def evaluate(
    loaded: LoadedProfile,
    ruleset: RuleSet,
    as_of: date,
    profile: int = 0,
    reference: ReferenceData = NO_REFERENCE_DATA,
    *,
    aggregate: bool = False,
) -> list[Result]:
    """Every rule's results for one profile on one date, each with its subject path and fingerprint; with
    `aggregate`, the passes and exclusions of records summed up per rule."""
    ctx = Context(
        derive(
            loaded.data,
            reference,
            announcement_standing(ruleset.sources),
            as_of,
            bans_on(ruleset.sources),
            loaded.documents,
        ),
        as_of,
        cited_in_force(ruleset.sources),
        lambda doc: ruleset.sources[doc].in_force_from,
    )
    subjects = _Subjects(ctx.root, profile_identity(loaded.data["company"]))
    results: list[Result] = []
    for rule in ruleset.rules:
        results.extend(_RuleEvaluation(rule, ruleset, ctx, loaded, profile, subjects, aggregate).run())
    return results


class _Subjects:
    """Subject paths by located path, worked out once per profile: a hundred rules report on the same records."""

    def __init__(self, root: dict[str, Any], identity: str):
        self.root = root
        self.identity = identity
        self._paths: dict[Path, str] = {}

    def path(self, located: Path) -> str:
        found = self._paths.get(located)
        if found is None:
            found = self._paths[located] = subject_path(self.root, located)
        return found


@dataclass(slots=True)
class _Tally:
    """The passes or exclusions of one rule on records, counted instead of listed."""

    count: int = 0
    indexes: list[int] = field(default_factory=list)  # the records', in ledger order (one per result counted)

    def add(self, index: int) -> None:
        self.count += 1
        self.indexes.append(index)

    def labels(self, subjects: list[Any]) -> tuple[str, ...]:
        """Each record's id (or `[index]` for one without), once, in ledger order."""
        out: list[str] = []
        last = -1
        for index in self.indexes:
            if index != last:
                record = subjects[index]
                label = record.get("id") if isinstance(record, dict) else None
                out.append(label if isinstance(label, str) else f"[{index}]")
                last = index
        return tuple(out)


class _RuleEvaluation:
    def __init__(
        self,
        rule: Rule,
        ruleset: RuleSet,
        ctx: Context,
        loaded: LoadedProfile,
        profile: int,
        subjects: _Subjects,
        aggregate: bool = False,
    ):
        self.rule = rule
        self.subjects = subjects
        self._seen: dict[str, int] = {}  # results so far per subject path, to tell apart a second one
        # With `aggregate`, the records' passes and exclusions, counted; and how many were counted at each
        # located path, so that a result listed after them at the same place keeps the fingerprint it has when
        # every result is listed (a subject path names records by their unique ids: one place, one subject path).
        self._tallies: dict[Status, _Tally] | None = (
            {Status.passed: _Tally(), Status.not_applicable: _Tally()} if aggregate else None
        )
        self._tallied: dict[Path, int] = {}
        self.ctx = ctx
        self.loaded = loaded
        self.profile = profile
        self._time = RuleTime(rule, ruleset.sources)
        self._about_presence = _about_presence(rule.check)
        self._passed_templates: dict[str, str] | None = None

    def run(self) -> list[Result]:
        root = Scope(self.ctx, self.ctx.root, ())
        out: list[Result] = []
        try:
            self._results(root, out)
        except Exception as exc:  # a rule that breaks must be seen, never counted as a pass
            return [self._error(root, exc)]
        return out

    def _results(self, root: Scope, out: list[Result]) -> None:
        """Append the rule's results to `out`. (Appending, not yielding: a ledger has a subject per record, and
        a generator for each one costs more than many a check.)"""
        rule = self.rule
        today = self._time.on(self.ctx.as_of)
        # A rule that dates its records judges each on its own date: a requirement suspended or ended by the
        # assessment date still held for the records made while it was in force.
        if today.reason is not None and (rule.date is None or today.not_yet):
            out.append(self._result(root, Status.not_applicable, root.path, today.reason))
            return
        for condition in rule.applies_if:
            if not condition.require.holds(root):
                anchor = condition.require.anchor(root)
                out.append(self._result(root, Status.not_applicable, anchor, self._reason(condition, root)))
                return
        if rule.for_each is None:
            self._check(root, out)
            return
        resolved = rule.for_each.resolve(root)
        subjects = resolved.value if isinstance(resolved.value, list) else []
        if not subjects:
            message = both("no_records", path=_label(resolved.path))
            out.append(self._result(root, Status.not_applicable, resolved.path, message))
            return
        later = 0
        dated, as_of, records = rule.date, self.ctx.as_of, resolved.path
        for index, subject in enumerate(subjects):
            scope = root.at(subject, (*records, index))
            day = dated.value(scope) if dated is not None else None
            if isinstance(day, date) and day > as_of:
                later += 1  # a record dated after the assessment date is left out (and counted in a notice)
                continue
            try:
                self._subject(scope, day if isinstance(day, date) else None, out)
            except Exception as exc:
                out.append(self._error(scope, exc))
        if later == len(subjects):
            message = both("all_after_date", count=later, path=_label(records), day=as_of)
            out.append(self._result(root, Status.not_applicable, records, message))
        self._summed_up(root, records, subjects, out)

    def _summed_up(self, root: Scope, records: Path, subjects: list[Any], out: list[Result]) -> None:
        """One result for each status counted on the records, after the results listed one by one."""
        for status, tally in (self._tallies or {}).items():
            if tally.count:
                key = "records_passed" if status == Status.passed else "records_not_applicable"
                key += "_one" if tally.count == 1 else ""
                message = both(key, title=self.rule.title, count=f"{tally.count:,}", path=_label(records))
                result = self._result(root, status, records, message)
                out.append(replace(result, count=tally.count, records=tally.labels(subjects)))

    def _subject(self, scope: Scope, day: date | None, out: list[Result]) -> None:
        rule = self.rule
        if day is not None:
            standing = self._time.on(day)
            if standing.reason is not None:
                if not self._counted(scope, Status.not_applicable, scope.path):
                    out.append(self._result(scope, Status.not_applicable, scope.path, standing.reason))
                return
            scope = scope.on(day)
        for condition in rule.where:
            if not condition.require.holds(scope):
                if not self._counted(scope, Status.not_applicable, scope.path):
                    out.append(self._result(scope, Status.not_applicable, scope.path, self._reason(condition, scope)))
                return
        self._check(scope, out, record=True)

    def _counted(self, scope: Scope, status: Status, path: Path) -> bool:
        """Count a record's pass or exclusion instead of listing it, when results are summed up."""
        if self._tallies is None:
            return False
        self._tallies[status].add(cast(int, scope.path[-1]))  # a record's scope ends in its index
        self._tallied[path] = self._tallied.get(path, 0) + 1
        return True

    def _check(self, scope: Scope, out: list[Result], record: bool = False) -> None:
        check = self.rule.check
        if isinstance(check, FunctionCheck):
            outcomes = list(CHECKS[check.function](scope))
            if not outcomes:
                raise RuntimeError(f"check function {check.function} reported nothing")
            for outcome in outcomes:
                if not (
                    record and outcome.status == Status.passed and self._counted(scope, outcome.status, outcome.path)
                ):
                    out.append(self._from_outcome(scope, outcome))
            return
        failures = _distinct(check.failures(scope))
        if not failures:
            path = scope.path if scope.path else check.anchor(scope)
            if not (record and self._counted(scope, Status.passed, path)):
                out.append(self._result(scope, Status.passed, path, self._passed(scope, path)))
            return
        for failure in failures:
            out.append(self._result(scope, Status.failed, failure.path, self._failed(scope, failure)))

    def _from_outcome(self, scope: Scope, outcome: Outcome) -> Result:
        if outcome.status == Status.passed:
            return self._result(scope, Status.passed, outcome.path, self._passed(scope, outcome.path))
        template = self.rule.messages.get(outcome.kind) if outcome.kind else self.rule.message
        if template is None:
            raise KeyError(f"rule has no message for outcome kind {outcome.kind!r}")
        values = self._values(scope)
        values.update(outcome.values)
        messages: dict[str, str] = {}
        for lang in LANGS:
            values["path"] = labels.field(outcome.path, lang)
            messages[lang] = render(template, values, lang)
        return self._result(scope, outcome.status, outcome.path, messages)

    def _failed(self, scope: Scope, failure: Failure) -> dict[str, str]:
        template = failure.message
        if template is None and (failure.found is not None or self._about_presence):
            # A rule's own message describes what its check is about: a wrong value, or (for a rule that only
            # asks whether something is there) an absence. Any other missing value reads better generically.
            template = self.rule.message
        if template is None:
            return {lang: describe_failure(failure, lang) for lang in LANGS}
        values = self._values(scope)
        values.update(
            {
                "found": field_value(failure.path, failure.found),
                "expected": field_value(failure.path, failure.expected.value),
            }
        )
        messages: dict[str, str] = {}
        for lang in LANGS:
            values["path"] = labels.field(failure.path, lang)
            values["expectation"] = expectation(failure.expected, lang, path=failure.path)
            messages[lang] = render(template, values, lang)
        return messages

    def _passed(self, scope: Scope, path: Path) -> dict[str, str]:
        subject = scope.label
        if not subject:
            return both("passed", title=self.rule.title)
        # A ledger rule passes on thousands of records: its wording is looked up once, then only filled in.
        if self._passed_templates is None:
            self._passed_templates = {
                lang: i18n.texts("result", lang)["passed_subject"].replace("{title}", self.rule.title[lang])
                for lang in LANGS
            }
        return {lang: template.replace("{subject}", subject) for lang, template in self._passed_templates.items()}

    def _reason(self, condition: Condition, scope: Scope) -> dict[str, str]:
        values = self._values(scope, condition.values)
        return {lang: render(condition.reason, values, lang) for lang in LANGS}

    def _values(self, scope: Scope, extra: dict[str, PathExpr] | None = None) -> _Placeholders:
        values = _Placeholders({**self.rule.message_values, **(extra or {})}, scope)
        values["subject"] = scope.label or ""
        values["as_of"] = self.ctx.as_of
        return values

    def _error(self, scope: Scope, exc: Exception) -> Result:
        detail = f"{type(exc).__name__}: {exc}"
        return self._result(scope, Status.error, scope.path, both("rule_error", detail=detail))

    def _result(self, scope: Scope, status: Status, path: Path, message: dict[str, str]) -> Result:
        if status != Status.not_applicable:
            day = scope.day or self.ctx.as_of
            notes = self._time.on(day).notes
            if isinstance(scope.subject, dict):
                behind = [*scope.subject.get("listing_announcements", ()), *scope.subject.get("banned_by", ())]
                if behind:
                    notes += self._time.listing_notes(sorted(set(behind)), day)
            if notes:
                message = {lang: " ".join((message[lang], *(note[lang] for note in notes))) for lang in LANGS}
        subject = self.subjects.path(path)
        occurrence = self._seen.get(subject, 0)
        self._seen[subject] = occurrence + 1
        occurrence += self._tallied.get(path, 0)
        return Result(
            self.rule.id,
            status,
            path,
            self._location(path),
            scope.label,
            message["en"],
            message["zh"],
            self.profile,
            subject,
            fingerprint(self.rule.id, self.subjects.identity, subject, occurrence),
        )

    def _location(self, path: Path) -> Location | None:
        mark = locate(self.loaded.root, path).mark
        return Location(mark.file, mark.line, mark.column, mark.sheet)


class _Placeholders(dict):
    """Message placeholders, each resolved in the subject only when a template uses it."""

    def __init__(self, expressions: dict[str, PathExpr], scope: Scope):
        super().__init__()
        self._expressions = expressions
        self._scope = scope

    def __missing__(self, name: str) -> Any:
        if name not in self._expressions:
            raise KeyError(name)
        expression = self._expressions[name]
        value = expression.value(self._scope)
        if expression.segments and expression.segments[-1][0] in labels.COUNTRY_FIELDS:
            value = labels.as_countries(value)
        self[name] = value
        return value

    def __contains__(self, name: object) -> bool:
        return dict.__contains__(self, name) or name in self._expressions


def _label(path: Path) -> dict[str, str]:
    """A field's label in each language."""
    return {lang: labels.field(path, lang) for lang in LANGS}


def _about_presence(check: object) -> bool:
    """Whether a check only asks that things be there (so the rule's message is written for their absence)."""
    if isinstance(check, All):
        return all(_about_presence(part) for part in check.parts)
    return isinstance(check, (Exists, NotEmpty, Some, AnyOf))


def _distinct(failures: list[Failure]) -> list[Failure]:
    seen: set[Path] = set()
    out = []
    for failure in failures:
        if failure.path not in seen:
            seen.add(failure.path)
            out.append(failure)
    return out
