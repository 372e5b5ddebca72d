"""The country code a person most likely meant when they wrote a name, an abbreviation or a Chinese name.

Everything comes from pycountry, which carries the ISO 3166-1 data and the iso-codes project's translations:
the alpha-3 codes (`DEU`), the English names (`Germany`, `Federal Republic of Germany`), the initials of
those names when only one country has them (`UAE`, `UK`, `PRC`), and the names in simplified and
traditional Chinese (`德国`, `德國`). Loaded only when a country code is refused.
"""

from __future__ import annotations

import difflib
import gettext
import re
from collections import defaultdict
from functools import cache

CHINESE_LOCALES = ("zh_CN", "zh_TW", "zh_HK")
# Small words left out of initials: "United States of America" → USA, "People's Republic of China" → PRC.
_SMALL_WORDS = frozenset({"of", "the", "and", "da", "de", "du"})


def suggest_country(written: str) -> str | None:
    """The alpha-2 code `written` most likely names, or None when no one country fits."""
    names = _names()
    key = _normal(written)
    if key in names:
        return names[key]
    # The start of one country's name: "Russia" for the Russian Federation; "Korea" starts two and gets none.
    if len(key) >= 4:
        starting = {code for spelling, code in names.items() if spelling.startswith(key)}
        if len(starting) == 1:
            return starting.pop()
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.85)
    return names[close[0]] if close else None


def _normal(text: str) -> str:
    return " ".join(text.replace(".", "").casefold().split())


@cache
def _names() -> dict[str, str]:
    """Every spelling → its alpha-2 code, keeping only the spellings that name one country."""
    import pycountry

    found: dict[str, set[str]] = defaultdict(set)
    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)
        for locale in CHINESE_LOCALES
    ]
    for country in pycountry.countries:
        code = country.alpha_2
        found[_normal(country.alpha_3)].add(code)
        for name in _english_names(country):
            found[_normal(name)].add(code)
            found[_normal(_initials(name))].add(code)
            for translation in translations:
                found[_normal(translation.gettext(name))].add(code)
    return {spelling: codes.pop() for spelling, codes in found.items() if len(codes) == 1 and len(spelling) > 1}


def _english_names(country: object) -> list[str]:
    names = [getattr(country, field, None) for field in ("name", "official_name", "common_name")]
    spelled = [name for name in names if name]
    # "Korea, Republic of" is also written "Republic of Korea".
    spelled += [f"{tail} {head}" for head, tail in (name.split(", ", 1) for name in spelled if ", " in name)]
    return spelled


def _initials(name: str) -> str:
    words = [
        word for word in re.split(r"[\s,-]+", name.replace("'s ", " ")) if word and word.casefold() not in _SMALL_WORDS
    ]
    return "".join(word[0] for word in words) if len(words) > 1 else ""
