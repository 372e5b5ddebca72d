"""Screening lists: the shipped snapshots, importing a copy (UN XML, CSV, YAML), `lists show`, the default lists
of `check`, and the notice that a list is old."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from checker.errors import InputError
from checker.lists import KNOWN_LISTS, STALE_AFTER_DAYS
from checker.lists.shipped import read_shipped
from checker.lists.staleness import stale_lists
from checker.lists.un_xml import read_un_xml
from checker.profile.vocabulary import ScreeningList
from checker.reference import ReferenceData
from tests.conftest import REFERENCE, ROOT, run_cli

DATA = ROOT / "tests" / "data" / "lists"
UN = DATA / "un-consolidated-fixture.xml"
CONTROL_CSV = DATA / "control-list.csv"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A user data folder of the test's own, empty."""
    monkeypatch.setenv("EXPORTCHECK_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "lists"


def test_the_un_xml_is_read_with_its_date_and_its_quirks():
    dataset = read_un_xml(UN)
    assert (dataset.list, dataset.version, dataset.as_of, dataset.basis) == (
        ScreeningList.un_security_council_sanctions,
        "2026-01-15T00:00:07.250Z",
        date(2026, 1, 15),
        "P",
    )
    person, firm, pair = dataset.entries
    # `na` is no name part, spaces are collapsed, the time-zone suffix of a date is set aside, the `Low` alias
    # is left out and the one alias holding two names is split
    assert (person.name, person.kind, person.reference, person.listed_on, person.updated_on) == (
        "PAVEL ANDREEVICH SAMPLOV",
        "individual",
        "KPi.951 (DPRK)",
        date(2016, 11, 30),
        date(2021, 7, 9),
    )
    assert person.aliases == ["Pavel Samploff", "Paul Samplov", "Павел Андреевич Симплов"]
    assert (firm.name, firm.name_zh, firm.aliases, firm.reference, firm.updated_on) == (
        "SOUTHGATE SAMPLE FREIGHT & MACHINERY CO LTD",
        "南門樣本貨運機械有限公司",
        ["Southgate Sample Trading Ltd"],
        "KPe.951 (DPRK)",
        None,
    )
    # two names in one FIRST_NAME; an empty placeholder alias is no alias
    assert (pair.name, pair.aliases) == ("EXAMPLE AIR CARGO (EAC)", ["DEMO LAKES TRADING (DLT)"])


def test_a_list_of_another_shape_is_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        read_un_xml(DATA / "sdn-shaped.xml")
    assert "the root element is <sdnList>, not <CONSOLIDATED_LIST>" in str(caught.value.problems[0])


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("<DATAID>8880101</DATAID>", "", ":49:1: <ENTITY>: no DATAID"),
        (
            "<LISTED_ON>2007-03-29</LISTED_ON>",
            "<LISTED_ON>29 March 2007</LISTED_ON>",
            ":77:1: <ENTITY>: CDe.951: LISTED_ON is not a date",
        ),
        ("</ENTITIES>\n</CONSOLIDATED_LIST>\n", "", ":96:3: not well-formed XML: no element found"),
        ('dateGenerated="2026-01-15T00:00:07.250Z"', 'dateGenerated="soon"', ":3:1: dateGenerated is not a date"),
    ],
)
def test_a_malformed_import_is_an_input_error_at_its_element_and_keeps_the_old_list(
    tmp_path, data_dir, old, new, where
):
    assert run_cli("lists", "import", "un", UN).code == 0
    kept = (data_dir / "un-security-council-consolidated.yaml").read_bytes()
    text = UN.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "consolidated.xml"
    broken.write_text(text.replace(old, new), encoding="utf-8")
    run = run_cli("lists", "import", "un", broken)
    assert run.code == 2
    assert f"{broken}{where}" in run.err
    assert "nothing was written" in run.err
    assert (data_dir / "un-security-council-consolidated.yaml").read_bytes() == kept


def test_an_imported_list_takes_the_place_of_the_shipped_one_in_show(data_dir):
    before = {row["list"]: row for row in json.loads(run_cli("lists", "show", "--format", "json").out)}
    assert before["un_security_council_sanctions"]["origin"] == "shipped"
    run = run_cli("lists", "import", "un", UN)
    assert run.code == 0
    assert "imported un_security_council_sanctions 2026-01-15T00:00:07.250Z (as of 2026-01-15, 3 entries)" in run.err
    after = {row["list"]: row for row in json.loads(run_cli("lists", "show", "--format", "json").out)}
    un = after["un_security_council_sanctions"]
    assert (un["origin"], un["as_of"], un["entries"], un["basis"]) == ("imported", "2026-01-15", 3, "P")
    assert un["file"] == str(data_dir / "un-security-council-consolidated.yaml")
    assert after["mofcom_control_list"] == before["mofcom_control_list"]
    assert run_cli("lists", "remove", "un").code == 0
    assert json.loads(run_cli("lists", "show", "--format", "json").out) == list(before.values())
    assert "no imported copy of un_security_council_sanctions" in run_cli("lists", "remove", "un").err


