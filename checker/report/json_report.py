"""The JSON report: the serialised assessment as stable JSON.

Lists of records (results, requirements, …) are written one compact record per line: still readable and
diffable, and written by the C encoder, which matters for a ledger of tens of thousands of exports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from checker.report.registry import Reporter


class JsonReporter(Reporter):
    name = "json"

    def render(self, data: dict[str, Any]) -> Iterator[str]:
        return chunks(data)


def chunks(data: dict[str, Any]) -> Iterator[str]:
    """The report in pieces of about a thousand records, so a large one is never held twice in memory."""
    yield "{\n"
    for position, (key, value) in enumerate(data.items()):
        lead = ("" if position == 0 else ",\n") + f"  {json.dumps(key)}: "
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            yield lead + "[\n"
            for start in range(0, len(value), 1000):
                rows = ",\n".join("    " + _compact(item) for item in value[start : start + 1000])
                yield ("" if start == 0 else ",\n") + rows
            yield "\n  ]"
        else:
            yield lead + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    yield "\n}\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _compact(value: Any) -> str:
    return _ENCODER.encode(value)
