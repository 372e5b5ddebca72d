"""Time: each requirement applies while its sources are in force, records after the assessment date are left out,
measures are suspended and resumed as recorded, listings and classifications have dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from checker.bilingual import Bilingual
from checker.errors import InputError
from checker.evaluate.engine import evaluate
from checker.facts import derive
from checker.language.predicate_parser import PredicateError, parse_predicate
from checker.pipeline import assess
from checker.results import Status
from checker.ruleset.checklist import checklist
from checker.ruleset.loading import load_ruleset
from checker.ruleset.rule import Rule
from checker.ruleset.sources import Change, Citation, SourceDoc
from checker.ruleset.standing import lapsed_changes, standing
from checker.validate import load_profile
from tests.conftest import ROOT

GAPS = ROOT / "samples" / "gaps.yaml"
TODAY = date(2026, 12, 6)


def assessed(day: str, path=GAPS, ruleset=None):
    ruleset = ruleset or load_ruleset()
    return assess([load_profile(path)], ruleset, as_of=date.fromisoformat(day), today=TODAY).profiles[0]


def by_rule(profile, rule_id):
    return [result for result in profile.results if result.rule_id == rule_id]


# ---- standing of a document on a day -------------------------------------------------------------------------


def measure(*history: dict) -> SourceDoc:
    return SourceDoc.model_validate(
        {
            "id": "M",
            "short": {"en": "M", "zh": "M"},
            "title": {"en": "M", "zh": "M"},
            "issuer": {"en": "I", "zh": "I"},
            "in_force_from": "2025-01-01",
            "status": "in_force",
            "binding": "ministerial_rule",
            "unit": "document",
            "history": list(history),
        }
    )


def test_a_suspension_runs_to_its_last_day_inclusive_then_lapses():
    doc = measure({"kind": "suspended", "from": "2025-11-07", "to": "2026-11-10", "basis": "S"})
    assert standing(doc, date(2025, 11, 6)).applies
    assert standing(doc, date(2025, 11, 7)).why == "suspended"
    assert standing(doc, date(2026, 11, 10)).why == "suspended"
    after = standing(doc, date(2026, 11, 11))
    assert (after.applies, after.lapsed) == (True, True)
    assert lapsed_changes(doc, date(2026, 11, 10)) == []
    assert [change.to for change in lapsed_changes(doc, date(2026, 11, 11))] == [date(2026, 11, 10)]


def test_a_later_change_ends_the_uncertainty():
    doc = measure(
        {"kind": "suspended", "from": "2025-11-07", "to": "2026-11-10", "basis": "S"},
        {"kind": "ended", "from": "2026-11-11", "basis": "P"},
    )
    assert standing(doc, date(2026, 11, 20)).why == "no_longer_in_force"
    assert lapsed_changes(doc, date(2026, 11, 20)) == []


def test_a_suspension_without_an_end_holds_and_never_lapses():
    doc = measure({"kind": "suspended", "from": "2025-11-10", "basis": "S"})
    assert standing(doc, date(2030, 1, 1)).why == "suspended"
    assert lapsed_changes(doc, date(2030, 1, 1)) == []


def test_a_suspended_part_leaves_the_document_in_force_but_is_reported_when_it_lapses():
    part = {"en": "paragraph 2", "zh": "第二款"}
    doc = measure({"kind": "suspended", "from": "2025-11-09", "to": "2026-11-27", "part": part, "basis": "S"})
    assert standing(doc, date(2026, 1, 1)).applies
    [lapsed] = lapsed_changes(doc, date(2026, 11, 29))
    assert lapsed.part == Bilingual(**part)


def test_a_change_is_written_with_from():
    change = Change.model_validate({"kind": "ended", "from": "2025-08-12", "basis": "S"})
    assert change.start == date(2025, 8, 12)


# ---- a rule applies while one of its requirements is in force --------------------------------------------------


def test_penalty_and_context_citations_do_not_decide_when_a_rule_applies(ruleset):
    # LIC-008 rests on DUR Art. 15; its penalty citation (DUR Art. 39) and the Administrative Penalty Law
    # of 2021 it cites on voluntary reports are no reason to apply it earlier or later.
    roles = {(c.doc, c.article): c.role.value for c in ruleset.get("LIC-008").sources}
    assert roles == {("DUR", "15"): "requirement", ("DUR", "39"): "penalty", ("APL", "32"): "context"}
    # REV-004 rests on DUR Art. 14; the ICP guidance it also cites only explains.
    assert [c.role.value for c in ruleset.get("REV-004").sources] == ["requirement", "context"]


def test_a_rule_on_a_suspended_measure_is_not_applicable_then_applies_with_a_note_after_the_lapse(ruleset):
    base = ruleset.get("REC-001")
    data = {name: getattr(base, name) for name in Rule.model_fields}
    first = Citation(doc="MOFCOM2025-61", basis="S", fact="MOFCOM2025-61#content")
    rule = Rule.model_validate({**data, "sources": [first]})
    only = replace(ruleset, rules=(rule,))
    profile = load_profile(GAPS)
    [during] = {r.message_en for r in evaluate(profile, only, date(2026, 11, 9))}
    assert during == (
        "On 2026-11-09 MOFCOM Announcement 2025 No. 61 is suspended by MOFCOM and GAC Announcement 2025 No. 70, "
        "from 2025-11-07 to 2026-11-10."
    )
    after = [r for r in evaluate(profile, only, date(2026, 11, 29)) if r.status != Status.not_applicable]
    assert after
    for result in after:
        assert result.message_en.endswith(
            "Status unknown after 2026-11-10: the suspension of MOFCOM Announcement 2025 No. 61 by MOFCOM and GAC "
            "Announcement 2025 No. 70 ran out that day, and nothing later is recorded: re-check with MOFCOM."
        )
        assert "2026-11-10之后状态未知" in result.message_zh


def test_a_part_resting_on_a_later_source_is_left_out_before_it_and_said_so():
    [early] = by_rule(assessed("2023-06-30"), "SCR-001")
    assert early.status == Status.failed
    assert early.message_en == (
        "Screening covers MOFCOM control list, UN Security Council sanctions list; it should also cover: "
        "Unreliable Entity List. Not assessed: the part resting on DUR Art. 26. 2023-06-30 is before DUR took "
        "effect on 2024-12-01."
    )
    [late] = by_rule(assessed("2026-11-09"), "SCR-001")
    assert late.message_en == (
        "Screening covers MOFCOM control list, UN Security Council sanctions list; it should also cover: "
        "MOFCOM watch list, Unreliable Entity List."
    )


def test_an_in_force_part_must_rest_on_a_source_the_rule_cites(refusal):
    path, message = refusal("screening/SCR-001.yaml", "    source: DUR 26\n", "    source: DUR 27\n")
    assert message == f"{path}: check part in_force rests on 'DUR 27', which the rule does not cite"


def test_an_in_force_part_names_its_source_plainly():
    with pytest.raises(PredicateError, match=r"check.in_force.source: expected a document and article"):
        parse_predicate({"in_force": {"source": "Art. 26 of the DUR", "check": {"exists": "x"}}})


# ---- records after the assessment date ----------------------------------------------------------------------------


def test_records_dated_after_the_assessment_date_are_left_out_and_counted():
    profile = assessed("2026-07-01")
    judged = {record for r in profile.results if r.rule_id == "LIC-001" for record in r.records or (r.subject,)}
    assert judged == {"E-2026-031"}
    notices = [(n.kind, n.en, n.zh) for n in profile.notices if n.kind == "records_after_date"]
    assert notices == [
        (
            "records_after_date",
            "2 record(s) of exports dated after the assessment date 2026-07-01 were not assessed.",
            "出口中有 2 条记录晚于评估日期 2026-07-01，未予评估。",
        )
    ]


def test_a_rule_whose_every_record_is_later_says_so():
    [result] = by_rule(assessed("2025-01-15"), "LIC-001")
    assert result.status == Status.not_applicable
    assert result.message_en == (
        "Every record of exports (3) is dated after the assessment date 2025-01-15; none was assessed."
    )


# ---- the sample on the four dates the sources name ----------------------------------------------------------------


def test_the_sample_on_four_dates_differs_as_the_sources_dates_say():
    before_all = assessed("2021-01-01")
    # Before the ICP guidance (28 Apr 2021) and the DUR (1 Dec 2024): only ECL and UEL requirements apply.
    ruleset = load_ruleset()
    items = {item.id: item for item in checklist(ruleset)}  # a checklist item rests on its catalogue's source
    for result in before_all.results:
        rule = ruleset.get(result.rule_id)
        if rule is None:
            starts = [ruleset.sources[items[result.rule_id].framework].in_force_from]
        else:
            starts = [ruleset.sources[c.doc].in_force_from for c in rule.sources if c.role.value == "requirement"]
        if result.status == Status.not_applicable and "took effect" in result.message_en:
            assert min(starts) > date(2021, 1, 1), result.rule_id
        elif result.status != Status.not_applicable:
            assert min(starts) <= date(2021, 1, 1), result.rule_id
    [rec] = by_rule(before_all, "REC-001")
    assert rec.message_en == "2021-01-01 is before DUR took effect on 2024-12-01."
    [pol] = by_rule(before_all, "POL-001")
    assert pol.message_en == "2021-01-01 is before ICP guidance took effect on 2021-04-28."

    after_dur = assessed("2024-12-15")
    assert by_rule(after_dur, "REC-001")[0].status != Status.not_applicable

    during = assessed("2026-11-09")
    lapsed = assessed("2026-11-29")
    assert not [n for n in during.notices if n.kind == "status_unknown"]
    unknown = [n for n in lapsed.notices if n.kind == "status_unknown"]
    assert [n.refs for n in unknown] == [
        ("MOFCOM2025-21",),
        ("MOFCOM2025-55-58", "MOFCOM2025-61", "MOFCOM2025-62"),
        ("MOFCOM2024-46",),
    ]
    assert unknown[1].en == (
        "Status unknown after 2026-11-10: the suspension of MOFCOM and GAC Announcements 2025 Nos. 55–58, MOFCOM "
        "Announcement 2025 No. 61, MOFCOM Announcement 2025 No. 62 by MOFCOM and GAC Announcement 2025 No. 70 ran "
        "out that day, and nothing later is recorded: re-check with MOFCOM."
    )
    # Between the two, only the rules that count months back from the assessment date may change.
    changed = {
        r.rule_id
        for r, s in zip(during.results, lapsed.results, strict=True)
        if (r.status, r.message_en) != (s.status, s.message_en)
    }
    assert changed <= {"RSK-001", "TRN-001", "AUD-001", "EMR-007", "TRN-002"}


# ---- dated listings and classification history --------------------------------------------------------------------


def listed(entry, day):
    data = {
        "parties": [{"id": "P", "name": "Listed Co", "listed_on": [entry]}],
        "exports": [{"id": "E", "date": day, "item": "I", "destination": "US", "end_user": "P"}],
    }
    return derive(data)["exports"][0]["party_lists"]


@pytest.mark.parametrize(
    ("entry", "day", "lists"),
    [
        ("mofcom_control_list", date(2020, 1, 1), ["mofcom_control_list"]),
        ({"list": "mofcom_control_list", "date": date(2025, 4, 4)}, date(2025, 4, 3), []),
        ({"list": "mofcom_control_list", "date": date(2025, 4, 4)}, date(2025, 4, 4), ["mofcom_control_list"]),
        ({"list": "mofcom_control_list", "removed_on": date(2026, 1, 1)}, date(2026, 1, 1), []),
        ({"list": "mofcom_control_list", "suspended_from": date(2025, 8, 12)}, date(2030, 1, 1), []),
        (
            {"list": "mofcom_control_list", "suspended_from": date(2025, 8, 12), "suspended_to": date(2025, 11, 9)},
            date(2025, 11, 10),
            ["mofcom_control_list"],
        ),
    ],
)
def test_a_listing_counts_while_it_is_in_force(entry, day, lists):
    assert listed(entry, day) == lists


def test_a_listing_follows_the_announcement_that_made_it():
    ruleset = load_ruleset()
    from checker.evaluate.timing import announcement_standing

    standing_of = announcement_standing(ruleset.sources)
    data = {
        "parties": [
            {"id": "P", "name": "X", "listed_on": [{"list": "mofcom_control_list", "announcement": "MOFCOM2025-22"}]}
        ],
        "exports": [
            {"id": "E1", "date": date(2025, 5, 1), "item": "I", "destination": "US", "end_user": "P"},
            {"id": "E2", "date": date(2025, 9, 1), "item": "I", "destination": "US", "end_user": "P"},
        ],
    }
    exports = derive(data, announcements=standing_of)["exports"]
    assert [e["party_lists"] for e in exports] == [["mofcom_control_list"], []]


def test_listing_dates_in_the_wrong_order_are_input_errors(edited):
    path = edited(
        (
            "    screening_result: clear              # clear, possible_match, match\n",
            "    screening_result: match\n"
            "    listed_on: [{list: mofcom_control_list, date: 2025-04-04, removed_on: 2025-01-01}]\n",
        )
    )
    with pytest.raises(InputError) as error:
        load_profile(path)
    assert "2025-01-01 is before the party was listed (2025-04-04)" in str(error.value)


def test_an_item_reclassified_later_keeps_its_earlier_code_for_earlier_exports():
    data = {
        "items": [
            {
                "id": "I",
                "control_code": "not_listed",
                "classified_on": date(2024, 1, 10),
                "classifications": [{"control_code": "1C902.a", "classified_on": date(2025, 4, 20)}],
            }
        ],
        "exports": [
            {"id": "E1", "date": date(2025, 3, 1), "item": "I", "destination": "US"},
            {"id": "E2", "date": date(2025, 5, 1), "item": "I", "destination": "US"},
        ],
    }
    assert [e["classified_as"] for e in derive(data)["exports"]] == ["not_listed", "1C902.a"]


def test_a_finding_on_a_listing_whose_announcement_lapsed_says_its_status_is_unknown(ruleset, edited):
    path = edited(
        (
            "    screening_result: clear              # clear, possible_match, match\n",
            "    screening_result: match\n"
            "    listed_on: [{list: mofcom_control_list, date: 2025-04-04, announcement: MOFCOM2025-21}]\n",
        ),
        ("    date: 2026-06-18\n    item: ITM-SM\n", "    date: 2026-11-20\n    item: ITM-SM\n"),
    )
    only = replace(ruleset, rules=(ruleset.get("SCR-006"),))
    during = [r for r in evaluate(load_profile(path), only, date(2026, 11, 9)) if r.subject == "EXP-26-0311"]
    assert during == []  # dated after the assessment date: left out
    [after] = [r for r in evaluate(load_profile(path), only, date(2026, 12, 15)) if r.subject == "EXP-26-0311"]
    assert after.status == Status.failed
    assert after.message_en == (
        "EXP-26-0311: exported to a party on the MOFCOM control list with no permission on record (PTY-NORD → "
        "MOFCOM control list (MOFCOM2025-21 · 2025-04-04)). Status unknown "
        "after 2026-11-10: the suspension of MOFCOM Announcement 2025 No. 21 ran out that day, and nothing later is "
        "recorded: re-check with MOFCOM."
    )
