"""The evidence files a profile names, found or not, with what identifies each: its SHA-256, size and date.

Where the profile names a document (the policy statement, the risk assessment, the emergency plan, training
records, an audit report, the manual), `evidence:` may list files a reviewer can open. Each is read here, when
the profile is loaded, relative to the folder of the file it is written in, so that a report can say the exact
files it describes. Nothing is fetched: a reference with a scheme (`https://…`) is listed as a link, not read.
A missing file is a fact for the rules (REC-005), never an input error.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path as FsPath
from typing import Any

from checker.paths import Path, format_path
from checker.read.nodes import Node, locate

# Where a profile may name evidence: the records that describe a document of the programme.
HOLDERS: tuple[Path, ...] = (
    ("programme", "policy_statement"),
    ("programme", "risk_assessment"),
    ("programme", "emergency_measures"),
    ("programme", "training"),
    ("programme", "audit", "internal"),
    ("programme", "audit", "external"),
    ("programme", "manual"),
)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Document:
    at: Path  # where the profile names it, e.g. ("programme", "manual", "evidence", 0)
    given: str  # as written
    file: str  # the path read, relative to the working directory where the profile's was; "" for a link
    found: bool
    link: bool = False
    sha256: str | None = None
    size: int | None = None
    modified: str | None = None  # the file's modification date, UTC, YYYY-MM-DD

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": format_path(self.at),
            "given": self.given,
            "file": self.file or None,
            "found": self.found,
            "link": self.link,
            "sha256": self.sha256,
            "bytes": self.size,
            "modified": self.modified,
        }


def documents(data: dict[str, Any], root: Node, folder: FsPath | None = None) -> tuple[Document, ...]:
    """Every evidence file the profile names, in the order of HOLDERS and of each list; read from `folder` when
    given, else from the folder of the file that names it."""
    out = []
    for holder in HOLDERS:
        record: Any = data
        for key in holder:
            record = record.get(key) if isinstance(record, dict) else None
        if not isinstance(record, dict):
            continue
        for index, given in enumerate(record.get("evidence") or ()):
            at = (*holder, "evidence", index)
            base = folder if folder is not None else FsPath(locate(root, at).mark.file).parent
            out.append(_document(at, given, base))
    return tuple(out)


def _document(at: Path, given: str, folder: FsPath) -> Document:
    if "://" in given:
        return Document(at, given, "", found=False, link=True)
    path = folder / given
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        stat = path.stat()
    except OSError:  # missing, a directory, unreadable: not found, which the rules report
        return Document(at, given, str(path), found=False)
    modified = datetime.fromtimestamp(stat.st_mtime, UTC).date().isoformat()
    return Document(at, given, str(path), True, sha256=digest.hexdigest(), size=stat.st_size, modified=modified)
