"""Bans read from rules/measures.yaml, and the ledger checks on diversion and screening dates, end to end."""

from __future__ import annotations

import json
from datetime import date

import pytest

from checker.evaluate.timing import bans_on
from checker.facts import Ban, banned_by, derive, listing_changed_on
from checker.reference import ReferenceData
from checker.reference.datasets import load_dataset
from checker.ruleset.sources import Change, ChangeKind
from tests.conftest import SAMPLES, run_cli

MILITARY_LIST = """\
format: 1
name: military-entries
kind: party_list
list: mofcom_control_list
version: test-1
as_of: 2026-08-24
source: test data, not a screening list
entries:
  - name: Lockheed Martin Corporation
    announcement: MOFCOM2025-1
    country: US
    military: true
    listed_on: 2025-01-02
"""


@pytest.fixture
def lockheed(tmp_path):
    """samples/gaps.yaml with the German importer replaced by a US military user, and a list that marks it."""
    text = (SAMPLES / "gaps.yaml").read_text(encoding="utf-8")
    orion, lockheed = (
        "name: Orion Magnetics GmbH\n    country: DE",
        "name: Lockheed Martin Corporation\n    country: US",
    )
    text = text.replace(orion, lockheed)
    profile = tmp_path / "gaps.yaml"
    profile.write_text(text, encoding="utf-8")
    reference = tmp_path / "military.yaml"
    reference.write_text(MILITARY_LIST, encoding="utf-8")
    return profile, reference


def results(run, rule_id):
    return [
        (r["status"], r["subject_path"], r["message"])
        for r in json.loads(run.out)["results"]
        if r["rule_id"] == rule_id and r["status"] != "not_applicable"
    ]


def test_a_party_the_lists_mark_military_falls_under_the_us_ban(lockheed):
    profile, reference = lockheed
    run = run_cli("check", profile, "--format", "json", "--reference", reference, "--fail-on", "none")
    assert [r for r in results(run, "INT-006") if r[0] == "fail"] == [
        (
            "fail",
            "exports[E-2026-031].banned_by",
            "E-2026-031: a listed item for a military user or use falls under the ban of MOFCOM2024-46 "
            "(rules/measures.yaml); such exports are banned.",
        )
    ]


def test_without_the_list_the_party_is_not_known_to_be_military(lockheed):
    profile, _ = lockheed
    run = run_cli("check", profile, "--format", "json", "--fail-on", "none")
    assert [r for r in results(run, "INT-006") if r[0] == "fail"] == []


def test_an_end_user_outside_the_destination_is_called_out(lockheed):
    profile, _ = lockheed
    run = run_cli("check", profile, "--format", "json", "--fail-on", "none")
    assert [r for r in results(run, "REV-015") if r[0] == "fail"] == [
        (
            "fail",
            "exports[E-2026-031].destination",
            "E-2026-031: the goods are declared for Germany, but the consignee P-ORION is in United States and "
            "no transit through United States is recorded.",
        ),
    ]  # one finding: the consignee is the end user, and both rest on the same field


# The derived facts, on plain records: a new ban is data, read the same way as the recorded ones.

PARTIES = {"P-1": {"id": "P-1", "name": "Example Defence Works", "country": "XX"}}
ITEMS = {"I-1": (0, {"id": "I-1", "control_code": "1C902.a"})}
EXPORT = {
    "id": "E-1",
    "date": date(2026, 5, 1),
    "item": "I-1",
    "classified_as": "1C902.a",
    "destination": "YY",
    "end_user": "P-1",
    "red_flags": ["military_end_use"],
}


def test_a_ban_names_the_countries_it_covers():
    def bans(day):
        return [Ban("NEW-1", frozenset({"XX"}))]

    assert banned_by(EXPORT, PARTIES, ITEMS, bans) == ["NEW-1"]
    assert banned_by({**EXPORT, "red_flags": []}, PARTIES, ITEMS, bans) == []
    assert banned_by({**EXPORT, "classified_as": "not_listed"}, PARTIES, ITEMS, bans) == []
    assert banned_by(EXPORT, {"P-1": {**PARTIES["P-1"], "country": "ZZ"}}, ITEMS, bans) == []


def test_a_new_measure_is_read_from_its_entry_and_follows_its_suspension(ruleset):
    japan = ruleset.sources["MOFCOM2026-1"]
    invented = japan.model_copy(
        update={
            "id": "NEW-1",
            "bans": [japan.bans[0].model_copy(update={"countries": ["XX"]})],
            "history": [Change(kind=ChangeKind.suspended, start=date(2026, 4, 1), to=date(2026, 4, 30), basis="S")],
        }
    )
    on = bans_on({"NEW-1": invented})
    assert on(date(2026, 3, 1)) == (Ban("NEW-1", frozenset({"XX"})),)
    assert on(date(2026, 4, 15)) == ()
    assert on(date(2026, 5, 1)) == (Ban("NEW-1", frozenset({"XX"})),)
    assert on(date(2025, 12, 31)) == ()  # before the announcement took effect


def test_the_recorded_bans_on_a_day(ruleset):
    on = bans_on(ruleset.sources)
    assert on(date(2025, 6, 1)) == (Ban("MOFCOM2024-46", frozenset({"US"})),)
    assert set(on(date(2026, 6, 1))) == {
        Ban("MOFCOM2024-46", frozenset({"US"})),
        Ban("MOFCOM2026-1", frozenset({"JP"})),
    }


def test_the_last_listing_change_of_an_export_party():
    parties = {
        "P-1": {
            "id": "P-1",
            "name": "Example Defence Works",
            "listed_on": [
                {
                    "list": "mofcom_control_list",
                    "date": date(2025, 4, 4),
                    "suspended_from": date(2025, 8, 12),
                    "suspended_to": date(2026, 4, 9),
                },
            ],
        }
    }
    export = {"id": "E-1", "date": date(2026, 5, 1), "end_user": "P-1"}
    assert listing_changed_on(export, parties) == date(2026, 4, 10)  # the day the listing applied again
    assert listing_changed_on({**export, "date": date(2026, 1, 1)}, parties) == date(2025, 8, 12)
    assert listing_changed_on({**export, "date": date(2025, 1, 1)}, parties) is None


def test_a_reference_listing_after_the_screening_makes_it_stale(tmp_path):
    reference = tmp_path / "military.yaml"
    reference.write_text(MILITARY_LIST.replace("2025-01-02", "2026-06-17"), encoding="utf-8")
    data = {
        "parties": [{"id": "P-1", "name": "LOCKHEED MARTIN CORPORATION"}],
        "exports": [{"id": "E-1", "date": date(2026, 6, 20), "end_user": "P-1", "screened_on": date(2026, 6, 15)}],
    }
    derived = derive(data, ReferenceData((load_dataset(reference),)))
    assert derived["exports"][0]["listing_changed_on"] == date(2026, 6, 17)


def test_a_ban_naming_a_country_not_as_a_code_is_refused(refusal):
    path, message = refusal("measures.yaml", "      - countries: [US]\n", "      - countries: [USA]\n")
    assert message == f"{path}:50:21: documents[0].bans[0].countries[0]: String should match pattern '^[A-Z]{{2}}$'"


def test_a_ban_of_users_the_rules_do_not_read_is_refused(refusal):
    path, message = refusal("measures.yaml", "        users: military\n", "        users: civil\n")
    assert message == f"{path}:51:16: documents[0].bans[0].users: 'civil' is not one of: military"
