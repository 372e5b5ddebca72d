"""JUnit XML (the Apache Ant schema): a test suite per profile, a test case per rule and subject.

A failure is a `<failure>`, a rule error an `<error>`, a manual check and a waived failure a `<skipped>`
with the reason. Passes and exclusions are summed up per rule, so a ledger of ten thousand exports gives
one passing case and one skipped case per rule, not twenty thousand cases. Nothing in the file changes
from one run to the next: the timestamp is the assessment date, the host `localhost`, every time 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.report.findings import repo_path, text, waiver
from checker.report.registry import Reporter
from checker.report.safe_text import visible

# XML 1.0 refuses most control characters even as references; they are written out as escapes instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_ATTRIBUTE = re.compile('[&<>"\n\r\t]')
_TEXT = re.compile("[&<>\r]")


class JunitReporter(Reporter):
    name = "junit"

    def render(self, data: dict[str, Any]) -> Iterator[str]:
        return chunks(data, self.options.lang)


def chunks(data: dict[str, Any], lang: str = "en") -> Iterator[str]:
    by_profile: dict[int, list[dict[str, Any]]] = {profile["index"]: [] for profile in data["profiles"]}
    for result in data["results"]:
        by_profile[result["profile"]].append(result)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
    for profile in data["profiles"]:
        yield from _suite(data, profile, by_profile[profile["index"]], lang)
    yield "</testsuites>\n"


def _suite(data: dict[str, Any], profile: dict[str, Any], results: list[dict[str, Any]], lang: str) -> Iterator[str]:
    cases = list(_cases(data["rules"], results, lang))
    counts = {kind: sum(1 for _, outcome in cases if outcome and outcome[0] == kind) for kind in _KINDS}
    properties = {
        "company": profile["company"]["name"],
        "identity": profile["identity"],
        "as_of": profile["as_of"],
        "score": "" if profile["score"]["overall"] is None else str(profile["score"]["overall"]),
        "rating": profile["rating"]["band"],
    }
    names = _attributes(name=repo_path(profile["source"])[0], package=data["tool"]["name"], id=profile["index"])
    yield (
        f"  <testsuite{names}"
        f' timestamp="{profile["as_of"]}T00:00:00" hostname="localhost" tests="{len(cases)}"'
        f' failures="{counts["failure"]}" errors="{counts["error"]}" skipped="{counts["skipped"]}" time="0">\n'
        "    <properties>\n"
    )
    yield "".join(f"      <property{_attributes(name=key, value=value)}/>\n" for key, value in properties.items())
    yield "    </properties>\n"
    for start in range(0, len(cases), 1000):
        yield "".join(_case(*case) for case in cases[start : start + 1000])
    yield "    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n"


_KINDS = ("failure", "error", "skipped")
Outcome = tuple[str, dict[str, Any], str] | None  # (element, its attributes, its text), or None for a pass
Case = tuple[dict[str, str], Outcome]


def _cases(rules: list[dict[str, Any]], results: list[dict[str, Any]], lang: str) -> Iterator[Case]:
    by_rule: dict[str, list[dict[str, Any]]] = {rule["id"]: [] for rule in rules}
    for result in results:
        by_rule.setdefault(result["rule_id"], []).append(result)
    for rule_id, found in by_rule.items():
        names: set[str] = set()
        passed = [result for result in found if result["status"] == "pass"]
        excluded = [result for result in found if result["status"] == "not_applicable"]
        for result in found:
            if result["status"] not in ("pass", "not_applicable"):
                yield _named(rule_id, result, names), _outcome(result, lang)
        # A result may already sum up the passes of many records (`count`); the case counts them all.
        passes, exclusions = _count(passed), _count(excluded)
        if passes == 1:
            yield _named(rule_id, passed[0], names), None
        elif passed:
            yield {"classname": rule_id, "name": f"{rule_id}: {passes:,} subjects pass"}, None
        if exclusions == 1:
            yield (
                _named(rule_id, excluded[0], names),
                ("skipped", {"message": "not applicable"}, _message(excluded[0], lang)),
            )
        elif excluded:
            reason = f"not applicable to {exclusions:,} subjects"
            yield (
                {"classname": rule_id, "name": f"{rule_id}: {exclusions:,} subjects not applicable"},
                (
                    "skipped",
                    {"message": reason},
                    "",
                ),
            )


def _count(results: list[dict[str, Any]]) -> int:
    return sum(result.get("count", 1) for result in results)


def _named(rule_id: str, result: dict[str, Any], names: set[str]) -> dict[str, str]:
    """A case named by its subject path; a second result at the same path is told apart by its number."""
    base = result["subject_path"] or (result["location"] or {}).get("path") or rule_id
    name, number = base, 1
    while name in names:
        number += 1
        name = f"{base} ({number})"
    names.add(name)
    return {"classname": rule_id, "name": name}


def _outcome(result: dict[str, Any], lang: str) -> Outcome:
    status, message = result["status"], _message(result, lang)
    if status == "fail":
        body = "\n".join(
            part for part in (_where(result), message, _inferred(result, lang), _remedy(result, lang)) if part
        )
        return "failure", {"message": message, "type": result["severity"]}, body
    if status == "error":
        return "error", {"message": message, "type": "rule error"}, "\n".join(filter(None, (_where(result), message)))
    if status == "waived":
        note = waiver(result) or {}
        details = note.get("details") or {}
        reason = "waived: " + (note.get("reason") or "")
        extra = [f"{key}: {details[key]}" for key in ("approved_by", "expires") if details.get(key)]
        return "skipped", {"message": reason}, "\n".join(filter(None, (_where(result), message, *extra)))
    return "skipped", {"message": f"{status.replace('_', ' ')}: {message}"}, _where(result)


def _where(result: dict[str, Any]) -> str:
    place = result.get("location")
    if not place:
        return ""
    path = repo_path(place["file"])[0]
    if place.get("cell"):
        return f"{path}:{place['cell']}"
    return f"{path}:{place['line']}:{place['column']}" if place.get("line") else path


def _message(result: dict[str, Any], lang: str) -> str:
    return text(result, "message", lang) or text(result, "title", lang)


def _inferred(result: dict[str, Any], lang: str) -> str:
    """What the rule reads into its sources beyond what they say, shown with every finding of it."""
    return f"Inferred: {text(result, 'inferred', lang)}" if result.get("inferred") else ""


def _remedy(result: dict[str, Any], lang: str) -> str:
    remediation = text(result, "remediation", lang)
    return f"Remediation: {remediation}" if remediation else ""


def _case(names: dict[str, str], outcome: Outcome) -> str:
    head = f'    <testcase{_attributes(**names)} time="0"'
    if outcome is None:
        return head + "/>\n"
    element, attributes, body = outcome
    return f"{head}>\n      <{element}{_attributes(**attributes)}>{_text(body)}</{element}>\n    </testcase>\n"


def _attributes(**values: Any) -> str:
    return "".join(f' {key}="{_escape(str(value), _ATTRIBUTE)}"' for key, value in values.items())


def _text(value: str) -> str:
    return _escape(value, _TEXT)


def _escape(value: str, special: re.Pattern[str]) -> str:
    value = visible(value)
    if _NOT_XML.search(value):
        value = _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", value)
    return special.sub(lambda match: _ESCAPES[match.group()], value)
