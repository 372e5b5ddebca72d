"""Chinese citations name their instrument, and Chinese terms follow the sources.

A reader of the Chinese report sees a sentence on its own: 第二十四条 after 《出口管制法》 in an earlier sentence
reads as the ECL even where the English means the DUR. So every 第…条 in a Chinese string of the rule set, the
catalogues and the fixed report strings stands in a citation that starts with its instrument:
《两用物项出口管制条例》第二十四条, or a list after one instrument (《…》第十四条、第十六条), with its 第…款/项.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.read.nodes import to_plain
from checker.read.yaml import read_yaml
from tests.conftest import ROOT

NUMBER = "[〇零一二三四五六七八九十百0-9]+"
ARTICLE = f"第{NUMBER}条(?:第{NUMBER}款)?(?:第{NUMBER}项)?"
JOIN = r"(?:、|，|,|和|及|与|或|以及|至|\s)*"
# An instrument, then one or more of its articles: the only place a 第…条 may stand.
CITATION = re.compile(f"《[^《》]+》{JOIN}{ARTICLE}(?:{JOIN}{ARTICLE})*")
ANY_ARTICLE = re.compile(f"第{NUMBER}条")
SENTENCE_END = re.compile("[。；！？]")

# ECL Art. 2 and DUR Art. 2 speak of provision to 外国组织和个人 (a foreigner in China is 外国, not 境外).
FOREIGN_PERSONS = re.compile("境外(?:的)?(?:组织|个人|主体)")
# Where the source itself says 境外: DUR Art. 20 item 3 (enterprises in China of 境外组织和个人 on the control list),
# DUR Art. 49 (境外组织和个人 re-exporting Chinese-origin items) and ECL Art. 32 para 2 (information given 境外).
SOURCE_SAYS_JINGWAI = {
    ("catalogues/DUR.yaml", "DUR-20"),
    ("licensing/LIC-011.yaml", "LIC-011"),
    ("catalogues/DUR.yaml", "DUR-49"),
    ("catalogues/ECL.yaml", "ECL-32.2"),
}

# 本法 and 本条例 name an instrument only inside its own text; a report quotes several instruments side by side.
SELF_REFERENCE = re.compile("本法|本条例")

CHINESE = re.compile("[\u4e00-\u9fff]")


def data_files() -> list[Path]:
    return sorted((ROOT / "rules").rglob("*.yaml")) + [ROOT / "templates" / "i18n.yaml"]


def strings(node: Any, where: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            where = (*where, node["id"])
        for key, value in node.items():
            yield from strings(value, (*where, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, (*where, str(index)))
    elif isinstance(node, str) and CHINESE.search(node):
        yield where, node


def chinese_strings() -> list[tuple[str, tuple[str, ...], str]]:
    out = []
    for path in data_files():
        data = to_plain(read_yaml(path))
        out += [
            (path.relative_to(ROOT / "rules").as_posix() if "rules" in path.parts else path.name, where, text)
            for where, text in strings(data)
        ]
    return out


def bare_articles(text: str) -> list[str]:
    """The 第…条 of a text that do not stand in a citation naming its instrument, each with its sentence."""
    covered = [match.span() for match in CITATION.finditer(text)]
    bare = []
    for match in ANY_ARTICLE.finditer(text):
        if any(start <= match.start() < end for start, end in covered):
            continue
        starts = [end.end() for end in SENTENCE_END.finditer(text, 0, match.start())]
        ends = SENTENCE_END.search(text, match.end())
        bare.append(text[starts[-1] if starts else 0 : ends.end() if ends else len(text)])
    return bare


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("依照《出口管制法》第三十四条处罚。", []),
        ("《两用物项出口管制条例》第十四条、第十六条和第二十四条均有规定。", []),
        ("《出口管制法》第十二条第三款规定的情形", []),
        ("见《两用物项出口管制条例》第十九条第三款；同条第二款另有规定。", []),
        ("《出口管制法》第三十四条规定了罚则。第二十四条要求提交证明文件。", ["第二十四条要求提交证明文件。"]),
        ("依照《出口管制法》处罚，第二十四条另有规定。", ["依照《出口管制法》处罚，第二十四条另有规定。"]),
        ("未注明所依据的第十九条情形", ["未注明所依据的第十九条情形"]),
    ],
)
def test_what_counts_as_a_bare_article(text, bare):
    assert bare_articles(text) == bare


def test_every_chinese_article_names_its_instrument():
    found = [
        (file, ".".join(where), sentence) for file, where, text in chinese_strings() for sentence in bare_articles(text)
    ]
    assert found == []


def test_no_instrument_is_called_this_one():
    found = [(file, ".".join(where), text) for file, where, text in chinese_strings() if SELF_REFERENCE.search(text)]
    assert found == []


def test_provision_to_foreign_persons_says_waiguo():
    found = [
        (file, ".".join(where), text)
        for file, where, text in chinese_strings()
        if FOREIGN_PERSONS.search(text) and not any((file, part) in SOURCE_SAYS_JINGWAI for part in where)
    ]
    assert found == []


def test_the_strings_are_found():
    """The two checks above see the rule files, the catalogues, the shared conditions and the report strings."""
    files = {file for file, _, _ in chinese_strings()}
    assert {"catalogues/DUR.yaml", "conditions.yaml", "ruleset.yaml", "licensing/LIC-012.yaml", "i18n.yaml"} <= files
