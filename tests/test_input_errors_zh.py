"""Input problems in the language of the command: `--lang zh` says each one in Chinese, at the same place,
with the profile's own words, keys and paths as written; English stays as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from checker import i18n
from checker.diagnostics import WORDED
from checker.errors import InputError, InputProblem
from checker.profile.as_written import text_guide
from checker.profile.model import Profile
from checker.read.nodes import to_plain
from checker.read.yaml import read_yaml
from checker.validate import load_profile
from tests.conftest import line_of, run_cli

CJK = re.compile(r"[\u4e00-\u9fff]")

# One edit of the reference profile per kind of refusal, each giving one problem; together they produce every
# pydantic error type a profile can raise, listed in PRODUCED.
EDITS = {
    "missing": ("  name: Suzhou Lanting Precision Materials Co., Ltd.\n", ""),
    "extra_forbidden": ("    retention_years: 5", "    retention_year: 5"),
    "enum": ("kind: single ", "kind: singel "),
    "literal_error": ("schema_version: 1", "schema_version: 2"),
    "bool_type": ("new_hire_training: true", "new_hire_training: yes"),
    "list_type": ("scope: [headquarters, suzhou_plant]", "scope: headquarters"),
    "string_type": ("system: ERP document archive", "system: [ERP]"),
    "int_type": ("attendees: 48}", "attendees: many}"),
    "model_type": ("prepared_by: {name: Chen Jing, title: Export Compliance Manager}", "prepared_by: Chen Jing"),
    "string_too_short": ("auditor: Example Advisory LLP}", 'auditor: ""}'),
    "greater_than_equal": ("interval_months: 12\n    new_hire", "interval_months: 0\n    new_hire"),
    "less_than_equal": (
        "{last_performed: 2025-12-08, interval_months: 12,",
        "{last_performed: 2025-12-08, interval_months: 500,",
    ),
    "iso_date": ("    date: 2026-06-18", "    date: 2026/06/18"),
    "real_date": ("    date: 2026-08-03", "    date: 2026-08-32"),
    "country_code": ("    country: NO", "    country: UAE"),
    "control_code": ("control_code: 1C902.a", "control_code: 1C9"),
    "uscc": ("uscc: 91320594MA1MXXXX7Q", "uscc: 123"),
    "identifier": ("  - id: ITM-TECH", "  - id: ITM TECH"),
    "text_length": ("name: Motor magnet assembly know-how", "name: " + "x" * 400),
    "number": ("{amount: 2000, unit: kg}", "{amount: lots, unit: kg}"),
    "number_too_large": ("export_share_percent: 35", "export_share_percent: 135"),
    "number_too_small": ("{amount: 800, unit: kg}", "{amount: 0, unit: kg}"),
    "date_order": ("valid_until: 2027-05-05", "valid_until: 2026-05-01"),
    "missing_start": (
        "    screening_result: clear              # clear, possible_match, match",
        "    screening_result: clear\n    listed_on: [{list: other, date: 2026-01-05, suspended_to: 2026-02-01}]",
    ),
}
PRODUCED = set(EDITS)


def _types(path: Path) -> set[str]:
    root = read_yaml(path)
    try:
        Profile.model_validate(to_plain(root, text_guide(Profile)))
    except ValidationError as error:
        return {detail["type"] for detail in error.errors()}
    return set()


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_every_error_type_a_profile_can_raise_is_worded_in_both_languages(edited, kind: str) -> None:
    path = edited(EDITS[kind])
    # A listing's mapping is refused as a list's name too; that refusal is not shown (the mapping's is).
    assert _types(path) == ({kind, "enum"} if kind == "missing_start" else {kind})
    assert kind in WORDED
    with pytest.raises(InputError) as caught:
        load_profile(path)
    for found in caught.value.problems:  # a wrong id is also a broken reference: every problem is worded
        assert found.words is not None, found
        assert i18n.said(found.words, "en") == found.message
        chinese = i18n.problem_text(found, "zh")
        assert CJK.search(chinese), chinese
        assert chinese.startswith(f"{found.place}: ")


def test_the_worded_types_are_those_a_profile_can_raise() -> None:
    assert PRODUCED <= WORDED
    pydantic_aliases = {
        "str_type",
        "int_parsing",
        "int_from_float",
        "dict_type",
        "model_attributes_type",
        "greater_than",
    }
    assert pydantic_aliases == WORDED - PRODUCED


def test_a_broken_profile_in_chinese_keeps_each_place_and_the_profile_words(edited, reference_text) -> None:
    path = edited(EDITS["extra_forbidden"], EDITS["country_code"], EDITS["iso_date"], EDITS["int_type"], EDITS["enum"])
    english = run_cli("check", path)
    chinese = run_cli("check", path, "--lang", "zh")
    assert (english.code, chinese.code) == (2, 2)
    at = {
        needle: f"{path}:{line_of(reference_text, needle)}"
        for needle in ("retention", "attendees: 48", "    country: NO")
    }
    assert chinese.err.splitlines() == [
        f"{at['attendees: 48']}:101: programme.training.sessions[0].attendees：应为整数，实际为 'many'",
        f"{at['retention']}:5: programme.records 中有未知的键 'retention_year'（是否指 'retention_years'？）",
        f"{at['    country: NO']}:14: parties[0].country：'UAE' 不是 ISO 3166-1 二位字母国家代码（是否指 'AE'？）",
        f"{path}:166:11: licences[0].kind：'singel' 不是以下词语之一：single, general, registration_filing, military"
        "（是否指 'single'？）",
        f"{path}:177:11: exports[0].date：应为 YYYY-MM-DD 格式的日期，实际为 '2026/06/18'",
        "exportcheck: 输入有 5 处问题；未写出任何文件",
    ]
    places = [line.split(": ", 1)[0] for line in english.err.splitlines()[:-1]]
    assert places == [line.split(": ", 1)[0] for line in chinese.err.splitlines()[:-1]]


def test_a_yaml_syntax_error_and_its_hint_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("company:\n  name:Lanting\n  country: CN\n", encoding="utf-8")
    run = run_cli("check", path, "--lang", "zh")
    assert run.code == 2
    assert run.err.splitlines()[0] == (
        f"{path}:2:7: 'name' 的 ':' 后缺少空格：请写成 'name: 值'"
        "（解析器原文：mapping values are not allowed in this context）"
    )
    path.write_text("company:\n  name: x\n  country: [CN, DE\n", encoding="utf-8")
    run = run_cli("check", path, "--lang", "zh")
    assert run.err.startswith(f"{path}:3:12: 此处开始的 '[' 在第 4 行之前没有用 ']' 闭合")


def test_a_bad_cell_of_a_sheet_in_chinese(edited, tmp_path: Path) -> None:
    (tmp_path / "parties.csv").write_text(
        "编号,名称,国家,角色\nPTY-NORD,Nordmagnet AS,NO,importer;end_user\nPTY-KR,Hanbit,Germany,importer\n",
        encoding="utf-8",
    )
    path = edited(*_parties_from("parties.csv"))
    run = run_cli("check", path, "--lang", "zh")
    assert run.code == 2
    csv = tmp_path / "parties.csv"
    assert run.err.splitlines() == [
        f"{csv}:C3: parties[1].country：'Germany' 不是 ISO 3166-1 二位字母国家代码（是否指 'DE'？）",
        "exportcheck: 输入有 1 处问题；未写出任何文件",
    ]
    (tmp_path / "parties.csv").write_text("编号,名称,国度\nPTY-NORD,Nordmagnet AS,NO\n", encoding="utf-8")
    run = run_cli("check", path, "--lang", "zh")
    assert run.err.splitlines()[0].startswith(f"{csv}:C1: parties 没有列 '国度'；可用的列：id, name, name_zh,")


def _parties_from(file: str) -> list[tuple[str, str]]:
    """Edits that replace the reference profile's parties with a sheet reference."""
    text = Path(__file__).parent.joinpath("data", "profile-v1-contract.yaml").read_text(encoding="utf-8")
    start = text.index("\nparties:") + 1
    block = text[start : text.index("licences:")]
    return [(block, f"parties: {{from: {file}}}\n\n")]


