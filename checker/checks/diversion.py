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
        for index, export in scope.ctx.memo("exports_by_party", _exports_by_party).get(party["id"], ())
        if export["date"] <= scope.ctx.as_of and _just_under(export, scope)
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


def _exports_by_party(root: dict[str, Any]) -> dict[Any, list[tuple[int, dict[str, Any]]]]:
    """The exports of each party, as consignee or end user (once if both), in ledger order: built once, so that
    a check of every party reads the ledger once, not once per party."""
    by_party: dict[Any, list[tuple[int, dict[str, Any]]]] = {}
    for index, export in enumerate(root.get("exports") or []):
        consignee, end_user = export.get("consignee"), export.get("end_user")
        for party in (consignee,) if consignee == end_user else (consignee, end_user):
            by_party.setdefault(party, []).append((index, export))
    return by_party


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
