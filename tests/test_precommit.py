"""The pre-commit hook, run by pre-commit itself on a repository that holds a profile.

pre-commit installs a hook from a commit of its repository, as a user's configuration names it (`repo:` and
`rev:`), into a virtualenv of its own (`pip install .`, so the package registry must be reachable). The
configuration here names this checkout at HEAD: an edit to `.pre-commit-hooks.yaml` is tested once it is
committed. (`pre-commit try-repo` would take the working tree too, but it can't give a hook `args`, which is
how the hook learns the profile's path, and it builds the environment afresh on every run.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git, and git is not installed")

CONFIG = """\
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: exportcheck
        args: [profile.yaml]
"""


def _environment(**extra: str) -> dict[str, str]:
    # Variables of a surrounding git command (a hook running these tests) would point git at another repository.
    return {key: value for key, value in os.environ.items() if not key.startswith("GIT_")} | extra


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=_environment(), check=True, capture_output=True, text=True, timeout=60
    )
    return done.stdout.strip()


@pytest.fixture(scope="session")
def hook_rev() -> str:
    """The commit of this checkout that pre-commit installs the hook from."""
    try:
        top = Path(_git("rev-parse", "--show-toplevel", cwd=ROOT)).resolve()
    except subprocess.CalledProcessError:
        top = None
    if top != ROOT:
        pytest.skip("the project is not a git checkout (an unpacked sdist), and pre-commit installs hooks from git")
    rev = _git("rev-parse", "--verify", "HEAD", cwd=ROOT)
    committed = subprocess.run(
        ["git", "show", f"{rev}:.pre-commit-hooks.yaml"], cwd=ROOT, env=_environment(), capture_output=True, text=True
    ).stdout
    working = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert committed == working, "commit .pre-commit-hooks.yaml first: pre-commit installs the hook from HEAD"
    return rev


@pytest.fixture(scope="session")
def precommit_home(tmp_path_factory) -> Path:
    """pre-commit's store, shared by the runs so that the hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def run_hook(profile: Path, repo: Path, rev: str, home: Path) -> subprocess.CompletedProcess[str]:
    """A new git repository holding `profile` and a configuration that uses the hook; pre-commit run on it."""
    repo.mkdir()
    shutil.copyfile(profile, repo / "profile.yaml")
    (repo / ".pre-commit-config.yaml").write_text(CONFIG.format(repo=ROOT, rev=rev), encoding="utf-8")
    _git("init", "--quiet", cwd=repo)
    _git("add", ".", cwd=repo)
    command = [sys.executable, "-m", "pre_commit", "run", "exportcheck", "--all-files", "--verbose"]
    env = _environment(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def own_report(repo: Path, monkeypatch) -> str:
    """exportcheck's report of the profile, run directly in the repository the hook ran in."""
    monkeypatch.chdir(repo)
    return run_cli("check", "profile.yaml").out


def test_hook_passes_a_compliant_profile(tmp_path, hook_rev, precommit_home, monkeypatch):
    done = run_hook(SAMPLES / "compliant.yaml", tmp_path / "repo", hook_rev, precommit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "exportcheck...." in done.stdout and "Passed" in done.stdout
    assert own_report(tmp_path / "repo", monkeypatch) in done.stdout
    assert "Gate passed: no failure at or above high." in done.stdout


def test_hook_fails_a_profile_with_gaps_and_shows_why(tmp_path, hook_rev, precommit_home, monkeypatch):
    done = run_hook(SAMPLES / "gaps.yaml", tmp_path / "repo", hook_rev, precommit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout and "- exit code: 1" in done.stdout
    report = own_report(tmp_path / "repo", monkeypatch)
    assert "CRITICAL  LIC-001" in report and "Gate failed: " in report
    assert report in done.stdout
