"""GitHub Actions workflow commands: one annotation per failure and per rule error.

    ::error file=samples/gaps.yaml,line=24,col=72,title=POL-001 The policy statement is signed…::message

A critical or high failure and a rule error are `error`, a medium one `warning`, a low or info one
`notice`. Values are escaped as the runner expects (`%`, CR and LF in the message; also `:` and `,` in the
properties). A result without a place in the file gets no file or line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.report.findings import findings, repo_path, text
from checker.report.registry import Reporter
from checker.report.safe_text import visible

COMMAND = {"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}


class GithubReporter(Reporter):
    name = "github"

    def render(self, data: dict[str, Any]) -> Iterator[str]:
        lang = self.options.lang
        return (line(result, lang) for result in findings(data))


def line(result: dict[str, Any], lang: str = "en") -> str:
    command = "error" if result["status"] == "error" else COMMAND[result["severity"]]
    properties: dict[str, Any] = {}
    place = result.get("location")
    if place:
        properties["file"] = repo_path(place["file"])[0]
        if place.get("line"):
            properties["line"] = place["line"]
            if place.get("column"):
                properties["col"] = place["column"]
    properties["title"] = f"{result['rule_id']} {text(result, 'title', lang)}"
    message = text(result, "message", lang)
    remediation = text(result, "remediation", lang)
    if remediation:
        message += f"\n\nRemediation: {remediation}"
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{command} {listed}::{escape_data(message)}\n"


def escape_data(value: str) -> str:
    value = "\r".join(visible(part) for part in value.split("\r"))  # control characters shown, CR escaped below
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