def test_lists_show_gives_every_list_its_source_date_and_grade(data_dir):
    rows = json.loads(run_cli("lists", "show", "--format", "json").out)
    assert [(row["list"], row["origin"], row["as_of"], row["entries"], row["basis"]) for row in rows] == [
        ("mofcom_control_list", "shipped", "2026-08-24", 153, "S"),
        ("mofcom_watch_list", "shipped", "2026-08-24", 40, "S"),
        ("unreliable_entity_list", "shipped", "2026-08-24", 71, "S"),
        ("un_security_council_sanctions", "shipped", "2026-02-27", 1003, "P"),
    ]
    assert all("not the official list" in row["source"] for row in rows[:3])
    text = run_cli("lists", "show").out
    assert "mofcom_watch_list  MOFCOM watch list / 关注名单" in text
    assert (
        "shipped: mofcom-watch-list partial snapshot compiled 2026-08-24, as of 2026-08-24, 40 entries, grade S" in text
    )


def test_a_csv_list_imports_with_its_columns(data_dir):
    run = run_cli("lists", "import", "control", CONTROL_CSV, "--as-of", "2026-09-01", "--source", "own copy")
    assert run.code == 0, run.err
    from checker.lists.store import read_imported

    dataset = read_imported(ScreeningList.mofcom_control_list)
    assert (dataset.version, dataset.as_of, dataset.source) == ("2026-09-01", date(2026, 9, 1), "own copy")
    first, second = dataset.entries
    assert (first.name_zh, first.aliases, first.military, first.announcement) == (
        "虚构航空动力公司",
        ["Fictional Aero", "FAC"],
        True,
        "MOFCOM2025-1",
    )
    assert (second.name, second.removed_on, second.status_source) == (
        "Sample Optics Inc.",
        date(2025, 8, 12),
        "S: measures stopped",
    )


def test_a_csv_row_that_does_not_validate_is_an_error_at_its_line(tmp_path, data_dir):
    bad = tmp_path / "control.csv"
    bad.write_text(CONTROL_CSV.read_text(encoding="utf-8").replace("2025-04-10", "10/04/2025"), encoding="utf-8")
    run = run_cli("lists", "import", "control", bad, "--as-of", "2026-09-01")
    assert run.code == 2
    assert f"{bad}:3:1: listed_on: expected a date written YYYY-MM-DD" in run.err
    assert not (data_dir / "mofcom-control-list.yaml").exists()
    assert "needs --as-of" in run_cli("lists", "import", "control", CONTROL_CSV).err


def test_a_yaml_copy_of_another_list_is_refused(data_dir):
    excerpt = ROOT / "tests" / "data" / "reference" / "control-list-excerpt.yaml"
    assert run_cli("lists", "import", "control", excerpt).code == 0
    run = run_cli("lists", "import", "watch", excerpt)
    assert (run.code, "this is a copy of mofcom_control_list, not of mofcom_watch_list" in run.err) == (2, True)


def test_the_shipped_snapshots_carry_the_status_history():
    control = read_shipped(ScreeningList.mofcom_control_list)
    by_announcement: dict[str | None, list] = {}
    for entry in control.entries:
        by_announcement.setdefault(entry.announcement, []).append(entry)
    assert len(by_announcement["MOFCOM2025-22"]) == 12
    assert {(e.removed_on, e.suspended_from) for e in by_announcement["MOFCOM2025-22"]} == {(date(2025, 8, 12), None)}
    assert {(e.suspended_from, e.suspended_to) for e in by_announcement["MOFCOM2025-21"]} == {
        (date(2025, 8, 12), date(2026, 11, 10))
    }
    assert {(e.suspended_from, e.suspended_to) for e in by_announcement["MOFCOM2025-13"]} == {
        (date(2025, 11, 10), None)
    }
    assert all(
        e.status_source for key in ("MOFCOM2025-13", "MOFCOM2025-21", "MOFCOM2025-22") for e in by_announcement[key]
    )
    assert {e.removed_on for e in by_announcement["MOFCOM2025-1"]} == {None}
    lockheed = next(
        e for e in read_shipped(ScreeningList.unreliable_entity_list).entries if e.name == "Lockheed Martin Corporation"
    )
    assert (lockheed.listed_on, lockheed.announcement) == (date(2023, 2, 16), None)
    for each in KNOWN_LISTS:
        assert read_shipped(each.list).list == each.list


