from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "data" / "profile-v1-contract.yaml"  # the profile-format v1 contract, unchanged
SAMPLES = ROOT / "samples"

# The rule cache of the tests (and of the commands they start) is their own, never the user's.
os.environ["EXPORTCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="exportcheck-test-cache-")
# So are the imported screening lists: a test sees the shipped snapshots unless it imports a list itself.
os.environ["EXPORTCHECK_DATA_DIR"] = tempfile.mkdtemp(prefix="exportcheck-test-data-")


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*argv: str) -> Run:
    from checker.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exit_:  # argparse's own usage errors
            code = exit_.code
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def ruleset():
    from checker.ruleset.loading import load_ruleset

    return load_ruleset()


@pytest.fixture(scope="session")
def reference_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


@pytest.fixture
def edited(tmp_path, reference_text):
    """Write the reference profile with text replacements applied; returns the path."""

    def make(*replacements: tuple[str, str], name: str = "profile.yaml") -> Path:
        text = reference_text
        for old, new in replacements:
            assert old in text, f"{old!r} is not in the reference profile"
            text = text.replace(old, new, 1)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return make


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing `needle`."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """A copy of the rule set to break."""
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    return rules


@pytest.fixture
def refusal(rules_copy):
    """Edit the copy of the rule set and load it; returns (the edited file, the RuleSetError's text)."""
    from checker.errors import RuleSetError
    from checker.ruleset.loading import load_ruleset

    def edit(relative: str, old: str, new: str) -> tuple[Path, str]:
        rules = rules_copy
        path = rules / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(rules)
        return path, str(caught.value)

    return edit


def exportcheck(*args: object, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """The command in a fresh process, as a user runs it (without any SOURCE_DATE_EPOCH of ours)."""
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment | (env or {}),
        timeout=timeout,
    )
