"""A profile record written as a row of a sheet, as docs/sheets.md describes: nested keys joined by dots, lists
in one cell separated by `;`, booleans as true/false, nothing for a missing value."""

from __future__ import annotations

from typing import Any


def flat(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def cell(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(part) for part in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
