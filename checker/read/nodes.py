"""The located tree a YAML file is read into: nodes that remember where each value was written.

`to_plain` turns the tree into ordinary dicts and lists; `locate` maps a path back to a file position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple


class Mark(NamedTuple):
    """A 1-based position in a file."""

    file: str
    line: int
    column: int


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
        self.source = source  # the text as written, for messages such as "write "0117" in quotes"


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


def to_plain(node: Node) -> Any:
    """Located nodes → dicts, lists and scalars. Depth is bounded by MAX_DEPTH, so recursion is safe."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [to_plain(item) for item in node.items]
    assert isinstance(node, Mapping)
    return {key: to_plain(value) for key, (_, value) in node.entries.items()}


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
