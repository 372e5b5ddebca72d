"""Read YAML the way users write it, safely, keeping the line and column of every value.

PyYAML's parser turns the text into events; this module composes the events
itself instead of using PyYAML's composer and constructors, for four reasons:

* scalars are resolved by the YAML 1.2 core schema, so `NO` (Norway) and `yes`
  stay strings; only true/false are booleans;
* no tag ever constructs an object: a tag outside the core schema is an error;
* duplicate keys are errors, not silent overwrites;
* work is bounded: nesting depth, the number of values after alias expansion
  (the "billion laughs" file) and the file size all have limits.

The result is a tree of located nodes (`checker.yaml_nodes`).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, NoReturn

import yaml

from checker.errors import EmptyFile, InputError, InputProblem, Words
from checker.read.nodes import Mapping, Mark, Node, Scalar, Sequence

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 500_000
# Longer numbers mean nothing in a profile, and Python refuses to convert integers of over 4,300 digits.
MAX_NUMBER_CHARS = 100

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq")} | {"!"}
_TAG_TYPES: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Every null, boolean and number of the core schema starts with one of these; other text is text.
_MAYBE_NOT_TEXT = frozenset("~nNtTfF+-.0123456789")


def resolve_plain(text: str) -> Any:
    """The value of an untagged plain scalar under the YAML 1.2 core schema."""
    if text and text[0] not in _MAYBE_NOT_TEXT:
        return text
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if len(text) > MAX_NUMBER_CHARS and any(form.match(text) for form in (_INT10, _INT8, _INT16, _FLOAT)):
        raise NumberTooLong(len(text))
    if _INT10.match(text):
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _is_of_kind(value: Any, kind: str) -> bool:
    """Whether a plain scalar's value is what the core-schema tag `!!kind` asks for (booleans are no !!int)."""
    expected = _TAG_TYPES.get(kind)
    return expected is not None and isinstance(value, expected) and not (kind == "int" and isinstance(value, bool))


class NumberTooLong(Exception):
    """A plain scalar is a number of more than MAX_NUMBER_CHARS characters."""

    def __init__(self, length: int):
        super().__init__(f"number of {length:,} characters is too long (at most {MAX_NUMBER_CHARS})")


def read_yaml(path: Path, display: str | None = None) -> Node:
    """Read one YAML file holding one document; raise InputError listing what is wrong."""
    name = display or str(path)
    try:
        raw = _read_at_most(path, MAX_FILE_BYTES)
    except OSError as exc:
        message = f"cannot read: {exc.strerror}"
        raise InputError([_said(name, None, None, message, Words("file_unreadable", reason=exc.strerror))]) from exc
    if raw is None:
        limit = f"{MAX_FILE_BYTES:,}"
        message = f"file holds more than {limit} bytes, the limit"
        raise InputError([_said(name, None, None, message, Words("file_too_large", limit=limit))])
    return parse_yaml(raw, name)


