"""The located tree a YAML file is read into: nodes that remember where each value was written.

`to_plain` turns the tree into ordinary dicts and lists (taking the values a `TextGuide` marks as text as they
were written); `locate` maps a path back to a file position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple


class Mark(NamedTuple):
    """A 1-based position in a file: a line and column of text, or a cell of a sheet (`line` its row)."""

    file: str
    line: int
    column: int
    sheet: str | None = None  # a cell's sheet: its name in a workbook, "" in a CSV file; None in a text file


# Nodes are made once per value of a file that may hold a million: their constructors set every slot
# directly rather than through super().__init__, which measurably slows reading a large ledger.
class Node:
    __slots__ = ("mark", "size", "height")
    mark: Mark
    size: int  # values in the subtree once aliases are expanded
    height: int


class Scalar(Node):
    __slots__ = ("value", "source")

    def __init__(self, mark: Mark, value: Any, source: str):
        self.mark, self.size, self.height = mark, 1, 1
        self.value = value
        self.source = source  # the text as written: a text field takes it (`3E001`, `0117`), and messages quote it


class Mapping(Node):
    __slots__ = ("entries",)

    def __init__(self, mark: Mark):
        self.mark, self.size, self.height = mark, 1, 1
        self.entries: dict[str, tuple[Mark, Node]] = {}


class Sequence(Node):
    __slots__ = ("items",)

    def __init__(self, mark: Mark):
        self.mark, self.size, self.height = mark, 1, 1
        self.items: list[Node] = []


class TextGuide:
    """Where a tree's values are text, whatever YAML would make of them.

    A plain `3E001` is a number to YAML and a control code to the profile: where `text` is set, a plain
    scalar that YAML resolved to a number or a boolean is taken as the characters written. `keys` guides a
    mapping's values, `item` a list's items; a place with no guide keeps YAML's values.
    """

    __slots__ = ("text", "keys", "item")

    def __init__(self) -> None:
        self.text = False
        self.keys: dict[str, TextGuide] = {}
        self.item: TextGuide | None = None


def to_plain(node: Node, guide: TextGuide | None = None) -> Any:
    """Located nodes → dicts, lists and scalars. Depth is bounded by MAX_DEPTH, so recursion is safe."""
    if isinstance(node, Scalar):
        value = node.value
        # Null stays null: an empty value is a missing one, not the text "null".
        if guide is not None and guide.text and value is not None and not isinstance(value, str):
            return node.source
        return value
    if guide is None:
        return _plain(node)
    if isinstance(node, Sequence):
        return [to_plain(item, guide.item) for item in node.items]
    assert isinstance(node, Mapping)
    keys = guide.keys
    return {key: to_plain(value, keys.get(key)) for key, (_, value) in node.entries.items()}


def _plain(node: Node) -> Any:
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [_plain(item) for item in node.items]
    assert isinstance(node, Mapping)
    return {key: _plain(value) for key, (_, value) in node.entries.items()}


@dataclass(frozen=True, slots=True)
class Located:
    """Where a path is: its node (or the deepest existing ancestor's), the key's mark, and whether it exists."""

    node: Node
    key_mark: Mark | None
    exists: bool

    @property
    def mark(self) -> Mark:
        return self.node.mark


def locate(root: Node, path: tuple[str | int, ...]) -> Located:
    node = root
    key_mark: Mark | None = None
    for part in path:
        if isinstance(node, Mapping) and isinstance(part, str) and part in node.entries:
            key_mark, node = node.entries[part]
        elif isinstance(node, Sequence) and isinstance(part, int) and 0 <= part < len(node.items):
            node = node.items[part]
            key_mark = None
        else:
            return Located(node, key_mark, False)
    return Located(node, key_mark, True)
