"""Requirement catalogues: every requirement accounted for, every rule traced to one, and the articles covered."""

from __future__ import annotations

import pytest

from checker.report.contract import requirements
from checker.ruleset.loading import load_ruleset

# The articles and sections each catalogue must list (issue 3, "at least").
REQUIRED = {
    "ECL": {"2", "11", "12", "15", "16", "18", "19", "20", "21", "23", "24", "25", "28", "29", "30", "35", "39", "45"},
    "DUR": {
        "2",
        "6",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
        "21",
        "22",
        "24",
        "25",
        "26",
        "27",
        "29",
        "35",
        "36",
        "38",
        "39",
        "41",
        "48",
        "49",
    },
    "ICP2021": {str(n) for n in range(1, 10)},
    "WP2021": {"I.2", "III.1", "III.2", "III.3", "III.4"},
}


def by_framework(ruleset, framework):
    return [entry for entry in requirements(ruleset) if entry["framework"] == framework]


@pytest.mark.parametrize("framework", sorted(REQUIRED))
def test_required_articles_are_catalogued(ruleset, framework):
    articles = {entry["article"] for entry in by_framework(ruleset, framework)}
    assert REQUIRED[framework] - articles == set()


def test_all_paragraphs_of_the_articles_the_issue_names():
    ruleset = load_ruleset()
    ids = {entry["id"] for entry in requirements(ruleset)}
    assert {"ECL-12", "ECL-12.3", "ECL-12.4", "ECL-16.1", "ECL-16.2"} <= ids
    assert {"DUR-18.1", "DUR-18.2", "DUR-18.3", "DUR-18.4", "DUR-39", "DUR-39.4", "DUR-16.1", "DUR-16.2"} <= ids


def test_every_requirement_is_automated_or_a_question(ruleset):
    for entry in requirements(ruleset):
        if entry["kind"] != "requirement":
            assert not entry["manual"] and entry["question"] is None, entry["id"]
        elif entry["manual"]:
            assert entry["question"] and entry["question_zh"] and not entry["rules"], entry["id"]
        else:
            assert entry["rules"] and entry["question"] is None, entry["id"]
            assert all(ruleset.get(rule_id) is not None for rule_id in entry["rules"]), entry["id"]


def test_every_rule_checks_some_requirement(ruleset):
    named = {rule_id for entry in requirements(ruleset) for rule_id in entry["rules"]}
    assert [rule.id for rule in ruleset.rules if rule.id not in named] == []


def test_requirement_citations_are_spelled_out(ruleset):
    cited = {entry["id"]: (entry["citation"], entry["citation_zh"]) for entry in requirements(ruleset)}
    assert cited["ECL-12.3"] == ("ECL Art. 12 para 3", "《出口管制法》第十二条第三款")
    assert cited["DUR-39.4"] == ("DUR Art. 39 item 4", "《两用物项出口管制条例》第三十九条第四项")
    assert cited["ICP2021-4.5"] == ("ICP guidance element 4", "《内部合规指导意见》要素四")
    assert cited["WP2021-III.1.b"] == ("White paper section III.1", "《中国的出口管制》白皮书第三部分（一）")


def test_a_requirement_naming_a_missing_rule_is_refused(refusal):
    path, message = refusal("catalogues/ECL.yaml", "rules: [LIC-014]", "rules: [LIC-914]")
    assert f"{path}: requirement ECL-11 names rule LIC-914, which is not in ruleset.yaml" in message


def test_a_rule_no_requirement_names_is_refused(refusal):
    _, message = refusal("catalogues/UEL.yaml", "rules: [SCR-008, SCR-001]", "rules: [SCR-001]")
    assert "rule SCR-008 checks no catalogue requirement; name it in a catalogue" in message


