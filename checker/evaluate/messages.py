"""How values and expectations are put into words, in English and Chinese.

Rule files may give their own message templates with `{found}`, `{expected}`
(the bound or the missing values), `{expectation}` (that in words), `{path}`, `{subject}` and the names of `message_values`; otherwise a failure
is described generically from the predicate that failed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from checker.paths import format_path
from checker.language.predicates import Expectation, Failure
from checker.bilingual import Bilingual, Lang

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_NOT_STATED = {"en": "not stated", "zh": "未填写"}


def show(value: Any, lang: Lang) -> str:
    """A value as a reader should see it in a message."""
    if value is None or value == "":
        return _NOT_STATED[lang]
    if isinstance(value, bool):
        return "true" if value else "false"  # as written in the profile, in either language
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        if not value:
            return "none" if lang == "en" else "无"
        return ", ".join(show(entry, lang) for entry in value)
    if isinstance(value, dict):
        return show(value.get("id"), lang) if "id" in value else ("a record" if lang == "en" else "一条记录")
    return str(value)


def render(template: Bilingual, values: dict[str, Any], lang: Lang) -> str:
    text = template[lang]

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        try:
            value = values[name]
        except KeyError:
            raise KeyError(f"message placeholder {{{name}}} has no value") from None
        return value if isinstance(value, str) and name in ("path", "expectation") else show(value, lang)

    return _PLACEHOLDER.sub(fill, text)


def expectation(exp: Expectation, lang: Lang, nothing_found: bool = False) -> str:
    """'at least 5' / '至少为 5'. With `nothing_found`, a list expectation drops its 'as well'."""
    if exp.kind == "contains_all" and nothing_found:
        return f"to include {show(exp.value, 'en')}" if lang == "en" else f"应包含 {show(exp.value, 'zh')}"
    value = exp.value
    is_date = isinstance(value, date)
    en, zh = {
        "exists": ("to be stated", "应予填写"),
        "not_empty": ("at least one entry", "应至少有一项"),
        "empty": ("no entries", "不应有任何条目"),
        "equals": (f"{show(value, 'en')}", f"应为 {show(value, 'zh')}"),
        "one_of": (f"one of {show(value, 'en')}", f"应为以下之一：{show(value, 'zh')}"),
        "count_at_least": (f"at least {show(value, 'en')} different entries", f"应至少有 {show(value, 'zh')} 个不同条目"),
        "contains": (f"to include {show(value, 'en')}", f"应包含 {show(value, 'zh')}"),
        "contains_all": (f"to include {show(value, 'en')} as well", f"还应包含 {show(value, 'zh')}"),
        "contains_any": (f"to include one of {show(value, 'en')}", f"应至少包含以下之一：{show(value, 'zh')}"),
        "at_least": ((f"on or after {show(value, 'en')}" if is_date else f"at least {show(value, 'en')}"),
                     (f"不早于 {show(value, 'zh')}" if is_date else f"应至少为 {show(value, 'zh')}")),
        "at_most": ((f"on or before {show(value, 'en')}" if is_date else f"at most {show(value, 'en')}"),
                    (f"不晚于 {show(value, 'zh')}" if is_date else f"应至多为 {show(value, 'zh')}")),
    }.get(exp.kind, (None, None))
    if en is not None:
        return en if lang == "en" else zh
    if exp.kind == "not_after":
        if lang == "en":
            return f"a date on or before the assessment date {show(value, 'en')}"
        return f"不应晚于评估基准日 {show(value, 'zh')}"
    if exp.kind == "some":
        return ("at least one entry that meets the rule" if lang == "en" else "应至少有一项符合要求")
    if exp.kind == "within_months":
        start, as_of = exp.extra["start"], exp.extra["as_of"]
        if lang == "en":
            return f"a date within the {value} months before {show(as_of, 'en')} (from {show(start, 'en')})"
        return f"应在 {show(as_of, 'zh')} 之前 {value} 个月内（不早于 {show(start, 'zh')}）"
    if exp.kind == "any":
        parts = [f"{format_path(path)}: {expectation(sub, lang)}" for sub, path in zip(exp.value, exp.extra)]
        return ("one of: " if lang == "en" else "满足以下之一：") + "; ".join(parts)
    if exp.kind == "not":
        return ("not " if lang == "en" else "不应满足：") + expectation(value, lang)
    return "the condition of the rule" if lang == "en" else "满足规则条件"


def describe_failure(failure: Failure, lang: Lang) -> str:
    """The generic message: 'programme.records.retention_years is 3; expected at least 5.'"""
    path = format_path(failure.path)
    found = show(failure.found, lang)
    exp = expectation(failure.expected, lang, nothing_found=not failure.found)
    if lang == "en":
        return f"{path} is {found}; expected {exp}."
    if failure.found is None:
        return f"{path} {found}；{exp}。"
    return f"{path} 为 {found}；{exp}。"
