"""User text made safe to show: control and bidirectional characters written out as escapes.

A profile's text reaches a terminal, an HTML page and a PDF. ESC would recolour or rewrite the terminal,
BEL rings it, a carriage return overwrites the line, and the bidirectional controls (U+202A to U+202E,
U+2066 to U+2069, U+200E, U+200F, U+061C) reorder what a reader sees around them in all three. Each is shown
as an escape such as `\\x1b` or `\\u202e`, so the reader sees that it is there and nothing acts on it.
Tabs and line feeds stay: they are layout, which every report already handles.
"""

from __future__ import annotations

import re
from typing import Any

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(value: Any) -> Any:
    """`value` with the unsafe characters of every string in it escaped; mappings and lists are walked."""
    if isinstance(value, str):
        return _UNSAFE.sub(_escape, value) if _UNSAFE.search(value) else value
    if isinstance(value, dict):
        return {key: visible(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(visible(item) for item in value)
    return value


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
