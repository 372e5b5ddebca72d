"""The likely cause of a YAML syntax error, in the words of someone who writes YAML by hand.

The parser says where it gave up (`did not find expected key (while parsing a block mapping)`); the cause is
usually one of a few slips, often on an earlier line: a tab in the indentation, no space after a `:`, a list
item where a mapping goes on, a quote or bracket never closed. Each is looked for in the text between where
the construct started and where the parser stopped, and the message points at the slip. Loaded only when a
file does not parse.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

from checker.errors import Words

_KEY_WITHOUT_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*):(?=[^\s:/])")
_LIST_ITEM = re.compile(r"^(\s*)-(?:\s|$)")
_KEY_AND_WORD = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w.-]*):\s+([\w.-]+)\s*(?:#.*)?$")
_ITEM_WORD = re.compile(r"^(\s*)-\s+([\w.-]+)\s*(?:#.*)?$")
_OPENERS = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}


class Hint(NamedTuple):
    line: int  # 1-based
    column: int
    message: str
    words: Words  # the message in the catalogue, for the CLI to say in the language of the command


def syntax_hint(text: str, error: yaml.MarkedYAMLError) -> Hint | None:
    """Where the slip most likely is and what it is, or None when the parser's words are all there is."""
    stop = error.problem_mark
    if stop is None:
        return None
    lines = text.split("\n")
    start = error.context_mark.line if error.context_mark is not None else 0
    first = min(start, stop.line)
    said = f"(the parser: {error.problem})"
    parser = Words("parser_said", problem=error.problem)
    context = error.context or ""
    for finder in (_tab, _missing_space):
        found = finder(lines, first, stop.line)
        if found is not None:
            found.words.values["said"] = parser
            return found._replace(message=f"{found.message} {said}")
    if "quoted scalar" in context and error.context_mark is not None:
        mark = error.context_mark
        quote = lines[mark.line][mark.column] if mark.column < len(lines[mark.line]) else '"'
        message = f"the {quote} opened here is never closed {said}"
        return Hint(mark.line + 1, mark.column + 1, message, Words("hint_quote", quote=quote, said=parser))
    for kind, (opener, closer) in _OPENERS.items():
        if kind in context and error.context_mark is not None:
            mark = error.context_mark
            return Hint(
                mark.line + 1,
                mark.column + 1,
                f"the {opener!r} opened here is not closed by a {closer!r} before line {stop.line + 1}, "
                f"or a ',' is missing between its values {said}",
                Words("hint_bracket", opener=repr(opener), closer=repr(closer), line=stop.line + 1, said=parser),
            )
    if "block mapping" in context and stop.line < len(lines) and _LIST_ITEM.match(lines[stop.line]):
        written = _list_written(lines, stop.line)
        fix = f"or write it as a list on one line: {written}" if written else "or write it as a list: [a, b]"
        fix_words = Words("fix_one_line", written=written) if written else Words("fix_list")
        return Hint(
            stop.line + 1,
            stop.column + 1,
            f"a list item where the mapping that starts at line {start + 1} goes on: put the list under a key "
            f"with nothing after its ':' (the items indented below it), {fix} {said}",
            Words("hint_list_item", line=start + 1, fix=fix_words, said=parser),
        )
    if error.problem == "mapping values are not allowed in this context":
        return Hint(
            stop.line + 1,
            stop.column + 1,
            "a ':' followed by a space inside a value, or a line indented deeper than the key above it: "
            f"put the value in quotes, or line the key up with the others {said}",
            Words("hint_colon", said=parser),
        )
    return None


def _tab(lines: list[str], first: int, last: int) -> Hint | None:
    for number in range(first, min(last, len(lines) - 1) + 1):
        line = lines[number]
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            message = "a tab in the indentation: YAML indents with spaces only"
            return Hint(number + 1, line.index("\t") + 1, message, Words("hint_tab"))
    return None


def _missing_space(lines: list[str], first: int, last: int) -> Hint | None:
    for number in range(first, min(last, len(lines) - 1) + 1):
        found = _KEY_WITHOUT_SPACE.match(lines[number])
        if found is not None:
            lead, key = found.groups()
            column = len(lead) + len(key) + 1
            message = f"no space after the ':' of {key!r}: write '{key}: value'"
            return Hint(number + 1, column, message, Words("hint_space", key=repr(key), name=key))
    return None


def _list_written(lines: list[str], first_item: int) -> str | None:
    """`key: [a, b]` for a `key: a` line followed by `- b` items, when every value is a plain word."""
    above = next(
        (line for line in reversed(lines[:first_item]) if line.strip() and not line.lstrip().startswith("#")), ""
    )
    key_line = _KEY_AND_WORD.match(above)
    if key_line is None:
        return None
    items = [key_line.group(2)]
    indent = len(lines[first_item]) - len(lines[first_item].lstrip(" "))
    for line in lines[first_item:]:
        item = _ITEM_WORD.match(line)
        if item is None or len(item.group(1)) != indent:
            break
        items.append(item.group(2))
    return f"{key_line.group(1)}: [{', '.join(items)}]" if len(items) > 1 else None
