"""One rule pack as it is written: a directory with a `ruleset.yaml` index, rule files and what they cite.

    PACK/ruleset.yaml            pack identity, vocabularies (elements, owners), documents and conditions
                                 (inline, or in sources.yaml and conditions.yaml beside it), catalogues, rules
    PACK/<element>/<ID>.yaml     one rule a file
    PACK/catalogues/<DOC>.yaml   optional requirement catalogues
    PACK/examples/base.yaml      optional base profile for the pack's examples (else the built-in one)

The built-in rule set is a pack like any other, except that its ids carry no pack prefix. Reading a pack
checks only what the pack says of itself; `loading` checks the packs against each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.bilingual import Bilingual
from checker.errors import InputError, InputProblem
from checker.paths import format_path
from checker.read.nodes import Node, locate, to_plain
from checker.read.yaml import read_yaml
from checker.ruleset.sources import SourceDoc

INDEX = "ruleset.yaml"
TERM_ID = r"^[a-z][a-z0-9_]{1,39}$"


class Term(BaseModel):
    """A word of a rule-set vocabulary (an element, an owner) with its names in both languages."""

    # defer_build: a run whose rule set comes from the cache validates no rule file (see checker.ruleset.cache).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=TERM_ID)
    title: Bilingual


class PackInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]{1,39}$")
    title: Bilingual
    # Every rule id of the pack starts with `PREFIX-`, so that a company's ids can never collide with ours.
    prefix: str | None = Field(default=None, pattern=r"^[A-Z][A-Z0-9]{1,9}$")
    version: str | None = None


class PackIndex(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    pack: PackInfo
    version: str | None = None
    elements: list[Term] = Field(default_factory=list)
    owners: list[Term] = Field(default_factory=list)
    documents: list[SourceDoc] = Field(default_factory=list)
    conditions: dict[str, dict[str, Any]] = Field(default_factory=dict)
    catalogues: list[str] = Field(default_factory=list)
    rules: list[str]


class _Registry(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    documents: list[SourceDoc]


class _Conditions(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    conditions: dict[str, dict[str, Any]]


@dataclass
class PackFiles:
    """A pack's index and the documents and conditions it brings, each with the file it came from."""

    directory: Path
    index: PackIndex
    documents: list[tuple[SourceDoc, str]] = field(default_factory=list)
    conditions: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.index.pack.id

    @property
    def index_file(self) -> str:
        return str(self.directory / INDEX)

    @property
    def version(self) -> str:
        return self.index.pack.version or self.index.version or "unversioned"


# The documents a pack cites: the instruments in sources.yaml, the dated announcements (with their suspensions
# and ends) in measures.yaml. Both hold the same kind of entry; measures are kept apart because they change often.
REGISTRIES = ("sources.yaml", "measures.yaml")


def read_pack(directory: Path, problems: list[InputProblem]) -> PackFiles | None:
    """The pack's index, documents and conditions; None (with the problems recorded) when they can't be read."""
    if not (directory / INDEX).is_file():
        problems.append(
            InputProblem(
                str(directory), None, None, f"not a rule pack: no {INDEX} in it (see docs/rules.md, 'Rule packs')"
            )
        )
        return None
    index = load_model(directory / INDEX, PackIndex, problems)
    if index is None:
        return None
    pack = PackFiles(directory, index)
    pack.documents = [(doc, pack.index_file) for doc in index.documents]
    pack.conditions = {name: (body, pack.index_file) for name, body in index.conditions.items()}
    for name in REGISTRIES:
        registry_file = directory / name
        if registry_file.is_file():
            registry = load_model(registry_file, _Registry, problems)
            pack.documents += [(doc, str(registry_file)) for doc in (registry.documents if registry else [])]
    conditions_file = directory / "conditions.yaml"
    if conditions_file.is_file():
        shared = load_model(conditions_file, _Conditions, problems)
        for name, body in (shared.conditions if shared else {}).items():
            if name in pack.conditions:
                problems.append(
                    InputProblem(
                        str(conditions_file),
                        None,
                        None,
                        f"condition {name!r} is also defined in {pack.conditions[name][1]}",
                    )
                )
            pack.conditions[name] = (body, str(conditions_file))
    return pack


def rule_files(directory: Path, problems: list[InputProblem]) -> dict[str, Path]:
    """Every `<element>/<ID>.yaml` of the pack, by id."""
    files: dict[str, Path] = {}
    for path in sorted(directory.glob("*/*.yaml")):
        if path.parent.name in ("catalogues", "examples"):
            continue
        if path.stem in files:
            problems.append(
                InputProblem(str(path), None, None, f"a second file for rule {path.stem}, also {files[path.stem]}")
            )
        files[path.stem] = path
    return files


def load_model(
    path: Path,
    model: type[BaseModel],
    problems: list[InputProblem],
    prepare: Any = None,
    audit: Callable[[Any], list[tuple[tuple, str]]] | None = None,
) -> Any:
    """The file read and validated as `model`; None, with the problems recorded, when it can't be.

    `prepare` may rewrite the plain data before validation; it raises `PrepareError` to point at a place.
    `audit` judges the validated value against what the model alone can't see, returning (place, message)
    pairs.
    """
    root: Node | None = None
    try:
        root = read_yaml(path, str(path))
        data = to_plain(root)
        if prepare is not None:
            data = prepare(data)
        value = model.model_validate(data)
        found = audit(value) if audit is not None else []
        for place, message in found:
            mark = locate(root, place).mark
            problems.append(InputProblem(mark.file, mark.line, mark.column, f"{format_path(place)}: {message}"))
        return None if found else value
    except InputError as error:
        problems += error.problems
    except PrepareError as error:
        assert root is not None
        mark = locate(root, error.path).mark
        problems.append(InputProblem(mark.file, mark.line, mark.column, str(error)))
    except ValidationError as error:
        from checker.diagnostics import problems_from  # the error path, imported when there is an error

        assert root is not None
        problems += problems_from(error, model, root)[0]
    return None


class PrepareError(Exception):
    """Something in a file that validation would not explain well, at a path inside it."""

    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path
