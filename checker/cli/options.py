"""What every subcommand shares: exit codes, argument types, and the rule-set options."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_INPUT_ERROR = 2


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def add_rule_packs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        type=Path,
        metavar="DIR",
        action="append",
        default=[],
        help="add the rule pack in DIR to the built-in rules (repeatable; see docs/rules.md)",
    )


def load_rules(args: argparse.Namespace):
    from checker.ruleset.loading import load_ruleset

    return load_ruleset(packs=args.rules)
