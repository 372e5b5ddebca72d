"""The GitLab Code Quality report: a JSON list of the failures and rule errors, shown on merge requests.

Each entry has `description`, `check_name` (the rule id), `fingerprint` (the finding's), `severity` and
`location` (`path` relative to the repository root, `lines.begin`). GitLab needs a line: a result without
a place points at line 1 of its profile's file. Severities map critical → blocker, high → critical,
medium → major, low → minor, info → info; a rule error is `blocker`, as it fails the gate.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from checker.report.findings import findings, profile_file, repo_path, text
from checker.report.registry import Reporter

SEVERITY = {"critical": "blocker", "high": "critical", "medium": "major", "low": "minor", "info": "info"}
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


class GitlabReporter(Reporter):
    name = "gitlab"

    def render(self, data: dict[str, Any]) -> Iterator[str]:
        return chunks(data, self.options.lang)


def chunks(data: dict[str, Any], lang: str = "en") -> Iterator[str]:
    written = findings(data)
    if not written:
        yield "[]\n"
        return
    yield "[\n"
    for start in range(0, len(written), 1000):
        rows = ",\n".join("  " + _ENCODER.encode(entry(data, result, lang)) for result in written[start : start + 1000])
        yield ("" if start == 0 else ",\n") + rows
    yield "\n]\n"


def entry(data: dict[str, Any], result: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    place = result.get("location")
    path = repo_path(place["file"] if place else profile_file(data, result))[0]
    rule = f"{result['rule_id']} {text(result, 'title', lang)}"
    return {
        "description": f"{rule}: {text(result, 'message', lang)}",
        "check_name": result["rule_id"],
        "fingerprint": result["fingerprint"],
        "severity": "blocker" if result["status"] == "error" else SEVERITY[result["severity"]],
        "location": {"path": path, "lines": {"begin": (place or {}).get("line") or 1}},
    }
