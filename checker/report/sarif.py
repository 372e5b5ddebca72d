"""SARIF 2.1.0: the findings in the format of code-scanning services (GitHub code scanning and others).

One run covers every profile. Every rule of the run is described in `tool.driver.rules`; a result is written
for each failure, each rule error (at level `error`) and each waived failure (with its suppression). Passes
and exclusions are left out; a profile's notices are the invocation's tool execution notifications. Paths
are relative to the repository root (`%SRCROOT%`, the directory the command runs in). Large ledgers are
written one compact result per line, by the C encoder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from checker.report.findings import findings, in_baseline, profile_file, repo_path, text, waiver
from checker.report.registry import Reporter

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "exportcheckFingerprint/v1"
ROOT = "%SRCROOT%"
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
# Code scanning ranks a rule tagged `security` by this score: over 9.0 critical, 7.0 to 8.9 high,
# 4.0 to 6.9 medium, below 4.0 low.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
_PLACEHOLDER = '"results": "\\u0000"'
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class SarifReporter(Reporter):
    name = "sarif"

    def render(self, data: dict[str, Any]) -> Iterator[str]:
        return chunks(data, self.options.lang)


def chunks(data: dict[str, Any], lang: str = "en") -> Iterator[str]:
    rules = data["rules"]
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    written = findings(data, waived=True)
    baseline = any(in_baseline(result) for result in written)
    run = {
        "tool": {"driver": _driver(data, rules, lang)},
        "invocations": [_invocation(data, lang)],
        "originalUriBaseIds": {
            ROOT: {"description": {"text": "The repository root: the directory exportcheck was run in."}}
        },
        "language": "zh-CN" if lang == "zh" else "en-US",
        "columnKind": "unicodeCodePoints",
        "results": "\0",
        "properties": {"profiles": [_profile(profile) for profile in data["profiles"]]},
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    head, tail = json.dumps(log, ensure_ascii=False, indent=2).split(_PLACEHOLDER, 1)
    yield head + '"results": ['
    for start in range(0, len(written), 1000):
        rows = ",".join(
            "\n        " + _ENCODER.encode(_result(data, result, index, baseline, lang))
            for result in written[start : start + 1000]
        )
        yield ("," if start else "") + rows
    yield ("\n      ]" if written else "]") + tail + "\n"


def _driver(data: dict[str, Any], rules: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    return {
        "name": data["tool"]["name"],
        "version": data["tool"]["version"],
        "semanticVersion": data["tool"]["version"],
        "rules": [_rule(rule, lang) for rule in rules],
    }


def _rule(rule: dict[str, Any], lang: str) -> dict[str, Any]:
    title, rationale, remediation = (text(rule, key, lang) for key in ("title", "rationale", "remediation"))
    citations = [text(source, "citation", lang) for source in rule["sources"]]
    # What the rule reads into its sources beyond what they say travels with it, as in every other report.
    inferred = text(rule, "inferred", lang) if rule.get("inferred") else ""
    return {
        "id": rule["id"],
        "name": _pascal(rule["name"]),
        "shortDescription": {"text": title},
        "fullDescription": {"text": rationale or title},
        "help": {
            "text": f"{rationale}\n\n"
            + (f"Inferred: {inferred}\n\n" if inferred else "")
            + f"Remediation: {remediation}\n\nSources: {'; '.join(citations)}",
            "markdown": f"{rationale}\n\n"
            + (f"**Inferred.** {inferred}\n\n" if inferred else "")
            + f"**Remediation.** {remediation}\n\n**Sources**\n\n"
            + "".join(f"- {citation}\n" for citation in citations),
        },
        "defaultConfiguration": {"level": LEVEL[rule["severity"]]},
        "properties": {
            "severity": rule["severity"],
            "element": rule["element"],
            "pack": rule["pack"],
            "owner": rule["owner"],
            "best_practice": rule["best_practice"],
            **({"inferred": inferred} if inferred else {}),
            "sources": [{"doc": s["doc"], "citation": s["citation"], "basis": s["basis"]} for s in rule["sources"]],
            "security-severity": SECURITY_SEVERITY[rule["severity"]],
            "tags": ["security", "export-control", "compliance", rule["element"]],
        },
    }


def _pascal(name: str) -> str:
    """`policy-statement-signed` → `PolicyStatementSigned`: the friendly-name convention of SARIF viewers."""
    return "".join(part[:1].upper() + part[1:] for part in name.replace("_", "-").split("-") if part)


def _invocation(data: dict[str, Any], lang: str) -> dict[str, Any]:
    gate = data["gate"]
    invocation: dict[str, Any] = {
        "executionSuccessful": data["summary"].get("error", 0) == 0,
        "properties": {"gate": {key: gate[key] for key in ("passed", "fail_on", "failures", "errors")}},
    }
    notices = [_notification(profile, notice, lang) for profile in data["profiles"] for notice in profile["notices"]]
    if notices:
        invocation["toolExecutionNotifications"] = notices
    return invocation


def _notification(profile: dict[str, Any], notice: dict[str, Any], lang: str) -> dict[str, Any]:
    """A notice as the run's note to its reader: not a result, since it judges nothing."""
    return {
        "level": "note",
        "message": {"text": notice["zh" if lang == "zh" else "en"]},
        "descriptor": {"id": notice["kind"]},
        "properties": {"profile": profile["index"], "refs": notice["refs"]},
    }


