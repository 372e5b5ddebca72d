"""The companies of a portfolio as one document of several profiles, for the formats that list findings.

SARIF, JUnit and the CI annotations list each company's findings, named by profile; they read the shape
`checker.report.contract` writes for several profiles, which this makes from the companies' own documents.
Only counts are added up; there is no pooled score (`score` says none), and the gate passed only if every
company's did.
"""

from __future__ import annotations

from typing import Any

from checker.results import STATUS_ORDER

_NO_SCORE: dict[str, Any] = {"overall": None, "uncapped": None, "cap": None, "elements": {}}


def merged(documents: list[dict[str, Any]]) -> dict[str, Any]:
    first = documents[0]
    profiles, results = [], []
    for index, document in enumerate(documents):
        profiles += [{**profile, "index": index} for profile in document["profiles"]]
        results += [
            result if result["profile"] == index else {**result, "profile": index} for result in document["results"]
        ]
    gates = [document["gate"] for document in documents]
    dates = {document["as_of"] for document in documents}
    return {
        **first,
        "as_of": dates.pop() if len(dates) == 1 else None,
        "profiles": profiles,
        "score": _NO_SCORE,
        "summary": {
            status.value: sum(document["summary"][status.value] for document in documents) for status in STATUS_ORDER
        },
        "gate": {
            **gates[0],
            "passed": all(gate["passed"] for gate in gates),
            "failures": sum(gate["failures"] for gate in gates),
            "errors": sum(gate["errors"] for gate in gates),
            "reasons": [reason for gate in gates for reason in gate["reasons"]],
        },
        "waivers": _waivers([document["waivers"] for document in documents if document["waivers"]]),
        "baseline": _baseline([document["baseline"] for document in documents if document["baseline"]]),
        "results": results,
    }


def _waivers(outcomes: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not outcomes:
        return None
    files = list(dict.fromkeys(file for outcome in outcomes for file in outcome["files"]))
    return {
        "file": files[0],
        "files": files,
        "applied": sum(outcome["applied"] for outcome in outcomes),
        "stale": _unique([waiver for outcome in outcomes for waiver in outcome["stale"]]),
        "expired": _unique([waiver for outcome in outcomes for waiver in outcome["expired"]]),
    }


def _baseline(outcomes: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not outcomes:
        return None
    return {
        "file": outcomes[0]["file"],
        "new": sum(outcome["new"] for outcome in outcomes),
        "unchanged": sum(outcome["unchanged"] for outcome in outcomes),
        "fixed": [fixed for outcome in outcomes for fixed in outcome["fixed"]],
    }


def _unique(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for entry in entries:
        seen.setdefault(repr(sorted(entry.items())), entry)
    return list(seen.values())
