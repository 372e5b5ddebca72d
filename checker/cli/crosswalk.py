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
    from checker.ruleset.crosswalk import framework_dict

    found, framework_id = framework_of(given)
    return framework_dict(found, framework_id, ruleset)


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
