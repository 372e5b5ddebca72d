"""Screening checks: what a party's screening matches (the derived `screening_matches`) call for, each match
its own finding naming the list, the entry, its announcement and listing date, and the score; and an
export compared with the records of its parties."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.checks.outcome import Outcome
from checker.language.expressions import Scope
from checker.results import Status

CONTROL_LIST = "mofcom_control_list"


def _standing(scope: Scope, strength: str) -> list[dict[str, Any]]:
    """The party's matches of this strength whose entry stood on the assessment date."""
    matches = scope.subject.get("screening_matches") or []
    return [m for m in matches if m["strength"] == strength and m.get("standing") is not False]


def _values(found: list[dict[str, Any]]) -> dict[str, Any]:
    """The best match's details (the first: matches come best first) and how many entries matched in all;
    one finding per party and rule, so that its fingerprint names the party alone."""
    match = found[0]
    return {
        "count": len(found),
        "strength": match["strength"],
        "list": match["list"],
        "entry": match["entry"],
        "reference": match.get("reference") or match["dataset"],
        "announcement": match.get("announcement") or "-",
        "listed_on": match.get("date") or "-",
        "score": match["score"],
        "method": match["method"],
        "name": match["name"],
        "matched": match["matched"],
    }


def control_list_match(scope: Scope) -> Iterator[Outcome]:
    """SCR-010: the party's names match no control-list entry that stands."""
    found = [m for m in _standing(scope, "strong") if m["list"] == CONTROL_LIST]
    if found:
        yield Outcome(Status.failed, (*scope.path, "name"), _values(found))
    else:
        yield Outcome(Status.passed, (*scope.path, "name"))


def other_list_match_recorded(scope: Scope) -> Iterator[Outcome]:
    """SCR-011: a strong match with an entry of another list is recorded among the party's listings."""
    recorded = {
        entry if isinstance(entry, str) else entry.get("list") for entry in scope.subject.get("listed_on") or []
    }
    found = [m for m in _standing(scope, "strong") if m["list"] != CONTROL_LIST and m["list"] not in recorded]
    if found:
        yield Outcome(Status.failed, (*scope.path, "listed_on"), _values(found))
    else:
        yield Outcome(Status.passed, (*scope.path, "listed_on"))


def possible_matches_reviewed(scope: Scope) -> Iterator[Outcome]:
    """SCR-012: every possible match is for a human to clear; a recorded false positive has cleared them all."""
    found = _standing(scope, "possible")
    if found:
        yield Outcome(Status.manual, (*scope.path, "name"), _values(found))
    else:
        yield Outcome(Status.passed, (*scope.path, "name"))


def clear_result_without_match(scope: Scope) -> Iterator[Outcome]:
    """SCR-013: a party recorded as clear matches no entry that stands."""
    found = _standing(scope, "strong") or _standing(scope, "possible")
    if scope.subject.get("screening_result") == "clear" and found:
        yield Outcome(Status.failed, (*scope.path, "screening_result"), _values(found))
    else:
        yield Outcome(Status.passed, (*scope.path, "screening_result"))


def screening_dates_agree(scope: Scope) -> Iterator[Outcome]:
    """No party of the export records a latest screening older than the one the export records. A finding is
    the export's, so a baseline sees it as new with the export; its message names the party's field."""
    export = scope.subject
    screened = export["screened_on"]
    ids = dict.fromkeys((export.get("consignee"), export.get("end_user"), *(export.get("intermediaries") or [])))
    found = False
    for party_id in ids:
        index = scope.ctx.index_of("parties", party_id)
        if index is None:
            continue
        party = scope.ctx.root["parties"][index]
        if party.get("screened_on") is not None and party["screened_on"] < screened:
            found = True
            yield Outcome(
                Status.failed,
                (*scope.path, "screened_on"),
                {"export": export["id"], "party": party_id, "screened": screened, "found": party["screened_on"]},
            )
    if not found:
        yield Outcome(Status.passed, (*scope.path, "screened_on"))
