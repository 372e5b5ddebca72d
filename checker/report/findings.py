"""What the CI formats (SARIF, JUnit, GitHub, GitLab) share: which results they write and where they point.

They all read the serialised assessment. A CI service wants the findings, not the passes: a failure, a rule
error, and (where the format can say so) a waived failure. Paths are written relative to the repository
root, which is the directory the command runs in; a path outside it stays absolute.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import Any

# Statuses that a CI format writes as a finding; a waived one only where the format can mark it suppressed.
FINDINGS = ("fail", "error")
SUPPRESSED = "waived"


def findings(data: dict[str, Any], *, waived: bool = False) -> list[dict[str, Any]]:
    """The results to write, in the document's order (rule order, then profile, then place)."""
    wanted = {*FINDINGS, SUPPRESSED} if waived else set(FINDINGS)
    return [result for result in data["results"] if result["status"] in wanted]


def repo_path(file: str, root: Path | None = None) -> tuple[str, bool]:
    """`file` as a POSIX path relative to `root` (default: the working directory), and whether it is relative.

    A relative path is kept as given (normalised); an absolute one under the root is made relative; a path
    that leaves the root (`../x.yaml`, `/etc/x.yaml`) is returned absolute.
    """
    root = root or Path.cwd()
    path = PurePath(file)
    if not path.is_absolute():
        normal = PurePath(os.path.normpath(path))
        if normal.parts and normal.parts[0] != "..":
            return normal.as_posix(), True
        path = PurePath(os.path.normpath(root / path))
    try:
        return path.relative_to(root).as_posix(), True
    except ValueError:
        return path.as_posix(), False


def profile_file(data: dict[str, Any], result: dict[str, Any]) -> str:
    """The file a result without a place belongs to: its profile's (first) file."""
    profile = data["profiles"][result["profile"]]
    files = profile.get("files") or [profile["source"]]
    return str(files[0])


def waiver(result: dict[str, Any]) -> dict[str, Any] | None:
    """The last waiver applied to a result, if any."""
    waivers = [adjustment for adjustment in result.get("adjustments") or () if adjustment.get("kind") == "waiver"]
    return waivers[-1] if waivers else None


def in_baseline(result: dict[str, Any]) -> bool:
    """Whether a baseline marks the finding as known before (a `baseline` field, or a baseline adjustment)."""
    if result.get("baseline"):
        return True
    return any(adjustment.get("kind") == "baseline" for adjustment in result.get("adjustments") or ())


def text(item: dict[str, Any], key: str, lang: str) -> str:
    """An item's text in the report's language, falling back to English."""
    if lang == "zh" and item.get(f"{key}_zh"):
        return str(item[f"{key}_zh"])
    return str(item.get(key) or "")
