"""The `exportcheck` command: thin subcommand modules over the pipeline.

`main` here is the command as its own process runs it (the `exportcheck` script, `python -m checker`);
`checker.cli.main.main` does the same work for a caller that goes on running, as the tests do.
"""

import gc
import os

from checker.cli import main as command


def main(argv: list[str] | None = None) -> int:
    # The first time pydantic makes a validator it looks for plugins among the entry points of every installed
    # distribution (about 7 ms of a small run, more in a crowded environment); exportcheck's validation
    # wants none. Set here, in the process's own entry point, before the first model is built; a value the
    # user set stands.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = command.main(argv)
    # The process ends next, and Python's shutdown would free every object one by one, most of them in
    # reference cycles (classes, pydantic's schemas) that only the cycle collector can free: for a small
    # profile that took about a tenth of the run. Frozen objects are left to the operating system to reclaim.
    # Nothing is lost: every report is written and closed by now, and standard streams are still flushed.
    gc.freeze()
    return code


__all__ = ["main"]
