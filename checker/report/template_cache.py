"""The reports' Jinja environment: the templates of `templates/`, every value escaped, a missing one an error;
and compiled templates kept in exportcheck's cache (checker.cache), so that a report is not compiled from its
template files again on every run (about a tenth of a second of the gap report's time).

Jinja checks each entry against a checksum of its template's source. Compiled code runs when it is loaded,
so, as with the cache's pickles, only an entry that is the user's own and no one else can write is loaded.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from checker.cache import cache_dir, own
from checker.resources import data_dir


def report_environment(**options: Any) -> Environment:
    """An environment for the report templates; `options` adds to Jinja's (keep_trailing_newline, …)."""
    return Environment(
        loader=FileSystemLoader(data_dir("templates")),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=TemplateCache(),
        **options,
    )


class TemplateCache(BytecodeCache):
    def load_bytecode(self, bucket: Bucket) -> None:
        path = _entry(bucket.key)
        if path is None:
            return
        try:
            with open(path, "rb") as stream:
                if own(os.fstat(stream.fileno())):
                    bucket.load_bytecode(stream)
        except Exception:  # a missing, truncated or stale entry is only a miss
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        path = _entry(bucket.key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # the user's only
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                bucket.write_bytecode(stream)
            os.replace(temporary, path)
        except (OSError, ValueError, TypeError):
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def clear(self) -> None:
        directory = cache_dir()
        if directory is not None:
            for entry in directory.glob("template-*.bytecode"):
                with contextlib.suppress(OSError):
                    entry.unlink()


def _entry(key: str) -> Path | None:
    """Jinja's key digests the template's name and file; the interpreter's tag keeps compiled code apart."""
    directory = cache_dir()
    return None if directory is None else directory / f"template-{key}-{sys.implementation.cache_tag}.bytecode"