def test_a_manual_requirement_needs_its_question(refusal):
    question = (
        "    question:\n      en: Are licences presented to customs with every declaration, and can the "
        "company answer customs' questions about an item (contract, parameters, use) without delay?\n"
        "      zh: 每次报关是否都向海关交验许可证件？海关对物项提出质疑时，"
        "企业能否及时提供合同、技术参数和用途等说明？\n"
    )
    _, message = refusal("catalogues/ECL.yaml", question, "")
    assert "a manual requirement needs the question a person must answer" in message


def test_coverage_of_the_reference_profile(ruleset):
    from datetime import date

    from checker.pipeline import assess
    from checker.report.contract import to_dict
    from checker.validate import load_profile
    from tests.conftest import REFERENCE

    data = to_dict(assess([load_profile(REFERENCE)], ruleset, as_of=None, today=date(2026, 11, 1)))
    coverage = data["profiles"][0]["coverage"]
    assert set(coverage) == {entry["id"] for entry in data["requirements"]}
    assert "fail" not in coverage.values()
    assert coverage["DUR-27"] == "pass" and coverage["ECL-19"] == "manual"
    assert coverage["ECL-23"] == "not_applicable"  # no military products


def test_every_rule_a_requirement_names_cites_that_requirement(ruleset):
    """Coverage is only as true as its links: a rule listed under ECL Art. 28 must cite ECL Art. 28."""
    unsupported = [
        (requirement.id, rule_id)
        for catalogue in ruleset.catalogues
        for requirement in catalogue.requirements
        for rule_id in requirement.rules
        if (catalogue.framework, requirement.article)
        not in {(citation.doc, citation.article) for citation in ruleset.get(rule_id).sources}
    ]
    assert unsupported == []


def test_each_requirement_says_how_firmly_it_was_read(ruleset):
    """The superseded 2007 wording and points no source confirmed are marked, never shown as the 2021 text."""
    basis = {entry["id"]: entry["basis"] for entry in requirements(ruleset)}
    wording_2007 = {"ICP2021-1.4", "ICP2021-1.6", "ICP2021-1.7", "ICP2021-2.3", "ICP2021-2.4", "ICP2021-2.5"}
    assert {id_ for id_, grade in basis.items() if grade == "P-2007"} == wording_2007 | {"ICP2021-4.7"}
    unverified = {"ICP2021-5.5", "ICP2021-6.3", "ICP2021-6.4", "ICP2021-7.2", "ICP2021-9.3"}
    assert {id_ for id_, grade in basis.items() if grade == "UNVERIFIED"} == unverified
    assert {grade for id_, grade in basis.items() if id_.startswith(("ECL-", "DUR-"))} == {"P"}
    assert basis["UEL-10"] == "S" and basis["WP2021-III.1.a"] == "P" and basis["WP2021-III.2"] == "S"


def test_a_requirement_is_as_firm_as_the_rules_that_check_it(ruleset):
    """Each rule a requirement names cites that requirement's unit with the requirement's own grade, so a rule
    resting on an UNVERIFIED point or on the 2007 wording can't stand under a requirement graded S."""
    mismatched = [
        (requirement.id, requirement.basis.value, rule_id, sorted(grades))
        for catalogue in ruleset.catalogues
        for requirement in catalogue.requirements
        for rule_id in requirement.rules
        if (
            grades := {
                citation.basis.value
                for citation in ruleset.get(rule_id).sources
                if (citation.doc, citation.article) == (catalogue.framework, requirement.article)
            }
        )
        != {requirement.basis.value}
    ]
    assert mismatched == []


def test_powers_and_encouragements_are_kept_apart_from_the_requirements(ruleset):
    kinds = {entry["id"]: entry["kind"] for entry in requirements(ruleset) if entry["kind"] != "requirement"}
    assert kinds == {
        "ECL-10": "power",
        "ECL-28": "power",
        "ECL-30": "power",
        "ECL-39": "power",
        "DUR-6": "encouragement",
        "DUR-13": "power",
        "DUR-18.4": "power",
        "DUR-29.1": "power",
        "DUR-49": "power",
    }


