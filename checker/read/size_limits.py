"""How much one file may hold, and the way to allow more: an environment variable for each limit that a large
but honest profile can reach (the size of a file, the number of its values), read when the process starts.
The limits bound the work a file can cause, and the memory, so that a mistaken or hostile file is refused in a
second instead of running for minutes; raising them is for a ledger known to be that large, and a setting
never lowers them. docs/limits.md lists every limit.
"""

from __future__ import annotations

import os

from checker.errors import UsageError

MIB = 1024 * 1024

FILE_MIB_VARIABLE = "EXPORTCHECK_MAX_FILE_MIB"
VALUES_VARIABLE = "EXPORTCHECK_MAX_VALUES"


def raised(variable: str, default: int, unit: int = 1) -> int:
    """The limit, raised to what the environment sets (`variable`, a whole number of `unit`s) when the process
    starts; a setting below the default leaves the default, so that exportcheck's own files are always read.
    A mistyped setting leaves it too: the command refuses it first (`check_settings`)."""
    try:
        number = _setting(variable)
    except UsageError:
        return default
    return default if number is None else max(default, number * unit)


def check_settings() -> None:
    """Refuse a mistyped setting before any file is read."""
    for variable in (FILE_MIB_VARIABLE, VALUES_VARIABLE):
        _setting(variable)


def _setting(variable: str) -> int | None:
    """The whole number the variable is set to, None if it is not set; a setting that is no whole number above
    0 is a usage error, not a limit of 0 or none."""
    setting = os.environ.get(variable, "").strip()
    if not setting:
        return None
    try:
        number = int(setting.replace("_", "").replace(",", ""))
    except ValueError:
        number = 0
    if number < 1:
        raise UsageError(f"{variable}={setting!r}: give a whole number above 0, or leave it unset")
    return number
