"""The notices an assessment date brings: records it leaves out, and measures whose recorded status ran out."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from checker import i18n
from checker.bilingual import LANGS
from checker.evaluate.timing import lapse_note
from checker.language.expressions import Context, PathExpr, Scope
from checker.notices import Notice
from checker.paths import format_path, parse_path
from checker.profile import labels
from checker.ruleset.loading import RuleSet
from checker.ruleset.sources import Change
from checker.ruleset.standing import lapsed_changes
from checker.validate import LoadedProfile


def date_notices(loaded: LoadedProfile, ruleset: RuleSet, day: date) -> tuple[Notice, ...]:
    return (*records_after(loaded, ruleset, day), *status_unknown(ruleset, day))


def records_after(loaded: LoadedProfile, ruleset: RuleSet, day: date) -> list[Notice]:
    """One notice per list of dated records with records after the assessment date, which no rule assessed."""
    root = Scope(Context(loaded.data, day), loaded.data, ())
    later: dict[str, set[int]] = {}
    # Each list of records and its date field once: dozens of rules date the same exports the same way.
    dated: dict[tuple[str, str], tuple[PathExpr, PathExpr]] = {
        (rule.for_each.text, rule.date.text): (rule.for_each, rule.date)
        for rule in ruleset.rules
        if rule.for_each is not None and rule.date is not None
    }
    for each, when_of in dated.values():
        resolved = each.resolve(root)
        records = resolved.value if isinstance(resolved.value, list) else []
        for index, record in enumerate(records):
            when = when_of.value(root.at(record, (*resolved.path, index)))
            if isinstance(when, date) and when > day:
                later.setdefault(format_path(resolved.path), set()).add(index)
    notices = []
    for path, indexes in later.items():
        text = {
            lang: i18n.t(
                "notice",
                "records_after_date",
                lang,
                count=len(indexes),
                path=labels.field(parse_path(path), lang),
                day=day,
            )
            for lang in LANGS
        }
        notices.append(Notice("records_after_date", text["en"], text["zh"], refs=(path,)))
    return notices


def status_unknown(ruleset: RuleSet, day: date) -> list[Notice]:
    """Suspensions that ran out before the day with nothing recorded since: one notice per suspending act."""
    lapsed = [(doc, change) for doc in ruleset.sources.values() for change in lapsed_changes(doc, day)]

    def act(item: tuple[object, Change]) -> tuple[str, date, str]:
        change = item[1]
        return (change.by or "", change.to or day, change.part.en if change.part else "")

    notices = []
    for _, group in groupby(sorted(lapsed, key=act), key=act):
        members = list(group)
        docs = [doc for doc, _ in members]
        first_doc, change = members[0]
        joined = {lang: i18n.t("notice", "and", lang).join(doc.short[lang] for doc in docs) for lang in LANGS}
        note = lapse_note(
            first_doc.model_copy(update={"short": type(first_doc.short)(**joined)}), change, ruleset.sources
        )
        notices.append(Notice("status_unknown", note["en"], note["zh"], refs=tuple(doc.id for doc in docs)))
    return notices
