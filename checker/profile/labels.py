"""What a reader sees for the profile's words, fields and country codes, in English and Chinese.

Vocabulary words and fields are labelled in `templates/labels.yaml`; country names come from pycountry (the
ISO 3166-1 names and the iso-codes project's Chinese translations), read once and kept in the cache until
pycountry's files change, so that a run imports pycountry only when its files are new to the cache.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path as FilePath
from typing import Any

from checker import cache as cached
from checker.errors import RuleSetError
from checker.languages import LANGS, Lang
from checker.paths import Path, format_path
from checker.read.nodes import to_plain
from checker.read.yaml import read_yaml
from checker.resources import data_dir

# The fields whose values are ISO 3166-1 country codes (a test holds this to the profile model's CountryCode fields).
COUNTRY_FIELDS = frozenset({"country", "destination", "destinations", "transit_via", "nationality"})
_ZH_LOCALE = "zh_CN"


class Country(str):
    """A country code that a message shows by the country's name."""

    __slots__ = ()


class Phrase(str):
    """Text put together from plain pieces and vocabulary words (`P-1 → mofcom_control_list (…)`), each word
    shown by its label in the language of the message that quotes it."""

    parts: tuple[tuple[str, bool], ...]  # (text, whether it is a vocabulary word)

    def __new__(cls, parts: list[tuple[str, bool]]) -> Phrase:
        phrase = super().__new__(cls, "".join(text for text, _ in parts))
        phrase.parts = tuple(parts)
        return phrase

    def said(self, lang: Lang) -> str:
        return "".join((word(text, lang) or text) if is_word else text for text, is_word in self.parts)


@cache
def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    """`words` and `fields`, each key → {en, zh}."""
    path = data_dir("templates") / "labels.yaml"
    key = cached.key_of([path], (".yaml",))
    stored = cached.load("labels", key)
    if isinstance(stored, dict):
        return stored
    data = to_plain(read_yaml(path))
    for group in ("words", "fields"):
        for name, texts in data[group].items():
            if not isinstance(texts, dict) or set(texts) != set(LANGS) or not all(texts.values()):
                raise RuleSetError(f"{path}: {group}.{name} needs exactly en and zh, both written out")
    cached.store("labels", key, data)
    return data


def word(value: str, lang: Lang) -> str | None:
    """A vocabulary word's label, or None for a string that is not one."""
    entry = catalogue()["words"].get(value)
    return entry[lang] if entry else None


def field_key(path: Path) -> str:
    """`('exports', 2, 'escalation', 'date')` → `exports.escalation.date`: the key of a field's label."""
    return ".".join(part for part in path if isinstance(part, str))


def field(path: Path, lang: Lang) -> str:
    """A field's label; a path without one (a rule pack's own derived fact) is shown as written."""
    entry = catalogue()["fields"].get(field_key(path))
    return entry[lang] if entry else format_path(path)


def holds_country(path: Path) -> bool:
    names = [part for part in path if isinstance(part, str)]
    return bool(names) and names[-1] in COUNTRY_FIELDS


def as_countries(value: Any) -> Any:
    """A country code, or a list of them, marked to be shown by name."""
    if isinstance(value, str):
        return Country(value)
    if isinstance(value, list):
        return [Country(entry) if isinstance(entry, str) else entry for entry in value]
    return value


def country(code: str, lang: Lang) -> str:
    """A country's name; a code pycountry does not know is shown as written."""
    names = country_names().get(code)
    return names[lang] if names else code


@cache
def country_names() -> dict[str, dict[str, str]]:
    """alpha-2 code → {en, zh}: the common English name where ISO gives one (`Iran`, `South Korea`), the
    simplified Chinese name of the iso-codes translations."""
    spec = importlib.util.find_spec("pycountry")
    package = FilePath(spec.origin).parent if spec and spec.origin else None
    sources = [package / "databases" / "iso3166-1.json", _catalogue_file(package)] if package else []
    key = cached.key_of(sources, ()) if package else None
    stored = cached.load("country_names", key)
    if isinstance(stored, dict):
        return stored
    names = _from_pycountry()
    cached.store("country_names", key, names)
    return names


def _catalogue_file(package: FilePath) -> FilePath:
    return package / "locales" / _ZH_LOCALE / "LC_MESSAGES" / "iso3166-1.mo"


def _from_pycountry() -> dict[str, dict[str, str]]:
    import gettext

    import pycountry

    chinese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[_ZH_LOCALE], fallback=True)
    names: dict[str, dict[str, str]] = {}
    for entry in pycountry.countries:
        english = getattr(entry, "common_name", None) or entry.name
        names[entry.alpha_2] = {"en": english, "zh": chinese.gettext(entry.name)}
    return names
