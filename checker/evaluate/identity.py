"""A finding's identity: the subject path written with record ids, and a fingerprint built from it.

The located path (`exports[2].licence`) finds the line in the file, but shifts whenever a record is inserted
above it. The subject path (`exports[E-2026-047].licence`) names records by their ids, so it shifts only when
the record itself changes; a record without an id keeps its index. The fingerprint hashes the rule id, the
profile's identity (its USCC, else its company name) and the subject path: the key by which waivers,
baselines and code-scanning services recognise the same finding from one run to the next.
"""

from __future__ import annotations

import hashlib
from typing import Any

from checker.paths import Path


def profile_identity(company: dict[str, Any]) -> str:
    """The company's unified social credit code when given, else its name with spacing and case set aside."""
    if company.get("uscc"):
        return f"uscc:{company['uscc']}"
    return "name:" + " ".join(str(company.get("name") or "").split()).casefold()


def subject_path(data: Any, path: Path) -> str:
    out: list[str] = []
    node = data
    for part in path:
        if isinstance(part, int):
            record = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            record_id = record.get("id") if isinstance(record, dict) else None
            out.append(f"[{record_id}]" if isinstance(record_id, str) else f"[{part}]")
            node = record
        else:
            out.append(f".{part}" if out else part)
            node = node.get(part) if isinstance(node, dict) else None
    return "".join(out)


def fingerprint(rule_id: str, identity: str, subject: str, occurrence: int = 0) -> str:
    """32 hex digits. `occurrence` tells apart the rare findings of one rule at one subject."""
    key = "\x1f".join((rule_id, identity, subject, str(occurrence) if occurrence else ""))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()
