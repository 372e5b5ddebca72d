"""Rules as people and programs read them: `rules list` and `rules show`."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from checker import i18n
from checker.bilingual import Lang
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


def rules_table(ruleset: RuleSet) -> str:
    lines = []
    for rule in ruleset.rules:
        citations = "; ".join(cite(c, ruleset.sources[c.doc], "en") for c in rule.sources)
        pack = ruleset.pack(rule.id)
        lines.append(
            f"{rule.id:<8} {rule.severity.value:<8} {rule.element:<26} {rule.title.en}"
            + ("" if pack.builtin else f" [{pack.id}]")
        )
        lines.append(f"{'':<44}{citations}")
    added = "".join(f" + {pack.id} {pack.version}" for pack in ruleset.packs if not pack.builtin)
    lines.append(f"{len(ruleset.rules)} rules, rule set {ruleset.version}{added}")
    return "\n".join(lines) + "\n"


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
    check = f"function {rule.check.function}" if isinstance(rule.check, FunctionCheck) else "declarative"
    lines.append(t("rule_docs", "check") + check + (f", for each {rule.for_each}" if rule.for_each else ""))
    lines.append(t("rule_docs", "examples"))
    for example in rule.examples:
        outcome = (
            example.expect
            if isinstance(example.expect, str)
            else ", ".join(f"{e.status} at {e.path}" for e in example.expect)
        )
        lines.append(f"  - {example.title}: {outcome}")
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


def coverage_table(ruleset: RuleSet) -> str:
    """Each catalogue's requirements on the exporter, then, apart, the state's powers and encouragements it lists:
    these explain the requirements around them but are not counted as requirements, met or missed."""
    from checker.report.contract import requirements

    entries = requirements(ruleset)
    lines = []
    for catalogue in ruleset.catalogues:
        mine = [entry for entry in entries if entry["framework"] == catalogue.framework]
        duties = [entry for entry in mine if entry["kind"] == "requirement"]
        apart = [entry for entry in mine if entry["kind"] != "requirement"]
        lines.append(f"{catalogue.title.en}: {_tally(duties, apart)}")
        lines += _coverage_rows(duties)
        if apart:
            lines.append("  State powers and encouragements (not requirements on the exporter):")
            lines += _coverage_rows(apart)
        lines.append("")
    duties = [entry for entry in entries if entry["kind"] == "requirement"]
    apart = [entry for entry in entries if entry["kind"] != "requirement"]
    grades = ", ".join(
        f"{grade} {sum(entry['basis'] == grade for entry in duties)}" for grade in ("P", "S", "P-2007", "UNVERIFIED")
    )
    lines.append(f"{_count(len(ruleset.catalogues), 'catalogue')}: {_tally(duties, apart)}")
    lines.append(f"Basis of the requirements: {grades}")
    return "\n".join(lines) + "\n"


def _tally(duties: list[dict[str, Any]], apart: list[dict[str, Any]]) -> str:
    manual = sum(entry["manual"] for entry in duties)
    out = f"{_count(len(duties), 'requirement')}, {len(duties) - manual} automated, {manual} manual"
    return out + (f"; {len(apart)} state powers and encouragements listed apart" if apart else "")


def _coverage_rows(entries: list[dict[str, Any]]) -> list[str]:
    lines = []
    for entry in entries:
        how = "manual" if entry["manual"] else ", ".join(entry["rules"])
        if entry["kind"] != "requirement":
            how = entry["kind"] + (f" · related rules {how}" if how else "")
        lines.append(f"  {entry['id']:<16} {entry['citation']:<28} {entry['basis']:<10} {how}")
        lines.append(f"  {'':<16} {textwrap.shorten(entry['title'], 90)}")
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
