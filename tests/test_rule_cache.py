"""The rule cache: a run whose rule files have not changed takes the rule set from the cache, and nothing else
changes."""

from __future__ import annotations

import json
import shutil

import pytest

from checker.errors import RuleSetError
from checker.ruleset.cache import RuleCache
from checker.ruleset.loading import RuleSet, load_ruleset
from checker.ruleset.sources import notes_dir
from tests.conftest import ROOT, SAMPLES, run_cli


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("EXPORTCHECK_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def rules(tmp_path):
    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", copy)
    return copy


def test_a_second_run_reads_the_rules_from_the_cache_and_reports_the_same(cache_dir):
    first = run_cli("check", SAMPLES / "gaps.yaml", "--format", "json").out
    assert (cache_dir / "rules.pickle").is_file()
    assert isinstance(RuleCache([ROOT / "rules"], notes_dir()).load(), RuleSet)
    second = run_cli("check", SAMPLES / "gaps.yaml", "--format", "json").out
    assert first == second
    cached, fresh = load_ruleset(), load_ruleset()
    assert [rule.model_dump() for rule in cached.rules] == [rule.model_dump() for rule in fresh.rules]


def test_an_edited_rule_file_is_read_again(cache_dir, rules):
    load_ruleset(rules)
    path = rules / "records" / "REC-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity: high", "severity: low"), encoding="utf-8")
    assert RuleCache([rules], notes_dir()).load() is None
    assert load_ruleset(rules).get("REC-001").severity == "low"


def test_a_broken_rule_after_a_cached_load_is_refused_at_its_line(cache_dir, rules):
    load_ruleset(rules)
    path = rules / "records" / "REC-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity: high", "severity: hihg"), encoding="utf-8")
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(rules)
    assert f"{path}:7:11: severity: 'hihg' is not one of" in str(caught.value)


def test_a_cache_that_cannot_be_written_or_read_is_passed_over(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("EXPORTCHECK_CACHE_DIR", str(blocked / "cache"))
    assert run_cli("check", SAMPLES / "gaps.yaml", "--format", "json").code == 1
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "rules.pickle").write_bytes(b"not a pickle")
    (corrupt / "i18n.json").write_text("{not json")
    monkeypatch.setenv("EXPORTCHECK_CACHE_DIR", str(corrupt))
    run = run_cli("check", SAMPLES / "gaps.yaml", "--format", "json")
    assert run.code == 1 and json.loads(run.out)["summary"]["fail"] == 15


def test_a_rule_set_someone_else_could_have_written_is_not_loaded(cache_dir):
    load_ruleset()
    entry = cache_dir / "rules.pickle"
    assert entry.stat().st_mode & 0o777 == 0o600
    entry.chmod(0o620)  # loading a pickle can run code, so only the user may have written it
    assert RuleCache([ROOT / "rules"], notes_dir()).load() is None
    entry.chmod(0o600)
    assert isinstance(RuleCache([ROOT / "rules"], notes_dir()).load(), RuleSet)
    entry.write_bytes(entry.read_bytes()[:1000])  # cut short, as by a full disk
    assert RuleCache([ROOT / "rules"], notes_dir()).load() is None
    assert len(load_ruleset().rules) == len(load_ruleset(ROOT / "rules").rules) > 0


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPORTCHECK_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert run_cli("check", SAMPLES / "gaps.yaml", "--format", "json").code == 1
    assert list(tmp_path.iterdir()) == []


def test_a_fresh_process_keeps_rules_catalogue_and_country_codes_and_reports_the_same(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "EXPORTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    argv = [sys.executable, "-m", "checker", "check", str(SAMPLES / "gaps.yaml"), "--format", "json"]
    first = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    entries = sorted((tmp_path / "cache").iterdir())
    names = [path.name for path in entries]
    assert [name for name in names if not name.startswith("list-")] == [
        "countries.json",
        "country_names.json",
        "i18n.json",
        "labels.json",
        "rules.pickle",
        "scope.pickle",
        "screening-index.pickle",
    ]
    assert sorted(name.rsplit("-", 1)[0] for name in names if name.startswith("list-")) == [  # the shipped lists
        "list-mofcom-control-list",
        "list-mofcom-watch-list",
        "list-un-security-council-consolidated",
        "list-unreliable-entity-list",
    ]
    written = {path.name: path.stat().st_mtime_ns for path in entries}
    second = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    # A hit is read, not written again: every entry is as the first run left it.
    assert {path.name: path.stat().st_mtime_ns for path in entries} == written
    assert (first.returncode, second.returncode) == (1, 1)
    assert first.stdout == second.stdout
    codes = json.loads((tmp_path / "cache" / "countries.json").read_text(encoding="utf-8"))["data"]
    assert {"DE", "AE", "CN", "NO"} <= set(codes) and "UK" not in codes


def test_a_run_whose_rule_set_comes_from_the_cache_validates_no_rule_file(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "EXPORTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    probe = (
        "import contextlib, io\n"
        "from checker.cli.main import main\n"
        "from checker.ruleset.rule import Rule\n"
        f"with contextlib.redirect_stdout(io.StringIO()): main(['check', {str(SAMPLES / 'gaps.yaml')!r}])\n"
        "print(Rule.__pydantic_complete__)\n"  # pydantic builds the model's schema when it first validates
    )
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT) for _ in "12"
    ]
    assert [run.stdout for run in runs] == ["True\n", "False\n"], runs[-1].stderr
