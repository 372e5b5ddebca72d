"""How values and expectations are put into words, in English and Chinese.

Rule files may give their own message templates with `{found}`, `{expected}` (the bound or the missing
values), `{expectation}` (that in words), `{path}` (the field's label), `{subject}` and the names of
`message_values`; otherwise a failure is described generically from the predicate that failed.

A reader sees labels, never the profile's keys: a vocabulary word, a field, a country code and a yes or no
are put into words here (checker/profile/labels.py); the profile path itself is shown once, in the location.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from checker import i18n
from checker.bilingual import LANGS, Bilingual, Lang
from checker.language.predicates import Expectation, Failure
from checker.paths import Path
from checker.profile import labels

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Expectations worded from their value alone, shown as `{value}`; at_least and at_most have a wording for dates.
_OF_VALUE = frozenset(
    {"equals", "one_of", "count_at_least", "contains", "contains_all", "contains_any", "at_least", "at_most"}
)
_FIXED = frozenset({"exists", "not_empty", "empty", "some"})
# A space between two Chinese characters (or full-width punctuation): the templates set a placeholder apart
# with spaces, which a value in Latin letters or digits needs and a label in Chinese does not.
_SPACE_IN_CHINESE = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)


def show(value: Any, lang: Lang) -> str:
    """A value as a reader should see it in a message."""
    if value is None or value == "":
        return i18n.texts("value", lang)["not_stated"]
    if isinstance(value, bool):
        return i18n.texts("value", lang)["yes" if value else "no"]
    if isinstance(value, labels.Phrase):
        return value.said(lang)
    if isinstance(value, labels.Country):
        return labels.country(value, lang)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        words = i18n.texts("value", lang)
        if not value:
            return words["no_entries"]
        return words["list_separator"].join(show(entry, lang) for entry in value)
    if isinstance(value, dict):
        return show(value.get("id"), lang) if "id" in value else i18n.texts("value", lang)["record"]
    if isinstance(value, str):
        return labels.word(value, lang) or value
    return str(value)


def field_value(path: Path, value: Any) -> Any:
    """A value found at a path, marked as countries where the field holds country codes."""
    return labels.as_countries(value) if labels.holds_country(path) else value


def render(template: Bilingual, values: dict[str, Any], lang: Lang) -> str:
    text = template[lang]

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        try:
            value = values[name]
        except KeyError:
            raise KeyError(f"message placeholder {{{name}}} has no value") from None
        return value if isinstance(value, str) and name in ("path", "expectation") else show(value, lang)

    out = _tidy(_PLACEHOLDER.sub(fill, text), lang)
    # A sentence may open on a field's label, which is written in lower case.
    return out[:1].upper() + out[1:] if text.startswith("{path}") else out


def _tidy(text: str, lang: Lang) -> str:
    return _SPACE_IN_CHINESE.sub("", text) if lang == "zh" else text


def expectation(exp: Expectation, lang: Lang, nothing_found: bool = False, path: Path = ()) -> str:
    """'at least 5' / '应至少为 5'. With `nothing_found`, a list expectation drops its 'as well'; `path` is the
    field the expectation is about (whose values may be country codes)."""
    words = i18n.texts("expectation", lang)
    kind, value = exp.kind, exp.value
    if kind in _OF_VALUE:
        if kind == "contains_all" and nothing_found:
            kind = "contains"
        elif kind in ("at_least", "at_most") and isinstance(value, date):
            kind += "_date"
        return words[kind].format(value=show(field_value(path, value), lang))
    if kind in _FIXED:
        return words[kind]
    if kind == "not_after":
        return words[kind].format(as_of=show(value, lang))
    if kind == "within_months":
        return words[kind].format(
            months=value, as_of=show(exp.extra["as_of"], lang), start=show(exp.extra["start"], lang)
        )
    if kind == "any":
        alternatives = [
            words["any_alternative"].format(
                path=labels.field(sub_path, lang), expectation=expectation(sub, lang, path=sub_path)
            )
            for sub, sub_path in zip(value, exp.extra, strict=True)
        ]
        return words[kind].format(alternatives=words["any_separator"].join(alternatives))
    if kind == "not":
        return words[kind].format(expectation=expectation(value, lang, path=path))
    return words["condition"]


def describe_failure(failure: Failure, lang: Lang) -> str:
    """The generic message: 'Retention period in years is 3; expected at least 5.'"""
    template = i18n.texts("result", lang)["failed" if failure.found is not None else "failed_not_stated"]
    label = labels.field(failure.path, lang)
    text = template.format(
        path=label,
        found=show(field_value(failure.path, failure.found), lang),
        expectation=expectation(failure.expected, lang, nothing_found=not failure.found, path=failure.path),
    )
    text = _tidy(text, lang)
    return text[:1].upper() + text[1:] if text.startswith(label) else text


def both(key: str, **values: Any) -> dict[str, str]:
    """A `result` string of the catalogue in both languages; a bilingual value (a Bilingual, or a dict by
    language) gives each language its half."""
    return {
        lang: i18n.t(
            "result",
            key,
            lang,
            **{name: value[lang] if isinstance(value, Bilingual | dict) else value for name, value in values.items()},
        )
        for lang in LANGS
    }
