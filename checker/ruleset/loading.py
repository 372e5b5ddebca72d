"""Load the rule set: the source registry, the rule index and every rule file, all validated.

A malformed file is refused with `file:line:col: message`; nothing is skipped,
so a broken rule can't silently drop out of an assessment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from checker.checks import CHECKS
from checker.errors import InputError, InputProblem, RuleSetError
from checker.diagnostics import problems_from
from checker.resources import data_dir
from checker.read.nodes import locate, to_plain
from checker.read.yaml import read_yaml
from checker.ruleset.catalogue import Catalogue
from checker.ruleset.field_check import unknown_paths
from checker.ruleset.rule import FunctionCheck, Rule
from checker.ruleset.sources import SourceDoc, unresolved


class _Index(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    catalogues: list[str] = []
    rules: list[str]


class _Registry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[SourceDoc]


class _Conditions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conditions: dict[str, dict[str, Any]]


@dataclass(frozen=True, eq=False)
class RuleSet:
    version: str
    rules: tuple[Rule, ...]
    sources: dict[str, SourceDoc]
    directory: Path
    files: dict[str, Path] = field(default_factory=dict)
    catalogues: tuple[Catalogue, ...] = ()

    def get(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    @cached_property
    def _by_id(self) -> dict[str, Rule]:
        return {key: rule for rule in self.rules for key in (rule.id, *rule.aliases)}


def load_ruleset(directory: Path | None = None) -> RuleSet:
    directory = directory or data_dir("rules")
    problems: list[InputProblem] = []
    index = _load(directory / "ruleset.yaml", _Index, problems)
    registry = _load(directory / "sources.yaml", _Registry, problems)
    shared = _load(directory / "conditions.yaml", _Conditions, problems)
    if index is None or registry is None or shared is None:
        raise RuleSetError(_text(problems))
    sources = {doc.id: doc for doc in registry.documents}
    files = _rule_files(directory, problems)
    rules: list[Rule] = []
    for rule_id in index.rules:
        path = files.pop(rule_id, None)
        if path is None:
            problems.append(InputProblem(str(directory / "ruleset.yaml"), None, None,
                                         f"rule {rule_id} is listed but no file {rule_id}.yaml exists"))
            continue
        rule = _load(path, Rule, problems, shared.conditions)
        if rule is not None:
            problems += _cross_check(rule, path, sources)
            problems += _unresolved_notes(rule, path)
            rules.append(rule)
    for rule_id, path in files.items():
        problems.append(InputProblem(str(path), None, None, "rule file is not listed in ruleset.yaml"))
    problems += _unique(rules, directory)
    catalogues = []
    for framework in index.catalogues:
        path = directory / "catalogues" / f"{framework}.yaml"
        catalogue = _load(path, Catalogue, problems)
        if catalogue is not None:
            problems += _check_catalogue(catalogue, path, sources, set(index.rules))
            catalogues.append(catalogue)
    if index.catalogues and len(catalogues) == len(index.catalogues):
        problems += _uncatalogued(rules, catalogues, directory)
    if problems:
        raise RuleSetError(_text(problems))
    return RuleSet(index.version, tuple(rules), sources, directory,
                   {rule.id: path for rule in rules for path in directory.glob(f"*/{rule.id}.yaml")},
                   tuple(catalogues))


def _rule_files(directory: Path, problems: list[InputProblem]) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for path in sorted(directory.glob("*/*.yaml")):
        if path.parent.name in ("catalogues", "examples"):
            continue
        if path.stem in files:
            problems.append(InputProblem(str(path), None, None, f"a second file for rule {path.stem}"))
        files[path.stem] = path
    return files


def _load(path: Path, model: type[BaseModel], problems: list[InputProblem],
          conditions: dict[str, Any] | None = None) -> Any:
    try:
        root = read_yaml(path, str(path))
        data = to_plain(root)
        if conditions is not None:
            data = _use_conditions(data, conditions)
        return model.model_validate(data)
    except InputError as error:
        problems += error.problems
    except ValidationError as error:
        problems += problems_from(error, model, root)[0]
    except _UnknownCondition as error:
        mark = locate(root, error.path).mark
        problems.append(InputProblem(mark.file, mark.line, mark.column, str(error)))
    return None


class _UnknownCondition(Exception):
    def __init__(self, path: tuple, name: Any, known: list[str]):
        super().__init__(f"no shared condition {name!r} in conditions.yaml (known: {', '.join(known)})")
        self.path = path


def _use_conditions(data: Any, conditions: dict[str, Any]) -> Any:
    """Replace `- use: NAME` entries of applies_if/where by the condition of that name in conditions.yaml."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    for key in ("applies_if", "where"):
        entries = data.get(key)
        if not isinstance(entries, list):
            continue
        expanded = []
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and set(entry) == {"use"}:
                if entry["use"] not in conditions:
                    raise _UnknownCondition((key, index, "use"), entry["use"], sorted(conditions))
                expanded.append(conditions[entry["use"]])
            else:
                expanded.append(entry)
        data[key] = expanded
    return data


