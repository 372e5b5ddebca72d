"""What the property-based tests share: their hypothesis profiles, and one guarded run of the command.

Two profiles, chosen with HYPOTHESIS_PROFILE:

    pytest tests/test_fuzz_profiles.py tests/test_mutation.py                        # ci: a few hundred examples
    HYPOTHESIS_PROFILE=deep pytest tests/test_fuzz_profiles.py tests/test_mutation.py  # deep: thousands, minutes

`ci` is derandomized (the same examples on every run, so a red build is a real change, not a new draw) and
keeps no example database; `deep` draws afresh each time and keeps the failures it found in `.hypothesis/`,
so a rerun tries them first.

A guarded run is the real command in this process (`checker.cli.main.main`) with every output going to files
of a scratch directory, and the properties every run must have whatever its input: it ends in 0, 1 or 2,
nothing escapes as a traceback, it takes less than RUN_CPU_SECONDS of CPU, it writes all of its reports complete or none
of them (0 and 1: all; 2: none), and it leaves its input files as they were.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 60
settings.register_profile(
    "ci",
    max_examples=CI_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(in_ci: int) -> settings:
    """A test's own number of examples: `in_ci` in the ci profile, and as many times more in another profile
    as that profile has more by default (a fixed number would hold in every profile)."""
    return settings(max_examples=max(1, in_ci * settings.default.max_examples // CI_EXAMPLES))


# A run of a small profile takes about 0.1 s of CPU; a hundred times that is runaway work. The bound is on the
# CPU time of this process, which a busy machine hardly changes (wall time there went from 0.1 s to 15 s); the
# wall-time bound is for a run that waits on something forever.
RUN_CPU_SECONDS = 10.0
RUN_SECONDS = 60.0

# The reports every guarded run writes: several text formats, so that "all or nothing" is about several files.
REPORTS = {"json": "report.json", "sarif": "report.sarif", "junit": "report.xml"}


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    seconds: float
    cpu_seconds: float


def digest(paths: Iterable[Path]) -> dict[Path, str]:
    """Every file under the paths (a path may be a directory), by its SHA-256."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return {file: hashlib.sha256(file.read_bytes()).hexdigest() for file in files}


def run_main(argv: list[str]) -> Outcome:
    """The command in this process; anything it raises (other than argparse's exit) is left to fail the test."""
    from checker.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    started, cpu = time.perf_counter(), time.process_time()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse's own usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    return Outcome(code, out.getvalue(), err.getvalue(), time.perf_counter() - started, time.process_time() - cpu)


def guarded_check(inputs: list[Path], outputs: Path, *options: str, read: Iterable[Path] = ()) -> Outcome:
    """`exportcheck check INPUTS` writing REPORTS into the empty directory `outputs`, with every property
    asserted (`read`: other files the run reads, such as a sheet); returns what the run said, for the caller's
    own assertions."""
    assert not any(outputs.iterdir()), "the output directory must start empty"
    inputs_read = [*inputs, *read]
    before = digest(inputs_read)
    formats = [arg for name, file in REPORTS.items() for arg in ("--format", f"{name}:{outputs / file}")]
    done = run_main(["check", *map(str, inputs), *formats, *options])
    assert done.code in (0, 1, 2), f"exit code {done.code}\n{done.err}"
    assert "Traceback" not in done.err, done.err
    assert done.cpu_seconds < RUN_CPU_SECONDS, f"the run took {done.cpu_seconds:.1f} s of CPU"
    assert done.seconds < RUN_SECONDS, f"the run took {done.seconds:.1f} s"
    assert digest(inputs_read) == before, "an input file was changed"
    assert_all_or_nothing(outputs, written=done.code != 2)
    if done.code == 2:
        assert done.err.rstrip("\n").splitlines()[-1].startswith("exportcheck: "), done.err
    return done


def assert_all_or_nothing(outputs: Path, written: bool) -> None:
    """Every report present and complete, or the directory left empty (no report, no temporary file)."""
    present = sorted(path.name for path in outputs.iterdir())
    if not written:
        assert present == [], f"a run that failed wrote {present}"
        return
    assert present == sorted(REPORTS.values()), f"a run that succeeded wrote {present}"
    document = json.loads((outputs / REPORTS["json"]).read_text(encoding="utf-8"))
    assert {"summary", "results"} <= document.keys()
    assert json.loads((outputs / REPORTS["sarif"]).read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ElementTree.parse(outputs / REPORTS["junit"]).getroot().tag == "testsuites"


@contextmanager
def scratch() -> Iterator[tuple[Path, Path]]:
    """A new directory for a run's inputs, and an empty one inside it for its outputs; removed afterwards.
    (Not pytest's tmp_path: hypothesis runs every example of a test within one call of its fixtures.)"""
    with tempfile.TemporaryDirectory(prefix="exportcheck-fuzz-") as name:
        outputs = Path(name) / "out"
        outputs.mkdir()
        yield Path(name), outputs
