"""The `exportcheck` command: thin subcommand modules over the pipeline."""

from checker.cli.main import main

__all__ = ["main"]
