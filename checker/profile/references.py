"""Cross-references inside a profile: ids are unique, and every id a record names exists.

This works on the plain data rather than the validated model so that a run
reports broken references together with every other problem; records whose
shape is wrong are skipped here (validation reports them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.errors import InputProblem, Words, place
from checker.i18n import problem
from checker.paths import Path, format_path
from checker.read.nodes import Mark, Node, locate

_LISTS = ("items", "parties", "licences", "exports", "technology_transfers")
_SINGULAR = {"items": "item", "parties": "party", "licences": "licence"}

# (list, field, list it points into, whether the field holds a list of ids)
REFERENCES = (
    ("exports", ("item",), "items", False),
    ("exports", ("licence",), "licences", False),
    ("exports", ("consignee",), "parties", False),
    ("exports", ("end_user",), "parties", False),
    ("exports", ("intermediaries",), "parties", True),
    ("licences", ("items",), "items", True),
    ("licences", ("end_users",), "parties", True),
    ("technology_transfers", ("item",), "items", False),
    ("technology_transfers", ("licence",), "licences", False),
    ("technology_transfers", ("recipient", "party"), "parties", False),
)


def reference_problems(data: dict[str, Any], root: Node) -> list[InputProblem]:
    ids = {name: list(_ids(data, name)) for name in _LISTS}
    problems = list(_duplicates(ids, root))
    known = {name: {value for _, value in pairs} for name, pairs in ids.items()}
    for path, target, value in _references(data):
        if value not in known[target]:
            problems.append(_dangling(path, target, value, sorted(known[target]), root))
    return problems


def _records(data: dict[str, Any], name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    records = data.get(name)
    if isinstance(records, list):
        for index, record in enumerate(records):
            if isinstance(record, dict):
                yield index, record


def _ids(data: dict[str, Any], name: str) -> Iterator[tuple[int, str]]:
    for index, record in _records(data, name):
        if isinstance(record.get("id"), str):
            yield index, record["id"]


def _duplicates(ids: dict[str, list[tuple[int, str]]], root: Node) -> Iterator[InputProblem]:
    for name, pairs in ids.items():
        first_index: dict[str, int] = {}
        for index, value in pairs:
            if value not in first_index:
                first_index[value] = index
                continue
            mark = locate(root, (name, index, "id")).mark
            first = locate(root, (name, first_index[value], "id")).mark
            yield problem(
                mark,
                Words(
                    "duplicate_id",
                    path=f"{name}[{index}].id",
                    value=repr(value),
                    first=f"{name}[{first_index[value]}]",
                    place=_place(first),
                ),
            )


def _references(data: dict[str, Any]) -> Iterator[tuple[Path, str, str]]:
    """Every (path, list it points into, id) in the profile."""
    for source, field, target, many in REFERENCES:
        for index, record in _records(data, source):
            value: Any = record
            for part in field:
                value = value.get(part) if isinstance(value, dict) else None
            base = (source, index, *field)
            if many and isinstance(value, list):
                for j, entry in enumerate(value):
                    if isinstance(entry, str):
                        yield (*base, j), target, entry
            elif isinstance(value, str):
                yield base, target, value


def _dangling(path: Path, target: str, value: str, known: list[str], root: Node) -> InputProblem:
    from checker.diagnostics import suggest  # the error path, imported when there is an error

    guess = suggest(value, known)
    hint: Words | str = ""
    if guess:
        hint = Words("did_you_mean", guess=repr(guess))
    elif not known:
        hint = Words("lists_none", target=target)
    return problem(
        locate(root, path).mark,
        Words(
            "dangling_id",
            path=format_path(path),
            value=repr(value),
            record=Words(f"record_{_SINGULAR[target]}"),
            target=target,
            hint=hint,
        ),
    )


def _place(mark: Mark) -> str:
    if mark.sheet is None:
        return f"{mark.file}:{mark.line}"
    return place(mark.file, mark.line, mark.column, mark.sheet)