def test_an_english_problem_the_catalogue_does_not_word_stays_english() -> None:
    problem = InputProblem("p.yaml", 3, 1, "something new")
    assert i18n.problem_text(problem, "zh") == "p.yaml:3:1: something new"


def test_rules_coverage_in_chinese_has_chinese_headings() -> None:
    english = run_cli("rules", "coverage")
    chinese = run_cli("rules", "coverage", "--lang", "zh")
    assert (english.code, chinese.code) == (0, 0)
    last = chinese.out.splitlines()[-2:]
    assert last[0].startswith("共 ") and "项要求" in last[0]
    assert last[1].startswith("要求的依据：")
    assert "State powers" not in chinese.out and "requirement" not in chinese.out
    assert len(chinese.out.splitlines()) == len(english.out.splitlines())


def test_argument_errors_are_chinese_with_lang_zh_or_exportcheck_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    run = run_cli("check", "profile.yaml", "--lang", "zh", "--as-of", "2026-13-01")
    assert run.code == 2
    assert run.err.splitlines()[0].startswith("用法：exportcheck check ")
    assert run.err.splitlines()[-1] == "exportcheck check：错误：参数 --as-of：'2026-13-01' 不是 YYYY-MM-DD 格式的日期"
    assert run_cli("check", "--lang", "zh").err.splitlines()[-1] == "exportcheck check：错误：缺少必需的参数：PATH"
    english = run_cli("check")
    assert english.err.splitlines()[-1] == "exportcheck check: error: the following arguments are required: PATH"
    monkeypatch.setenv("EXPORTCHECK_LANG", "zh")
    assert run_cli("check", "p.yaml", "--bogus").err.splitlines()[-1] == "exportcheck：错误：无法识别的参数：--bogus"
    assert run_cli("check", "p.yaml", "--lang", "en", "--bogus").err.splitlines()[-1] == (
        "exportcheck: error: unrecognized arguments: --bogus"
    )


