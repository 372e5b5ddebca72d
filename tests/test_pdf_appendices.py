"""The gap report shows the checklist's answers, the evidence files with their digests, and the crosswalk."""

from __future__ import annotations

import hashlib
import shutil

from pypdf import PdfReader

from tests.conftest import SAMPLES, run_cli


def _text(pdf) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_answers_evidence_and_crosswalk_in_both_languages(tmp_path):
    profile = tmp_path / "gaps.yaml"
    text = (SAMPLES / "gaps.yaml").read_text(encoding="utf-8")
    old = "    document: policies/icp-manual.docx\n"
    assert old in text
    profile.write_text(text.replace(old, old + "    evidence: [manual.pdf, missing.pdf]\n"), encoding="utf-8")
    (tmp_path / "manual.pdf").write_bytes(b"the manual")
    (tmp_path / "exportcheck-attestations.yaml").write_text(
        "attestations:\n"
        "  - {item: ECL-19, answer: yes, evidence: [SOP-07 rev. 3], answered_by: Liu Yang, answered_on: 2026-10-15}\n"
        "  - {item: DUR-32, answer: not_applicable, reason: Never inspected., answered_by: Liu Yang,"
        " answered_on: 2026-10-15}\n",
        encoding="utf-8",
    )
    english, chinese = tmp_path / "en.pdf", tmp_path / "zh.pdf"
    assert run_cli("check", profile, "--pdf", english).code == 1
    assert run_cli("check", profile, "--pdf", chinese, "--lang", "zh").code == 1
    en, zh = _text(english), _text(chinese)
    assert "SOP-07 rev. 3 Answered by Liu Yang on 2026-10-15" in en
    assert "Answered not applicable: Never inspected." in en
    assert "3 questions are not asked of this company: ECL-24, ECL-26, ECL-27." in en
    digest = hashlib.sha256(b"the manual").hexdigest()
    assert "Appendix D. Evidence files" in en and "附录四 证明材料文件" in zh
    assert digest[:32] in en.replace(" ", "") and "not found" in en
    assert "management manual files" in en and "管理手册证明文件" in zh
    assert "Appendix C. Crosswalk to the BIS and EU programme frameworks" in en
    assert "7 Physical and information security" in en
    assert "与美国BIS和欧盟合规框架的对照" in zh and "刘洋（贸易合规专员）" in zh


def test_without_evidence_there_is_no_evidence_appendix(tmp_path):
    shutil.copy(SAMPLES / "gaps.yaml", tmp_path / "gaps.yaml")
    pdf = tmp_path / "r.pdf"
    assert run_cli("check", tmp_path / "gaps.yaml", "--pdf", pdf).code == 1
    text = _text(pdf)
    assert "Evidence files" not in text and "Appendix C. Crosswalk" in text
