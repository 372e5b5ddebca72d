"""Diversion red flags that look across the export ledger, which a rule file can't say declaratively."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.checks.licensing import normalise_quantity
from checker.checks.outcome import Outcome
from checker.language.expressions import Scope
from checker.results import Status

# "Just under": at least this share of the licensed quantity, and below all of it. Sizing each shipment just
# below what a licence allows is a pattern to explain, not a breach; the share is a judgement, stated once here.
JUST_UNDER = 0.9
# How many such exports to one party make a pattern rather than a single full-sized order.
SEVERAL = 2


def exports_just_under_licence_quantity(scope: Scope) -> Iterator[Outcome]:
    """Several exports to the party (as consignee or end user), each just under its licence's quantity."""
    party = scope.subject
    found = [
        (index, export)
        for index, export in enumerate(scope.ctx.root.get("exports") or [])
        if party["id"] in (export.get("consignee"), export.get("end_user"))
        and export["date"] <= scope.ctx.as_of
        and _just_under(export, scope)
    ]
    if len(found) < SEVERAL:
        yield Outcome(Status.passed, (*scope.path, "id"))
        return
    yield Outcome(
        Status.manual,
        ("exports", found[-1][0], "quantity", "amount"),
        {
            "party": party["id"],
            "count": len(found),
            "exports": ", ".join(export["id"] for _, export in found),
            "share": round(JUST_UNDER * 100),
        },
    )


def _just_under(export: dict[str, Any], scope: Scope) -> bool:
    index = scope.ctx.index_of("licences", export.get("licence"))
    quantity = export.get("quantity")
    if index is None or not quantity:
        return False
    licensed = scope.ctx.root["licences"][index].get("quantity")
    if not licensed:
        return False
    amount, unit = normalise_quantity(quantity["amount"], quantity["unit"])
    limit, limit_unit = normalise_quantity(licensed["amount"], licensed["unit"])
    return unit == limit_unit and limit > 0 and JUST_UNDER * limit <= amount < limit
