"""Licence checks that look across the export ledger, which a rule file can't say declaratively."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from checker.checks.outcome import Outcome
from checker.language.expressions import Scope
from checker.language.predicates import add_months
from checker.results import Status

# Mass units converted to kilograms so that "2 t" and "800 kg" can be summed; other units must match exactly.
_TO_KG = {"g": 0.001, "kg": 1.0, "t": 1000.0, "tonne": 1000.0, "tonnes": 1000.0}


def _uses(scope: Scope) -> list[tuple[int, dict[str, Any]]]:
    """The exports that name this licence, in date order."""
    return scope.ctx.memo("exports_by_licence", _exports_by_licence).get(scope.subject["id"], [])


def _exports_by_licence(root: dict[str, Any]) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    by_licence: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for index, export in enumerate(root.get("exports") or []):
        if export.get("licence") is not None:
            by_licence.setdefault(export["licence"], []).append((index, export))
    for uses in by_licence.values():
        uses.sort(key=lambda pair: (pair[1]["date"], pair[0]))
    return by_licence


def normalise_quantity(amount: float, unit: str) -> tuple[float, str]:
    key = unit.strip().lower()
    if key in _TO_KG:
        return amount * _TO_KG[key], "kg"
    return amount, key


def licence_quantity_not_exceeded(scope: Scope) -> Iterator[Outcome]:
    """The exports under a licence, added up in date order, stay within the licensed quantity."""
    licence = scope.subject
    limit, unit = normalise_quantity(licence["quantity"]["amount"], licence["quantity"]["unit"])
    total = 0.0
    uses = _uses(scope)
    if not uses:
        yield Outcome(Status.passed, (*scope.path, "quantity"))
        return
    for index, export in uses:
        path = ("exports", index, "quantity")
        quantity = export.get("quantity")
        values = {
            "export": export["id"],
            "licence": licence["id"],
            "limit": licence["quantity"]["amount"],
            "unit": licence["quantity"]["unit"],
        }
        if not quantity:
            yield Outcome(Status.manual, path, values, kind="no_quantity")
            continue
        amount, export_unit = normalise_quantity(quantity["amount"], quantity["unit"])
        if export_unit != unit:
            yield Outcome(Status.manual, (*path, "unit"), {**values, "found": quantity["unit"]}, kind="unit")
            continue
        total += amount
        if total > limit * (1 + 1e-9):
            shown = total / _TO_KG[licence["quantity"]["unit"].strip().lower()] if unit == "kg" else total
            yield Outcome(Status.failed, (*path, "amount"), {**values, "found": _tidy(shown)})
        else:
            yield Outcome(Status.passed, (*path, "amount"))


def single_licence_used_once(scope: Scope) -> Iterator[Outcome]:
    """A single licence covers one export and lapses once used (DUR Art. 15)."""
    uses = _uses(scope)
    if not uses:
        yield Outcome(Status.passed, scope.path)
        return
    first_index, first = uses[0]
    yield Outcome(Status.passed, ("exports", first_index, "licence"))
    for index, export in uses[1:]:
        yield Outcome(
            Status.failed,
            ("exports", index, "licence"),
            {"export": export["id"], "first": first["id"], "first_date": first["date"], "licence": scope.subject["id"]},
        )


def general_licence_disqualifiers(scope: Scope) -> Iterator[Outcome]:
    """No general licence or registration voucher is held while a DUR Art. 20 disqualifier applies."""
    licence = scope.subject
    root = scope.ctx.root
    company = root.get("company") or {}
    path = (*scope.path, "kind")
    # Art. 20 bars holding such a licence from the day the Regulations took effect, not before.
    held_from = max(licence.get("issued_on") or scope.ctx.as_of, scope.ctx.effective_from("DUR"))
    held_until = min(licence.get("valid_until") or scope.ctx.as_of, scope.ctx.as_of)
    if licence.get("status") in ("revoked", "returned") and licence.get("status_since"):
        held_until = min(held_until, licence["status_since"])
    found = False
    for k, penalty in enumerate(company.get("penalties") or []):
        start: date = penalty["date"]
        if penalty["kind"] == "criminal":
            end = date.max
        elif penalty.get("serious"):
            end = add_months(start, 60)
        else:
            continue
        if start <= held_until and held_from < end:
            found = True
            yield Outcome(
                Status.failed,
                path,
                {
                    "licence": licence["id"],
                    "kind": licence["kind"],
                    "penalty": f"company.penalties[{k}]",
                    "penalty_date": start,
                },
                kind="criminal" if penalty["kind"] == "criminal" else "serious",
            )
    parent = company.get("foreign_parent") or {}
    if parent.get("on_control_list"):
        found = True
        yield Outcome(
            Status.failed,
            path,
            {"licence": licence["id"], "kind": licence["kind"], "parent": parent.get("name")},
            kind="parent",
        )
    if not found:
        yield Outcome(Status.passed, path)


def _tidy(number: float) -> int | float:
    return int(number) if float(number).is_integer() else round(number, 3)
