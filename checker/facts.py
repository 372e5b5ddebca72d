"""Facts the engine derives from a profile before rules see it, so that rules can stay declarative.

    exports[i].party_lists   every list (control list, watch list, UEL, UN, other) that any party of the
                             export is on: its consignee, its end user and its intermediaries

Derived keys can't clash with what a user writes: the profile model refuses unknown keys.
"""

from __future__ import annotations

from typing import Any


def derive(data: dict[str, Any]) -> dict[str, Any]:
    parties = {party.get("id"): party for party in data.get("parties") or []}
    exports = []
    for export in data.get("exports") or []:
        ids = [export.get("consignee"), export.get("end_user"), *(export.get("intermediaries") or [])]
        lists = {name for party_id in ids if party_id in parties
                 for name in parties[party_id].get("listed_on") or []}
        exports.append({**export, "party_lists": sorted(lists)})
    return {**data, "exports": exports}
