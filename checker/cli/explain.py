"""`exportcheck explain RULE`: one rule in full, as `rules show` gives it, under the name people look for."""

from __future__ import annotations

from typing import Any

from checker.cli.options import add_rule_packs
from checker.cli.rules import add_show_arguments


def add(commands: Any) -> None:
    explain = commands.add_parser(
        "explain",
        help="explain one rule: what it reads, when it applies, its examples and sources",
        description="Explain one rule: what it checks and why, the profile fields it reads, when it applies "
        "(its requirements and the dates they are in force), its examples as YAML and its sources with their "
        "notes. The same as `exportcheck rules show`.",
    )
    add_show_arguments(explain)
    add_rule_packs(explain)
