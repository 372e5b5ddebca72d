"""What a command says on standard error beside its reports, in the language of the command."""

from __future__ import annotations

import sys
from typing import Any

from checker import i18n
from checker.languages import Lang


def words(key: str, lang: Lang, **values: Any) -> str:
    return i18n.t("cli", key, lang, **values)


def say(key: str, lang: Lang, **values: Any) -> None:
    print(f"exportcheck: {words(key, lang, **values)}", file=sys.stderr)
