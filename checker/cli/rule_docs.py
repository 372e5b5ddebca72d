"""Rules as people and programs read them: `rules list` and `rules show`."""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import textwrap
import typing
from pathlib import Path
from typing import Any

from checker import i18n
from checker.bilingual import Lang
from checker.errors import UsageError
from checker.language.expressions import PathExpr
from checker.report.contract import rule_dict, sources
from checker.ruleset.loading import RuleSet
from checker.ruleset.rule import FunctionCheck, Rule
from checker.ruleset.sources import Citation, Role, cite, has_page, note_text


def rules_json(ruleset: RuleSet) -> str:
    rules = [
        {
            "id": rule.id,
            "name": rule.name,
            "title": rule.title.en,
            "title_zh": rule.title.zh,
            "element": rule.element,
            "pack": ruleset.pack_of[rule.id],
            "severity": rule.severity.value,
            "best_practice": rule.best_practice,
            "aliases": rule.aliases,
            "sources": sources(rule, ruleset),
        }
        for rule in ruleset.rules
    ]
    return json.dumps(rules, ensure_ascii=False, indent=2) + "\n"


def rule_json(rule: Rule, ruleset: RuleSet) -> str:
    """One rule as the JSON report describes it: its sources with their grades, and what it infers."""
    return json.dumps(rule_dict(rule, ruleset), ensure_ascii=False, indent=2) + "\n"


def rules_table(ruleset: RuleSet, lang: Lang = "en") -> str:
    lines = []
    for rule in ruleset.rules:
        citations = "; ".join(cite(c, ruleset.sources[c.doc], lang) for c in rule.sources)
        pack = ruleset.pack(rule.id)
        severity = rule.severity.value if lang == "en" else i18n.t("severity", rule.severity.value, lang)
        lines.append(
            f"{rule.id:<8} {severity:<8} {rule.element:<26} {rule.title[lang]}"
            + ("" if pack.builtin else f" [{pack.id}]")
        )
        lines.append(f"{'':<44}{citations}")
    added = "".join(f" + {pack.id} {pack.version}" for pack in ruleset.packs if not pack.builtin)
    lines.append(i18n.t("rule_docs", "total", lang, count=len(ruleset.rules), version=ruleset.version, added=added))
    return "\n".join(lines) + "\n"


# An id written with its number short or its hyphen left out (lic-1, lic001): what the person meant is plain.
_RULE_NUMBER = re.compile(r"^([a-z]{2,4})-?0*(\d{1,3})$")


def find_rule(ruleset: RuleSet, given: str, lang: Lang) -> Rule:
    """The rule a person means by `given`: its id, an alias or its name, in any case. A miss is a usage error
    naming the closest ids and names."""
    wanted = given.strip().casefold()
    by_key = {key.casefold(): rule for rule in ruleset.rules for key in (rule.id, rule.name, *rule.aliases)}
    if wanted in by_key:
        return by_key[wanted]
    numbered = _RULE_NUMBER.match(wanted)
    padded = [f"{numbered[1]}-{int(numbered[2]):03d}"] if numbered else []
    close = [key for key in padded if key in by_key] or difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.6)
    names = ", ".join(f"'{name}'" for name in dict.fromkeys(_shown_key(by_key[key], key) for key in close))
    hint = i18n.t("rule_docs", "did_you_mean", lang, names=names) if names else ""
    raise UsageError(i18n.t("rule_docs", "no_rule", lang, given=given, hint=hint))


def _shown_key(rule: Rule, key: str) -> str:
    return rule.id if key in (rule.id.casefold(), *(alias.casefold() for alias in rule.aliases)) else rule.name


def _reads(rule: Rule, lang: Lang) -> list[str]:
    """The profile fields the rule looks at, as paths from the top of the profile."""
    function = isinstance(rule.check, FunctionCheck)
    subject = f"{rule.for_each}[]." if rule.for_each else ""
    parts: list[Any] = [] if function else [rule.check]
    parts += [condition.require for condition in (*rule.applies_if, *rule.where)]
    if rule.date is not None:
        parts.append(rule.date)
    derived = _derived_facts(rule.for_each.text if rule.for_each is not None else None)
    found = {
        path[2:] if path.startswith("$.") else subject + path: not path.startswith("$.")
        and re.split(r"[.@]", path)[0] in derived
        for part in parts
        for path in _paths(part)
    }
    lines = [i18n.t("rule_docs", "reads_each", lang, path=rule.for_each)] if rule.for_each else []
    if isinstance(rule.check, FunctionCheck):
        lines.append(i18n.t("rule_docs", "reads_function", lang, function=rule.check.function))
    marker = i18n.t("rule_docs", "derived", lang)
    return lines + [f"  - {path}{marker if is_derived else ''}" for path, is_derived in found.items()]


