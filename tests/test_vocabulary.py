"""One of each: the element and status vocabularies, and their order, come from one place every report follows."""

from __future__ import annotations

import json
import re

from pypdf import PdfReader

from checker.profile.vocabulary import Element as ProfileElement
from checker.results import STATUS_ORDER
from tests.conftest import ROOT, SAMPLES, run_cli

ACME = ROOT / "tests" / "packs" / "acme"


def test_the_icp_elements_of_the_profile_format_are_the_rule_sets_first_nine(ruleset):
    assert [term.id for term in ruleset.elements][:9] == [element.value for element in ProfileElement]


def test_text_json_and_pdf_list_elements_and_statuses_in_the_rule_sets_order(tmp_path, ruleset):
    pdf = tmp_path / "r.pdf"
    run = run_cli(
        "check",
        SAMPLES / "gaps.yaml",
        "--rules",
        ACME,
        "--format",
        "text",
        "--format",
        f"json:{tmp_path / 'r.json'}",
        "--format",
        f"pdf:{pdf}",
    )
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    order = [term.id for term in ruleset.elements] + ["group_policy"]
    assert [element["id"] for element in data["elements"]] == order
    assert list(data["profiles"][0]["score"]["elements"]) == order
    titles = {element["id"]: element["title"] for element in data["elements"]}

    # The element lines are indented under the score (and the reason for a cap, when there is one).
    score_block = [line for line in run.out.split("\n\n")[2].splitlines()[1:] if line.startswith("  ")]
    shown = [line.split("  ")[1].strip() for line in score_block]
    assert shown == [titles[e] for e in order if data["profiles"][0]["score"]["elements"][e] is not None]

    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages[1:2])
    sections = re.findall(r"^2\.(\d+)  (.+)$", text, re.M)
    assert [title for _, title in sections] == [
        titles[e] for e in order if any(r["element"] == e for r in data["results"])
    ]

    statuses = [status.value for status in STATUS_ORDER]
    assert list(data["summary"]) == statuses
    counts = run.out.splitlines()[-2].split(" · ")
    labels = {
        "fail": "fail",
        "pass": "pass",
        "not_applicable": "not applicable",
        "manual": "manual check",
        "waived": "waived",
        "error": "rule error",
    }
    assert [count.split(" ", 1)[1] for count in counts] == [labels[s] for s in statuses]
    summary_page = PdfReader(pdf).pages[2].extract_text()
    found = re.findall(r"^(FAIL|PASS|NOT APPLICABLE|MANUAL CHECK|WAIVED|RULE ERROR) \d+$", summary_page, re.M)
    assert found == [labels[s].upper() for s in statuses]
