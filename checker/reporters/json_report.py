"""The JSON report: the serialised assessment as stable JSON.

Lists of records (results, requirements, …) are written one compact record per line: still readable and
diffable, and written by the C encoder, which matters for a ledger of tens of thousands of exports.
"""

from __future__ import annotations

import json
from typing import Any

from . import ReportOptions


def render(data: dict[str, Any], options: ReportOptions) -> str:
    parts = []
    for key, value in data.items():
        name = json.dumps(key)
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            rows = ",\n".join("    " + _compact(item) for item in value)
            parts.append(f"  {name}: [\n{rows}\n  ]")
        else:
            nested = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            parts.append(f"  {name}: {nested}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _compact(value: Any) -> str:
    return _ENCODER.encode(value)
