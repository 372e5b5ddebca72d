"""Evaluation grows with the ledger, not with its square: no rule scans every export (or party, or licence) for
each record it checks."""

from __future__ import annotations

import statistics
import time
from datetime import date

from benchmarks.check_speed import ledger
from checker.evaluate.engine import evaluate
from checker.validate import load_profile

AS_OF = date(2026, 11, 1)


def cpu_seconds(loaded, ruleset) -> float:
    """The median CPU time of evaluating every rule (CPU time: other work on the machine counts less)."""
    runs = []
    for _ in range(5):
        started = time.process_time()
        evaluate(loaded, ruleset, AS_OF, aggregate=True)
        runs.append(time.process_time() - started)
    return statistics.median(runs)


def test_eight_times_the_records_take_about_eight_times_as_long(tmp_path, ruleset):
    # 250 exports among 250 parties and 62 licences, then 2,000 among 2,000 and 500: every list eight times as
    # long. A rule that read the whole ledger for each party would take about sixty-four times as long on its own
    # (one such rule made the whole evaluation take sixteen times as long).
    small, large = (load_profile(str(ledger(size, tmp_path))) for size in (250, 2_000))
    assert len(large.data["parties"]) == 8 * len(small.data["parties"])
    ratio = cpu_seconds(large, ruleset) / cpu_seconds(small, ruleset)
    assert ratio < 12, f"2,000 exports took {ratio:.1f} times as long as 250"
