"""The source notes under docs/sources/: every fact reference resolves, and `rules show` prints the note."""

from __future__ import annotations

import re

import pytest

from checker.ruleset.sources import SourceDoc, note_text, notes_dir, slug
from tests.conftest import ROOT, run_cli

PAGES = ROOT / "docs" / "sources"


def anchor_for(doc: SourceDoc, article: str | None) -> str:
    """The heading convention of docs/sources/README.md."""
    if doc.unit.value == "document":
        return "content"
    if doc.unit.value == "section":
        return "section-" + article.lower().replace(".", "-")
    return f"{doc.unit.value}-{article}"


def test_the_notes_are_the_repository_pages():
    assert notes_dir().resolve() == PAGES.resolve()


def test_every_document_has_a_page_and_every_page_a_document(ruleset):
    pages = {path.stem for path in PAGES.glob("*.md")} - {"README"}
    assert pages == set(ruleset.sources)


def test_every_fact_points_at_the_cited_document_and_unit(ruleset):
    for rule in ruleset.rules:
        for citation in rule.sources:
            wanted = (citation.doc, anchor_for(ruleset.sources[citation.doc], citation.article))
            assert (citation.note.page, citation.note.anchor) == wanted, (rule.id, citation.fact)


def test_every_note_gives_a_grade(ruleset):
    for rule in ruleset.rules:
        for citation in rule.sources:
            assert re.search(r"Grade: (P|S|P-2007|UNVERIFIED)\b", " ".join(note_text(citation.note))), citation.fact


def test_each_page_lists_the_rules_that_cite_it(ruleset):
    cited: dict[tuple[str, str], set[str]] = {}
    for rule in ruleset.rules:
        for citation in rule.sources:
            cited.setdefault((citation.note.page, citation.note.anchor), set()).add(rule.id)
    listed: dict[tuple[str, str], set[str]] = {}
    for path in PAGES.glob("*.md"):
        if path.stem == "README":
            continue
        foot = path.read_text(encoding="utf-8").split("\n## Cited by\n", 1)[1]
        for heading, anchor, rules in re.findall(r"^- \[(.+)\]\(#([a-z0-9-]+)\): (.+)$", foot, re.M):
            assert slug(heading) == anchor, (path.name, heading)
            listed[(path.stem, anchor)] = set(rules.split(", "))
    assert listed == cited


def test_the_pages_name_no_outside_notes():
    for path in PAGES.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"shared/|-facts\.md", text), path.name


def test_a_fact_naming_a_missing_heading_is_refused(refusal):
    path, message = refusal("records/REC-001.yaml", "fact: DUR#article-27", "fact: DUR#article-72")
    assert message == f"{path}: fact DUR#article-72: docs/sources/DUR.md has no heading 'article-72'"


def test_a_fact_naming_a_missing_page_is_refused(refusal):
    path, message = refusal("records/REC-001.yaml", "fact: DUR#article-27", "fact: DUR2#article-27")
    assert message == f"{path}: fact DUR2#article-27: there is no page docs/sources/DUR2.md"


def test_a_fact_that_is_not_a_reference_is_refused(refusal):
    path, message = refusal("records/REC-001.yaml", "fact: DUR#article-27", "fact: DUR Art. 27")
    assert message.startswith(f"{path}:")
    assert (
        f"{path}: fact 'DUR Art. 27 — ≥ 5 years unless another law says otherwise' is not "
        "a note reference; write the page and the heading's anchor, 'ECL#article-12', optionally followed "
        "by ' — short words'"
    ) in message


SOURCES_EN = """\
Sources:
  DUR Art. 26 — Regulations of the People's Republic of China on the Export Control of Dual-Use Items [P]
    Note (docs/sources/DUR.md#article-26):
      An importer or end user that does not cooperate with verification within the time set, so
      that the end use cannot be confirmed, may be put on the watch list (关注名单). For an export
      to a watch-listed party the exporter cannot use a general licence or a voucher: it needs a
      single licence, and applies with a risk assessment report on the party and a compliance
      commitment; the 45-working-day time limit for a decision does not apply. A party comes off
      the list once it has cooperated and the facts are verified.
      Grade: P.
  Administrative Penalty Law Art. 32 — Administrative Penalty Law of the People's Republic of China (2021 revision) [P] · context
    Note (docs/sources/APL.md#article-32):
      A penalty must be lighter or reduced where the party actively removes or reduces the harm,
      acted under coercion or deception, confesses of its own accord a violation the authority
      did not yet know of, or cooperates meritoriously.
      Grade: P.
  Grades: [P] official text · [S] secondary source only · [P-2007] superseded 2007 text · [UNVERIFIED] not confirmed

"""  # noqa: E501  (the lines as the command prints them)

SOURCES_ZH = """\
依据：
  《两用物项出口管制条例》第二十六条 — 中华人民共和国两用物项出口管制条例 [P]
    注释（docs/sources/DUR.md#article-26；仅有英文，本页无中文说明）：
      An importer or end user that does not cooperate with verification within the time set, so
      that the end use cannot be confirmed, may be put on the watch list (关注名单). For an export
      to a watch-listed party the exporter cannot use a general licence or a voucher: it needs a
      single licence, and applies with a risk assessment report on the party and a compliance
      commitment; the 45-working-day time limit for a decision does not apply. A party comes off
      the list once it has cooperated and the facts are verified.
      Grade: P.
  《行政处罚法》第三十二条 — 中华人民共和国行政处罚法（2021年修订） [P] · 背景依据
    注释（docs/sources/APL.md#article-32；仅有英文，本页无中文说明）：
      A penalty must be lighter or reduced where the party actively removes or reduces the harm,
      acted under coercion or deception, confesses of its own accord a violation the authority
      did not yet know of, or cooperates meritoriously.
      Grade: P.
  等级：[P] 已阅读官方文本 · [S] 仅见于二手资料 · [P-2007] 已被取代的2007年指导意见 · [UNVERIFIED] 未经证实

"""


@pytest.mark.parametrize(("lang", "block", "next_heading"), [("en", SOURCES_EN, "Why:"), ("zh", SOURCES_ZH, "理由：")])
def test_rules_show_prints_each_sources_note(lang, block, next_heading):
    shown = run_cli("rules", "show", "LIC-016", "--lang", lang)
    assert shown.code == 0
    start = shown.out.index(block.splitlines()[0])
    assert shown.out[start : shown.out.index(next_heading)] == block
