"""Name screening: what matches strongly, what only possibly, what not at all, and the findings it leads to."""

from __future__ import annotations

import json
from datetime import date

import pytest

from checker.facts import derive
from checker.reference import ReferenceData
from checker.reference.datasets import load_dataset
from checker.screening.matcher import POSSIBLE, STRONG, Matcher
from checker.screening.names import name_keys
from tests.conftest import ROOT, SAMPLES, run_cli

EXAMPLES = ROOT / "rules" / "examples"
CONTROL = EXAMPLES / "control-list-excerpt.yaml"
WATCH = EXAMPLES / "watch-list-excerpt.yaml"

ENTRIES = [
    ["Lockheed Martin Corporation", "洛克希德·马丁公司"],
    ["Lockheed Martin Aeronautics", "洛克希德·马丁航空公司"],
    ["Mitsubishi Heavy Industries Aero Engines, Ltd.", "三菱重工航空发动机株式会社"],
    ["Mitsubishi Heavy Industries Maritime Systems, Ltd.", "三菱重工海事系统株式会社"],
    ["Mitsubishi Materials Corporation", "三菱材料株式会社"],
    ["CHANG AN SHIPPING & TECHNOLOGY", "長安海連技術有限公司"],
    ["华为技术有限公司"],
    ["金铁三"],
    ["上海东方航运有限公司"],
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(ENTRIES)


def found(matcher: Matcher, name: str) -> list[tuple[int, str, str]]:
    return [(m.entry, m.strength, m.method) for m in matcher.match([name])]


SPELLINGS = [
    "LOCKHEED MARTIN CORP.",
    "Lockheed-Martin Corp",
    "Lockhead Martin",
    "Lockheed Martn Corporation",
    "Lockheed Martin",
]
OTHERS = ["Lockwood Marine Ltd", "Lockwood Martin Inc", "Martin Marietta Corp", "Lockheed Corp"]


@pytest.mark.parametrize("name", SPELLINGS)
def test_spellings_of_a_listed_name_match_strongly(matcher, name):
    (match,) = matcher.match([name])
    assert (match.entry, match.strength, match.method) == (0, "strong", "tokens")
    assert match.score >= STRONG


def test_a_misspelt_word_scores_above_the_strong_threshold_and_a_different_word_far_below(matcher):
    (typo,) = matcher.match(["Lockhead Martin"])
    assert typo.score == 93.3  # one letter in eight: just above STRONG (92)
    assert matcher.match(["Lockheed Marine Ltd"]) == []  # martin/marine: two edits in a six-letter word


@pytest.mark.parametrize("name", OTHERS)
def test_different_names_do_not_match(matcher, name):
    assert matcher.match([name]) == []


def test_a_close_name_below_the_strong_threshold_is_possible():
    matcher = Matcher([["Hanbit Motors Co., Ltd."], ["Orion Magnetics GmbH"]])
    (close,) = matcher.match(["Hanbat Motor"])
    assert (close.strength, close.method) == ("possible", "tokens") and POSSIBLE <= close.score < STRONG
    (two_letters,) = matcher.match(["Orian Magnetik"])
    assert two_letters.strength == "possible" and POSSIBLE <= two_letters.score < STRONG
    assert Matcher([["Hanbit Motors"]]).match(["Hanbat Motion"]) == []  # one word paired, one not: below 80


def test_a_name_holding_every_word_of_a_listed_one_is_only_possible(matcher):
    assert found(matcher, "Mitsubishi Heavy Industries") == [(2, "possible", "tokens"), (3, "possible", "contains")]
    # A strong match to one entry leaves out possible matches with the others.
    assert found(matcher, "Lockheed Martin Aeronautics Company") == [(1, "strong", "tokens")]


def test_chinese_names_match_by_their_characters_with_legal_forms_and_traditional_forms_set_aside(matcher):
    assert found(matcher, "洛克希德·马丁公司") == [(0, "strong", "characters")]
    assert found(matcher, "洛克希德马丁") == [(0, "strong", "characters")]
    assert found(matcher, "长安海连技术") == [(5, "strong", "characters")]
    assert found(matcher, "華為技術") == [(6, "strong", "characters")]


def test_a_chinese_short_name_matches_the_mhi_entries_only_as_possible(matcher):
    assert found(matcher, "三菱重工") == [(3, "possible", "characters"), (2, "possible", "characters")]


def test_one_chinese_character_apart_is_possible_and_a_different_word_is_not(matcher):
    assert found(matcher, "上海东风航运有限公司") == [(8, "possible", "characters")]
    assert found(matcher, "华鸿技术有限公司") == [(6, "possible", "characters")]
    assert found(matcher, "华为终端有限公司") == []


def test_pinyin_bridges_scripts_only_where_the_entry_has_no_name_in_that_script(matcher):
    assert found(matcher, "Jin Tiesan") == [(7, "possible", "pinyin")]
    assert found(matcher, "Huawei Technologies Co., Ltd.") == [(6, "possible", "pinyin")]
    # An entry with a Latin name is compared with a Latin spelling as written, not through a reading of its
    # Chinese name; one with only the Chinese name is read in pinyin.
    assert Matcher([["Lockheed Martin Corporation", "洛克希德·马丁公司"]]).match(["Luokexide Mading"]) == []
    assert found(Matcher([["洛克希德·马丁公司"]]), "Luokexide Mading") == [(0, "possible", "pinyin")]


def test_names_fold_width_case_punctuation_and_legal_forms():
    (key,) = name_keys("ＬＯＣＫＨＥＥＤ-Martin Co., Ltd.")
    assert key.tokens == ("lockheed", "martin")
    assert [k.cjk for k in name_keys("華信船務(香港)有限公司")] == ["华信船务香港", "华信船务"]
    assert [(k.tokens, k.cjk) for k in name_keys("Jin Tiesan (金铁三)")] == [
        (("jin", "tiesan"), "金铁三"),
        (("jin", "tiesan"), ""),
        ((), "金铁三"),
    ]
    assert [k.tokens for k in name_keys("Mohammad Islami; Mohamed Islami")] == [
        ("mohammad", "islami"),
        ("mohamed", "islami"),
    ]


def test_candidates_come_from_the_index_not_the_whole_list():
    entries = [[f"Entry{number:05d} Trading Company"] for number in range(5_000)] + [["Lockheed Martin Corporation"]]
    matcher = Matcher(entries)
    assert [m.entry for m in matcher.match(["Lockhead Martin"])] == [5_000]
    assert len(matcher._candidates(name_keys("Lockhead Martin")[0])) < 10


def screened(name: str, export_date: date, resolution: dict | None = None) -> dict:
    party = {"id": "P", "name": name, **({"match_resolution": resolution} if resolution else {})}
    data = {"parties": [party], "exports": [{"id": "E", "date": export_date, "consignee": "P", "end_user": "P"}]}
    return derive(data, ReferenceData((load_dataset(CONTROL), load_dataset(WATCH))), as_of=date(2026, 11, 1))


def test_a_strong_match_counts_for_exports_from_its_listing_date():
    after = screened("Lockheed-Martin Corp", date(2025, 1, 2))
    (match,) = after["parties"][0]["screening_matches"]
    assert (match["list"], match["entry"], match["announcement"], match["date"], match["score"]) == (
        "mofcom_control_list",
        "Lockheed Martin Corporation",
        "MOFCOM2025-1",
        date(2025, 1, 2),
        100.0,
    )
    assert match["standing"] is True
    assert after["parties"][0]["reference_lists"] == ["mofcom_control_list"]
    assert after["exports"][0]["party_lists"] == ["mofcom_control_list"]
    assert after["exports"][0]["party_listings"] == (
        "P → mofcom_control_list (Lockheed Martin Corporation · MOFCOM2025-1 · 2025-01-02 · 100)"
    )
    before = screened("Lockheed-Martin Corp", date(2025, 1, 1))
    assert before["exports"][0]["party_lists"] == []
    assert before["exports"][0]["party_listings"] is None


def test_a_possible_match_puts_no_list_on_the_export_and_a_false_positive_clears_all():
    possible = screened("三菱重工", date(2026, 6, 1))
    assert {m["strength"] for m in possible["parties"][0]["screening_matches"]} == {"possible"}
    assert possible["exports"][0]["party_lists"] == []
    cleared = screened("Lockheed Martin Corp", date(2026, 6, 1), {"date": "2026-05-01", "outcome": "false_positive"})
    assert cleared["parties"][0]["screening_matches"] == []
    assert cleared["exports"][0]["party_lists"] == []


def test_the_end_user_fails_at_the_party_and_at_the_export_citing_the_entry(tmp_path):
    text = (SAMPLES / "gaps.yaml").read_text(encoding="utf-8")
    profile = tmp_path / "gaps.yaml"
    profile.write_text(text.replace("name: Orion Magnetics GmbH", "name: Lockheed Martin Corporation"), "utf-8")
    run = run_cli("check", profile, "--format", "json", "--reference", CONTROL, "--no-default-lists")
    assert run.code == 1
    failing = {(r["rule_id"], r["subject_path"]): r for r in json.loads(run.out)["results"] if r["status"] == "fail"}
    party = failing[("SCR-010", "parties[P-ORION].name")]
    assert party["message"] == (
        "P-ORION (Lockheed Martin Corporation) matches Lockheed Martin Corporation on MOFCOM control list (as "
        "Lockheed Martin Corporation): MOFCOM Announcement 2025 No. 1, entry 6, announcement MOFCOM2025-1, listed "
        "on 2025-01-02, score 100 (tokens); entries matched: 1."
    )
    export = failing[("SCR-006", "exports[E-2026-031].listed_party_approval.reference")]
    assert export["message"] == (
        "E-2026-031: exported to a party on the MOFCOM control list with no permission on record (P-ORION → "
        "MOFCOM control list (Lockheed Martin Corporation · MOFCOM2025-1 · 2025-01-02 · 100))."
    )
    assert ("SCR-013", "parties[P-ORION].screening_result") in failing


@pytest.mark.parametrize(
    ("name", "entry", "score", "strength"),
    [
        ("LOCKHEED MARTIN CORP.", "Lockheed Martin Corporation", 100.0, "strong"),
        ("Lockhead Martin", "Lockheed Martin Corporation", 93.3, "strong"),
        ("Lockheed Martn Corporation", "Lockheed Martin Corporation", 96.6, "strong"),
        ("Hanbat Motor", "Hanbit Motors Co., Ltd.", 88.0, "possible"),
        ("Orian Magnetik", "Orion Magnetics GmbH", 82.8, "possible"),
        ("Mitsubishi Heavy Industries", "Mitsubishi Heavy Industries Aero Engines, Ltd.", 80.6, "possible"),
        ("洛克希德马丁", "洛克希德·马丁公司", 100.0, "strong"),
        ("長安海連技術有限公司", "长安海连技术", 100.0, "strong"),
        ("三菱重工", "三菱重工海事系统株式会社", 66.7, "possible"),
        ("上海东风航运有限公司", "上海东方航运有限公司", 83.3, "possible"),
        ("Jin Tiesan", "金铁三", 100.0, "possible"),
    ],
)
def test_the_scores_in_the_documentation(name, entry, score, strength):
    (match,) = Matcher([[entry]]).match([name])
    assert (match.score, match.strength) == (score, strength)
    assert f"| {score:g} |" in DOC or f"| {score} |" in DOC or f", {score:g} |" in DOC


DOC = (ROOT / "docs" / "screening.md").read_text(encoding="utf-8")


def test_the_shipped_lists_find_the_end_user_without_being_asked(tmp_path):
    text = (SAMPLES / "gaps.yaml").read_text(encoding="utf-8")
    profile = tmp_path / "gaps.yaml"
    profile.write_text(text.replace("name: Orion Magnetics GmbH", "name: Lockheed-Martin Corp"), "utf-8")
    run = run_cli("check", profile, "--format", "json")
    assert run.code == 1
    failing = {(r["rule_id"], r["subject_path"]): r for r in json.loads(run.out)["results"] if r["status"] == "fail"}
    party = failing[("SCR-010", "parties[P-ORION].name")]["message"]
    assert "on MOFCOM control list" in party and "announcement MOFCOM2025-1, listed on 2025-01-02" in party
    export = failing[("SCR-006", "exports[E-2026-031].listed_party_approval.reference")]["message"]
    assert "P-ORION → MOFCOM control list (Lockheed Martin Corporation · MOFCOM2025-1 · 2025-01-02" in export
    assert ("SCR-008", "exports[E-2026-031].listed_party_approval.reference") in failing  # also on the UEL
