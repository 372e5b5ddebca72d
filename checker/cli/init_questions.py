"""The questions of `exportcheck init --interactive`, each with how its answer is checked and written."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.bilingual import Lang

_USCC = re.compile(r"^[0-9A-Z]{18}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Asked one after the other: the business questions add a word each to company.business.
_BUSINESS = (("dual_use", "dual_use_export"), ("technology", "technology_transfer"), ("military", "military_export"))


def ask(
    lang: Lang,
    prompt: Callable[[str], str | None],
    defaults: dict[str, str],
    quoted: Callable[[str], str],
) -> dict[str, str]:
    from checker import i18n

    def question(key: str, check: Callable[[str], str | None]) -> str | None:
        """The checked answer, or None for no answer; a wrong answer is explained and asked again."""
        while True:
            answer = prompt(i18n.t("init", f"ask_{key}", lang) + " ")
            if not answer:
                return None
            problem = check(answer)
            if problem is None:
                return answer
            print(problem)

    def text(answer: str) -> str | None:
        return None

    def uscc(answer: str) -> str | None:
        return None if _USCC.match(answer) else i18n.t("init", "bad_uscc", lang)

    def date(answer: str) -> str | None:
        return None if _DATE.match(answer) else i18n.t("init", "bad_date", lang)

    yes = _words(i18n.t("init", "yes_words", lang))
    no = _words(i18n.t("init", "no_words", lang))

    def yes_no(answer: str) -> str | None:
        return None if answer.lower() in yes | no else i18n.t("init", "bad_yes_no", lang)

    answers = dict(defaults)
    for key, field in (("name", "company_name"), ("name_zh", "company_name_zh")):
        given = question(key, text)
        if given:
            answers[field] = quoted(given)
    given = question("uscc", uscc)
    if given:
        answers["uscc"] = given
    given = question("country", lambda answer: _country_problem(answer, lang))
    if given:
        answers["country"] = given.upper()
    business = [word for key, word in _BUSINESS if (question(key, yes_no) or "").lower() in yes]
    answers["business"] = f"[{', '.join(business)}]"
    given = question("prepared_by", text)
    if given:
        answers["prepared_by"] = f"{{name: {quoted(given)}, title: null}}"
    given = question("as_of", date)
    if given:
        answers["as_of"] = given
    return answers


def _words(listed: str) -> frozenset[str]:
    return frozenset(word.strip().lower() for word in listed.split(","))


def _country_problem(answer: str, lang: Lang) -> str | None:
    from checker import i18n
    from checker.profile.country_hints import suggest_country
    from checker.profile.fields import country_codes

    if answer.upper() in country_codes():
        return None
    hint = suggest_country(answer)
    if hint:
        return i18n.t("init", "country_hint", lang, given=answer, code=hint)
    return i18n.t("init", "bad_country", lang)
