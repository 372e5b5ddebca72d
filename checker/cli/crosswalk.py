"""`rules coverage --framework bis|eu`: the crosswalk from the rule set's elements to a programme framework's."""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING, Any

from checker import i18n
from checker.errors import UsageError

if TYPE_CHECKING:
    from checker.bilingual import Lang
    from checker.ruleset.crosswalk import Crosswalk
    from checker.ruleset.loading import RuleSet


def framework_of(given: str) -> tuple[Crosswalk, str]:
    """The built-in crosswalk and the id of the framework `given` names, in any case; a usage error otherwise."""
    from checker.ruleset.crosswalk import crosswalk

    found = crosswalk()
    wanted = given.strip().lower()
    if wanted not in found.ids:
        raise UsageError(i18n.t("crosswalk", "unknown", "en", given=given, known=", ".join(found.ids)))
    return found, wanted


def crosswalk_dict(ruleset: RuleSet, given: str) -> dict[str, Any]:
    """The framework, each of its elements with the rule set's elements that overlap it, and those that overlap none."""
    found, framework_id = framework_of(given)
    framework = found.framework(framework_id)
    titles = {term.id: term.title for term in ruleset.elements}
    counts = _rule_counts(ruleset)
    return {
        "framework": {
            "id": framework.id,
            "title": {"en": framework.title.en, "zh": framework.title.zh},
            "edition": {"en": framework.edition.en, "zh": framework.edition.zh},
            "basis": framework.basis,
            "url": framework.url,
        },
        "elements": [
            {
                "id": line.element.id,
                "title": {"en": line.element.title.en, "zh": line.element.title.zh},
                "counterparts": [
                    {
                        "element": counterpart.element,
                        "title": _title(titles, counterpart.element),
                        "fit": counterpart.fit,
                        "note": {"en": counterpart.note.en, "zh": counterpart.note.zh} if counterpart.note else None,
                        "rules": counts.get(counterpart.element, 0),
                    }
                    for counterpart in line.counterparts
                    if counterpart.element in titles
                ],
            }
            for line in found.lines(framework_id)
        ],
        "unmatched": [
            {"element": element, "title": _title(titles, element), "rules": counts.get(element, 0)}
            for element in found.unmatched(framework_id, titles)
        ],
    }


def crosswalk_json(ruleset: RuleSet, given: str) -> str:
    return json.dumps(crosswalk_dict(ruleset, given), ensure_ascii=False, indent=2) + "\n"


def crosswalk_table(ruleset: RuleSet, given: str, lang: Lang = "en") -> str:
    data = crosswalk_dict(ruleset, given)
    framework = data["framework"]

    def t(key: str, **values: Any) -> str:
        return i18n.t("crosswalk", key, lang, **values)

    lines = [framework["title"][lang], f"  {framework['edition'][lang]} · {t('grade_' + framework['basis'])}"]
    lines += [f"  {framework['url']}", *textwrap.wrap(t("reading"), 100, initial_indent="  ", subsequent_indent="  ")]
    lines.append("")
    for element in data["elements"]:
        lines.append(f"{element['id']:>3}  {element['title'][lang]}")
        if not element["counterparts"]:
            lines.append(f"       {t('none')}")
        for counterpart in element["counterparts"]:
            rules = t("rules", count=counterpart["rules"])
            lines.append(f"       {counterpart['title'][lang]} ({rules}) · {t(counterpart['fit'])}")
            if counterpart["note"]:
                lines += textwrap.wrap(
                    counterpart["note"][lang], 96, initial_indent="         ", subsequent_indent="         "
                )
    if data["unmatched"]:
        lines += ["", t("unmatched")]
        lines += [f"       {each['title'][lang]} ({t('rules', count=each['rules'])})" for each in data["unmatched"]]
    return "\n".join(lines) + "\n"


def _rule_counts(ruleset: RuleSet) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rule in ruleset.rules:
        counts[rule.element] = counts.get(rule.element, 0) + 1
    return counts


def _title(titles: dict[str, Any], element: str) -> dict[str, str]:
    title = titles[element]
    return {"en": title.en, "zh": title.zh}
