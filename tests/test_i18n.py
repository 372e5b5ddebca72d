"""The translation catalogue: complete in both languages, the only source of translated text in the code, and
the generic messages it words unchanged by moving their text into it."""

from __future__ import annotations

import ast
import json
import re
import string
from datetime import date
from pathlib import Path

import pytest

from checker import i18n
from checker.bilingual import Bilingual
from checker.evaluate.messages import describe_failure, expectation, render, show
from checker.language.predicates import Expectation, Failure

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "data" / "messages.json"

DAY, AS_OF, START = date(2024, 3, 1), date(2026, 11, 1), date(2025, 11, 1)

VALUES = {
    "none": None, "empty_string": "", "text": "CN", "zero": 0, "int": 5, "float": 2.5, "whole_float": 3.0,
    "true": True, "false": False, "date": DAY, "empty_list": [], "list": ["US", "DE", "JP"],
    "nested_list": [["a", "b"], None, 3.0], "record": {"id": "LIC-1", "kind": "general"},
    "record_without_id": {"kind": "general"}, "tuple": ("x", date(2020, 1, 2)),
}

SIMPLE_KINDS = ("exists", "not_empty", "empty", "condition", "unknown")
VALUE_KINDS = ("equals", "one_of", "count_at_least", "contains", "contains_all", "contains_any", "at_least",
               "at_most", "not_after", "some")


def expectations() -> dict[str, Expectation]:
    cases = {kind: Expectation(kind) for kind in SIMPLE_KINDS}
    for kind in VALUE_KINDS:
        for name in ("none", "int", "whole_float", "date", "list", "text", "true", "empty_list"):
            cases[f"{kind}/{name}"] = Expectation(kind, VALUES[name])
    cases["within_months/12"] = Expectation("within_months", 12, {"start": START, "as_of": AS_OF})
    cases["within_months/none_start"] = Expectation("within_months", 6, {"start": None, "as_of": AS_OF})
    cases["any/two"] = Expectation("any", [Expectation("exists"), Expectation("at_least", 5)],
                                   [("programme", "records", "retention_years"), ("exports", 2, "licence")])
    cases["any/dates"] = Expectation("any", [Expectation("at_most", DAY), Expectation("one_of", ["a", "b"]),
                                             Expectation("within_months", 24, {"start": START, "as_of": AS_OF})],
                                     [("a",), ("b", 0), ("c", 1, "d")])
    cases["not/contains"] = Expectation("not", Expectation("contains", "RU"))
    cases["not/exists"] = Expectation("not", Expectation("exists"))
    cases["not/not/at_least_date"] = Expectation("not", Expectation("not", Expectation("at_least", DAY)))
    cases["not/condition"] = Expectation("not", Expectation("condition"))
    return cases


def failures() -> dict[str, Failure]:
    out = {}
    paths = {"root": ("policy",), "deep": ("exports", 12, "end_user_certificate", "signed_on")}
    for exp_name, exp in expectations().items():
        for found_name in ("none", "empty_string", "int", "date", "list", "empty_list", "false", "record"):
            path = paths["deep" if len(out) % 2 else "root"]
            out[f"{exp_name} | found {found_name}"] = Failure(path, VALUES[found_name], exp)
    return out


def outputs() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for lang in ("en", "zh"):
        section = out.setdefault(lang, {})
        for name, value in VALUES.items():
            section[f"show {name}"] = show(value, lang)
        for name, exp in expectations().items():
            section[f"expectation {name}"] = expectation(exp, lang)
            section[f"expectation {name} (nothing found)"] = expectation(exp, lang, nothing_found=True)
        for name, failure in failures().items():
            section[f"describe_failure {name}"] = describe_failure(failure, lang)
        template = Bilingual(en="{subject}: {path} is {found}, not {expected} ({expectation}).",
                             zh="{subject}：{path} 为 {found}，而非 {expected}（{expectation}）。")
        for name, value in VALUES.items():
            values = {"subject": value, "path": "exports[3].licence", "found": value, "expected": [value, 1.0],
                      "expectation": expectation(Expectation("at_least", value), lang)}
            section[f"render {name}"] = render(template, values, lang)
    return out


def test_generic_messages_are_worded_as_recorded():
    """The words of `show`, `expectation` and `describe_failure`, in both languages, byte for byte as recorded
    in tests/data/messages.json (regenerate it with `python -m tests.test_i18n` only for an intended change)."""
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    now = outputs()
    for lang in ("en", "zh"):
        changed = {key: (recorded[lang].get(key), text) for key, text in now[lang].items()
                   if recorded[lang].get(key) != text}
        assert not changed, f"{lang}: {len(changed)} message(s) changed, e.g. {list(changed.items())[:3]}"
        assert set(recorded[lang]) == set(now[lang])


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(outputs(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