def _profile(profile: dict[str, Any]) -> dict[str, Any]:
    return {
        "index": profile["index"],
        "identity": profile["identity"],
        "source": repo_path(profile["source"])[0],
        "company": profile["company"]["name"],
        "as_of": profile["as_of"],
    }


def _result(
    data: dict[str, Any], result: dict[str, Any], index: dict[str, int], baseline: bool, lang: str
) -> dict[str, Any]:
    previous = result["status"]
    note = waiver(result)
    if previous == "waived" and note is not None:
        previous = note.get("previous_status", "fail")
    out: dict[str, Any] = {
        "ruleId": result["rule_id"],
        "ruleIndex": index[result["rule_id"]],
        "level": "error" if previous == "error" else LEVEL[result["severity"]],
        "message": {"text": text(result, "message", lang) or text(result, "title", lang)},
        "locations": [_location(data, result)],
        "partialFingerprints": {FINGERPRINT: result["fingerprint"]},
    }
    if result["status"] == "waived":
        out["suppressions"] = [_suppression(note)]
    if baseline:
        out["baselineState"] = "unchanged" if in_baseline(result) else "new"
    return out


def _location(data: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    place = result.get("location")
    path, relative = repo_path(place["file"] if place else profile_file(data, result))
    artifact = {"uri": quote(path), "uriBaseId": ROOT} if relative else {"uri": "file://" + quote(path)}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if place and place.get("line"):
        physical["region"] = {"startLine": place["line"]}
        if place.get("column"):
            physical["region"]["startColumn"] = place["column"]
        if place.get("cell"):
            # A sheet's row and column number stay the region; the cell as a spreadsheet names it is for people.
            physical["region"]["properties"] = {"cell": place["cell"]}
    location: dict[str, Any] = {"physicalLocation": physical}
    if result.get("subject_path"):
        location["logicalLocations"] = [{"fullyQualifiedName": result["subject_path"], "kind": "value"}]
    return location


def _suppression(note: dict[str, Any] | None) -> dict[str, Any]:
    suppression: dict[str, Any] = {"kind": "external", "status": "accepted"}
    if note is None:
        return suppression
    suppression["justification"] = note.get("reason") or ""
    details = note.get("details") or {}
    properties = {key: details[key] for key in ("approved_by", "expires") if details.get(key)}
    if note.get("source"):
        properties["source"] = note["source"]
    if properties:
        suppression["properties"] = properties
    return suppression
