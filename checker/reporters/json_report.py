"""The JSON report: the serialised assessment, as stable, pretty-printed JSON."""

from __future__ import annotations

import json
from typing import Any

from . import ReportOptions


def render(data: dict[str, Any], options: ReportOptions) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
