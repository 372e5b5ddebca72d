"""Evaluate a rule set against a profile: profile, rules and date in; results out.

The engine is pure: it reads nothing, prints nothing and never decides an exit
code. A rule that raises is reported as an `error` result naming the rule and
the exception, so a broken rule can never pass silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from checker import i18n
from checker.bilingual import LANGS, Bilingual
from checker.checks import CHECKS
from checker.checks.outcome import Outcome
from checker.evaluate.identity import fingerprint, profile_identity, subject_path
from checker.evaluate.messages import describe_failure, expectation, render
from checker.facts import derive
from checker.language.expressions import Context, PathExpr, Scope
from checker.language.predicates import All, AnyOf, Exists, Failure, NotEmpty, Some
from checker.paths import Path, format_path
from checker.read.nodes import locate
from checker.reference import NO_REFERENCE_DATA, ReferenceData
from checker.results import Location, Result, Status
from checker.ruleset.loading import RuleSet
from checker.ruleset.rule import Condition, FunctionCheck, Rule
from checker.validate import LoadedProfile


def evaluate(
    loaded: LoadedProfile, ruleset: RuleSet, as_of: date, profile: int = 0, reference: ReferenceData = NO_REFERENCE_DATA
) -> list[Result]:
    """Every rule's results for one profile on one date, each with its subject path and fingerprint."""
    ctx = Context(derive(loaded.data, reference), as_of)
    subjects = _Subjects(ctx.root, profile_identity(loaded.data["company"]))
    results: list[Result] = []
    for rule in ruleset.rules:
        results.extend(_RuleEvaluation(rule, ruleset, ctx, loaded, profile, subjects).run())
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


