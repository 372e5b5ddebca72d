"""The stages between evaluation and the reports: finding identity, the apply stage, score and gate."""

from __future__ import annotations

from datetime import date

import pytest

from checker.apply import Adjustment, apply
from checker.pipeline import assess
from checker.results import Status
from checker.validate import load_profile
from tests.conftest import SAMPLES

NEW_EXPORT = """\
exports:
  - id: E-2026-001
    date: 2026-01-05
    item: TB-MET
    quantity: {amount: 20, unit: kg}
    destination: DE
    consignee: P-ORION
    end_user: P-ORION
    licence: null
    red_flags: [evasive_answers]
    screened_on: 2026-01-02
"""


def _assessed(path, **options):
    from checker.ruleset.loading import load_ruleset

    return assess([load_profile(path)], load_ruleset(), as_of=None, today=date(2026, 11, 29), **options)


@pytest.fixture(scope="module")
def gaps():
    return _assessed(SAMPLES / "gaps.yaml")


def test_an_export_inserted_at_the_top_leaves_every_other_finding_its_identity(gaps, tmp_path):
    text = (SAMPLES / "gaps.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "gaps.yaml"
    changed.write_text(text.replace("exports:\n", NEW_EXPORT, 1), encoding="utf-8")
    after = _assessed(changed)

    def identities(assessment):
        return {(r.rule_id, r.subject_path, r.status): r.fingerprint for r in assessment.results}

    before, later = identities(gaps), identities(after)
    assert set(before) <= set(later)  # every finding of before is still there, at the same subject path
    assert all(later[key] == fingerprint for key, fingerprint in before.items())
    # The located paths of the old exports moved down by one; their subject paths did not.
    old = next(r for r in gaps.results if r.rule_id == "REV-013" and r.status == Status.failed)
    new = next(r for r in after.results if r.fingerprint == old.fingerprint)
    assert (old.path[:2], new.path[:2]) == (("exports", 1), ("exports", 2))
    assert old.subject_path == new.subject_path == "exports[E-2026-047].escalation.date"
    # The new export's own findings are new.
    added = {r.fingerprint for r in after.results} - {r.fingerprint for r in gaps.results}
    assert added and all(
        r.subject_path.startswith("exports[E-2026-001]") for r in after.results if r.fingerprint in added
    )


def test_reordering_records_and_editing_unrelated_lines_keep_fingerprints(gaps, tmp_path):
    text = (SAMPLES / "gaps.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: E-2026-031\n")
    middle = text.index("  - id: E-2026-047\n")
    end = text.index("\n", text.index("    screened_on: 2026-08-10", middle)) + 1
    swapped = text[:start] + text[middle:end] + text[start:middle] + text[end:]
    swapped = "# a comment that moves every line down\n\n" + swapped
    changed = tmp_path / "gaps.yaml"
    changed.write_text(swapped, encoding="utf-8")
    after = _assessed(changed)
    assert sorted(r.fingerprint for r in after.results) == sorted(r.fingerprint for r in gaps.results)
    lines = {r.fingerprint: r.location.line for r in after.results if r.location}
    assert any(lines[r.fingerprint] != r.location.line for r in gaps.results if r.location)


def test_every_result_has_a_distinct_fingerprint_and_a_subject_path_with_record_ids(gaps):
    fingerprints = [r.fingerprint for r in gaps.results]
    assert len(set(fingerprints)) == len(fingerprints)
    assert all(len(f) == 32 for f in fingerprints)
    paths = {r.subject_path for r in gaps.results}
    assert "programme.records.retention_years" in paths
    assert "exports[E-2026-047].escalation.date" in paths
    assert not any("exports[0]" in path or "exports[1]" in path for path in paths)


def test_fingerprints_depend_on_the_company(gaps, tmp_path):
    text = (SAMPLES / "gaps.yaml").read_text(encoding="utf-8")
    other = tmp_path / "other.yaml"
    uscc = next(line for line in text.splitlines() if line.strip().startswith("uscc:"))
    other.write_text(text.replace(uscc, uscc[:-3] + "999"), encoding="utf-8")
    assert not {r.fingerprint for r in _assessed(other).results} & {r.fingerprint for r in gaps.results}


def _waiver(rule_id: str, subject: str | None = None) -> Adjustment:
    return Adjustment(
        "waiver",
        rule_id,
        "accepted until the archive moves",
        "waivers.yaml:3",
        status=Status.waived,
        subject=subject,
        details=(("expires", "2027-03-31"),),
    )


def test_a_waiver_turns_a_failure_into_waived_and_out_of_score_and_gate(gaps):
    waived = _assessed(SAMPLES / "gaps.yaml", adjustments=[_waiver("REC-001", "programme.records")])
    [result] = [r for r in waived.results if r.rule_id == "REC-001"]
    assert result.status == Status.waived
    [applied] = result.applied
    assert (applied.kind, applied.previous, applied.source) == ("waiver", Status.failed, "waivers.yaml:3")
    # A waived rule no longer counts (docs/scoring.md): of REC-001 (high, 5, fails), REC-002 (high, 5, fails),
    # REC-003 and REC-004 (medium, 3 each, pass), REC-001 leaves the records element.
    assert gaps.profiles[0].score.elements["records"] == pytest.approx(100 * 6 / 16)
    assert waived.profiles[0].score.elements["records"] == pytest.approx(100 * 6 / 11)
    assert waived.gate.failures == gaps.gate.failures - 1
    assert waived.unused == ()


def test_an_answered_manual_check_counts_like_any_result(gaps):
    from dataclasses import replace

    from checker.score import Weights, score

    ruleset = gaps.ruleset
    weights = Weights(
        {rule.id: (rule.element, rule.severity) for rule in ruleset.rules}, tuple(term.id for term in ruleset.elements)
    )
    # REC-003 made a manual check: it no longer counts, until it is answered.
    results = tuple(replace(r, status=Status.manual) if r.rule_id == "REC-003" else r for r in gaps.results)
    [manual] = [r for r in results if r.rule_id == "REC-003"]
    assert score(results, weights).elements["records"] == pytest.approx(100 * 3 / 13)
    for answer, status, expected in (("yes", Status.passed, 100 * 6 / 16), ("no", Status.failed, 100 * 3 / 16)):
        adjustment = Adjustment(
            "answer",
            "REC-003",
            answer,
            "attestations.yaml:7",
            status=status,
            acts_on=frozenset({Status.manual}),
            fingerprint=manual.fingerprint,
        )
        answered, unused = apply(results, [adjustment])
        [result] = [r for r in answered if r.fingerprint == manual.fingerprint]
        assert (result.status, result.applied[0].previous, unused) == (status, Status.manual, ())
        assert score(answered, weights).elements["records"] == pytest.approx(expected)


def test_an_adjustment_that_matches_nothing_is_returned_unused(gaps):
    stale = _waiver("REC-001", "programme.records.kept")  # REC-001 fails at retention_years, not here
    results, unused = apply(gaps.results, [stale, _waiver("REC-002")])
    assert unused == (stale,)
    assert [r.status for r in results if r.rule_id == "REC-002"] == [Status.waived]


def test_a_subject_prefix_stops_at_a_path_boundary(gaps):
    results, unused = apply(gaps.results, [_waiver("REC-001", "programme.rec")])
    assert [r.status for r in results if r.rule_id == "REC-001"] == [Status.failed]
    assert len(unused) == 1


def test_the_gate_gives_its_reasons():
    from checker.gate import gate
    from checker.results import Result, Severity

    def result(rule_id, status):
        return Result(rule_id, status, (), None, None, "", "")

    severities = {"A": Severity.high, "B": Severity.low}
    verdict = gate(
        [result("A", Status.failed), result("B", Status.failed), result("B", Status.error)], severities, "high"
    )
    assert (verdict.passed, verdict.failures, verdict.errors) == (False, 1, 1)
    assert [(r.kind, r.count) for r in verdict.reasons] == [("errors", 1), ("failures", 1)]
    assert verdict.reasons[1].message(verdict, "en") == "Gate failed: 1 failure(s) at or above high."
    assert gate([result("B", Status.failed)], severities, "high").reasons == ()
