"""Reading YAML as users write it: YAML 1.2 scalars, safety, limits and positions."""

from __future__ import annotations

import time

import pytest

from checker.errors import InputError
from checker.read.nodes import Mapping, locate, to_plain
from checker.read.yaml import MAX_DEPTH, parse_yaml


def plain(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return to_plain(parse_yaml(raw, "f.yaml"))


def problems(text: str | bytes) -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(InputError) as caught:
        parse_yaml(raw, "f.yaml")
    return [str(p) for p in caught.value.problems]


def test_yaml_12_scalars_norway_stays_a_string():
    data = plain(
        "country: NO\nyes_word: yes\non_word: on\nflag: true\nFlag: False\nn: 12\noct: 0o17\n"
        "f: 1.5\nnothing: ~\nempty:\ndate: 2026-11-01\ntime: 12:30\n"
    )
    assert data == {
        "country": "NO",
        "yes_word": "yes",
        "on_word": "on",
        "flag": True,
        "Flag": False,
        "n": 12,
        "oct": 15,
        "f": 1.5,
        "nothing": None,
        "empty": None,
        "date": "2026-11-01",
        "time": "12:30",
    }


def test_quoted_scalars_are_always_text():
    assert plain("a: 'true'\nb: \"12\"\nc: !!str 3\n") == {"a": "true", "b": "12", "c": "3"}


def test_duplicate_keys_are_all_reported():
    assert problems("a: 1\nb: 2\na: 3\nb: 4\n") == [
        "f.yaml:3:1: duplicate key 'a' (first defined at line 1)",
        "f.yaml:4:1: duplicate key 'b' (first defined at line 2)",
    ]


def test_python_tag_is_refused_and_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    assert problems(text) == [
        "f.yaml:1:4: tag !!python/object/apply:os.system is not allowed: a profile is "
        "plain data and no tag constructs objects"
    ]
    assert not marker.exists()


def test_unknown_tag_is_refused():
    assert problems("a: !include other.yaml\n")[0].startswith("f.yaml:1:4: tag !include is not allowed")


def test_bom_and_crlf_read_like_plain_utf8():
    assert plain(b"\xef\xbb\xbfa: 1\r\nb: [x, y]\r\nc: NO\r\n") == {"a": 1, "b": ["x", "y"], "c": "NO"}
    node = parse_yaml(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", "f.yaml")
    assert locate(node, ("b",)).mark.line == 2


def test_alias_bomb_is_stopped_quickly():
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    found = problems("\n".join(rows) + "\n")
    assert time.perf_counter() - started < 2
    assert len(found) == 1 and "more than 500,000 values once aliases are expanded" in found[0]


def test_aliases_and_merge_keys_work_within_limits():
    data = plain("base: &b {unit: kg, amount: 5}\nq: *b\nm:\n  <<: *b\n  amount: 7\n")
    assert data["q"] == {"unit": "kg", "amount": 5}
    assert data["m"] == {"amount": 7, "unit": "kg"}


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "".join("  " * i + f"k{i}:\n" for i in range(10_000)) + "  " * 10_000 + "v: 1\n",
        "- " * 10_000 + "x\n",
    ],
)
def test_ten_thousand_deep_nesting_is_an_error_not_a_crash(text):
    started = time.perf_counter()
    found = problems(text)
    assert time.perf_counter() - started < 5
    assert len(found) == 1
    assert "nesting" in found[0] or "nesting depth" in found[0]


def test_depth_limit_is_ours_below_the_parsers():
    deep = "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    assert problems(deep) == [f"f.yaml:1:{3 + MAX_DEPTH}: nesting is deeper than {MAX_DEPTH} levels"]


