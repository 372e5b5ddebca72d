"""The message catalogue (`templates/i18n.yaml`): every fixed string of exportcheck outside the rule files, in
English and Chinese, with `{placeholders}` filled by `str.format`.

The file is read once; a lookup after that is a dict access, cheap enough for messages built for every
result of a large ledger."""

from __future__ import annotations

from functools import cache
from typing import Any

from checker import cache as cached
from checker.errors import InputProblem, RuleSetError, Words
from checker.languages import LANGS, Lang
from checker.read.nodes import to_plain
from checker.read.yaml import read_yaml
from checker.resources import data_dir


@cache
def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    path = data_dir("templates") / "i18n.yaml"
    cache_key = cached.key_of([path], (".yaml",))
    stored = cached.load("i18n", cache_key)
    if isinstance(stored, dict):
        return stored
    data = to_plain(read_yaml(path))
    for group, entries in data.items():
        for key, texts in entries.items():
            if not isinstance(texts, dict) or set(texts) != set(LANGS) or not all(texts.values()):
                raise RuleSetError(f"{path}: {group}.{key} needs exactly en and zh, both written out")
    cached.store("i18n", cache_key, data)
    return data


@cache
def texts(group: str, lang: Lang) -> dict[str, str]:
    """One group's strings in one language, by key."""
    return {key: entry[lang] for key, entry in catalogue()[group].items()}


def t(group: str, key: str, lang: Lang, **values: Any) -> str:
    text = catalogue()[group][key][lang]
    return text.format(**values) if values else text


def translator(lang: Lang):
    """A `t(group, key)` bound to one language, for templates."""
    return lambda group, key, **values: t(group, key, lang, **values)


def said(words: Any, lang: Lang) -> str:
    """`Words` of the `input` group in one language, their values said the same way (a tuple of values joined
    with `or`); any other value as written."""
    if isinstance(words, tuple):
        return t("input", "or", lang).join(said(value, lang) for value in words)
    if not isinstance(words, Words):
        return str(words)
    values = {name: said(value, lang) for name, value in words.values.items()}
    return catalogue()["input"][words.key][lang].format(**values)


def problem(mark: Any, words: Words) -> InputProblem:
    """A problem at a mark (a file position or a sheet's cell), its English message said from the catalogue."""
    return InputProblem.at(mark, said(words, "en"), words)


def problem_text(found: InputProblem, lang: Lang) -> str:
    """`place: message` in the language of the command; a problem the catalogue does not word stays English."""
    if lang == "en" or found.words is None:
        return str(found)
    try:
        return f"{found.place}: {said(found.words, lang)}"
    except KeyError:  # a key missing from the catalogue: English is better than nothing
        return str(found)
