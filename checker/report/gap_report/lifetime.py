"""A process the report starts (the PDF renderer, a font worker) ends when the process that started it ends.

However the command ends, by its own exit, SIGTERM, SIGKILL or a CI job's time limit, nothing of it may go
on running: a renderer left behind has been seen laying out a huge report for a quarter of an hour, holding
gigabytes, with nobody to read its answer. On Linux the kernel does it: the child asks to be sent SIGKILL
when its parent ends (`PR_SET_PDEATHSIG`). Elsewhere a watchdog thread notices that the parent is gone.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_POLL = 0.2  # seconds between the watchdog's looks at its parent


def die_with_parent(parent: int) -> None:
    """Call first thing in a child forked by `parent` (a process id): from then on, the child ends with it.

    A child that arrives after its parent already ended (the parent died between fork and this call)
    ends at once.
    """
    if not (sys.platform.startswith("linux") and _kernel_kills_orphan()):
        threading.Thread(target=_watch, args=(parent,), name="exportcheck-parent-watch", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def ignore_interrupt() -> None:
    """Ctrl-C reaches every process of the terminal's foreground group: the parent handles it (it stops its
    children on the way out), so a child leaves it alone rather than print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _kernel_kills_orphan() -> bool:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_POLL)
    os._exit(1)