def _derived_facts(records: str | None) -> set[str]:
    """The facts exportcheck adds to each record of a profile list before the rules read it (checker/facts.py)."""
    from checker.facts import derived_names
    from checker.profile.model import Profile

    field = Profile.model_fields.get(records or "")
    record = typing.get_args(field.annotation)[0] if field is not None else None
    return derived_names(record) if isinstance(record, type) else set()


def _paths(part: Any) -> list[str]:
    if isinstance(part, PathExpr):
        return [part.text]
    if dataclasses.is_dataclass(part) and not isinstance(part, type):
        return [path for field in dataclasses.fields(part) for path in _paths(getattr(part, field.name))]
    if isinstance(part, (list, tuple)):
        return [path for element in part for path in _paths(element)]
    return []


def _applies(rule: Rule, ruleset: RuleSet, lang: Lang) -> list[str]:
    """When the rule applies: while one of its requirements is in force (docs/time.md), within its own dates,
    judged on each record's date or on the assessment date, and unless a condition of its own says otherwise."""
    t = i18n.translator(lang)
    lines = []
    for citation in rule.sources:
        if citation.role != Role.requirement:
            continue
        doc = ruleset.sources[citation.doc]
        end = t("rule_docs", "applies_until", day=doc.in_force_until.isoformat()) if doc.in_force_until else ""
        lines.append(
            t("rule_docs", "applies_source", citation=cite(citation, doc, lang), start=doc.in_force_from, end=end)
        )
    if rule.in_force_from is not None:
        lines.append(t("rule_docs", "applies_rule_from", day=rule.in_force_from.isoformat()))
    if rule.in_force_until is not None:
        lines.append(t("rule_docs", "applies_rule_until", day=rule.in_force_until.isoformat()))
    dated = rule.date is not None
    lines.append(
        t("rule_docs", "applies_dated", path=_paths(rule.date)[0]) if dated else t("rule_docs", "applies_undated")
    )
    lines += [t("rule_docs", "applies_if", reason=condition.reason[lang]) for condition in rule.applies_if]
    return lines


def _examples_yaml(rule: Rule) -> list[str]:
    """The rule's examples as the YAML of its rule file: each value in flow style (JSON is YAML), so the block
    can be pasted back into a rule file or a profile."""
    lines = []
    for example in rule.examples:
        entry = example.model_dump(mode="json", exclude_defaults=True, exclude={"expect"})
        expect = (
            example.expect
            if isinstance(example.expect, str)
            else [{"status": expected.status, "path": expected.path} for expected in example.expect]
        )
        for index, (key, value) in enumerate({**entry, "expect": expect}.items()):
            lead = "  - " if index == 0 else "    "
            lines.append(f"{lead}{key}: {json.dumps(value, ensure_ascii=False)}")
    return lines


def rule_text(rule: Rule, ruleset: RuleSet, lang: Lang) -> str:
    t = i18n.translator(lang)
    wrap = lambda text: textwrap.fill(" ".join(text.split()), 96, initial_indent="  ", subsequent_indent="  ")
    lines = [
        f"{rule.id}  {rule.title[lang]}",
        f"  {rule.name} · {_element_title(rule, ruleset, lang)} · {t('severity', rule.severity.value)}"
        + ("" if ruleset.pack(rule.id).builtin else f" · {ruleset.pack(rule.id).id}")
        + (t("rule_docs", "best_practice") if rule.best_practice else ""),
        "",
    ]
    lines.append(t("rule_docs", "sources"))
    for citation in rule.sources:
        doc = ruleset.sources[citation.doc]
        role = "" if citation.role == Role.requirement else t("rule_docs", f"role_{citation.role.value}")
        lines.append(f"  {cite(citation, doc, lang)} — {doc.title[lang]} [{citation.basis.value}]{role}")
        lines += _note(citation, ruleset.pack(rule.id).directory / "sources", lang)
    lines.append(t("rule_docs", "grades"))
    if rule.inferred is not None:
        lines += ["", t("rule_docs", "inferred"), wrap(rule.inferred[lang])]
    lines += [
        "",
        t("rule_docs", "why"),
        wrap(rule.rationale[lang]),
        "",
        t("rule_docs", "remediation"),
        wrap(rule.remediation[lang]),
        "",
    ]
    function = isinstance(rule.check, FunctionCheck)
    check = t("rule_docs", "function", function=rule.check.function) if function else t("rule_docs", "declarative")
    lines.append(
        t("rule_docs", "check") + check + (t("rule_docs", "for_each", path=rule.for_each) if rule.for_each else "")
    )
    lines += ["", t("rule_docs", "reads"), *_reads(rule, lang)]
    lines += ["", t("rule_docs", "applies"), *_applies(rule, ruleset, lang)]
    lines += ["", t("rule_docs", "examples_yaml"), *_examples_yaml(rule)]
    return "\n".join(lines) + "\n"


def _element_title(rule: Rule, ruleset: RuleSet, lang: Lang) -> str:
    return next(term.title[lang] for term in ruleset.elements if term.id == rule.element)


