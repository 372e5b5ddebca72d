"""The declarative checks a rule file can state, and how each is evaluated.

A predicate evaluated in a scope returns the list of its failures; an empty
list means it holds. Each failure names the most specific path at fault, the
value found there and what was expected, so that a message can say both.

Rule files never contain code: they combine these predicates, and where that
isn't enough they name a registered check function (see `checker.checks`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checker.bilingual import Bilingual
from checker.language.expressions import PathExpr, Scope
from checker.paths import Path


@dataclass(frozen=True)
class Expectation:
    kind: str
    value: Any = None
    extra: Any = None


@dataclass(frozen=True)
class Failure:
    path: Path
    found: Any
    expected: Expectation
    message: Bilingual | None = None


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), the month's last day where it is shorter; clamped to the
    calendar's ends, so that a far-future date in a profile can't break a rule."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Operand:
    """A literal value, or a path to one (optionally shifted by months or days, for dates)."""

    literal: Any = None
    ref: PathExpr | None = None
    add_months: int = 0

    def value(self, scope: Scope) -> Any:
        if self.ref is None:
            return self.literal
        value = self.ref.value(scope)
        if self.add_months and isinstance(value, date):
            value = add_months(value, self.add_months)
        return value


class Predicate:
    message: Bilingual | None = None

    def failures(self, scope: Scope) -> list[Failure]:
        raise NotImplementedError

    def holds(self, scope: Scope) -> bool:
        """Whether the predicate holds, without building failures (conditions ask this of every subject)."""
        return not self.failures(scope)

    def anchor(self, scope: Scope) -> Path:
        """The path a pass is reported at: the first field this predicate looks at."""
        raise NotImplementedError


@dataclass(frozen=True)
class Leaf(Predicate):
    path: PathExpr
    message: Bilingual | None = None

    def anchor(self, scope: Scope) -> Path:
        return self.path.resolve(scope).path

    def failures(self, scope: Scope) -> list[Failure]:
        resolved = self.path.resolve(scope)
        expectation = self.test(resolved.value, scope)
        if expectation is None:
            return []
        return [Failure(resolved.path, resolved.value, expectation, self.message)]

    def holds(self, scope: Scope) -> bool:
        return self.test(self.path.value(scope), scope) is None

    def test(self, value: Any, scope: Scope) -> Expectation | None:
        """None when the value satisfies the predicate, else what was expected."""
        raise NotImplementedError


@dataclass(frozen=True)
class Compare(Leaf):
    """A leaf that compares the value at its path with an operand. Its subclasses add no fields, so they need
    no dataclass processing of their own: each would only generate the same methods again."""

    operand: Operand = Operand()


class Exists(Leaf):
    def test(self, value, scope):
        return None if value not in (None, "") else Expectation("exists")


class NotEmpty(Leaf):
    def test(self, value, scope):
        return None if value else Expectation("not_empty")


class Empty(Leaf):
    def test(self, value, scope):
        return None if not value else Expectation("empty")


class Equals(Compare):
    def test(self, value, scope):
        expected = self.operand.value(scope)
        return None if value is not None and value == expected else Expectation("equals", expected)


class OneOf(Compare):
    def test(self, value, scope):
        allowed = self.operand.value(scope) or []
        return None if value is not None and value in allowed else Expectation("one_of", list(allowed))


class Contains(Compare):
    def test(self, value, scope):
        wanted = self.operand.value(scope)
        return None if wanted is not None and wanted in (value or []) else Expectation("contains", wanted)


class ContainsAll(Compare):
    def test(self, value, scope):
        wanted = self.operand.value(scope) or []
        missing = [entry for entry in wanted if entry not in (value or [])]
        return None if not missing else Expectation("contains_all", missing)


class ContainsAny(Compare):
    def test(self, value, scope):
        wanted = self.operand.value(scope) or []
        return None if any(entry in (value or []) for entry in wanted) else Expectation("contains_any", wanted)


class AtLeast(Compare):
    def test(self, value, scope):
        bound = self.operand.value(scope)
        if bound is None:
            return None  # nothing to compare with: another rule reports the missing bound
        return None if value is not None and value >= bound else Expectation("at_least", bound)


class AtMost(Compare):
    def test(self, value, scope):
        bound = self.operand.value(scope)
        if bound is None:
            return None
        return None if value is not None and value <= bound else Expectation("at_most", bound)


class CountAtLeast(Compare):
    """A list has at least this many distinct entries."""

    def test(self, value, scope):
        bound = self.operand.value(scope)
        count = len({repr(entry) for entry in value}) if isinstance(value, list) else 0
        return None if count >= bound else Expectation("count_at_least", bound)


@dataclass(frozen=True)
class WithinMonths(Leaf):
    months: Operand = Operand()

    def test(self, value, scope):
        months = self.months.value(scope)
        if months is None:
            return None  # the interval itself is missing: reported by the rule that asks for it
        as_of = scope.ctx.as_of
        start = add_months(as_of, -months)
        if value is not None and start <= value <= as_of:
            return None
        if value is not None and value > as_of:
            return Expectation("not_after", as_of)
        return Expectation("within_months", months, {"start": start, "as_of": as_of})


@dataclass(frozen=True)
class All(Predicate):
    parts: tuple[Predicate, ...]

    def anchor(self, scope):
        return self.parts[0].anchor(scope)

    def failures(self, scope):
        return [failure for part in self.parts for failure in part.failures(scope)]

    def holds(self, scope):
        return all(part.holds(scope) for part in self.parts)


@dataclass(frozen=True)
class AnyOf(Predicate):
    parts: tuple[Predicate, ...]
    message: Bilingual | None = None

    def anchor(self, scope):
        return self.parts[0].anchor(scope)

    def failures(self, scope):
        found = []
        for part in self.parts:
            failures = part.failures(scope)
            if not failures:
                return []
            found.append(failures[0])
        first = found[0]
        return [
            Failure(
                first.path,
                first.found,
                Expectation("any", [f.expected for f in found], [f.path for f in found]),
                self.message,
            )
        ]

    def holds(self, scope):
        return any(part.holds(scope) for part in self.parts)


@dataclass(frozen=True)
class Not(Predicate):
    part: Predicate
    message: Bilingual | None = None

    def anchor(self, scope):
        return self.part.anchor(scope)

    def holds(self, scope):
        return not self.part.holds(scope)

    def failures(self, scope):
        if not self.part.holds(scope):
            return []
        path = self.part.anchor(scope)
        inner = self.part.path.resolve(scope).value if isinstance(self.part, Leaf) else None
        return [Failure(path, inner, Expectation("not", _describe(self.part)), self.message)]


@dataclass(frozen=True)
class Some(Leaf):
    """At least one element of a list satisfies the check."""

    check: Predicate = field(kw_only=True)

    def failures(self, scope):
        resolved = self.path.resolve(scope)
        records = resolved.value if isinstance(resolved.value, list) else []
        for index, record in enumerate(records):
            if not self.check.failures(scope.at(record, (*resolved.path, index))):
                return []
        return [Failure(resolved.path, resolved.value, Expectation("some", len(records)), self.message)]

    def holds(self, scope):
        return not self.failures(scope)


@dataclass(frozen=True)
class Each(Leaf):
    check: Predicate = field(kw_only=True)

    def failures(self, scope):
        resolved = self.path.resolve(scope)
        records = resolved.value if isinstance(resolved.value, list) else []
        return [
            failure
            for index, record in enumerate(records)
            for failure in self.check.failures(scope.at(record, (*resolved.path, index)))
        ]

    def holds(self, scope):
        return not self.failures(scope)


@dataclass(frozen=True)
class InForce(Predicate):
    """A part of a check that rests on one cited source alone: judged only on days that source applies
    (the record's date, else the assessment date). On other days it holds, or asks `otherwise` when given
    (what was required before that source), and the engine says what was left out."""

    doc: str
    article: str | None
    check: Predicate
    otherwise: Predicate | None = None  # what is asked instead on days the source does not apply

    @property
    def source(self) -> str:
        return f"{self.doc} {self.article}" if self.article else self.doc

    def applies(self, scope: Scope) -> bool:
        return scope.ctx.in_force(self.source, scope.day or scope.ctx.as_of)

    def anchor(self, scope):
        return self.check.anchor(scope)

    def failures(self, scope):
        if self.applies(scope):
            return self.check.failures(scope)
        return self.otherwise.failures(scope) if self.otherwise else []

    def holds(self, scope):
        if self.applies(scope):
            return self.check.holds(scope)
        return self.otherwise.holds(scope) if self.otherwise else True


def walk(predicate: Predicate) -> Iterator[Predicate]:
    """The predicate and every predicate inside it, depth first."""
    yield predicate
    inner = [
        *getattr(predicate, "parts", ()),
        *(getattr(predicate, name, None) for name in ("part", "check", "otherwise")),
    ]
    for part in inner:
        if isinstance(part, Predicate):
            yield from walk(part)


def _describe(predicate: Predicate) -> Expectation:
    """What a predicate asks for, phrased positively, for the message of a `not` around it."""
    kinds: dict[type[Predicate], str] = {
        Exists: "exists",
        NotEmpty: "not_empty",
        Empty: "empty",
        Equals: "equals",
        Contains: "contains",
        OneOf: "one_of",
        ContainsAll: "contains_all",
        ContainsAny: "contains_any",
        AtLeast: "at_least",
        AtMost: "at_most",
    }
    kind = kinds.get(type(predicate), "condition")
    operand = getattr(predicate, "operand", None)
    value = getattr(operand, "literal", None)
    return Expectation(kind, value)
