"""Realistic gap profiles, one per theme: each fails exactly where its gaps are, and nowhere else.

Every profile in tests/profiles/ describes a whole fictional company that is compliant except for the
gaps of its theme. tests/profiles/expected.yaml lists, for each profile, every failure it must give as
"RULE-ID path". A failure not listed there means the profile (or a rule) has gone wrong; a listed
failure that disappears means a rule has stopped detecting its gap.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli

PROFILES = Path(__file__).resolve().parent / "profiles"
EXPECTED_FILE = PROFILES / "expected.yaml"
EXPECTED: dict[str, list[str]] = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8"))
PROFILE_FILES = sorted(path.name for path in PROFILES.glob("*.yaml") if path != EXPECTED_FILE)

# The gap each theme is about, stated here independently of expected.yaml: the rule that must catch it
# and the path of the field at fault. If a rule stops detecting its gap, these fail even if someone
# edits expected.yaml to match.
THEME_GAPS: dict[str, list[tuple[str, str]]] = {
    "governance.yaml": [
        ("POL-007", "programme.policy_statement.signed_by.role"),
        ("ORG-001", "programme.organization.can_stop_transactions"),
        ("ORG-005", "programme.organization.single_person_approval"),
    ],
    "upkeep.yaml": [
        ("RSK-001", "programme.risk_assessment.last_performed"),
        ("AUD-001", "programme.audit.internal.last_performed"),
        ("MAN-002", "programme.manual.covers"),
    ],
    "records.yaml": [
        ("REC-001", "programme.records.retention_years"),
        ("REC-002", "programme.records.kept"),
    ],
    "licence-use.yaml": [
        ("LIC-002", "exports[0].date"),
        ("LIC-008", "exports[2].licence"),
        ("LIC-009", "exports[5].quantity.amount"),
    ],
    "licence-scope.yaml": [
        ("LIC-004", "exports[0].destination"),
        ("LIC-005", "exports[1].end_user"),
        ("LIC-001", "exports[2].licence"),
    ],
    "general-licence.yaml": [
        ("LIC-011", "licences[0].kind"),
    ],
    "end-use.yaml": [
        ("EUS-001", "exports[0].end_user_certificate.reference"),
        ("LIC-015", "exports[1].licence"),
        ("REV-012", "exports[2].review.date"),
        ("REV-013", "exports[2].escalation.date"),
    ],
    "technology.yaml": [
        ("TEC-001", "technology_transfers[0].licence"),
    ],
    "screening.yaml": [
        ("SCR-004", "exports[0].screened_on"),
        ("SCR-001", "programme.review_procedures.screening.lists"),
    ],
    "review.yaml": [
        ("REV-009", "programme.review_procedures.cross_functional_review.departments"),
        ("REV-011", "programme.review_procedures.approval_tiers"),
    ],
}

# Real control codes only: those the repository already uses (reference profile, samples, rule examples), or not_listed.
KNOWN_CONTROL_CODES = {"1C902.a", "1C903.a", "1C904.a", "1E902.a", "not_listed"}


def _parse_expected(entry: str) -> tuple[str, str]:
    match = re.fullmatch(r"([A-Z]{2,4}-\d{3}) (\S+)", entry)
    assert match, f"expected.yaml entry {entry!r} is not 'RULE-ID path'"
    return match.group(1), match.group(2)


@cache
def _results(name: str) -> tuple[int, str, tuple[dict, ...]]:
    run = run_cli("check", PROFILES / name, "--format", "json", "--fail-on", "none")
    assert run.code == 0, f"{name}: exit {run.code}\n{run.err}"
    return run.code, run.err, tuple(json.loads(run.out)["results"])


def _failures(name: str) -> list[tuple[str, str]]:
    return sorted((r["rule_id"], r["location"]["path"]) for r in _results(name)[2] if r["status"] == "fail")


def test_every_profile_has_expectations_and_a_theme():
    assert PROFILE_FILES, "no gap profiles found"
    assert sorted(EXPECTED) == PROFILE_FILES
    assert sorted(THEME_GAPS) == PROFILE_FILES


@pytest.mark.parametrize("name", PROFILE_FILES)
def test_profile_loads_without_input_errors(name):
    from checker.errors import InputError
    from checker.validate import load_profile

    try:
        loaded = load_profile(PROFILES / name)
    except InputError as error:
        pytest.fail(f"{name} does not load:\n{error}")
    profile = loaded.profile
    assert profile.assessment is not None and profile.assessment.as_of is not None


@pytest.mark.parametrize("name", PROFILE_FILES)
def test_profile_fails_exactly_as_expected(name):
    expected = sorted(_parse_expected(entry) for entry in EXPECTED[name])
    assert len(set(expected)) == len(expected), f"{name}: duplicate entries in expected.yaml"
    assert _failures(name) == expected


@pytest.mark.parametrize("name", PROFILE_FILES)
def test_no_rule_errors(name):
    code, err, results = _results(name)
    errors = [
        (r["rule_id"], r["location"]["path"] if r["location"] else None, r["message"])
        for r in results
        if r["status"] == "error"
    ]
    assert errors == []
    assert "could not be evaluated" not in err


@pytest.mark.parametrize(
    ("name", "rule_id", "path"), [(name, rule, path) for name, gaps in THEME_GAPS.items() for rule, path in gaps]
)
def test_theme_rule_detects_its_gap(name, rule_id, path):
    assert (rule_id, path) in _failures(name), f"{rule_id} no longer reports the gap at {path} in {name}"
    assert f"{rule_id} {path}" in EXPECTED[name]


@pytest.mark.parametrize("name", PROFILE_FILES)
def test_profile_is_a_plausible_company(name):
    """Realism guards: real control codes, own company name, and dates no later than the assessment date."""
    data = yaml.safe_load((PROFILES / name).read_text(encoding="utf-8"))
    as_of = data["assessment"]["as_of"]
    assert isinstance(as_of, date)
    assert data["company"]["name"] and data["company"]["name_zh"]
    for item in data.get("items", []):
        assert item["control_code"] in KNOWN_CONTROL_CODES, f"{item['id']}: {item['control_code']}"
    for record in [*data.get("exports", []), *data.get("technology_transfers", [])]:
        assert record["date"] <= as_of, f"{record['id']} is dated after as_of {as_of}"


def test_company_names_are_distinct():
    names = [yaml.safe_load((PROFILES / name).read_text(encoding="utf-8"))["company"]["name"] for name in PROFILE_FILES]
    assert len(set(names)) == len(names)
