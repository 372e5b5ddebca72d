"""`exportcheck schema`: the profile format as a JSON Schema, for editors that complete and check YAML."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from checker.cli.options import EXIT_PASSED


def add(commands: Any) -> None:
    schema = commands.add_parser(
        "schema",
        help="write the profile's JSON Schema",
        description="Write the JSON Schema of the profile format (version 1) to standard output. Point an "
        "editor at it with a first line `# yaml-language-server: $schema=profile.schema.json` and it completes "
        "keys and words and marks mistakes as you type. The copy in the repository is "
        "docs/schema/profile.schema.json.",
    )
    schema.set_defaults(run=run_schema)


def schema_text() -> str:
    from checker.profile.json_schema import profile_schema

    return json.dumps(profile_schema(), ensure_ascii=False, indent=2) + "\n"


def run_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return EXIT_PASSED
