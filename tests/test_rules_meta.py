"""The rule set's own properties: ids, sources, languages, severities and where files live."""

from __future__ import annotations

import re
import shutil

import pytest

from checker.errors import RuleSetError
from checker.results import Severity
from checker.ruleset.loading import load_ruleset
from checker.ruleset.sources import Basis, note_text, unresolved
from tests.conftest import REFERENCE, ROOT

KNOWN_IDS = ROOT / "tests" / "data" / "published-rule-ids.txt"


def test_ids_and_names_are_unique(ruleset):
    keys = [key for rule in ruleset.rules for key in (rule.id, rule.name, *rule.aliases)]
    assert len(keys) == len(set(keys))


def test_every_published_id_still_resolves(ruleset):
    """A rule id, once published, keeps working: renamed rules keep the old id as an alias."""
    published = [line.strip() for line in KNOWN_IDS.read_text().splitlines() if line.strip()]
    assert [rule_id for rule_id in published if ruleset.get(rule_id) is None] == []
    assert {rule.id for rule in ruleset.rules} <= set(published), "add new rule ids to published-rule-ids.txt"


def test_every_citation_resolves_and_uses_a_known_article(ruleset):
    for rule in ruleset.rules:
        for citation in rule.sources:
            doc = ruleset.sources[citation.doc]
            if doc.unit.value == "article":
                assert int(citation.article) >= 1
            if doc.unit.value == "document":
                assert citation.article is None
            assert citation.fact.strip(), rule.id


def test_every_citation_names_a_note_that_exists(ruleset):
    for rule in ruleset.rules:
        for citation in rule.sources:
            assert unresolved(citation.note) is None, (rule.id, citation.fact)
            assert note_text(citation.note), (rule.id, citation.fact)


def test_both_languages_are_present_everywhere(ruleset):
    for rule in ruleset.rules:
        for text in (rule.title, rule.rationale, rule.remediation, rule.message, *rule.messages.values()):
            if text is not None:
                assert text.en.strip() and text.zh.strip(), rule.id
                assert re.search(r"[\u4e00-\u9fff]", text.zh), f"{rule.id}: zh text has no Chinese"


def test_unverified_facts_never_make_a_hard_rule(ruleset):
    for rule in ruleset.rules:
        if any(c.basis == Basis.unverified for c in rule.sources):
            assert rule.best_practice and rule.severity.rank <= Severity.low.rank, rule.id


def test_guidance_alone_never_makes_a_critical_rule(ruleset):
    """Severity follows consequence: critical and high rules rest on a law or regulation read in full text."""
    for rule in ruleset.rules:
        if rule.severity in (Severity.critical, Severity.high):
            binding = [
                c
                for c in rule.sources
                if ruleset.sources[c.doc].binding.value in ("law", "regulation") and c.basis == Basis.primary
            ]
            assert binding, f"{rule.id} is {rule.severity} without a primary legal source"


def test_rule_files_live_under_their_element(ruleset):
    for rule in ruleset.rules:
        path = ruleset.files[rule.id]
        assert (path.parent.name, path.name) == (rule.element, f"{rule.id}.yaml")


def test_a_malformed_rule_is_refused_with_file_and_key(refusal):
    path, message = refusal("records/REC-001.yaml", "severity: high", "severity: severe")
    assert message == f"{path}:7:11: severity: 'severe' is not one of: critical, high, medium, low, info"


def test_a_bad_predicate_is_refused_with_its_place(refusal):
    path, message = refusal("records/REC-001.yaml", "at_least: {path:", "at_lest: {path:")
    assert message.startswith(f"{path}:")
    assert "check: unknown operator 'at_lest' (did you mean 'at_least'?)" in message


def test_an_unlisted_rule_file_is_refused(rules_copy):
    extra = rules_copy / "records" / "REC-099.yaml"
    shutil.copy(rules_copy / "records" / "REC-001.yaml", extra)
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(rules_copy)
    assert f"{extra}: rule file is not listed in ruleset.yaml" in str(caught.value)


def test_an_unknown_source_is_refused(refusal):
    path, message = refusal("records/REC-001.yaml", "  - doc: DUR\n", "  - doc: DURX\n")
    assert f"{path}: source 'DURX' is not in sources.yaml" in message


def test_an_unverified_rule_above_low_is_refused(refusal):
    _, message = refusal("training/TRN-001.yaml", "    basis: S\n", "    basis: UNVERIFIED\n")
    assert "a rule resting on an UNVERIFIED fact must be best_practice with severity low or info" in message


def test_superseded_2007_wording_never_makes_a_hard_rule(ruleset):
    for rule in ruleset.rules:
        if rule.sources[0].basis == Basis.superseded_text:
            assert rule.best_practice and rule.severity.rank <= Severity.low.rank, rule.id


def test_best_practice_rules_say_so_in_both_languages(ruleset):
    for rule in ruleset.rules:
        if rule.best_practice:
            assert "good practice" in rule.rationale.en.lower(), rule.id
            assert "良好做法" in rule.rationale.zh, rule.id


def test_rule_examples_start_from_the_reference_profile():
    base = (ROOT / "rules" / "examples" / "base.yaml").read_text(encoding="utf-8")
    sample = (ROOT / "samples" / "compliant.yaml").read_text(encoding="utf-8")
    assert base.endswith(sample)  # base.yaml is the sample with a two-line header
    assert sample == REFERENCE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("relative", "old", "new", "message"),
    [
        (
            "policy_statement/POL-001.yaml",
            "path: programme.policy_statement.signed_by.role",
            "path: programme.policy_statement.signed_by.rolex",
            "check: path programme.policy_statement.signed_by.rolex: Signer has no field 'rolex'",
        ),
        (
            "licensing/LIC-002.yaml",
            "value: {path: licence@licences.issued_on}",
            "value: {path: licence@licenses.issued_on}",
            "check: path licence@licenses.issued_on: no top-level list 'licenses' to look ids up in",
        ),
        (
            "licensing/LIC-013.yaml",
            "path: item@items.category",
            "path: item@items.categry",
            "where: path item@items.categry: Item has no field 'categry'",
        ),
        (
            "licensing/LIC-006.yaml",
            "{equals: {path: kind, value: single}}",
            "{equals: {path: knd, value: single}}",
            "where: path knd: Licence has no field 'knd'",
        ),
    ],
)
def test_a_path_the_profile_format_lacks_is_refused(refusal, relative, old, new, message):
    path, text = refusal(relative, old, new)
    assert f"{path}: {message}" in text