class _RuleEvaluation:
    def __init__(
        self, rule: Rule, ruleset: RuleSet, ctx: Context, loaded: LoadedProfile, profile: int, subjects: _Subjects
    ):
        self.rule = rule
        self.subjects = subjects
        self._seen: dict[str, int] = {}  # results so far per subject path, to tell apart a second one
        self.ctx = ctx
        self.loaded = loaded
        self.profile = profile
        # The first source listed is the one the requirement comes from; the rule applies while it is in force.
        self.first_doc = ruleset.sources[rule.sources[0].doc]
        self._about_presence = _about_presence(rule.check)
        self._passed_templates: dict[str, str] | None = None
        self.in_force_from = rule.in_force_from or self.first_doc.in_force_from
        self.in_force_until = rule.in_force_until or self.first_doc.in_force_until

    def run(self) -> list[Result]:
        root = Scope(self.ctx, self.ctx.root, ())
        try:
            return list(self._results(root))
        except Exception as exc:  # a rule that breaks must be seen, never counted as a pass
            return [self._error(root, exc)]

    def _results(self, root: Scope) -> Iterator[Result]:
        rule = self.rule
        if not self._in_force(self.ctx.as_of):
            yield self._not_in_force(root, self.ctx.as_of)
            return
        for condition in rule.applies_if:
            if not condition.require.holds(root):
                yield self._result(
                    root, Status.not_applicable, condition.require.anchor(root), self._reason(condition, root)
                )
                return
        if rule.for_each is None:
            yield from self._check(root)
            return
        resolved = rule.for_each.resolve(root)
        subjects = resolved.value if isinstance(resolved.value, list) else []
        if not subjects:
            yield self._result(
                root, Status.not_applicable, resolved.path, _both("no_records", path=format_path(resolved.path))
            )
            return
        for index, subject in enumerate(subjects):
            scope = root.at(subject, (*resolved.path, index))
            try:
                yield from self._subject(scope)
            except Exception as exc:
                yield self._error(scope, exc)

    def _subject(self, scope: Scope) -> Iterator[Result]:
        rule = self.rule
        if rule.date is not None:
            day = rule.date.value(scope)
            if isinstance(day, date) and not self._in_force(day):
                yield self._not_in_force(scope, day)
                return
        for condition in rule.where:
            if not condition.require.holds(scope):
                yield self._result(scope, Status.not_applicable, scope.path, self._reason(condition, scope))
                return
        yield from self._check(scope)

    def _check(self, scope: Scope) -> Iterator[Result]:
        check = self.rule.check
        if isinstance(check, FunctionCheck):
            outcomes = list(CHECKS[check.function](scope))
            if not outcomes:
                raise RuntimeError(f"check function {check.function} reported nothing")
            for outcome in outcomes:
                yield self._from_outcome(scope, outcome)
            return
        failures = _distinct(check.failures(scope))
        if not failures:
            path = scope.path if scope.path else check.anchor(scope)
            yield self._result(scope, Status.passed, path, self._passed(scope, path))
            return
        for failure in failures:
            yield self._result(scope, Status.failed, failure.path, self._failed(scope, failure))

    def _from_outcome(self, scope: Scope, outcome: Outcome) -> Result:
        if outcome.status == Status.passed:
            return self._result(scope, Status.passed, outcome.path, self._passed(scope, outcome.path))
        template = self.rule.messages.get(outcome.kind) if outcome.kind else self.rule.message
        if template is None:
            raise KeyError(f"rule has no message for outcome kind {outcome.kind!r}")
        values = self._values(scope)
        values.update({"path": format_path(outcome.path), **outcome.values})
        return self._result(
            scope, outcome.status, outcome.path, {lang: render(template, values, lang) for lang in LANGS}
        )

    def _failed(self, scope: Scope, failure: Failure) -> dict[str, str]:
        template = failure.message
        if template is None and (failure.found is not None or self._about_presence):
            # A rule's own message describes what its check is about: a wrong value, or (for a rule that only
            # asks whether something is there) an absence. Any other missing value reads better generically.
            template = self.rule.message
        if template is None:
            return {lang: describe_failure(failure, lang) for lang in LANGS}
        values = self._values(scope)
        values.update({"path": format_path(failure.path), "found": failure.found, "expected": failure.expected.value})
        messages: dict[str, str] = {}
        for lang in LANGS:
            values["expectation"] = expectation(failure.expected, lang)
            messages[lang] = render(template, values, lang)
        return messages

    def _passed(self, scope: Scope, path: Path) -> dict[str, str]:
        subject = scope.label
        if not subject:
            return _both("passed", title=self.rule.title)
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

    def _in_force(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_until is None or day < self.in_force_until)

    def _not_in_force(self, scope: Scope, day: date) -> Result:
        doc, start, until = self.first_doc, self.in_force_from, self.in_force_until
        if day < start:
            message = _both("not_yet_in_force", day=day, doc=doc.short, start=start)
        else:
            message = _both("no_longer_in_force", day=day, doc=doc.short, until=until)
        return self._result(scope, Status.not_applicable, scope.path, message)

    def _values(self, scope: Scope, extra: dict[str, PathExpr] | None = None) -> _Placeholders:
        values = _Placeholders({**self.rule.message_values, **(extra or {})}, scope)
        values["subject"] = scope.label or ""
        values["as_of"] = self.ctx.as_of
        return values

    def _error(self, scope: Scope, exc: Exception) -> Result:
        detail = f"{type(exc).__name__}: {exc}"
        return self._result(scope, Status.error, scope.path, _both("rule_error", detail=detail))

    def _result(self, scope: Scope, status: Status, path: Path, message: dict[str, str]) -> Result:
        subject = self.subjects.path(path)
        occurrence = self._seen.get(subject, 0)
        self._seen[subject] = occurrence + 1
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
        return Location(mark.file, mark.line, mark.column)


class _Placeholders(dict):
    """Message placeholders, each resolved in the subject only when a template uses it."""

    def __init__(self, expressions: dict[str, PathExpr], scope: Scope):
        super().__init__()
        self._expressions = expressions
        self._scope = scope

    def __missing__(self, name: str) -> Any:
        if name not in self._expressions:
            raise KeyError(name)
        value = self[name] = self._expressions[name].value(self._scope)
        return value

    def __contains__(self, name: object) -> bool:
        return dict.__contains__(self, name) or name in self._expressions


def _both(key: str, **values: Any) -> dict[str, str]:
    """A `result` string of the catalogue in both languages; a Bilingual value gives each language its half."""
    return {
        lang: i18n.t(
            "result",
            key,
            lang,
            **{name: value[lang] if isinstance(value, Bilingual) else value for name, value in values.items()},
        )
        for lang in LANGS
    }


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