def _note(citation: Citation, pack_notes: Path, lang: Lang) -> list[str]:
    """The cited unit's note, indented under its citation: from the rule pack's own pages (PACK/sources/) or
    the built-in ones (docs/sources/); the pages are in English. A pack's fact written in words is shown as it is."""
    ref = citation.note
    if ref is None:
        return textwrap.wrap(
            citation.fact, 96, initial_indent="    " + i18n.t("rule_docs", "fact", lang), subsequent_indent="      "
        )
    label = i18n.t("rule_docs", "note", lang, ref=ref)
    lines = [f"    {label}"]
    directory = pack_notes if has_page(pack_notes, ref.page) else None
    for paragraph in note_text(ref, directory) or ():
        lines += textwrap.wrap(paragraph, 96, initial_indent="      ", subsequent_indent="      ")
    return lines


def coverage_json(ruleset: RuleSet) -> str:
    from checker.report.contract import requirements

    entries = [
        {
            key: entry[key]
            for key in (
                "id",
                "framework",
                "article",
                "paragraph",
                "citation",
                "title",
                "title_zh",
                "kind",
                "basis",
                "rules",
                "manual",
                "question",
                "question_zh",
            )
        }
        for entry in requirements(ruleset)
    ]
    return json.dumps({"version": ruleset.version, "requirements": entries}, ensure_ascii=False, indent=2) + "\n"


def coverage_table(ruleset: RuleSet, lang: Lang = "en") -> str:
    """Each catalogue's requirements on the exporter, then, apart, the state's powers and encouragements it lists:
    these explain the requirements around them but are not counted as requirements, met or missed."""
    from checker.report.contract import requirements

    t = i18n.translator(lang)
    entries = requirements(ruleset)
    lines = []
    for catalogue in ruleset.catalogues:
        mine = [entry for entry in entries if entry["framework"] == catalogue.framework]
        duties = [entry for entry in mine if entry["kind"] == "requirement"]
        apart = [entry for entry in mine if entry["kind"] != "requirement"]
        lines.append(f"{catalogue.title[lang]}{t('coverage', 'colon')}{_tally(duties, apart, lang)}")
        lines += _coverage_rows(duties, lang)
        if apart:
            lines.append("  " + t("coverage", "apart"))
            lines += _coverage_rows(apart, lang)
        lines.append("")
    duties = [entry for entry in entries if entry["kind"] == "requirement"]
    apart = [entry for entry in entries if entry["kind"] != "requirement"]
    grades = ", ".join(
        f"{grade} {sum(entry['basis'] == grade for entry in duties)}" for grade in ("P", "S", "P-2007", "UNVERIFIED")
    )
    count = len(ruleset.catalogues)
    catalogues = t("coverage", "catalogues", count=count, catalogues=t("coverage", _plural("catalogue", count)))
    lines.append(f"{catalogues}{t('coverage', 'colon')}{_tally(duties, apart, lang)}")
    lines.append(t("coverage", "basis", grades=grades))
    return "\n".join(lines) + "\n"


def _tally(duties: list[dict[str, Any]], apart: list[dict[str, Any]], lang: Lang) -> str:
    manual = sum(entry["manual"] for entry in duties)
    count = len(duties)
    requirements = i18n.t("coverage", _plural("requirement", count), lang)
    out = i18n.t(
        "coverage", "tally", lang, count=count, requirements=requirements, automated=count - manual, manual=manual
    )
    return out + (i18n.t("coverage", "tally_apart", lang, count=len(apart)) if apart else "")


def _coverage_rows(entries: list[dict[str, Any]], lang: Lang) -> list[str]:
    t = i18n.translator(lang)
    lines = []
    for entry in entries:
        how = t("coverage", "manual") if entry["manual"] else ", ".join(entry["rules"])
        if entry["kind"] != "requirement":
            related = t("coverage", "related", rules=how) if how else ""
            how = t("coverage", entry["kind"]) + related
        citation = entry["citation"] if lang == "en" else entry["citation_zh"]
        title = entry["title"] if lang == "en" else entry["title_zh"]
        lines.append(f"  {entry['id']:<16} {_pad(citation, 28)} {entry['basis']:<10} {how}")
        lines.append(f"  {'':<16} {textwrap.shorten(title, 90) if lang == 'en' else _shorten(title, 45)}")
    return lines


def _plural(noun: str, count: int) -> str:
    return f"{noun}_one" if count == 1 else f"{noun}_many"


def _pad(text: str, width: int) -> str:
    """Pad to a display width, a Chinese character taking two columns."""
    return text + " " * max(0, width - sum(2 if ord(ch) > 0x2E80 else 1 for ch in text))


def _shorten(text: str, characters: int) -> str:
    """Chinese text has no spaces to cut at: it is cut after `characters` characters."""
    return text if len(text) <= characters else text[:characters] + "[…]"
