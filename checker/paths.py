"""Paths into a profile: tuples of keys and list indices, written `exports[2].licence`."""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_TOKEN = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def format_path(path: Path) -> str:
    """`('exports', 2, 'licence')` → `exports[2].licence`."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(part)
    return "".join(out)


def parse_path(text: str) -> Path:
    """`exports[2].licence` → `('exports', 2, 'licence')`; raises ValueError on anything else."""
    parts: list[str | int] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or (pos == 0 and text.startswith(".")):
            raise ValueError(f"not a path: {text!r}")
        name, index = match.groups()
        parts.append(int(index) if index is not None else name)
        pos = match.end()
    if not parts:
        raise ValueError("empty path")
    return tuple(parts)
