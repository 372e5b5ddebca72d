"""The progress bar of a run on many companies: on a terminal only, and never with --quiet.

tqdm is imported only when a bar is shown (it is the lighter of the usual two to import), so a run whose
standard error is a file or a pipe, as in CI, loads nothing for it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(total: int, quiet: bool, label: str) -> Iterator[Callable[[], None]]:
    """A call that advances the bar by one; it does nothing when no bar is shown."""
    stream = sys.stderr
    if quiet or total < 2 or stream is None or not stream.isatty():
        yield lambda: None
        return
    from tqdm import tqdm

    # tqdm's monitor thread (it thins out the updates of slow loops) would outlive the bar by up to ten
    # seconds; a run that goes on to fork (a PDF renderer) must not have a second thread, and updates here
    # come once per company anyway.
    tqdm.monitor_interval = 0
    with tqdm(total=total, file=stream, unit="", desc=label, leave=False, dynamic_ncols=True) as bar:
        yield lambda: bar.update(1)
