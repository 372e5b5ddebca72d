"""Text is read as written: where the model wants text, a plain scalar is the characters typed.

YAML would make numbers of `3E001` (every technology control code), `1.10` and `0123`; the profile wants
text there and gets it. Numbers, booleans and dates are read as such only where the model wants them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker.errors import InputError
from checker.validate import load_profile, load_profile_bytes
from tests.conftest import SAMPLES, run_cli

# The technology category (E) of every product group, as the dual-use list numbers its entries.
E_CODES = [f"{group}E{number}" for group in range(10) for number in ("001", "002", "003", "101", "901", "999")]


def profile(body: str) -> str:
    return "schema_version: 1\ncompany: {name: Lanting}\n" + body


def load(text: str):
    return load_profile_bytes(text.encode("utf-8"), "p.yaml")


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load(text)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("code", E_CODES)
def test_every_technology_code_loads_as_written(code):
    loaded = load(profile(f"items:\n  - id: tech-1\n    name: Flight control software\n    control_code: {code}\n"))
    assert loaded.profile.items[0].control_code == code


@pytest.mark.parametrize("code", ["3E001.a", "9E003.a.1", "1E001", "0E001"])
def test_technology_codes_in_a_classification_history_and_with_sub_items(code):
    text = profile(
        "items:\n  - id: tech-1\n    name: Know-how\n    classifications:\n"
        f"      - {{control_code: {code}, classified_on: 2026-01-05}}\n"
    )
    assert load(text).profile.items[0].classifications[0].control_code == code


@pytest.mark.parametrize(
    ("line", "path", "expected"),
    [
        ("programme: {manual: {version: 1.10}}", ("programme", "manual", "version"), "1.10"),
        ("programme: {manual: {version: 3.0}}", ("programme", "manual", "version"), "3.0"),
        ("company: {name: 0123}", ("company", "name"), "0123"),
        ("company: {name: NO}", ("company", "name"), "NO"),
        ("company: {name: true}", ("company", "name"), "true"),
        ("company: {name: 0x1F}", ("company", "name"), "0x1F"),
        ("company: {name: .inf}", ("company", "name"), ".inf"),
        ("company: {name: 1e3}", ("company", "name"), "1e3"),
        ("company: {name: Lanting, uscc: 911100001000000001}", ("company", "uscc"), "911100001000000001"),
        (
            "company: {name: X, qualifications: [{kind: military_export, reference: 2026-01-01}]}",
            ("company", "qualifications", 0, "reference"),
            "2026-01-01",
        ),
    ],
)
def test_text_fields_take_the_characters_written(line, path, expected):
    loaded = load(f"schema_version: 1\n{line}\n" if line.startswith("company") else profile(line + "\n"))
    value = loaded.data
    for part in path:
        value = value[part]
    assert value == expected


def test_ids_that_look_like_numbers_keep_their_zeros_and_still_refer():
    text = profile(
        "items:\n  - {id: 0123, name: Drone, control_code: 9E901}\n"
        "parties:\n  - {id: 007, name: Kestrel, country: DE}\n"
        "exports:\n  - {id: 2026.10, date: 2026-02-01, item: 0123, destination: DE, consignee: 007}\n"
    )
    export = load(text).profile.exports[0]
    assert (export.id, export.item, export.consignee) == ("2026.10", "0123", "007")


def test_numbers_flags_and_dates_are_read_only_where_the_model_wants_them():
    loaded = load(
        "schema_version: 1\ncompany: {name: Lanting, employees: 0123, export_share_percent: 12.5}\n"
        "programme: {organization: {compliance_committee: true}, records: {retention_years: 5}}\n"
    )
    assert loaded.profile.company.employees == 123
    assert loaded.profile.company.export_share_percent == 12.5
    assert loaded.profile.programme.organization.compliance_committee is True
    assert loaded.profile.programme.records.retention_years == 5


def test_the_schema_version_stays_a_number():
    assert problems('schema_version: "1"\ncompany: {name: X}\n') == [
        "p.yaml:1:17: schema_version: '1' is not supported; expected 1"
    ]


def test_a_flag_given_yes_still_says_so():
    assert problems(profile("programme: {organization: {compliance_committee: yes}}\n")) == [
        "p.yaml:3:50: programme.organization.compliance_committee: expected true or false, found 'yes' "
        "('yes' is text in YAML 1.2; write true or false)"
    ]


def test_a_number_field_given_text_and_a_date_given_a_number_are_refused():
    assert problems(
        "schema_version: 1\ncompany: {name: X, employees: many}\nprogramme: {manual: {last_updated: 20260105}}\n"
    ) == [
        "p.yaml:2:31: company.employees: expected a whole number, found 'many'",
        "p.yaml:3:36: programme.manual.last_updated: expected a date written YYYY-MM-DD, found the number 20260105",
    ]


def test_an_empty_text_value_is_still_missing():
    assert problems("schema_version: 1\ncompany: {name: }\n") == [
        "p.yaml:2:17: company.name: expected text, found nothing (null)"
    ]


def test_one_value_where_a_list_is_wanted_shows_the_list():
    text = profile("programme: {training: {sessions: [{date: 2026-01-05, audience: sales}]}}\n")
    assert problems(text) == [
        "p.yaml:3:64: programme.training.sessions[0].audience: expected a list, found 'sales': "
        "write it as a list: [sales]"
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("UAE", "AE"),
        ("Germany", "DE"),
        ("UK", "GB"),
        ("德国", "DE"),
        ("德國", "DE"),
        ("USA", "US"),
        ("Russia", "RU"),
        ("United Arab Emirates", "AE"),
        ("de", "DE"),
        ("EL", "GR"),
    ],
)
def test_a_country_name_or_abbreviation_gets_its_code(written, meant):
    assert problems(profile(f"parties:\n  - {{id: p1, name: Kestrel, country: {written}}}\n")) == [
        f"p.yaml:4:38: parties[0].country: {written!r} is not an ISO 3166-1 alpha-2 country code "
        + (
            f"(did you mean {meant!r}? codes are upper case)"
            if written == meant.lower()
            else f"(did you mean {meant!r}?)"
        )
    ]


def test_a_name_shared_by_two_countries_gets_no_guess():
    assert problems(profile("parties:\n  - {id: p1, name: Kestrel, country: Korea}\n")) == [
        "p.yaml:4:38: parties[0].country: 'Korea' is not an ISO 3166-1 alpha-2 country code"
    ]


def test_the_hints_load_only_when_something_is_wrong():
    code = (
        "import sys\nfrom checker.validate import load_profile\n"
        f"load_profile({str(SAMPLES / 'gaps.yaml')!r})\n"
        "print(sorted(m for m in sys.modules if m.endswith(('country_hints', 'syntax_hints', 'difflib', 'gettext'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_an_unquoted_technology_code_is_checked_not_refused(tmp_path):
    source = (SAMPLES / "gaps.yaml").read_text(encoding="utf-8")
    path = tmp_path / "drone.yaml"
    path.write_text(source.replace("control_code: 1C903.a", "control_code: 3E001", 1), encoding="utf-8")
    assert load_profile(path).profile.items[1].control_code == "3E001"
    run = run_cli("check", path, "--format", "json")
    assert (run.code, run.err) == (1, "")
