"""The command as its own process runs it (`checker.cli.main`): the same reports as the in-process
`checker.cli.main.main`, without what a process about to end does not need (see docs/architecture.md)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT, SAMPLES, run_cli

ARGV = ["check", str(SAMPLES / "gaps.yaml"), "--format", "json", "--as-of", "2026-11-01"]


def _probe(code: str, env: dict[str, str] | None = None) -> list[str]:
    """The lines a Python process running `code` prints; `with quiet():` silences the command's report."""
    setup = "import contextlib, io\nquiet = lambda: contextlib.redirect_stdout(io.StringIO())\n"
    done = subprocess.run(
        [sys.executable, "-c", setup + code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_process_writes_the_report_the_function_writes():
    done = subprocess.run([sys.executable, "-m", "checker", *ARGV], capture_output=True, text=True, cwd=ROOT)
    in_process = run_cli(*ARGV)
    assert (done.returncode, done.stdout, done.stderr) == (1, in_process.out, in_process.err)
    assert in_process.code == 1 and in_process.out.startswith("{")


def test_only_the_process_entry_point_leaves_its_objects_to_the_operating_system():
    lines = _probe(
        "import gc\n"
        "from checker.cli.main import main as work\n"
        "from checker.cli import main as process\n"
        f"with quiet(): work({ARGV!r})\n"
        "print(gc.get_freeze_count())\n"
        f"with quiet(): code = process({ARGV!r})\n"
        "print(code, gc.get_freeze_count() > 0)\n"
    )
    assert lines == ["0", "1 True"]


def test_the_process_does_not_look_for_pydantic_plugins():
    # pydantic reads the entry points of every installed distribution to find its plugins; counted here.
    count = (
        "import importlib.metadata\n"
        "looked = []\n"
        "real = importlib.metadata.entry_points\n"
        "importlib.metadata.entry_points = lambda **kw: looked.append(kw) or real(**kw)\n"
        "import os\n"
        "from checker.cli import main\n"
        f"with quiet(): main({ARGV!r})\n"
        "print(looked, repr(os.environ['PYDANTIC_DISABLE_PLUGINS']))\n"
    )
    unset = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    assert _probe(count, unset) == ["[] '__all__'"]
    # A user who set it keeps their own choice, and pydantic looks as it would.
    assert _probe(count, {**unset, "PYDANTIC_DISABLE_PLUGINS": ""}) == ["[{'group': 'pydantic'}] ''"]


# What only some runs need: the dataset model (only with --reference, or the screening lists of a profile with
# parties), the reading and checking of rule files
# (only when the rule cache misses), the explanations of input errors and suggestions for a misspelt word, the
# other reporters, and WeasyPrint.
ONLY_SOMETIMES = [
    "checker.reference.datasets",
    "checker.language.predicate_parser",
    "checker.ruleset.field_check",
    "checker.diagnostics",
    "difflib",
    "checker.report.text",
    "checker.report.gap_report",
    "weasyprint",
]


def _imported(argv: list[str], cache: str) -> list[str]:
    """Which of ONLY_SOMETIMES a process running the command imported."""
    code = (
        "import sys\n"
        "from checker.cli import main\n"
        f"with quiet(): main({argv!r})\n"
        f"print(' '.join(name for name in {ONLY_SOMETIMES!r} if name in sys.modules))\n"
    )
    return _probe(code, {**os.environ, "EXPORTCHECK_CACHE_DIR": cache})[0].split()


def test_a_small_json_run_imports_only_what_it_uses(tmp_path):
    cache = str(tmp_path / "cache")
    read = ["checker.language.predicate_parser", "checker.ruleset.field_check", "checker.diagnostics"]
    lists = ["checker.reference.datasets"]  # the sample has parties: the screening lists are read
    assert _imported(ARGV, cache) == [*lists, *read]  # the cache was empty
    assert _imported(ARGV, cache) == lists
    assert _imported([*ARGV, "--no-default-lists"], cache) == []
    excerpt = str(ROOT / "tests" / "data" / "reference" / "control-list-excerpt.yaml")
    assert _imported([*ARGV, "--reference", excerpt], cache) == lists  # the explanations only for a bad one