def test_the_articles_added_are_checked_by_hand(ruleset):
    entries = {entry["id"]: entry for entry in requirements(ruleset)}
    for id_ in ("ECL-21", "ECL-35", "DUR-41"):
        assert entries[id_]["kind"] == "requirement" and entries[id_]["manual"] and entries[id_]["question"], id_
    assert entries["DUR-41"]["citation_zh"] == "《两用物项出口管制条例》第四十一条"
    assert entries["DUR-49"]["kind"] == "power" and entries["DUR-49"]["rules"] == []


def test_stop_and_report_duties_are_manual_checks_of_their_own(ruleset):
    """LIC-012 shows a voucher names its case and SCR-006 that a listed party's export was approved; neither shows
    that an export stopped and was reported, so those parts are questions for a person, not counted as automated."""
    entries = {entry["id"]: entry for entry in requirements(ruleset)}
    assert entries["DUR-19"]["rules"] == ["LIC-012"]
    assert entries["DUR-29.2.a"]["rules"] == ["SCR-006", "SCR-001"]
    for id_, citation in (
        ("DUR-19.2", "DUR Art. 19 para 2"),
        ("DUR-19.3", "DUR Art. 19 para 3"),
        ("DUR-29.2.b", "DUR Art. 29 para 2"),
    ):
        assert entries[id_]["manual"] and entries[id_]["rules"] == [] and entries[id_]["citation"] == citation


def test_every_catalogued_article_has_its_note(ruleset):
    """Each article of the ECL and DUR catalogues is paraphrased on its source page, as the articles rules cite are."""
    from checker.ruleset.sources import notes_dir

    missing = [
        entry["id"]
        for entry in requirements(ruleset)
        if entry["framework"] in ("ECL", "DUR")
        and f"\n## Article {entry['article']}\n"
        not in (notes_dir() / f"{entry['framework']}.md").read_text(encoding="utf-8")
    ]
    assert missing == []


def test_a_power_with_a_question_is_refused(refusal):
    _, message = refusal(
        "catalogues/ECL.yaml",
        "    kind: power\n    summary:\n      en: The authority may hold",
        "    kind: power\n    manual: true\n    question: {en: Asked?, zh: 问？}\n"
        "    summary:\n      en: The authority may hold",
    )
    assert "a power is not a requirement, so it has no manual question" in message


def test_a_requirement_without_its_basis_is_refused(refusal):
    path, message = refusal("catalogues/UEL.yaml", "    basis: S\n", "")
    assert message == f"{path}:7:5: missing required key 'basis' in requirements[0]"


def test_a_checklist_item_needs_its_element_and_severity(refusal):
    _, message = refusal(
        "catalogues/ECL.yaml", "    manual: true\n    element: licensing\n    severity: medium\n", "    manual: true\n"
    )
    assert "a manual requirement is a checklist item: give its element and severity" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    applies_to: [military_export]\n",
            "    applies_to: [arms_export]\n",
            "requirement ECL-24: applies_to names arms_export, not kinds of company.business",
        ),
        (
            "    element: licensing\n    severity: high\n",
            "    element: licencing\n    severity: high\n",
            "requirement ECL-24: element 'licencing' is not defined",
        ),
    ],
)
def test_a_checklist_item_out_of_the_rule_sets_vocabulary_is_refused(refusal, old, new, expected):
    _, message = refusal("catalogues/ECL.yaml", old, new)
    assert expected in message


def test_a_checklist_item_read_only_in_a_secondary_source_is_never_severe(refusal):
    _, message = refusal(
        "catalogues/ICP2021.yaml",
        "    element: risk_assessment\n    severity: low\n",
        "    element: risk_assessment\n    severity: high\n",
    )
    assert "requirement ICP2021-3.3: a checklist item of basis S has severity low or info" in message
