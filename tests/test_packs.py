"""Rule packs: a company's own rules beside the built-in ones, with their own prefix, sources and vocabulary."""

from __future__ import annotations

import json
import shutil

import pytest

from checker.errors import RuleSetError
from checker.ruleset.loading import load_ruleset
from tests.conftest import REFERENCE, ROOT, SAMPLES, run_cli

ACME = ROOT / "tests" / "packs" / "acme"


@pytest.fixture
def acme(tmp_path):
    """A copy of the test pack to edit; returns its directory."""
    pack = tmp_path / "acme"
    shutil.copytree(ACME, pack)
    return pack


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_pack_adds_its_rule_source_element_and_owner():
    ruleset = load_ruleset(packs=[ACME])
    rule = ruleset.get("ACME-GRP-001")
    assert rule is not None and ruleset.pack(rule.id).id == "acme-group"
    assert ruleset.pack("REC-001").builtin
    assert "ACME-GEP" in ruleset.sources
    assert [term.id for term in ruleset.elements][-1] == "group_policy"
    assert "group_compliance" in [term.id for term in ruleset.owners]
    assert len(ruleset.rules) == len(load_ruleset().rules) + 1


def test_rules_test_runs_the_packs_examples():
    run = run_cli("rules", "test", "--rules", ACME)
    assert run.code == 0, run.err
    total = sum(len(rule.examples) for rule in load_ruleset(packs=[ACME]).rules)
    assert (
        run.out
        == f"{total} of {total} rule examples behave as stated (packs: exportcheck 2026.11, acme-group 2026.1)\n"
    )


def test_a_packs_broken_example_fails_rules_test(acme):
    _edit(acme / "group_policy" / "ACME-GRP-001.yaml", "retention_years: 5}", "retention_years: 12}")
    run = run_cli("rules", "test", "--rules", acme)
    assert run.code == 1
    assert "ACME-GRP-001 example 'five-year retention, the legal minimum'" in run.err


def test_check_reports_the_pack_rule_beside_the_built_in_rules():
    run = run_cli("check", SAMPLES / "compliant.yaml", "--rules", ACME, "--format", "json", "--fail-on", "none")
    data = json.loads(run.out)
    [result] = [r for r in data["results"] if r["rule_id"] == "ACME-GRP-001"]
    assert (result["status"], result["pack"], result["element"], result["owner"]) == (
        "fail",
        "acme-group",
        "group_policy",
        "group_compliance",
    )
    assert result["location"]["path"] == "programme.records.retention_years"
    assert {r["pack"] for r in data["results"]} == {"exportcheck", "acme-group"}
    assert [pack["id"] for pack in data["ruleset"]["packs"]] == ["exportcheck", "acme-group"]
    assert data["elements"][-1] == {"id": "group_policy", "title": "Group policy", "title_zh": "集团政策"}
    assert data["profiles"][0]["score"]["elements"]["group_policy"] == 0.0
    text = run_cli("check", SAMPLES / "compliant.yaml", "--rules", ACME, "--fail-on", "none").out
    assert "Group policy\n  MEDIUM    ACME-GRP-001  Export records are kept for ten years" in text
    assert "Source: Group policy section 4.2 · rule pack acme-group" in text


def test_rules_list_and_show_name_the_pack():
    listing = run_cli("rules", "list", "--rules", ACME).out
    assert (
        "ACME-GRP-001 medium   group_policy               Export records are kept for ten years, as the group "
        "policy requires [acme-group]" in listing
    )
    assert listing.endswith(f"{len(load_ruleset(packs=[ACME]).rules)} rules, rule set 2026.11 + acme-group 2026.1\n")
    shown = run_cli("rules", "show", "ACME-GRP-001", "--rules", ACME).out
    assert shown.splitlines()[1] == "  group-records-ten-years · Group policy · medium · acme-group"
    data = json.loads(run_cli("rules", "list", "--format", "json", "--rules", ACME).out)
    assert data[-1]["pack"] == "acme-group" and data[0]["pack"] == "exportcheck"


@pytest.mark.parametrize(
    ("where", "old", "new", "message"),
    [
        ("ruleset.yaml", "  prefix: ACME\n", "  prefix: LIC\n", "id prefix 'LIC' is also used by {builtin}"),
        (
            "ruleset.yaml",
            "  id: acme-group\n",
            "  id: exportcheck\n",
            "pack id 'exportcheck' is also used by {builtin}",
        ),
        ("ruleset.yaml", "  prefix: ACME\n", "", "a rule pack needs pack.prefix"),
        (
            "ruleset.yaml",
            "  - {id: group_policy,",
            "  - {id: records,",
            "element 'records' is also defined in {builtin}",
        ),
        ("ruleset.yaml", "  - id: ACME-GEP\n", "  - id: DUR\n", "document 'DUR' is also defined in {builtin_sources}"),
        (
            "group_policy/ACME-GRP-001.yaml",
            "element: group_policy",
            "element: group_polcy",
            "element 'group_polcy' is not defined",
        ),
        ("group_policy/ACME-GRP-001.yaml", "owner: group_compliance", "owner: nobody", "owner 'nobody' is not defined"),
    ],
)
def test_a_clash_or_unknown_word_names_the_files(acme, where, old, new, message):
    path = acme / where
    _edit(path, old, new)
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(packs=[acme])
    expected = message.format(builtin=ROOT / "rules" / "ruleset.yaml", builtin_sources=ROOT / "rules" / "sources.yaml")
    assert f"{path}: {expected}" in str(caught.value)


def test_two_packs_with_one_prefix_are_refused(acme, tmp_path):
    second = tmp_path / "second"
    shutil.copytree(acme, second)
    _edit(second / "ruleset.yaml", "  id: acme-group\n", "  id: acme-other\n")
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(packs=[acme, second])
    message = str(caught.value)
    assert f"{second / 'ruleset.yaml'}: id prefix 'ACME' is also used by {acme / 'ruleset.yaml'}" in message


def test_a_pack_rule_without_the_prefix_is_refused(acme):
    old, new = acme / "group_policy" / "ACME-GRP-001.yaml", acme / "group_policy" / "GRP-001.yaml"
    _edit(old, "id: ACME-GRP-001", "id: GRP-001")
    old.rename(new)
    _edit(acme / "ruleset.yaml", "  - ACME-GRP-001", "  - GRP-001")
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(packs=[acme])
    assert f"{new}: rule ids of pack acme-group start with ACME-; GRP-001 does not" in str(caught.value)


def test_a_directory_without_an_index_is_not_a_pack(tmp_path):
    run = run_cli("check", REFERENCE, "--rules", tmp_path)
    assert (run.code, run.out) == (2, "")
    assert (
        run.err == f"exportcheck: {tmp_path}: not a rule pack: no ruleset.yaml in it (see docs/rules.md, "
        "'Rule packs')\n"
    )
