"""Writing reports: all or nothing, never over an input file, and never replacing anything but a file."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from checker.errors import OutputError, UsageError

Content = bytes | Iterable[bytes]

# This process's standard output as an output of `write_outputs`: written through sys.stdout (which a caller
# may have replaced), with the streams, before any file lands.
STDOUT = Path("<standard output>")


def check_writable(target: str, inputs: list[str]) -> Path:
    """Refuse, before any work is done, an output that can't be written or would overwrite an input.

    A symbolic link is followed, so the report replaces the file it points to, not the link; a device or a
    pipe (/dev/null, /dev/stdout) is written to, never replaced.
    """
    path = Path(target)
    if descriptor_of(path) is not None:
        # /dev/stdout resolves to whatever the shell redirected it to; following it would replace a log.
        return path
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
        if resolved == source or (
            source.is_dir() and source in resolved.parents and resolved.suffix.lower() in (".yaml", ".yml")
        ):
            raise UsageError(f"{target}: refusing to write a report over the input {given}")
    return path


def write_outputs(files: Sequence[tuple[Path, Content]]) -> list[Path]:
    """Write every output, all together or, as far as streams allow, not at all; return what was written.

    Regular files are written beside their targets under temporary names first. Streams (devices, pipes,
    this process's stdout) can't be taken back, so they come next, and only once they all succeeded are
    the files renamed into place; a failure removes the temporaries. An OutputError says what failed and
    what was written all the same.
    """
    streams = [(path, data) for path, data in files if is_stream(path)]
    regular = [(path, data) for path, data in files if not is_stream(path)]
    staged: list[tuple[str, Path]] = []
    written: list[str] = []
    current: Path | None = None
    try:
        for current, data in regular:
            staged.append((_stage(current, data), current))
        for current, data in streams:
            _write_stream(current, data)
            written.append(str(current))
        while staged:
            temporary, current = staged[0]
            os.replace(temporary, current)
            staged.pop(0)
            written.append(str(current))
    except _PartlyWritten as failure:
        raise OutputError(_failure(current, failure.error, [*written, f"{current} (partly)"])) from failure.error
    except OSError as error:
        raise OutputError(_failure(current, error, written)) from error
    finally:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
    return [Path(path) for path in written]


def is_stream(path: Path) -> bool:
    """Whether `path` is written through rather than replaced: a device, a pipe, a socket, or a stream of ours."""
    return path is STDOUT or descriptor_of(path) is not None or (path.exists() and not path.is_file())


def descriptor_of(path: Path) -> int | None:
    """The descriptor of this process that `path` names: /dev/stdout, /dev/fd/2, /proc/self/fd/1, or the
    name of the file stdout or stderr is redirected to. None for anything else."""
    own = os.path.join("/proc", str(os.getpid()), "fd")
    current = os.path.abspath(path)
    for _ in range(40):  # as many links as the kernel follows
        directory, name = os.path.split(current)
        directory = os.path.realpath(directory)  # /dev/fd and /proc/self lead to /proc/<pid>/fd
        if directory == own and name.isdigit():
            return int(name)
        current = os.path.join(directory, name)
        if not os.path.islink(current):
            break
        current = os.path.join(directory, os.readlink(current))
    try:
        target = os.stat(current)
    except OSError:
        return None
    for descriptor in (1, 2):
        try:
            mine = os.fstat(descriptor)
        except OSError:
            continue
        if stat.S_ISREG(target.st_mode) and (mine.st_dev, mine.st_ino) == (target.st_dev, target.st_ino):
            return descriptor
    return None


def _stage(path: Path, data: Content) -> str:
    """Write `data` to a temporary file beside `path`, with the mode the report should have; its name."""
    directory = path.parent if str(path.parent) else Path(".")
    # A report is made as it is written; its first piece (all of a PDF) is made before the temporary exists,
    # so that a run stopped while rendering, even by SIGKILL, leaves nothing beside the target.
    pieces = iter(_pieces(data))
    first = next(pieces, b"")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(first)
            for piece in pieces:
                stream.write(piece)
        os.chmod(temporary, _mode_for(path))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _mode_for(path: Path) -> int:
    """A file being replaced keeps its permissions (a read-only report stays read-only); a new one gets the
    mode any new file would get (mkstemp's own 0600 would hide it from the group)."""
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    return stat.S_IMODE(existing.st_mode) & 0o777


def _write_stream(path: Path, data: Content) -> None:
    """Write through the stream unbuffered, counting what got out, so a failure can say whether some did."""
    if path is STDOUT:
        _write_stdout(data)
        return
    descriptor = descriptor_of(path)
    if descriptor is not None:
        for stream in (sys.stdout, sys.stderr):  # what was printed before comes before the report
            if stream is not None:
                stream.flush()
        handle = os.dup(descriptor)
    else:
        handle = os.open(path, os.O_WRONLY)
    sent = 0
    try:
        for piece in _pieces(data):
            view = memoryview(piece)
            while view:
                count = os.write(handle, view)
                sent += count
                view = view[count:]
    except OSError as error:
        if sent:
            raise _PartlyWritten(error) from error
        raise
    finally:
        os.close(handle)


def _write_stdout(data: Content) -> None:
    """A reader that goes away (`| head`) has chosen to stop reading: that is not a failure of the run, and the
    files still land. Any other failure is one."""
    stream = sys.stdout
    sent = 0
    try:
        stream.flush()  # what was printed before comes before the report
        for piece in _pieces(data):
            if hasattr(stream, "buffer"):
                stream.buffer.write(piece)
            else:  # a text stream put in place by the caller (tests, an embedding program)
                stream.write(piece.decode("utf-8"))
            sent += len(piece)
        stream.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except OSError as error:
        if sent:
            raise _PartlyWritten(error) from error
        raise


class _PartlyWritten(Exception):
    def __init__(self, error: OSError):
        super().__init__(error)
        self.error = error


def _failure(path: Path | None, error: OSError, written: list[str]) -> str:
    done = f"already written: {', '.join(written)}" if written else "nothing was written"
    return f"{path}: {error.strerror or error}; {done}"


def _pieces(data: Content) -> Iterable[bytes]:
    return [data] if isinstance(data, bytes) else data


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
