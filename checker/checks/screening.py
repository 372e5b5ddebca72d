"""Screening checks that compare an export with the records of its parties."""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.outcome import Outcome
from checker.language.expressions import Scope
from checker.results import Status


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
