"""Loading profiles: the reference contract, directories, and every input problem reported in one go."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.validate import load_profile
from tests.conftest import REFERENCE, line_of


def problems_of(path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_profile(path)
    return [str(problem) for problem in caught.value.problems]


def test_reference_profile_reads_unchanged():
    loaded = load_profile(REFERENCE)
    profile = loaded.profile
    assert profile.company.name == "Suzhou Lanting Precision Materials Co., Ltd."
    assert profile.parties[0].country == "NO"  # Norway, not false
    assert profile.licences[0].number == "2026-SZ-0117"
    assert profile.programme.manual.version == "3.1"
    assert loaded.data["exports"][0]["licence"] == "LIC-26-0117"


def test_typo_key_gets_a_suggestion_at_its_line(edited, reference_text):
    path = edited(("    retention_years: 5", "    retention_year: 5"))
    line = line_of(reference_text, "retention_years: 5")
    assert problems_of(path) == [
        f"{path}:{line}:5: unknown key 'retention_year' in programme.records (did you mean 'retention_years'?)"
    ]


def test_vocabulary_word_gets_a_suggestion(edited, reference_text):
    path = edited(("kind: single ", "kind: singel "))
    line = line_of(reference_text, "kind: single ")
    assert problems_of(path) == [
        f"{path}:{line}:11: licences[0].kind: 'singel' is not one of: single, general, registration_filing, "
        "military (did you mean 'single'?)"
    ]


def test_dangling_reference_points_at_the_reference(edited, reference_text):
    path = edited(("    licence: LIC-26-0117\n", "    licence: LIC-26-117\n"))
    line = line_of(reference_text, "    licence: LIC-26-0117")
    assert problems_of(path) == [
        f"{path}:{line}:14: exports[0].licence: 'LIC-26-117' is not the id of any licence in licences "
        "(did you mean 'LIC-26-0117'?)"
    ]


def test_duplicate_ids(edited, reference_text):
    path = edited(("  - id: PTY-KR", "  - id: PTY-NORD"))
    line = line_of(reference_text, "  - id: PTY-KR")
    first = line_of(reference_text, "  - id: PTY-NORD")
    found = problems_of(path)
    assert found[0] == (
        f"{path}:{line}:9: parties[1].id: 'PTY-NORD' is already the id of parties[0] "
        f"({path}:{first}); ids must be unique"
    )
    # The records that named PTY-KR now point at nothing, and say so.
    assert [p.split(": ", 2)[1] for p in found[1:]] == ["exports[1].consignee", "exports[1].end_user"]


def test_schema_version_other_than_1(edited):
    path = edited(("schema_version: 1", "schema_version: 2"))
    assert problems_of(path) == [f"{path}:13:17: schema_version: the number 2 is not supported; expected 1"]


def test_all_problems_reported_together(edited, reference_text):
    path = edited(
        ("schema_version: 1", "schema_version: 2"),
        ("country: NO", "country: no"),
        ("can_stop_transactions: true", "can_stop_transactions: yes"),
        ("last_drill: 2026-06-12", "last_drill: 2026-02-30"),
        ('version: "3.1"', "version: [3.10]"),
        ("employees: 640", "employees: [640]"),
        ("quantity: {amount: 2000, unit: kg}", "quantity: {amount: -2000, unit: kg}"),
        ("retention_years: 5", "retention_years: -1"),
        ("    licence: LIC-26-0117\n", "    licence: LIC-9\n"),
    )
    found = problems_of(path)
    assert [p.split(": ", 1)[1] for p in found] == [
        "schema_version: the number 2 is not supported; expected 1",
        "company.employees: expected a whole number, found a list",
        "programme.organization.can_stop_transactions: expected true or false, found 'yes' ('yes' is text in "
        "YAML 1.2; write true or false)",
        "programme.emergency_measures.last_drill: '2026-02-30' is not a real date",
        "programme.records.retention_years: the number -1 is too small: it must be at least 0",
        "programme.manual.version: expected text, found a list",
        "parties[0].country: 'no' is not an ISO 3166-1 alpha-2 country code (did you mean 'NO'? codes are upper case)",
        "licences[0].quantity.amount: the number -2000 is too small: it must be greater than 0",
        "exports[0].licence: 'LIC-9' is not the id of any licence in licences",
    ]
    assert [int(p.split(":")[1]) for p in found] == sorted(int(p.split(":")[1]) for p in found)


def test_uk_is_not_a_country_code(edited):
    path = edited(("    country: KR", "    country: UK"))
    assert problems_of(path)[0].endswith("'UK' is not an ISO 3166-1 alpha-2 country code (did you mean 'GB'?)")


def test_a_list_where_a_mapping_belongs(edited):
    path = edited(("external: {last_performed: 2025-06-30, auditor: Example Advisory LLP}", "external: [2025-06-30]"))
    assert problems_of(path)[0].endswith(
        "programme.audit.external: expected a mapping (key: value lines), found a list"
    )


def test_missing_required_key_points_at_the_record(edited, reference_text):
    path = edited(("  - id: EXP-26-0420\n    date: 2026-08-03\n", "  - id: EXP-26-0420\n"))
    line = line_of(reference_text, "  - id: EXP-26-0420")
    assert problems_of(path) == [f"{path}:{line}:5: missing required key 'date' in exports[1]"]


def test_top_level_list(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n")
    assert problems_of(path) == [f"{path}:1:1: expected a mapping of profile keys at the top of the file, found a list"]


def test_missing_file(tmp_path):
    assert problems_of(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file or directory"]


def split_reference(reference_text: str, directory) -> None:
    """The reference profile over three files: company, programme, activity."""
    lines = reference_text.splitlines(keepends=True)
    start_programme = next(i for i, text in enumerate(lines) if text.startswith("programme:"))
    start_items = next(i for i, text in enumerate(lines) if text.startswith("items:"))
    directory.mkdir()
    (directory / "01-company.yaml").write_text("".join(lines[:start_programme]), encoding="utf-8")
    (directory / "02-programme.yaml").write_text("".join(lines[start_programme:start_items]), encoding="utf-8")
    (directory / "03-activity.yaml").write_text("".join(lines[start_items:]), encoding="utf-8")


def test_directory_profile_merges_top_level_keys(tmp_path, reference_text):
    split_reference(reference_text, tmp_path / "profile")
    loaded = load_profile(tmp_path / "profile")
    assert loaded.data == load_profile(REFERENCE).data
    assert [name.rsplit("/", 1)[1] for name in loaded.files] == [
        "01-company.yaml",
        "02-programme.yaml",
        "03-activity.yaml",
    ]


def test_key_defined_in_two_files_names_both(tmp_path, reference_text):
    split_reference(reference_text, tmp_path / "profile")
    (tmp_path / "profile" / "04-extra.yaml").write_text("# more\nexports: []\n")
    first = tmp_path / "profile" / "03-activity.yaml"
    line = line_of(first.read_text(), "exports:")
    assert problems_of(tmp_path / "profile") == [
        f"{tmp_path / 'profile' / '04-extra.yaml'}:2:1: top-level key 'exports' is also defined in "
        f"{first}:{line}; each key may be defined in one file only"
    ]


def test_directory_reports_problems_of_every_file(tmp_path):
    directory = tmp_path / "p"
    directory.mkdir()
    (directory / "a.yaml").write_text("a: 1\na: 2\n")
    (directory / "b.yml").write_bytes(b"b: \xff\n")
    (directory / "notes.txt").write_text("ignored")
    assert problems_of(directory) == [
        f"{directory / 'a.yaml'}:2:1: duplicate key 'a' (first defined at line 1)",
        f"{directory / 'b.yml'}:1:4: file is not valid UTF-8 (byte 0xff); save it as UTF-8",
    ]


def test_empty_directory(tmp_path):
    assert problems_of(tmp_path) == [f"{tmp_path}: directory holds no .yaml or .yml files"]


def test_a_comment_only_file_in_a_directory_is_a_placeholder(tmp_path, reference_text):
    split_reference(reference_text, tmp_path / "profile")
    (tmp_path / "profile" / "00-notes.yaml").write_text("# licences for 2027 go here\n")
    assert load_profile(tmp_path / "profile").data == load_profile(REFERENCE).data


def test_a_directory_of_empty_files(tmp_path):
    (tmp_path / "a.yaml").write_text("# nothing yet\n")
    assert problems_of(tmp_path) == [f"{tmp_path}: every YAML file in the directory is empty"]


def test_a_licence_that_expires_before_it_was_issued(edited, reference_text):
    path = edited(("valid_until: 2027-05-05", "valid_until: 2026-01-05"))
    line = line_of(reference_text, "valid_until: 2027-05-05")
    assert problems_of(path) == [
        f"{path}:{line}:18: licences[0].valid_until: 2026-01-05 is before the licence was issued (2026-05-06)"
    ]


def test_a_listing_is_explained_in_the_form_it_was_written(edited, reference_text):
    path = edited(
        (
            "    screening_result: clear              # clear, possible_match, match",
            "    screening_result: clear\n"
            "    listed_on: [other_list, {list: other, date: 2026-01-05, suspended_to: 2026-02-01}]",
        )
    )
    line = line_of(reference_text, "screening_result: clear") + 1
    words = "mofcom_control_list, mofcom_watch_list, unreliable_entity_list, un_security_council_sanctions, other"
    assert problems_of(path) == [
        f"{path}:{line}:17: parties[0].listed_on[0]: 'other_list' is not one of: {words} (did you mean 'other'?)",
        f"{path}:{line}:75: parties[0].listed_on[1].suspended_to: suspended_to needs suspended_from",
    ]
