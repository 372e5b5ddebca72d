"""The notice that a list consulted was old at the assessment date, and may miss recent listings."""

from __future__ import annotations

from datetime import date

from checker import i18n
from checker.bilingual import LANGS
from checker.lists import STALE_AFTER_DAYS
from checker.notices import Notice
from checker.reference import ReferenceData


def stale_lists(reference: ReferenceData, day: date, *, after_days: int = STALE_AFTER_DAYS) -> list[Notice]:
    notices = []
    for dataset in reference.of_kind("party_list"):
        age = (day - dataset.as_of).days
        if age <= after_days:
            continue
        facts = {
            "name": dataset.name,
            "version": dataset.version,
            "as_of": dataset.as_of.isoformat(),
            "age": age,
            "limit": after_days,
        }
        text = {lang: i18n.t("notice", "list_stale", lang, **facts) for lang in LANGS}
        notices.append(Notice("list_stale", text["en"], text["zh"], refs=(dataset.name,)))
    return notices