def test_exportcheck_lang_says_input_errors_in_chinese_where_no_lang_is_given(
    edited, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = edited(EDITS["real_date"])
    monkeypatch.setenv("EXPORTCHECK_LANG", "zh")
    run = run_cli("check", path)
    assert run.code == 2
    assert run.err.splitlines()[-2:] == [
        f"{path}:192:11: exports[1].date：'2026-08-32' 不是真实存在的日期",
        "exportcheck: 输入有 1 处问题；未写出任何文件",
    ]


def test_rules_test_says_its_tally_in_chinese() -> None:
    run = run_cli("rules", "test", "--lang", "zh")
    assert run.code == 0
    assert re.fullmatch(r"(\d+) 个规则示例中有 \1 个结果与所述一致（规则包：exportcheck [\d.]+）\n", run.out), run.out


def test_the_chinese_input_error_of_getting_started_is_what_check_says(tmp_path: Path) -> None:
    folder = tmp_path / "mycompany"
    assert run_cli("init", folder, "--lang", "zh").code == 0
    ledger = folder / "ledger.yaml"
    text = ledger.read_text(encoding="utf-8")
    example = "#  - id: PTY-1\n#    name: Example Motors GmbH\n#    country: DE\n"
    assert "parties: []" in text and example in text
    party = "  - id: PTY-1\n    name: Example Motors GmbH\n    country: 德国\n"  # the example, with a Chinese name
    ledger.write_text(text.replace("parties: []", "parties:", 1).replace(example, party, 1), encoding="utf-8")
    run = run_cli("check", folder, "--lang", "zh")
    assert run.code == 2
    said = run.err.splitlines()[0]
    guide = (Path(__file__).parent.parent / "docs" / "getting-started.md").read_text(encoding="utf-8")
    assert said.startswith(f"{ledger}:")
    assert said.replace(str(ledger), "mycompany/ledger.yaml") in guide.splitlines()
