"""The crosswalk to the BIS and EU programme frameworks: data held to the rule set, and `rules coverage --framework`."""

from __future__ import annotations

import json

import pytest

from checker.errors import RuleSetError
from checker.ruleset.crosswalk import crosswalk, read_crosswalk
from checker.ruleset.loading import load_ruleset
from tests.conftest import ROOT, run_cli

ACME = ROOT / "tests" / "packs" / "acme"
FILE = ROOT / "rules" / "crosswalk.yaml"


def test_every_builtin_element_has_one_row_and_every_named_framework_element_exists(ruleset):
    assert crosswalk().problems(term.id for term in ruleset.elements) == []


def test_the_frameworks_have_the_elements_their_editions_say():
    found = crosswalk()
    assert found.ids == ("bis", "eu")
    assert [element.id for element in found.framework("bis").elements] == [str(n) for n in range(1, 9)]
    assert [element.id for element in found.framework("eu").elements] == [str(n) for n in range(1, 8)]
    assert found.framework("eu").elements[6].title.en == "Physical and information security"


def test_a_row_that_does_not_fit_the_rule_set_is_named(tmp_path, ruleset):
    broken = tmp_path / "crosswalk.yaml"
    text = FILE.read_text(encoding="utf-8")
    text = text.replace("  - element: manual\n", "  - element: manuals\n")
    text = text.replace('      bis: [{id: "2", fit: full}]', '      bis: [{id: "9", fit: full}]')
    broken.write_text(text, encoding="utf-8")
    problems = read_crosswalk(broken).problems(term.id for term in ruleset.elements)
    assert problems == [
        "element 'manual' of the rule set has no row",
        "row 'risk_assessment' names bis element '9', which it does not have",
        "row 'manuals' names no element of the rule set",
    ]


def test_a_malformed_crosswalk_is_refused_at_its_place(tmp_path):
    broken = tmp_path / "crosswalk.yaml"
    broken.write_text(FILE.read_text(encoding="utf-8").replace("fit: full", "fit: total", 1), encoding="utf-8")
    with pytest.raises(RuleSetError, match=r"crosswalk\.yaml:\d+:\d+: .*fit"):
        read_crosswalk(broken)


def test_coverage_by_framework_lists_each_framework_element_with_its_counterparts(ruleset):
    counts = {term.id: sum(rule.element == term.id for rule in ruleset.rules) for term in ruleset.elements}
    run = run_cli("rules", "coverage", "--framework", "bis")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "US BIS Export Compliance Guidelines: the elements of an effective export compliance programme"
    two = lines.index("  2  Risk assessment")
    assert lines[two + 1] == f"       Comprehensive risk assessment ({counts['risk_assessment']} rules) · full"
    assert lines[-2:] == [
        "exportcheck's elements with no counterpart in this framework:",
        f"       International obligations ({counts['international_obligations']} rules)",
    ]


def test_coverage_by_framework_in_chinese_and_any_case():
    run = run_cli("rules", "coverage", "--framework", "EU", "--lang", "zh")
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == "欧盟委员会关于两用物项贸易管制内部合规计划的第2019/1318号建议"
    assert "  7  物理与信息安全" in run.out
    assert "欧盟要素要求对电子形式的受控软件和技术采取安全保护措施" in run.out


def test_an_unknown_framework_is_a_usage_error():
    run = run_cli("rules", "coverage", "--framework", "us")
    assert run.code == 2
    assert "no framework 'us'; the crosswalk has bis, eu" in run.err
    assert run.out == ""


@pytest.mark.parametrize("framework", ["bis", "eu"])
def test_every_element_is_a_counterpart_or_listed_as_unmatched_and_a_pack_element_is_unmatched(framework):
    run = run_cli("rules", "coverage", "--framework", framework, "--format", "json", "--rules", ACME)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    shown = {c["element"] for e in data["elements"] for c in e["counterparts"]} | {
        u["element"] for u in data["unmatched"]
    }
    assert shown == {term.id for term in load_ruleset(packs=[ACME]).elements}
    assert "group_policy" in [u["element"] for u in data["unmatched"]]