def _profile_with(tmp_path, old: str, new: str):
    text = REFERENCE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "profile.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_check_consults_the_default_lists_and_names_each_version(tmp_path, data_dir):
    profile = _profile_with(tmp_path, "name: Nordmagnet AS", "name: Lockheed Martin Corporation")
    data = json.loads(run_cli("check", profile, "--format", "json", "--fail-on", "none").out)
    assert [(d["name"], d["version"], d["as_of"], d["basis"]) for d in data["reference_data"]] == [
        ("mofcom-control-list", "partial snapshot compiled 2026-08-24", "2026-08-24", "S"),
        ("mofcom-watch-list", "partial snapshot compiled 2026-08-24", "2026-08-24", "S"),
        ("unreliable-entity-list", "partial snapshot compiled 2026-08-24", "2026-08-24", "S"),
        ("un-security-council-consolidated", "2026-02-27T00:00:09.554Z", "2026-02-27", "P"),
    ]
    run_cli("lists", "import", "un", UN)
    excerpt = ROOT / "tests" / "data" / "reference" / "control-list-excerpt.yaml"
    data = json.loads(run_cli("check", profile, "--format", "json", "--fail-on", "none", "--reference", excerpt).out)
    assert [(d["name"], d["version"]) for d in data["reference_data"]] == [
        ("mofcom-control-list-excerpt", "compiled-2026-08-24"),
        ("mofcom-watch-list", "partial snapshot compiled 2026-08-24"),
        ("unreliable-entity-list", "partial snapshot compiled 2026-08-24"),
        ("un-security-council-consolidated", "2026-01-15T00:00:07.250Z"),
    ]
    off = json.loads(run_cli("check", profile, "--format", "json", "--fail-on", "none", "--no-default-lists").out)
    assert off["reference_data"] == []


def test_a_profile_without_parties_reads_no_list(tmp_path, monkeypatch):
    bare = tmp_path / "bare.yaml"
    bare.write_text("schema_version: 1\ncompany: {name: Bare Co.}\n", encoding="utf-8")

    def unread(*_):
        raise AssertionError("a list was read")

    monkeypatch.setattr("checker.lists.defaults.read_shipped", unread)
    monkeypatch.setattr("checker.lists.defaults.read_imported", unread)
    data = json.loads(run_cli("check", bare, "--format", "json", "--fail-on", "none").out)
    assert data["reference_data"] == []
    assert [n["kind"] for p in data["profiles"] for n in p["notices"] if n["kind"] == "list_stale"] == []


def test_a_list_older_than_the_limit_at_the_assessment_date_gives_a_notice():
    dataset = read_shipped(ScreeningList.mofcom_watch_list)
    reference = ReferenceData((dataset,))
    assert stale_lists(reference, dataset.as_of + timedelta(days=STALE_AFTER_DAYS)) == []
    (notice,) = stale_lists(reference, dataset.as_of + timedelta(days=STALE_AFTER_DAYS + 1))
    assert (notice.kind, notice.refs) == ("list_stale", ("mofcom-watch-list",))
    assert notice.en.startswith(
        "The list mofcom-watch-list (partial snapshot compiled 2026-08-24) is complete to 2026-08-24, 91 days before "
        "the assessment date, more than 90: parties listed since then were not screened against it."
    )
    assert "比评估日期早 91 天" in notice.zh


def test_a_party_named_as_a_shipped_entry_is_on_the_lists_from_their_dates():
    from checker.facts import derive

    reference = ReferenceData(tuple(read_shipped(each.list) for each in KNOWN_LISTS))
    data = {
        "parties": [{"id": "LM", "name": "Lockheed Martin Corporation"}, {"id": "EC", "name": "Echodyne"}],
        "exports": [
            {"id": "E-1", "date": date(2024, 6, 3), "end_user": "LM"},
            {"id": "E-2", "date": date(2025, 3, 3), "end_user": "LM"},
            {"id": "E-3", "date": date(2025, 5, 6), "end_user": "EC"},
            {"id": "E-4", "date": date(2025, 9, 1), "end_user": "EC"},
        ],
    }
    derived = derive(data, reference)
    assert [party["reference_lists"] for party in derived["parties"]] == [
        ["mofcom_control_list", "unreliable_entity_list"],
        ["mofcom_control_list"],
    ]
    # on the Unreliable Entity List since 2023, on the control list since 2 Jan 2025; Echodyne's listing of
    # 10 Apr 2025 was removed on 12 Aug 2025
    assert [export["party_lists"] for export in derived["exports"]] == [
        ["unreliable_entity_list"],
        ["mofcom_control_list", "unreliable_entity_list"],
        ["mofcom_control_list"],
        [],
    ]


def test_what_the_dataset_refuses_is_an_input_error_of_the_import(data_dir):
    run = run_cli("lists", "import", "control", CONTROL_CSV, "--as-of", "2026-09-01", "--source", "x" * 400)
    assert run.code == 2
    assert f"{CONTROL_CSV}: source: text of 400 characters is too long (at most 300)" in run.err
