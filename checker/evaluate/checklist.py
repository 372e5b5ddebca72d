"""The checklist's results: one per item and profile, `manual` until an attestation answers it.

An item is not asked (not applicable, with the reason) when its source is not in force on the assessment date,
or when the company states its business and none of it is of the kinds the item concerns: no military-export
question for a dual-use exporter. A company that states no business is asked every question.
"""

from __future__ import annotations

from datetime import date

from checker import i18n
from checker.bilingual import LANGS, Lang
from checker.evaluate.identity import fingerprint, profile_identity
from checker.results import Result, Status
from checker.ruleset.checklist import ChecklistItem, checklist
from checker.ruleset.loading import RuleSet
from checker.ruleset.standing import standing
from checker.validate import LoadedProfile

PATH = "checklist"


def subject_of(item_id: str) -> str:
    return f"{PATH}[{item_id}]"


def checklist_results(loaded: LoadedProfile, ruleset: RuleSet, day: date, profile: int = 0) -> list[Result]:
    identity = profile_identity(loaded.data["company"])
    business = [str(kind) for kind in loaded.data["company"].get("business") or ()]
    out = []
    for item in checklist(ruleset):
        status, message = _asked(item, ruleset, business, day)
        subject = subject_of(item.id)
        out.append(
            Result(
                item.id,
                status,
                (PATH, item.id),
                None,
                item.id,
                message["en"],
                message["zh"],
                profile,
                subject,
                fingerprint(item.id, identity, subject),
            )
        )
    return out


def _asked(item: ChecklistItem, ruleset: RuleSet, business: list[str], day: date) -> tuple[Status, dict[str, str]]:
    doc = ruleset.sources[item.framework]
    found = standing(doc, day)
    if not found.applies and found.why == "not_yet_in_force":
        values = {"day": day.isoformat(), "start": doc.in_force_from.isoformat()}
        return Status.not_applicable, {
            lang: i18n.t("result", "not_yet_in_force", lang, doc=doc.short[lang], **values) for lang in LANGS
        }
    if item.applies_to and business and not set(item.applies_to) & set(business):
        return Status.not_applicable, {
            lang: i18n.t(
                "checklist",
                "not_asked",
                lang,
                business=_words(business, lang),
                kinds=_words(item.applies_to, lang),
            )
            for lang in LANGS
        }
    return Status.manual, {lang: i18n.t("checklist", "ask", lang, question=item.question[lang]) for lang in LANGS}


def _words(kinds: list[str] | tuple[str, ...], lang: Lang) -> str:
    known = i18n.catalogue()["business"]
    words = (i18n.t("business", kind, lang) if kind in known else kind for kind in kinds)
    return i18n.t("report", "list_separator", lang).join(words)
