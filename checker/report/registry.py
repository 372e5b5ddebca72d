"""Reporters turn the serialised assessment (see `checker.serialize`) into one output format.

Every reporter reads the same data, so no two formats can disagree on a count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from checker.gate import Gate
from checker.bilingual import Lang


@dataclass(frozen=True)
class ReportOptions:
    lang: Lang = "en"
    color: bool = False
    width: int = 100
    gate: Gate | None = None


# A reporter yields its output in pieces, so that a large report can be written as it is made.
Reporter = Callable[[dict[str, Any], ReportOptions], Iterable[str]]


def reporter(name: str) -> Reporter:
    from checker.report import json_report
    from checker.report import text

    return {"text": lambda data, options: [text.render(data, options)], "json": json_report.chunks}[name]

