"""A wheel install works on its own: rules and templates ship inside the package."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [built] = out.glob("exportcheck-*.whl")
    return built


def test_wheel_carries_rules_templates_and_no_tests(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "checker/_data/rules/ruleset.yaml" in names
    assert "checker/_data/rules/records/REC-001.yaml" in names
    assert "checker/_data/templates/i18n.yaml" in names
    assert "checker/_data/templates/init/zh/ledger.yaml" in names  # the starter profile of `exportcheck init`
    assert "checker/_data/docs/schema/profile.schema.json" in names  # which the starter's first line names
    assert "checker/lists/data/un-security-council-consolidated.yaml" in names  # the shipped screening lists
    assert not [n for n in names if n.startswith("tests/")]


def test_installed_wheel_runs_from_its_own_data(wheel, tmp_path):
    """Install the wheel alone into a fresh environment that borrows only the dependencies."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Dependencies come from this environment, appended after the new site-packages; the checkout does not.
    deps = sysconfig.get_paths()["purelib"]
    Path(site, "zz-deps.pth").write_text(deps + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    probe = subprocess.run(
        [str(python), "-c", "import checker.resources as r; print(r.data_dir('rules'))"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert probe.startswith(site) and probe.endswith("checker/_data/rules")
    done = subprocess.run(
        [str(venv / "bin" / "exportcheck"), "check", str(REFERENCE), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["fail"] == 0
    assert [dataset["name"] for dataset in json.loads(done.stdout)["reference_data"]] == [
        "mofcom-control-list",
        "mofcom-watch-list",
        "unreliable-entity-list",
        "un-security-council-consolidated",
    ]
