"""`exportcheck explain RULE` and `rules show`: found in any case, suggested on a miss, and complete."""

from __future__ import annotations

import pytest

from checker.read.nodes import to_plain
from checker.read.yaml import parse_yaml
from tests.conftest import run_cli


@pytest.mark.parametrize("given", ["LIC-001", "lic-001", "Lic-001", "listed-item-export-needs-licence"])
def test_a_rule_is_found_by_id_or_name_in_any_case(given):
    run = run_cli("explain", given)
    assert run.code == 0, run.err
    assert run.out.startswith("LIC-001  Every export of a listed or temporarily controlled item names a licence\n")
    assert run.out == run_cli("rules", "show", given).out


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "exportcheck: no rule 'lic-01' (did you mean 'LIC-001'?); `exportcheck rules list` shows them all\n"),
        ("zh", "exportcheck: 没有规则 'lic-01'（是否指 'LIC-001'？）；`exportcheck rules list` 列出全部规则\n"),
    ],
)
def test_a_miss_suggests_the_closest_rules_in_the_chosen_language(lang, message):
    run = run_cli("explain", "lic-01", "--lang", lang)
    assert (run.code, run.err, run.out) == (2, message, "")


def _section(text: str, heading: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith(" ")), len(lines))
    return lines[start:end]


def test_what_the_rule_reads_and_when_it_applies():
    out = run_cli("explain", "LIC-001").out
    reads = _section(out, "Reads:")
    assert reads[0] == "  each of exports"
    assert {"  - exports[].licence", "  - exports[].movement", "  - exports[].date"} <= set(reads)
    assert "  - exports[].classified_as (derived by exportcheck from the profile)" in reads
    assert _section(out, "When it applies:") == [
        "  while ECL Art. 12 is in force: from 2020-12-01",
        "  while DUR Art. 14 is in force: from 2024-12-01",
        "  each record judged on its own date; records after the assessment date are left out",
    ]


def test_the_examples_are_yaml_that_reads_back_as_the_rule_file_has_them(ruleset):
    out = run_cli("explain", "LIC-001").out
    block = "\n".join(_section(out, "Examples (YAML; each changes the example profile rules/examples/base.yaml):"))
    examples = to_plain(parse_yaml(block.encode(), "examples"))
    rule = ruleset.get("LIC-001")
    assert [example["title"] for example in examples] == [example.title for example in rule.examples]
    assert examples[0] == {
        "title": "licence left out of a listed-item export",
        "set": {"exports[0].licence": None},
        "expect": [{"status": "fail", "path": "exports[0].licence"}],
    }
    assert examples[-1]["expect"] == "pass"


def test_explain_answers_in_both_languages_for_every_rule(ruleset):
    for rule in ruleset.rules:
        english = run_cli("explain", rule.id.lower())
        assert english.out.startswith(f"{rule.id}  {rule.title.en}\n"), (rule.id, english.err)
        assert {"Reads:", "When it applies:"} <= set(english.out.splitlines())
        run = run_cli("explain", rule.id.lower(), "--lang", "zh")
        assert run.code == 0, (rule.id, run.err)
        assert run.out.startswith(f"{rule.id}  {rule.title.zh}\n")
        for heading in ("依据：", "读取字段：", "适用时间与条件："):
            assert heading in run.out.splitlines(), (rule.id, heading)
        check = next(line for line in run.out.splitlines() if line.startswith("检查方式："))
        assert "declarative" not in check and "for each" not in check
        assert not {"Sources:", "Reads:", "When it applies:", "Why:"} & set(run.out.splitlines())


def test_rules_list_in_chinese():
    run = run_cli("rules", "list", "--lang", "zh")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0].split()[:2] == ["POL-001", "中"]
    assert "政策声明由高级管理层签署" in lines[0]
    assert lines[-1].startswith("共 ") and "条规则，规则集" in lines[-1]
