"""A company's row of the portfolio, made from its one-profile document, and the portfolio document itself.

The JSON of a run on several companies wraps their documents, unchanged (docs/portfolio.md):

    {"format_version", "tool", "portfolio": {…, "rows": [a row per PATH]}, "companies": [a document per company]}
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from checker import __version__
from checker.errors import InputProblem
from checker.results import Severity
from checker.versions import FORMAT_VERSION, TOOL

SEVERITIES = tuple(severity.value for severity in Severity)
TOP_GAPS = 3  # the rules a row names: the most severe, then the most frequent


def company_row(document: dict[str, Any]) -> dict[str, Any]:
    """What the portfolio shows of one assessed company."""
    [profile] = document["profiles"]
    failures = [result for result in document["results"] if result["status"] in ("fail", "error")]
    by_severity = dict.fromkeys(SEVERITIES, 0)
    for result in failures:
        if result["status"] == "fail":
            by_severity[result["severity"]] += 1
    baseline = document.get("baseline")
    return {
        "source": profile["source"],
        "status": "assessed",
        "company": profile["company"],
        "identity": profile["identity"],
        "as_of": profile["as_of"],
        "score": profile["score"]["overall"],
        "rating": profile["rating"],
        "summary": profile["summary"],
        "failures": by_severity,
        "top_gaps": _top_gaps(failures, [rule["id"] for rule in document["rules"]]),
        "baseline": (
            {"new": baseline["new"], "unchanged": baseline["unchanged"], "fixed": len(baseline["fixed"])}
            if baseline
            else None
        ),
        "gate_passed": document["gate"]["passed"],
        "problems": [],
        "report": None,
    }


def broken_row(source: str, problems: Sequence[InputProblem], omitted: int) -> dict[str, Any]:
    """A company whose input could not be read: its problems stand where its scores would."""
    return {
        "source": source,
        "status": "broken",
        "company": None,
        "identity": None,
        "as_of": None,
        "score": None,
        "rating": None,
        "summary": None,
        "failures": None,
        "top_gaps": [],
        "baseline": None,
        "gate_passed": None,
        "problems": [
            {"file": problem.file, "line": problem.line, "column": problem.column, "message": problem.message}
            for problem in problems
        ],
        "problems_omitted": omitted,
        "report": None,
    }


def _top_gaps(failures: list[dict[str, Any]], order: list[str]) -> list[dict[str, Any]]:
    position = {rule_id: index for index, rule_id in enumerate(order)}
    by_rule: dict[str, dict[str, Any]] = {}
    for result in failures:
        gap = by_rule.setdefault(
            result["rule_id"],
            {
                "rule_id": result["rule_id"],
                "title": result["title"],
                "title_zh": result["title_zh"],
                "severity": result["severity"],
                "count": 0,
            },
        )
        gap["count"] += 1
    ranked = sorted(
        by_rule.values(),
        key=lambda gap: (-Severity(gap["severity"]).rank, -gap["count"], position.get(gap["rule_id"], len(position))),
    )
    return ranked[:TOP_GAPS]


def portfolio_dict(rows: list[dict[str, Any]], fail_on: str) -> dict[str, Any]:
    assessed = [row for row in rows if row["status"] == "assessed"]
    dates = {row["as_of"] for row in assessed}
    return {
        "as_of": dates.pop() if len(dates) == 1 else None,
        "companies": len(rows),
        "assessed": len(assessed),
        "broken": len(rows) - len(assessed),
        "fail_on": fail_on,
        "gate_failed": [row["source"] for row in assessed if not row["gate_passed"]],
        "rows": rows,
    }


def portfolio_json(portfolio: dict[str, Any], companies: Sequence[bytes]) -> Iterator[bytes]:
    """The JSON of a run on several companies: the summary, then each assessed company's own document, given
    as the UTF-8 JSON its one-profile run writes (made where the company was assessed), byte for byte."""
    head = (
        "{\n"
        f'  "format_version": {json.dumps(FORMAT_VERSION)},\n'
        f'  "tool": {json.dumps({"name": TOOL, "version": __version__})},\n'
        '  "portfolio": ' + json.dumps(portfolio, ensure_ascii=False, indent=2).replace("\n", "\n  ") + ",\n"
        '  "companies": ['
    )
    yield head.encode("utf-8")
    for position, text in enumerate(companies):
        yield (b"\n" if position == 0 else b",\n") + text.rstrip(b"\n")
    yield b"\n  ]\n}\n"
