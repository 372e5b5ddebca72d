"""Writing reports: all or nothing, never over an input file, and never replacing anything but a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from checker.errors import UsageError

Content = bytes | Iterable[bytes]


def check_writable(target: str, inputs: list[str]) -> Path:
    """Refuse, before any work is done, an output that can't be written or would overwrite an input.

    A symbolic link is followed, so the report replaces the file it points to, not the link; a device or a
    pipe (/dev/null, /dev/stdout) is written to, never replaced.
    """
    path = Path(target)
    if path.is_dir():
        raise UsageError(f"{target}: is a directory; give a file name for the report")
    if path.is_symlink() and (path.is_file() or not path.exists()):
        path = path.resolve()
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{target}: directory {parent} does not exist")
    resolved = path.resolve()
    for given in inputs:
        source = Path(given).resolve()
        if resolved == source or (source.is_dir() and source in resolved.parents and
                                  resolved.suffix in (".yaml", ".yml")):
            raise UsageError(f"{target}: refusing to write a report over the input {given}")
    return path


def write_atomic(path: Path, data: Content) -> None:
    write_all_atomic([(path, data)])


def write_all_atomic(files: list[tuple[Path, Content]]) -> None:
    """Write every file beside its target under a temporary name, then rename them all into place.

    If writing any of them fails, none is renamed and the temporary files are removed: a run leaves all its
    outputs or none.
    """
    temporaries: list[tuple[str, Path]] = []
    streams = [(path, data) for path, data in files if path.exists() and not path.is_file()]
    regular = [(path, data) for path, data in files if not (path.exists() and not path.is_file())]
    try:
        for path, data in regular:
            directory = path.parent if str(path.parent) else Path(".")
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
            temporaries.append((temporary, path))
            with os.fdopen(handle, "wb") as stream:
                _write(stream, data)
            # mkstemp makes the file private (0600); a report gets the mode any new file would get.
            os.chmod(temporary, 0o666 & ~_umask())
        for temporary, path in temporaries:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in temporaries:
            Path(temporary).unlink(missing_ok=True)
        raise
    # Devices and pipes can't be written all-or-nothing; they are written last, once every file is in place.
    for path, data in streams:
        with open(path, "wb") as stream:
            _write(stream, data)


def _write(stream, data: Content) -> None:
    for piece in [data] if isinstance(data, bytes) else data:
        stream.write(piece)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
