"""Evidence files named in a profile: read when it loads, listed with their digests, a finding when missing."""

from __future__ import annotations

import hashlib
import json
import shutil

from tests.conftest import REFERENCE, line_of, run_cli


def _with_evidence(tmp_path, evidence: str):
    text = REFERENCE.read_text(encoding="utf-8")
    old = "    document: evidence/icp-manual-v3.pdf\n"
    assert old in text
    text = text.replace(old, old + f"    evidence: {evidence}\n")
    profile = tmp_path / "profile.yaml"
    profile.write_text(text, encoding="utf-8")
    return profile, text


def _check(profile):
    run = run_cli("check", profile, "--format", "json")
    assert run.code in (0, 1), run.err
    data = json.loads(run.out)
    return data, [result for result in data["results"] if result["rule_id"] == "REC-005"]


def test_a_file_beside_the_profile_is_listed_with_its_digest_size_and_date(tmp_path):
    (tmp_path / "evidence").mkdir()
    manual = tmp_path / "evidence" / "icp-manual-v3.pdf"
    manual.write_bytes(b"%PDF-1.7 the manual\n")
    profile, _ = _with_evidence(tmp_path, "[evidence/icp-manual-v3.pdf, https://intranet.example.com/icp]")
    data, results = _check(profile)
    assert [result["status"] for result in results] == ["pass"]
    listed = data["profiles"][0]["evidence"]
    assert listed[0] == {
        "field": "programme.manual.evidence[0]",
        "given": "evidence/icp-manual-v3.pdf",
        "file": str(manual),
        "found": True,
        "link": False,
        "sha256": hashlib.sha256(b"%PDF-1.7 the manual\n").hexdigest(),
        "bytes": 20,
        "modified": listed[0]["modified"],
    }
    assert len(listed[0]["modified"]) == 10
    assert listed[1]["link"] is True and listed[1]["found"] is False and listed[1]["sha256"] is None


def test_a_missing_file_is_a_finding_at_its_line_and_the_report_is_written(tmp_path):
    profile, text = _with_evidence(tmp_path, "[evidence/icp-manual-v3.pdf]")
    out = tmp_path / "report.json"
    run = run_cli("check", profile, "--format", f"json:{out}", "--fail-on", "low")
    assert run.code == 1
    [result] = [r for r in json.loads(out.read_text())["results"] if r["rule_id"] == "REC-005"]
    assert result["status"] == "fail"
    line = line_of(text, "    evidence: [evidence/icp-manual-v3.pdf]")
    location = result["location"]
    assert (location["file"], location["line"], location["column"]) == (str(profile), line, 16)
    assert (location["path"], location["where"]) == ("programme.manual.evidence[0]", f"{profile}:{line}:16")
    assert result["message"] == (
        "Management manual files: the evidence file evidence/icp-manual-v3.pdf is not where the profile says."
    )


def test_a_folder_is_not_a_file_and_a_profile_directory_reads_paths_from_the_file_that_names_them(tmp_path):
    folder = tmp_path / "company"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "manual.pdf").write_bytes(b"manual")
    shutil.copy(REFERENCE, folder / "profile.yaml")
    text = (folder / "profile.yaml").read_text(encoding="utf-8")
    (folder / "profile.yaml").write_text(
        text.replace(
            "    document: evidence/icp-manual-v3.pdf\n",
            "    document: evidence/icp-manual-v3.pdf\n    evidence: [docs/manual.pdf, docs]\n",
        ),
        encoding="utf-8",
    )
    data, results = _check(folder)
    assert [result["status"] for result in results] == ["fail"]
    assert results[0]["location"]["path"] == "programme.manual.evidence[1]"
    assert [entry["found"] for entry in data["profiles"][0]["evidence"]] == [True, False]


def test_no_evidence_named_is_not_applicable():
    _, results = _check(REFERENCE)
    assert [(result["status"], result["message"]) for result in results] == [
        ("not_applicable", "The profile names no evidence files.")
    ]
