"""Run a rule's own examples: each builds a profile and states what the rule must find in it.

An example starts from `rules/examples/base.yaml` (the reference profile),
merges its `profile` fragment in (mappings merge, lists are replaced), applies
its `set` and `unset` edits, and is then read exactly like a user's file.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from functools import cache
from pathlib import Path as FsPath
from typing import Any

import yaml

from checker.errors import InputError, InputProblem
from checker.evaluate.engine import evaluate
from checker.paths import Path, format_path, parse_path
from checker.read.nodes import to_plain
from checker.read.yaml import read_yaml
from checker.reference import NO_REFERENCE_DATA, ReferenceData
from checker.reference.datasets import Dataset, load_dataset
from checker.results import Result, Status
from checker.ruleset.loading import RuleSet
from checker.ruleset.rule import Example, Rule
from checker.validate import load_profile_bytes


@cache
def base_profile(path: FsPath) -> dict[str, Any]:
    return to_plain(read_yaml(path))


@cache
def _dataset(path: FsPath) -> Dataset:
    return load_dataset(path)


def example_reference(base: FsPath, example: Example) -> ReferenceData:
    """The datasets an example names, read from beside its base profile."""
    if not example.reference:
        return NO_REFERENCE_DATA
    return ReferenceData(tuple(_dataset(base.parent / name) for name in example.reference))


def example_data(base: dict[str, Any], example: Example) -> dict[str, Any]:
    data = copy.deepcopy(base)
    _merge(data, example.profile)
    for text, value in example.set.items():
        _set(data, parse_path(text), copy.deepcopy(value))
    for text in example.unset:
        _unset(data, parse_path(text))
    return data


def example_results(rule: Rule, example: Example, ruleset: RuleSet) -> list[Result]:
    base = ruleset.examples_base(rule.id)
    data = example_data(base_profile(base), example)
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    name = f"{rule.id}-example.yaml"
    # Read as if beside the base profile, so that the paths in it (evidence files) are read from that folder.
    loaded = load_profile_bytes(raw, name, folder=base.parent)
    single = replace(ruleset, rules=(rule,))
    stated = loaded.profile.assessment.as_of if loaded.profile.assessment else None
    as_of = example.as_of or stated
    if as_of is None:
        missing = "no date to assess on: the profile has no assessment.as_of; give the example an as_of"
        raise InputError([InputProblem(name, None, None, missing)])
    return evaluate(loaded, single, as_of, reference=example_reference(base, example))


def check_example(rule: Rule, example: Example, ruleset: RuleSet) -> str | None:
    """None when the example behaves as stated, else what went wrong."""
    where = f"{rule.id} example {example.title!r}"
    try:
        results = example_results(rule, example, ruleset)
    except InputError as error:
        return f"{where}: the example profile is invalid: {error}"
    except (KeyError, IndexError, TypeError) as error:
        return f"{where}: its set/unset paths don't fit the base profile ({type(error).__name__}: {error})"
    if any(r.rule_id != rule.id for r in results):
        return f"{where}: results of another rule"
    if example.expect == "pass":
        bad = [r for r in results if r.status not in (Status.passed, Status.not_applicable)]
        if bad or not any(r.status == Status.passed for r in results):
            return f"{where}: expected a pass, got {_show(results)}"
        return None
    if example.expect == "not_applicable":
        if any(r.status != Status.not_applicable for r in results):
            return f"{where}: expected every result not applicable, got {_show(results)}"
        return None
    expected = sorted((e.status, e.path) for e in example.expect)
    listed_na = {e.path for e in example.expect if e.status == "not_applicable"}
    actual = sorted(
        (r.status.value, format_path(r.path))
        for r in results
        if r.status not in (Status.passed, Status.not_applicable) or format_path(r.path) in listed_na
    )
    if actual != expected:
        return f"{where}: expected {expected}, got {actual}"
    return None


def run_examples(ruleset: RuleSet) -> list[str]:
    return [
        problem
        for rule in ruleset.rules
        for example in rule.examples
        if (problem := check_example(rule, example, ruleset)) is not None
    ]


def _show(results: list[Result]) -> str:
    return ", ".join(f"{r.status.value} at {format_path(r.path)}" for r in results) or "no results"


def _merge(target: dict[str, Any], fragment: dict[str, Any]) -> None:
    for key, value in fragment.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def _set(data: Any, path: Path, value: Any) -> None:
    container = data
    for part, following in zip(path, path[1:], strict=False):
        if isinstance(part, int):
            container = container[part]
        else:
            container = container.setdefault(part, [] if isinstance(following, int) else {})
    last = path[-1]
    if isinstance(last, int) and last == len(container):
        container.append(value)  # one past the end adds a record
    else:
        container[last] = value


def _unset(data: Any, path: Path) -> None:
    container = data
    for part in path[:-1]:
        container = container[part]
    if isinstance(path[-1], int):
        del container[path[-1]]
    else:
        container.pop(path[-1], None)
