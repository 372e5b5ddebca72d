"""Profiles drawn from the published schema, whole and damaged, through the real command.

A profile the schema accepts, with its ids unique, its references resolved and its dates in order, is assessed
(exit 0 or 1), never refused; damaged in one of the ways people damage a profile, it is refused (exit 2), each
problem at its place in the file. Every run keeps the properties of `tests/fuzzing.guarded_check`. Examples per
test: 60 in CI; `HYPOTHESIS_PROFILE=deep` for thousands (tests/fuzzing.py).
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import guarded_check, scratch
from tests.profile_strategies import SCHEMA, profiles

AS_OF = st.none() | st.sampled_from(["0001-01-01", "1999-12-31", "2024-02-29", "2026-11-01", "9999-12-31"])


@cache
def first_source() -> str:
    """The day the earliest source of the rule set took effect: no assessment is made before it."""
    from checker.ruleset.loading import load_ruleset

    return min(doc.in_force_from for doc in load_ruleset().sources.values()).isoformat()


def write(data: dict[str, Any], directory: Path) -> Path:
    path = directory / "profile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def as_of(date: str | None) -> list[str]:
    return [] if date is None else ["--as-of", date]


@given(profile=profiles(), date=AS_OF)
def test_a_profile_the_schema_accepts_is_assessed(profile, date):
    with scratch() as (directory, outputs):
        done = guarded_check([write(profile, directory)], outputs, *as_of(date))
    assessed_on = date or (profile.get("assessment") or {}).get("as_of") or "today"
    if assessed_on < first_source():  # "today" sorts after every date
        assert done.code == 2, done.err
        assert "before any source of the rule set took effect" in done.err
    else:
        assert done.code in (0, 1), done.err


def _mappings(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in _mappings(value))]
    if isinstance(node, list):
        return [found for value in node for found in _mappings(value)]
    return []


def _leaves(node: Any) -> list[tuple[Any, Any]]:
    """(container, key or index) of every scalar in the tree."""
    found: list[tuple[Any, Any]] = []
    for container in [node, *_mappings(node)]:
        pairs = container.items() if isinstance(container, dict) else []
        for key, value in pairs:
            if isinstance(value, list):
                found += [(value, index) for index, item in enumerate(value) if not isinstance(item, dict | list)]
            elif not isinstance(value, dict):
                found.append((container, key))
    return found


@st.composite
def damaged(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """A profile with one thing wrong with it, and what: a key left out, a key the format has not, a mapping
    where a value belongs, a reference to no record, an id used twice, an unknown format version."""
    data = copy.deepcopy(draw(profiles()))
    kinds = ["missing", "unknown key", "mapping for a value", "version"]
    with_records = [key for key in ("items", "parties", "licences", "exports") if data.get(key)]
    if with_records:
        kinds.append("duplicate id")
    if data.get("exports") and any("item" in export for export in data["exports"]):
        kinds.append("dangling reference")
    kind = draw(st.sampled_from(kinds))
    if kind == "missing":
        required = SCHEMA["$defs"]["Company"]["required"]
        del data["company"][draw(st.sampled_from(required))]
    elif kind == "unknown key":
        draw(st.sampled_from(_mappings(data)))["not_a_profile_key"] = 1
    elif kind == "mapping for a value":
        container, key = draw(st.sampled_from(_leaves(data)))
        container[key] = {"a": 1}
    elif kind == "version":
        data["schema_version"] = draw(st.sampled_from([0, 2, "1", 1.5, None]))
    elif kind == "duplicate id":
        records = data[draw(st.sampled_from(with_records))]
        records.append(copy.deepcopy(records[0]))
    else:
        export = next(export for export in data["exports"] if "item" in export)
        export["item"] = "NO-SUCH-ITEM"
    return data, kind


@given(case=damaged(), date=AS_OF)
def test_a_damaged_profile_is_refused_at_its_place(case, date):
    data, kind = case
    with scratch() as (directory, outputs):
        path = write(data, directory)
        done = guarded_check([path], outputs, *as_of(date))
    assert done.code == 2, f"{kind}: {done.err}"
    *problems, summary = done.err.rstrip("\n").splitlines()
    assert problems and summary.startswith("exportcheck: "), done.err
    located = re.compile(re.escape(str(path)) + r":\d+:\d+: \S")
    assert all(located.match(line) for line in problems), f"{kind}: {done.err}"


def test_a_caller_that_checks_again_and_again_does_not_keep_every_rule_set(tmp_path):
    """Each run loads its rule set; one process running many (these tests, a batch) must not keep them all."""
    import gc

    from checker.ruleset.loading import RuleSet
    from tests.conftest import SAMPLES
    from tests.fuzzing import run_main

    for _ in range(30):
        assert run_main(["check", str(SAMPLES / "compliant.yaml"), "--format", f"json:{tmp_path / 'a.json'}"]).code == 0
    gc.collect()
    assert sum(isinstance(each, RuleSet) for each in gc.get_objects()) <= 15