def test_binary_file():
    assert problems(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == [
        "f.yaml:3:1: file contains NUL bytes: this is a binary file, not YAML"
    ]


def test_not_utf8():
    assert problems("company: Müller\n".encode("latin-1")) == [
        "f.yaml:1:11: file is not valid UTF-8 (byte 0xfc); save it as UTF-8"
    ]


def test_utf16_is_named():
    assert problems("a: 1\n".encode("utf-16")) == ["f.yaml:1:1: file is UTF-16; save it as UTF-8"]


@pytest.mark.parametrize("text", ["", "# just a comment\n# and another\n", "---\n", "\n\n"])
def test_empty_and_comment_only(text):
    assert problems(text) == ["f.yaml:1:1: file is empty: expected a mapping of profile keys"]


def test_two_documents():
    assert problems("a: 1\n---\nb: 2\n") == [
        "f.yaml:2:1: a second YAML document ('---'): a profile file holds one document"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "company:\n\tname: X\n",
            "f.yaml:2:1: a tab in the indentation: YAML indents with spaces only "
            "(the parser: found character that cannot start any token)",
        ),
        (
            "company:\n  name: X\n\tuscc: Y\n",
            "f.yaml:3:1: a tab in the indentation: YAML indents with spaces only "
            "(the parser: found a tab character that violates indentation)",
        ),
        (
            "company:\n  name: X\n  uscc:Y\n  employees: 3\n",
            "f.yaml:3:7: no space after the ':' of 'uscc': write 'uscc: value' "
            "(the parser: could not find expected ':')",
        ),
        (
            "company:\n  name:X\n  uscc: Y\n",
            "f.yaml:2:7: no space after the ':' of 'name': write 'name: value' "
            "(the parser: mapping values are not allowed in this context)",
        ),
        (
            "training:\n  sessions:\n    - date: 2026-01-05\n      audience: sales\n      - export\n",
            "f.yaml:5:7: a list item where the mapping that starts at line 3 goes on: put the list under a key with "
            "nothing after its ':' (the items indented below it), or write it as a list on one line: "
            "audience: [sales, export] (the parser: did not find expected key)",
        ),
        (
            "company:\n  name: X\n  - uscc: Y\n",
            "f.yaml:3:3: a list item where the mapping that starts at line 2 goes on: put the list under a key with "
            "nothing after its ':' (the items indented below it), or write it as a list: [a, b] "
            "(the parser: did not find expected key)",
        ),
        (
            'company:\n  name: "Lanting\n  uscc: Y\n',
            'f.yaml:2:9: the " opened here is never closed (the parser: found unexpected end of stream)',
        ),
        (
            "company:\n  name: 'Lanting\n  uscc: Y\n",
            "f.yaml:2:9: the ' opened here is never closed (the parser: found unexpected end of stream)",
        ),
        (
            "a: [b\nc: d\n",
            "f.yaml:1:4: the '[' opened here is not closed by a ']' before line 2, or a ',' is missing between its "
            "values (the parser: did not find expected ',' or ']')",
        ),
        (
            "company: {name: X\nother: 1\n",
            "f.yaml:1:10: the '{' opened here is not closed by a '}' before line 2, or a ',' is missing between its "
            "values (the parser: did not find expected ',' or '}')",
        ),
        (
            "company:\n  name: a: b\n",
            "f.yaml:2:10: a ':' followed by a space inside a value, or a line indented deeper than the key above it: "
            "put the value in quotes, or line the key up with the others "
            "(the parser: mapping values are not allowed in this context)",
        ),
    ],
    ids=[
        "tab",
        "tab-later",
        "no-space",
        "no-space-first",
        "list-item",
        "mapping-item",
        "quote",
        "single-quote",
        "bracket",
        "brace",
        "colon-in-value",
    ],
)
def test_syntax_error_names_the_likely_cause_where_it_is(text, expected):
    assert problems(text) == [expected]


def test_syntax_error_without_a_known_cause_keeps_the_parser_words():
    assert problems("a: @b\n") == [
        "f.yaml:1:4: found character that cannot start any token (while scanning for the next token)"
    ]


def test_non_text_keys_are_refused():
    assert problems("1: x\n") == ["f.yaml:1:1: key '1' must be text; put it in quotes if it is meant literally"]


def test_positions_are_one_based_and_point_at_values():
    node = parse_yaml(b"top:\n  list:\n    - id: X\n      value: 3\n", "f.yaml")
    assert isinstance(node, Mapping)
    located = locate(node, ("top", "list", 0, "value"))
    assert (located.mark.line, located.mark.column, located.exists) == (4, 14, True)
    assert (located.key_mark.line, located.key_mark.column) == (4, 7)
    missing = locate(node, ("top", "list", 0, "nope"))
    assert (missing.mark.line, missing.exists) == (3, False)
