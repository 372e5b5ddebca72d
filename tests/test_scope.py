"""The scope statements of rules/scope.yaml: when each shows, what it says, and that the file holds to its
own rules (graded facts, rules named in refs that exist, a documented section per statement)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from checker.errors import RuleSetError
from checker.pipeline import assess
from checker.scope import KIND, out_of_scope, read_statements, statements
from checker.validate import load_profile
from tests.conftest import REFERENCE, ROOT, SAMPLES

DAY = date(2026, 11, 15)
RULE_ID = re.compile(r"^[A-Z]{2,4}-[0-9]{3}$")
SCOPE_DOC = (ROOT / "docs" / "scope.md").read_text(encoding="utf-8")


def shown(data: dict) -> list[str]:
    """The ids of the statements shown for plain profile data, by their English text."""
    by_text = {statement.notice().en: statement.id for statement in statements()}
    return [by_text[notice.en] for notice in out_of_scope({"schema_version": 1, **data}, DAY)]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"company": {"name": "X"}}, []),
        ({"company": {"name": "X"}, "items": [{"id": "A", "name": "A", "kind": "material"}]}, ["classification"]),
        ({"company": {"name": "X"}, "items": []}, []),
        ({"company": {"name": "X"}, "parties": [{"id": "P", "name": "P"}]}, ["screening_lists"]),
        (
            {"company": {"name": "X"}, "technology_transfers": [{"id": "T", "item": "A"}]},
            ["technology_catalogue"],
        ),
        ({"company": {"name": "X", "business": ["technology_transfer"]}}, ["technology_catalogue"]),
        (
            {"company": {"name": "X"}, "items": [{"id": "A", "name": "A", "kind": "technology"}]},
            ["classification", "technology_catalogue"],
        ),
        ({"company": {"name": "X", "business": ["military_export"]}}, ["military_products"]),
        (
            {"company": {"name": "X"}, "items": [{"id": "A", "name": "A", "category": "military"}]},
            ["classification", "military_products"],
        ),
        ({"company": {"name": "X", "business": ["nuclear_export", "dual_use_export"]}}, ["nuclear_exports"]),
        (
            {"company": {"name": "X"}, "items": [{"id": "A", "name": "A", "category": "nuclear"}]},
            ["classification", "nuclear_exports"],
        ),
        ({"company": {"name": "X", "business": ["dual_use_export", "research"]}}, []),
    ],
)
def test_a_statement_shows_only_for_a_profile_that_touches_its_ground(data, expected):
    assert shown(data) == expected


def test_the_samples_get_the_statements_they_touch_in_the_files_order(ruleset):
    profiles = [load_profile(path) for path in (SAMPLES / "gaps.yaml", SAMPLES / "compliant.yaml", REFERENCE)]
    assessed = assess(profiles, ruleset, as_of=DAY, today=DAY).profiles
    ids = {statement.notice().en: statement.id for statement in statements()}
    scoped = [[notice for notice in profile.notices if notice.kind == KIND] for profile in assessed]
    assert [[ids[notice.en] for notice in notices] for notices in scoped] == [
        ["classification", "screening_lists"],
        ["classification", "screening_lists", "technology_catalogue"],
        ["classification", "screening_lists", "technology_catalogue"],
    ]
    assert [notice.kind for profile in assessed for notice in profile.notices][-2:] == [KIND, KIND]  # scope last


def test_a_statement_read_in_secondary_sources_says_so_in_both_languages():
    for statement in statements():
        notice = statement.notice()
        secondary = (
            notice.en.endswith(" (Read in secondary sources only.)"),
            notice.zh.endswith("（仅见于二手资料。）"),
        )
        assert secondary == ((True, True) if statement.basis == "S" else (False, False)), statement.id
        assert (notice.en.startswith(statement.en), notice.zh.startswith(statement.zh)) == (True, True)


def test_the_rules_a_statement_names_exist(ruleset):
    known = {rule.id for rule in ruleset.rules}
    named = {ref for statement in statements() for ref in statement.refs if RULE_ID.match(ref)}
    assert named and named <= known, named - known


def test_every_statement_has_its_facts_and_basis_in_the_docs():
    for statement in statements():
        section = SCOPE_DOC.split(f"\n### {statement.id}\n", 1)
        assert len(section) == 2, f"docs/scope.md has no section for {statement.id}"
        assert f"Basis: {statement.basis}." in section[1].split("\n### ", 1)[0], statement.id


def test_a_statement_never_rests_on_an_unverified_fact(tmp_path):
    broken = tmp_path / "scope.yaml"
    text = (ROOT / "rules" / "scope.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("basis: S", "basis: UNVERIFIED", 1), encoding="utf-8")
    with pytest.raises(RuleSetError) as raised:
        read_statements(broken)
    line = text[: text.index("basis: S")].count("\n") + 1
    assert f"{broken}:{line}:" in str(raised.value)


def test_a_broken_condition_or_a_repeated_id_is_refused(tmp_path):
    broken = tmp_path / "scope.yaml"
    text = (ROOT / "rules" / "scope.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("{not_empty: $.items}", "{not_emtpy: $.items}", 1), encoding="utf-8")
    with pytest.raises(RuleSetError, match="did you mean 'not_empty'"):
        read_statements(broken)
    broken.write_text(text.replace("id: screening_lists", "id: classification", 1), encoding="utf-8")
    with pytest.raises(RuleSetError, match="statement ids must be unique"):
        read_statements(broken)
