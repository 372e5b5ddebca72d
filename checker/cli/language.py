"""The language of a command's messages, and argparse's refusals said in it.

A command's words follow `--lang` where the command has it. Where it has none, and for the problems found
while the arguments themselves are parsed (before any `--lang` is known), `EXPORTCHECK_LANG=zh` selects
Chinese. The locale (`LANG`) is not consulted: a shell in a Chinese locale often runs the CI jobs whose logs
are read in English, and a report's language should be asked for, not inherited.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Sequence
from typing import NoReturn

from checker.languages import Lang

ENV = "EXPORTCHECK_LANG"

# argparse's messages (Python 3.11 to 3.13), by the catalogue entry of group `usage` that says them.
_REFUSALS = (
    (re.compile(r"unrecognized arguments: (?P<arguments>.*)"), "unrecognized"),
    (re.compile(r"the following arguments are required: (?P<arguments>.*)"), "required"),
    (
        re.compile(r"argument (?P<argument>\S+): invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)"),
        "choice",
    ),
    (re.compile(r"argument (?P<argument>\S+): expected one argument"), "one_value"),
    (re.compile(r"argument (?P<argument>\S+): invalid \S+ value: (?P<value>.*)"), "invalid_value"),
    (re.compile(r"argument (?P<argument>\S+): not allowed with argument (?P<other>\S+)"), "not_with"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"), "ambiguous"),
    (re.compile(r"argument (?P<argument>\S+): (?P<value>.*) is not a date written YYYY-MM-DD"), "not_a_date"),
)


def message_lang(argv: Sequence[str]) -> Lang:
    """`--lang` as given on the command line, else EXPORTCHECK_LANG, else English."""
    for number, argument in enumerate(argv):
        if argument == "--":
            break
        given = argument.partition("=")[2] if argument.startswith("--lang=") else None
        if argument == "--lang" and number + 1 < len(argv):
            given = argv[number + 1]
        if given in ("en", "zh"):
            return "zh" if given == "zh" else "en"
    return "zh" if os.environ.get(ENV, "").strip().lower() == "zh" else "en"


def parser_class(lang: Lang) -> type[argparse.ArgumentParser]:
    """An ArgumentParser whose refusals are in `lang`; a command's own sub-parsers are made of the same class."""
    return type("Parser", (_Parser,), {"lang": lang})


class _Parser(argparse.ArgumentParser):
    lang: Lang = "en"

    def error(self, message: str) -> NoReturn:
        if self.lang == "en":
            super().error(message)
        from checker import i18n

        usage = self.format_usage().replace("usage: ", i18n.t("usage", "usage", "zh"), 1)
        said = translated(message)
        self.exit(2, f"{usage}{self.prog}{i18n.t('usage', 'error', 'zh')}{said}\n")


def translated(message: str) -> str:
    """One of argparse's refusals in Chinese, its arguments and values as written; any other as it is."""
    from checker import i18n

    for pattern, key in _REFUSALS:
        found = pattern.fullmatch(message)
        if found is not None:
            return i18n.t("usage", key, "zh", **found.groupdict())
    return message