def _read_at_most(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None if there are more than `limit`.

    The limit is applied while reading, not from the file's size: /dev/zero, /dev/stdin or a pipe has no
    size to ask for, and a file may grow after it was asked.
    """
    chunks: list[bytes] = []
    total = 0
    with open(path, "rb", buffering=0) as stream:
        while total <= limit:
            chunk = stream.read(min(1 << 20, limit + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
    return None


def parse_yaml(raw: bytes, name: str) -> Node:
    text = _decode(raw, name)
    return _Composer(text, name).compose()


def _decode(raw: bytes, name: str) -> str:
    # The UTF-32 little-endian mark starts with the UTF-16 one, so it is looked for first.
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError(
            [_said(name, 1, 1, "file is UTF-32; save it as UTF-8", Words("file_encoding", encoding="UTF-32"))]
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            [_said(name, 1, 1, "file is UTF-16; save it as UTF-8", Words("file_encoding", encoding="UTF-16"))]
        )
    if b"\x00" in raw:
        line, col = _position_of(raw, raw.index(b"\x00"))
        message = "file contains NUL bytes: this is a binary file, not YAML"
        raise InputError([_said(name, line, col, message, Words("file_binary"))])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position_of(raw, exc.start)
        byte = f"0x{raw[exc.start]:02x}"
        message = f"file is not valid UTF-8 (byte {byte}); save it as UTF-8"
        raise InputError([_said(name, line, col, message, Words("file_not_utf8", byte=byte))]) from exc


def _said(name: str, line: int | None, column: int | None, message: str, words: Words | None) -> InputProblem:
    return InputProblem(name, line, column, message, words=words)


def _position_of(data: bytes | str, offset: int) -> tuple[int, int]:
    if isinstance(data, bytes):
        line, start = data.count(b"\n", 0, offset) + 1, data.rfind(b"\n", 0, offset) + 1
    else:
        line, start = data.count("\n", 0, offset) + 1, data.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


class _Frame:
    __slots__ = ("node", "anchor", "key", "key_mark", "key_is_merge", "merges")

    def __init__(self, node: Mapping | Sequence, anchor: str | None):
        self.node = node
        self.anchor = anchor
        self.key: str | None = None
        self.key_mark: Mark | None = None
        self.key_is_merge = False
        self.merges: list[tuple[Mark, Node]] = []


class _Composer:
    """Builds located nodes from PyYAML's event stream without recursion."""

    def __init__(self, text: str, name: str):
        self.text = text
        self.name = name
        self.anchors: dict[str, Node] = {}
        self.stack: list[_Frame] = []
        self.root: Node | None = None
        self.documents = 0
        self.problems: list[InputProblem] = []
        self.event: yaml.Event | None = None  # the event being composed, for problems found below the loop

    def compose(self) -> Node:
        loader = _Loader(self.text)
        try:
            self._run(loader)
        except yaml.MarkedYAMLError as exc:
            self.problems.append(self._yaml_problem(exc))
        except yaml.reader.ReaderError as exc:
            line, col = _position_of(self.text, exc.position)
            message = f"character not allowed in YAML: {exc.reason}"
            self.problems.append(_said(self.name, line, col, message, Words("yaml_character", reason=exc.reason)))
        except yaml.YAMLError as exc:
            self.problems.append(InputProblem(self.name, None, None, f"not valid YAML: {exc}"))
        except NumberTooLong as exc:
            assert self.event is not None  # numbers are resolved only while an event is composed
            mark = self._mark(self.event)
            self.problems.append(InputProblem(mark.file, mark.line, mark.column, str(exc)))
        except _Stop:
            pass
        finally:
            loader.dispose()
        if self.problems:
            raise InputError(self.problems)
        if self.root is None or (isinstance(self.root, Scalar) and self.root.value is None):
            message = "file is empty: expected a mapping of profile keys"
            raise EmptyFile([_said(self.name, 1, 1, message, Words("file_empty"))])
        return self.root

    def _run(self, loader: Any) -> None:
        """The event loop, with the common case inlined: an untagged, unanchored scalar inside a collection.

        A large profile is mostly such scalars (a 10,000-export ledger has several hundred thousand); handling
        them here rather than through `_handle` makes reading it about twice as fast.
        """
        name, stack, get, check = self.name, self.stack, loader.get_event, loader.check_event
        scalar_event = yaml.ScalarEvent
        while check():
            event = self.event = get()
            if type(event) is not scalar_event or event.tag is not None or event.anchor or not stack:
                self._handle(event)
                continue
            start = event.start_mark
            assert start is not None  # the parser marks every event it emits
            mark = Mark(name, start.line + 1, start.column + 1)
            text = event.value
            frame = stack[-1]
            parent = frame.node
            if frame.key is None and type(parent) is Mapping:
                if event.style or (text and text[0] not in _MAYBE_NOT_TEXT):
                    frame.key, frame.key_mark = text, mark
                    frame.key_is_merge = text == "<<" and not event.style
                else:
                    self._take_key(frame, Scalar(mark, resolve_plain(text), text), event)
                continue
            node = Scalar(mark, text if event.style else resolve_plain(text), text)
            if type(parent) is Sequence:
                parent.items.append(node)
            else:
                self._put(frame, node)
                frame.key = None
                frame.key_is_merge = False
            parent.size += 1
            if parent.height < 2:
                parent.height = 2
            if parent.size > MAX_VALUES:
                self._fail(
                    parent.mark,
                    f"more than {MAX_VALUES:,} values once aliases are expanded; "
                    "the file is too large or defines an alias bomb",
                )

    def _mark(self, event: yaml.Event) -> Mark:
        start = event.start_mark
        assert start is not None  # the parser marks every event it emits
        return Mark(self.name, start.line + 1, start.column + 1)

    def _fail(self, mark: Mark, message: str, words: Words | None = None) -> NoReturn:
        self.problems.append(InputProblem.at(mark, message, words))
        raise _Stop

    def _yaml_problem(self, exc: yaml.MarkedYAMLError) -> InputProblem:
        from checker.read.syntax_hints import syntax_hint  # only a file that does not parse needs it

        hint = syntax_hint(self.text, exc)
        if hint is not None:
            return _said(self.name, hint.line, hint.column, hint.message, hint.words)
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or "not valid YAML"
        if exc.context:
            message = f"{message} ({exc.context})"
        words = Words("yaml_parser", text=message)
        if mark is None:
            return _said(self.name, None, None, message, words)
        return _said(self.name, mark.line + 1, mark.column + 1, message, words)

    def _handle(self, event: yaml.Event) -> None:
        if type(event) is yaml.ScalarEvent:  # most events are scalars: test for them first
            if event.tag is not None:
                self._check_tag(event)
            self._add(self._scalar(event), event)
        elif type(event) is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                message = "a second YAML document ('---'): a profile file holds one document"
                self._fail(self._mark(event), message, Words("second_document"))
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._check_tag(event)
            if self.stack and isinstance(self.stack[-1].node, Mapping) and self.stack[-1].key is None:
                message = "a key must be plain text, not a mapping or a list"
                self._fail(self._mark(event), message, Words("key_not_plain"))
            if len(self.stack) + 1 > MAX_DEPTH:
                self._fail(self._mark(event), f"nesting is deeper than {MAX_DEPTH} levels")
            node = (
                Mapping(self._mark(event)) if isinstance(event, yaml.MappingStartEvent) else Sequence(self._mark(event))
            )
            self.stack.append(_Frame(node, event.anchor))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            if isinstance(frame.node, Mapping):
                self._apply_merges(frame.node, frame.merges)
            self._add(frame.node, None, frame.anchor)

    def _check_tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag is None or tag in _ALLOWED_TAGS:
            return
        shown = tag.replace(_CORE, "!!")
        if "python" in tag:
            self._fail(
                self._mark(event),
                f"tag {shown} is not allowed: a profile is plain data and no tag constructs objects",
                Words("tag_object", tag=shown),
            )
        self._fail(
            self._mark(event),
            f"tag {shown} is not allowed: use plain YAML values (text, numbers, true/false, lists, mappings)",
            Words("tag_other", tag=shown),
        )

    def _scalar(self, event: yaml.ScalarEvent) -> Scalar:
        mark = self._mark(event)
        text = event.value
        tag = event.tag
        if tag in (None, "!") and (event.style or tag == "!"):
            value: Any = text
        elif tag is None:
            value = resolve_plain(text)
        else:
            value = self._tagged(tag, text, mark)
        return Scalar(mark, value, text)

    def _tagged(self, tag: str, text: str, mark: Mark) -> Any:
        kind = tag[len(_CORE) :]
        if kind == "str":
            return text
        value = resolve_plain(text)
        if not _is_of_kind(value, kind):
            self._fail(mark, f"{text!r} is not a valid !!{kind}", Words("tag_value", value=repr(text), kind=kind))
        return float(value) if kind == "float" else value

    def _alias(self, event: yaml.AliasEvent) -> None:
        mark = self._mark(event)
        assert event.anchor is not None  # an alias always names its anchor
        target = self.anchors.get(event.anchor)
        if target is None:
            message = f"alias *{event.anchor} refers to no anchor defined before it"
            self._fail(mark, message, Words("alias_unknown", anchor=event.anchor))
        if self.stack and isinstance(self.stack[-1].node, Mapping) and self.stack[-1].key is None:
            self._fail(mark, "an alias cannot be used as a key", Words("alias_key"))
        self._add(target, event, reused=True)

    def _add(self, node: Node, event: yaml.NodeEvent | None, anchor: str | None = None, reused: bool = False) -> None:
        if event is not None and not reused and event.anchor:
            anchor = event.anchor
        if anchor:
            self.anchors[anchor] = node
        if len(self.stack) + node.height > MAX_DEPTH:
            self._fail(node.mark, f"nesting is deeper than {MAX_DEPTH} levels once aliases are expanded")
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        parent = frame.node
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif frame.key is None:
            self._take_key(frame, node, event)
            return
        else:
            self._put(frame, node)
            frame.key = None
            frame.key_is_merge = False
        parent.size += node.size
        parent.height = max(parent.height, node.height + 1)
        if parent.size > MAX_VALUES:
            self._fail(
                parent.mark,
                f"more than {MAX_VALUES:,} values once aliases are expanded; "
                "the file is too large or defines an alias bomb",
            )

    def _take_key(self, frame: _Frame, node: Node, event: yaml.NodeEvent | None) -> None:
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            shown = node.source if isinstance(node, Scalar) else "?"
            message = f"key {shown!r} must be text; put it in quotes if it is meant literally"
            self._fail(node.mark, message, Words("key_must_be_text", key=repr(shown)))
        frame.key = node.value
        frame.key_mark = node.mark
        # Only a plain `<<` is a merge key; a quoted "<<" is an ordinary key.
        frame.key_is_merge = node.value == "<<" and isinstance(event, yaml.ScalarEvent) and not event.style

    def _put(self, frame: _Frame, node: Node) -> None:
        """Add `node` under the frame's pending key; the frame is a mapping's, and its key has been read."""
        mapping, key, key_mark = frame.node, frame.key, frame.key_mark
        assert isinstance(mapping, Mapping) and key is not None and key_mark is not None
        if frame.key_is_merge:
            frame.merges.append((key_mark, node))
            return
        # Merged keys are added only when the mapping ends, so until then every entry is an explicit key.
        if key in mapping.entries:
            first = mapping.entries[key][0]
            message = f"duplicate key {key!r} (first defined at line {first.line})"
            self.problems.append(
                InputProblem.at(key_mark, message, Words("duplicate_key", key=repr(key), line=first.line))
            )
            return
        mapping.entries[key] = (key_mark, node)

    def _apply_merges(self, mapping: Mapping, merges: list[tuple[Mark, Node]]) -> None:
        """YAML merge keys (`<<: *defaults`): explicit keys win, then sources in the order given."""
        for key_mark, source in merges:
            sources = source.items if isinstance(source, Sequence) else [source]
            for item in sources:
                if not isinstance(item, Mapping):
                    self._fail(key_mark, "'<<' merges mappings only", Words("merge_mappings"))
                for key, (mark, value) in item.entries.items():
                    if key not in mapping.entries:
                        mapping.entries[key] = (mark, value)
                        mapping.size += value.size
                        mapping.height = max(mapping.height, value.height + 1)


class _Stop(Exception):
    """Internal: stop composing this file after a fatal problem was recorded."""
