"""What a Python check reports: a status at a path, with values for the rule's message."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.paths import Path
from checker.results import Status


@dataclass(frozen=True)
class Outcome:
    status: Status
    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    kind: str | None = None  # picks one of the rule's `messages`; None uses `message`