def _cross_check(rule: Rule, path: Path, sources: dict[str, SourceDoc]) -> list[InputProblem]:
    problems = []
    where = str(path)
    if path.stem != rule.id:
        problems.append(InputProblem(where, None, None, f"file name should be {rule.id}.yaml"))
    if path.parent.name != rule.element:
        problems.append(InputProblem(where, None, None,
                                     f"rule of element {rule.element} belongs in {rule.element}/"))
    for citation in rule.sources:
        doc = sources.get(citation.doc)
        if doc is None:
            problems.append(InputProblem(where, None, None, f"source {citation.doc!r} is not in sources.yaml"))
        elif (citation.article is None) != (doc.unit == "document"):
            wanted = "no article (it is cited as a whole)" if doc.unit == "document" else f"an {doc.unit}"
            problems.append(InputProblem(where, None, None, f"a citation of {citation.doc} takes {wanted}"))
    problems += [InputProblem(where, None, None, message) for message in unknown_paths(rule)]
    if isinstance(rule.check, FunctionCheck) and rule.check.function not in CHECKS:
        problems.append(InputProblem(where, None, None,
                                     f"check function {rule.check.function!r} is not registered"))
    return problems


def _unresolved_notes(rule: Rule, path: Path) -> list[InputProblem]:
    """Every citation's fact names a page under docs/sources/ and a heading on it."""
    return [InputProblem(str(path), None, None, problem)
            for citation in rule.sources if (problem := unresolved(citation.note)) is not None]


def _check_catalogue(catalogue: Catalogue, path: Path, sources: dict[str, SourceDoc],
                     known: set[str]) -> list[InputProblem]:
    problems = []
    where = str(path)
    if path.stem != catalogue.framework:
        problems.append(InputProblem(where, None, None, f"file name should be {catalogue.framework}.yaml"))
    if catalogue.framework not in sources:
        problems.append(InputProblem(where, None, None, f"framework {catalogue.framework!r} is not in sources.yaml"))
    seen: set[str] = set()
    for requirement in catalogue.requirements:
        if not requirement.id.startswith(f"{catalogue.framework}-"):
            problems.append(InputProblem(where, None, None,
                                         f"requirement {requirement.id} should start with {catalogue.framework}-"))
        if requirement.id in seen:
            problems.append(InputProblem(where, None, None, f"requirement {requirement.id} is listed twice"))
        seen.add(requirement.id)
        for rule_id in requirement.rules:
            if rule_id not in known:
                problems.append(InputProblem(where, None, None,
                                             f"requirement {requirement.id} names rule {rule_id}, which is not "
                                             "in ruleset.yaml"))
    return problems


def _uncatalogued(rules: list[Rule], catalogues: list[Catalogue], directory: Path) -> list[InputProblem]:
    named = {rule_id for catalogue in catalogues for r in catalogue.requirements for rule_id in r.rules}
    return [InputProblem(str(directory / "ruleset.yaml"), None, None,
                         f"rule {rule.id} checks no catalogue requirement; name it in a catalogue")
            for rule in rules if rule.id not in named]


def _unique(rules: list[Rule], directory: Path) -> list[InputProblem]:
    seen: dict[str, str] = {}
    problems = []
    for rule in rules:
        for key in (rule.id, rule.name, *rule.aliases):
            if key in seen:
                problems.append(InputProblem(str(directory), None, None,
                                             f"{key!r} names both {seen[key]} and {rule.id}"))
            seen[key] = rule.id
    return problems


def _text(problems: list[InputProblem]) -> str:
    return "\n".join(str(problem) for problem in sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message)))
