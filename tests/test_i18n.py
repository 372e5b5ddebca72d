"""The translation catalogue: complete in both languages, the only source of translated text in the code, and
the generic messages it words unchanged by moving their text into it."""

from __future__ import annotations

import ast
import json
import re
import string
from datetime import date
from pathlib import Path

from checker import i18n
from checker.bilingual import Bilingual
from checker.evaluate.messages import describe_failure, expectation, render, show
from checker.language.predicates import Expectation, Failure

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "data" / "messages.json"

DAY, AS_OF, START = date(2024, 3, 1), date(2026, 11, 1), date(2025, 11, 1)

VALUES = {
    "none": None,
    "empty_string": "",
    "text": "CN",
    "zero": 0,
    "int": 5,
    "float": 2.5,
    "whole_float": 3.0,
    "true": True,
    "false": False,
    "date": DAY,
    "empty_list": [],
    "list": ["US", "DE", "JP"],
    "nested_list": [["a", "b"], None, 3.0],
    "record": {"id": "LIC-1", "kind": "general"},
    "record_without_id": {"kind": "general"},
    "tuple": ("x", date(2020, 1, 2)),
}

SIMPLE_KINDS = ("exists", "not_empty", "empty", "condition", "unknown")
VALUE_KINDS = (
    "equals",
    "one_of",
    "count_at_least",
    "contains",
    "contains_all",
    "contains_any",
    "at_least",
    "at_most",
    "not_after",
    "some",
)


def expectations() -> dict[str, Expectation]:
    cases = {kind: Expectation(kind) for kind in SIMPLE_KINDS}
    for kind in VALUE_KINDS:
        for name in ("none", "int", "whole_float", "date", "list", "text", "true", "empty_list"):
            cases[f"{kind}/{name}"] = Expectation(kind, VALUES[name])
    cases["within_months/12"] = Expectation("within_months", 12, {"start": START, "as_of": AS_OF})
    cases["within_months/none_start"] = Expectation("within_months", 6, {"start": None, "as_of": AS_OF})
    cases["any/two"] = Expectation(
        "any",
        [Expectation("exists"), Expectation("at_least", 5)],
        [("programme", "records", "retention_years"), ("exports", 2, "licence")],
    )
    cases["any/dates"] = Expectation(
        "any",
        [
            Expectation("at_most", DAY),
            Expectation("one_of", ["a", "b"]),
            Expectation("within_months", 24, {"start": START, "as_of": AS_OF}),
        ],
        [("a",), ("b", 0), ("c", 1, "d")],
    )
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
        template = Bilingual(
            en="{subject}: {path} is {found}, not {expected} ({expectation}).",
            zh="{subject}：{path} 为 {found}，而非 {expected}（{expectation}）。",
        )
        for name, value in VALUES.items():
            values = {
                "subject": value,
                "path": "exports[3].licence",
                "found": value,
                "expected": [value, 1.0],
                "expectation": expectation(Expectation("at_least", value), lang),
            }
            section[f"render {name}"] = render(template, values, lang)
    return out


def test_generic_messages_are_worded_as_recorded():
    """The words of `show`, `expectation` and `describe_failure`, in both languages, byte for byte as recorded
    in tests/data/messages.json (regenerate it with `python -m tests.test_i18n` only for an intended change)."""
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    now = outputs()
    for lang in ("en", "zh"):
        changed = {
            key: (recorded[lang].get(key), text) for key, text in now[lang].items() if recorded[lang].get(key) != text
        }
        assert not changed, f"{lang}: {len(changed)} message(s) changed, e.g. {list(changed.items())[:3]}"
        assert set(recorded[lang]) == set(now[lang])


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_entry_is_written_in_both_languages_with_the_same_placeholders():
    problems = []
    for group, entries in i18n.catalogue().items():
        for key, texts in entries.items():
            if set(texts) != {"en", "zh"} or not all(isinstance(text, str) and text for text in texts.values()):
                problems.append(f"{group}.{key}: needs en and zh, both written out")
                continue
            try:
                en, zh = placeholders(texts["en"]), placeholders(texts["zh"])
            except ValueError as exc:  # a stray brace
                problems.append(f"{group}.{key}: {exc}")
                continue
            if en != zh:
                problems.append(f"{group}.{key}: en has {sorted(en)}, zh has {sorted(zh)}")
            if "" in en:
                problems.append(f"{group}.{key}: a placeholder needs a name")
    assert not problems, "\n".join(problems)


def test_a_language_view_of_a_group_is_the_catalogue():
    for group, entries in i18n.catalogue().items():
        for lang in ("en", "zh"):
            assert i18n.texts(group, lang) == {key: texts[lang] for key, texts in entries.items()}
    assert i18n.texts("value", "zh") is i18n.texts("value", "zh")  # built once


# Chinese text in the code is text the catalogue should hold. Exceptions, each with its reason; an entry whose
# file no longer needs it must leave the list.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ebef]")
ALLOWED = {
    # Not part of the four ways of translating the issue names, and not converted here; each still words a
    # citation or its punctuation inline.
    "checker/bilingual.py": "Chinese numerals for article numbers (一, 十二, 二十七)",
    "checker/ruleset/sources.py": "citation places: 'Art. 27 para 3' / '第二十七条第三款'",
    "checker/report/gap_report/citations.py": "book-title marks 《》〈〉 and the '（note）' of a cited document",
    "checker/report/gap_report/findings.py": "the colon after a reason's subjects, ': ' / '：'",
    # Not text shown to anyone: the legal-form words and full-width brackets found in names being screened.
    "checker/screening/names.py": "Chinese and Japanese legal forms (有限公司, 株式会社) and brackets （）",
}


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes in a module."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def chinese_literals() -> dict[str, list[str]]:
    """Per file under checker/, its string literals (not docstrings) with Chinese characters or punctuation."""
    found: dict[str, list[tuple[int, str]]] = {}
    for path in sorted((ROOT / "checker").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        skip = docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and CJK.search(node.value)
            ):
                found.setdefault(path.relative_to(ROOT).as_posix(), []).append((node.lineno, node.value))
    return {name: [f"line {line}: {text!r}" for line, text in sorted(literals)] for name, literals in found.items()}


def test_no_translated_text_in_the_code_outside_the_catalogue():
    found = {name: literals for name, literals in chinese_literals().items() if name not in ALLOWED}
    listing = "\n".join(f"{name} {literal}" for name, literals in found.items() for literal in literals)
    assert not found, f"Chinese text in the code; move it to templates/i18n.yaml:\n{listing}"


def test_every_exception_is_still_needed():
    stale = sorted(set(ALLOWED) - set(chinese_literals()))
    assert not stale, f"no Chinese text left in {stale}: remove them from ALLOWED"


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(outputs(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
