"""Load the rule set: the built-in pack, then every pack given with `--rules DIR`, composed into one.

A malformed file is refused with `file:line:col: message`; nothing is skipped, so a broken rule can't
silently drop out of an assessment. Packs are checked against each other: a pack id, id prefix, rule id,
document, element, owner or condition defined twice is an error naming both files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from checker.checks import CHECKS
from checker.errors import InputProblem, RuleSetError
from checker.language.predicates import InForce, walk
from checker.resources import data_dir
from checker.ruleset.cache import RuleCache
from checker.ruleset.catalogue import Catalogue, Requirement
from checker.ruleset.evidence import evidence_problems
from checker.ruleset.pack import PackFiles, PrepareError, Term, load_model, read_pack, rule_files
from checker.ruleset.rule import BUILTIN_RULE_ID, FunctionCheck, Rule
from checker.ruleset.sources import Basis, Binding, SourceDoc, has_page, notes_dir, unresolved


@dataclass(frozen=True)
class Pack:
    """A pack as reports name it: where a rule came from."""

    id: str
    title_en: str
    title_zh: str
    version: str
    prefix: str | None
    directory: Path
    builtin: bool


@dataclass(frozen=True, eq=False)
class RuleSet:
    version: str  # the built-in pack's version
    rules: tuple[Rule, ...]
    sources: dict[str, SourceDoc]
    directory: Path  # the built-in pack's directory
    files: dict[str, Path] = field(default_factory=dict)
    catalogues: tuple[Catalogue, ...] = ()
    elements: tuple[Term, ...] = ()
    owners: tuple[Term, ...] = ()
    packs: tuple[Pack, ...] = ()
    pack_of: dict[str, str] = field(default_factory=dict)  # rule id → pack id

    def get(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    def pack(self, rule_id: str) -> Pack:
        return self._packs[self.pack_of[rule_id]]

    def examples_base(self, rule_id: str) -> Path:
        """The base profile a rule's examples start from: its pack's own, else the built-in one."""
        own = self.pack(rule_id).directory / "examples" / "base.yaml"
        return own if own.is_file() else self.directory / "examples" / "base.yaml"

    @cached_property
    def _by_id(self) -> dict[str, Rule]:
        return {key: rule for rule in self.rules for key in (rule.id, *rule.aliases)}

    @cached_property
    def _packs(self) -> dict[str, Pack]:
        return {pack.id: pack for pack in self.packs}


def load_ruleset(builtin: Path | None = None, packs: Sequence[Path] = ()) -> RuleSet:
    """The built-in rule set (or the one at `builtin`), with `packs` added in the order given."""
    problems: list[InputProblem] = []
    directories = [builtin or data_dir("rules"), *packs]
    cache = RuleCache(directories, notes_dir())
    cached = cache.load()
    if isinstance(cached, RuleSet):
        return cached
    read = [read_pack(directory, problems) for directory in directories]
    if problems or any(pack is None for pack in read):
        raise RuleSetError(_text(problems))
    composed = _Composer([pack for pack in read if pack is not None], problems)
    ruleset = composed.build()
    if problems:
        raise RuleSetError(_text(problems))
    cache.store(ruleset)
    return ruleset


class _Composer:
    def __init__(self, packs: list[PackFiles], problems: list[InputProblem]):
        self.packs = packs
        self.problems = problems
        self.builtin = packs[0]
        self.sources = self._unique(
            "document", [(doc.id, doc, where) for pack in packs for doc, where in pack.documents]
        )
        self.elements = self._unique(
            "element", [(term.id, term, pack.index_file) for pack in packs for term in pack.index.elements]
        )
        self.owners = self._unique(
            "owner", [(term.id, term, pack.index_file) for pack in packs for term in pack.index.owners]
        )
        self.conditions = self._unique(
            "condition", [(name, body, where) for pack in packs for name, (body, where) in pack.conditions.items()]
        )

    def build(self) -> RuleSet:
        self._check_identities()
        rules: list[Rule] = []
        files: dict[str, Path] = {}
        pack_of: dict[str, str] = {}
        catalogues: list[Catalogue] = []
        for pack in self.packs:
            loaded = self._rules(pack)
            for rule, path in loaded:
                if rule.id in files:
                    self.problems.append(
                        InputProblem(str(path), None, None, f"rule {rule.id} is also defined in {files[rule.id]}")
                    )
                    continue
                files[rule.id] = path
                pack_of[rule.id] = pack.id
                rules.append(rule)
            catalogues += self._catalogues(pack, [rule for rule, _ in loaded])
        self.problems += _unique_names(rules, files)
        info = [
            Pack(
                pack.id,
                pack.index.pack.title.en,
                pack.index.pack.title.zh,
                pack.version,
                pack.index.pack.prefix,
                pack.directory,
                pack is self.builtin,
            )
            for pack in self.packs
        ]
        return RuleSet(
            self.builtin.version,
            tuple(rules),
            {key: doc for key, (doc, _) in self.sources.items()},
            self.builtin.directory,
            files,
            tuple(catalogues),
            tuple(term for term, _ in self.elements.values()),
            tuple(term for term, _ in self.owners.values()),
            tuple(info),
            pack_of,
        )

    def _unique(self, kind: str, entries: list[tuple[str, Any, str]]) -> dict[str, tuple[Any, str]]:
        seen: dict[str, tuple[Any, str]] = {}
        for key, value, where in entries:
            if key in seen:
                self.problems.append(
                    InputProblem(where, None, None, f"{kind} {key!r} is also defined in {seen[key][1]}")
                )
                continue
            seen[key] = (value, where)
        return seen

    def _check_identities(self) -> None:
        """Pack ids and id prefixes are unique; a pack's prefix can't be one the built-in rules use."""
        ids: dict[str, str] = {}
        prefixes: dict[str, str] = {
            rule_id.split("-")[0]: self.builtin.index_file for rule_id in self.builtin.index.rules
        }
        for pack in self.packs:
            if pack.id in ids:
                self.problems.append(
                    InputProblem(pack.index_file, None, None, f"pack id {pack.id!r} is also used by {ids[pack.id]}")
                )
            ids[pack.id] = pack.index_file
            if pack is self.builtin:
                continue
            prefix = pack.index.pack.prefix
            if prefix is None:
                self.problems.append(
                    InputProblem(
                        pack.index_file, None, None, "a rule pack needs pack.prefix, the start of every rule id in it"
                    )
                )
            elif prefix in prefixes:
                self.problems.append(
                    InputProblem(
                        pack.index_file, None, None, f"id prefix {prefix!r} is also used by {prefixes[prefix]}"
                    )
                )
            else:
                prefixes[prefix] = pack.index_file

    def _rules(self, pack: PackFiles) -> list[tuple[Rule, Path]]:
        files = rule_files(pack.directory, self.problems)
        conditions = {name: body for name, (body, _) in self.conditions.items()}
        loaded = []
        for rule_id in pack.index.rules:
            path = files.pop(rule_id, None)
            if path is None:
                self.problems.append(
                    InputProblem(
                        pack.index_file, None, None, f"rule {rule_id} is listed but no file {rule_id}.yaml exists"
                    )
                )
                continue
            rule = load_model(
                path,
                Rule,
                self.problems,
                lambda data: _use_conditions(data, conditions),
                lambda rule: evidence_problems(rule, self._binding),
            )
            if rule is not None:
                self.problems += self._cross_check(rule, path, pack)
                loaded.append((rule, path))
        for path in files.values():
            self.problems.append(InputProblem(str(path), None, None, "rule file is not listed in ruleset.yaml"))
        return loaded

    def _binding(self, doc_id: str) -> Binding | None:
        doc = self.sources.get(doc_id)
        return doc[0].binding if doc is not None else None

    def _cross_check(self, rule: Rule, path: Path, pack: PackFiles) -> list[InputProblem]:
        problems = []
        where = str(path)
        say = lambda message: problems.append(InputProblem(where, None, None, message))
        if path.stem != rule.id:
            say(f"file name should be {rule.id}.yaml")
        prefix = pack.index.pack.prefix
        if pack is self.builtin and not re.match(BUILTIN_RULE_ID, rule.id):
            say(f"built-in rule ids are written like LIC-001, not {rule.id}")
        elif pack is not self.builtin and prefix and not rule.id.startswith(f"{prefix}-"):
            say(f"rule ids of pack {pack.id} start with {prefix}-; {rule.id} does not")
        if rule.element not in self.elements:
            say(f"element {rule.element!r} is not defined (known: {', '.join(self.elements)})")
        elif path.parent.name != rule.element:
            say(f"rule of element {rule.element} belongs in {rule.element}/")
        if rule.owner not in self.owners:
            say(f"owner {rule.owner!r} is not defined (known: {', '.join(self.owners)})")
        for citation in rule.sources:
            doc = self.sources.get(citation.doc)
            if doc is None:
                say(f"source {citation.doc!r} is not in sources.yaml (nor in any rule pack's documents)")
            elif (citation.article is None) != (doc[0].unit == "document"):
                wanted = "no article (it is cited as a whole)" if doc[0].unit == "document" else f"an {doc[0].unit}"
                say(f"a citation of {citation.doc} takes {wanted}")
        if not isinstance(rule.check, FunctionCheck):
            cited = {(c.doc, c.article) for c in rule.sources}
            for part in walk(rule.check):
                if isinstance(part, InForce) and (part.doc, part.article) not in cited:
                    say(f"check part in_force rests on {part.source!r}, which the rule does not cite")
        from checker.ruleset.field_check import unknown_paths  # only a run that reads the rule files checks them

        problems += [InputProblem(where, None, None, message) for message in self._notes(rule, pack)]
        problems += [InputProblem(where, None, None, message) for message in unknown_paths(rule)]
        if isinstance(rule.check, FunctionCheck) and rule.check.function not in CHECKS:
            say(f"check function {rule.check.function!r} is not registered")
        return problems

    def _notes(self, rule: Rule, pack: PackFiles) -> list[str]:
        """Every fact names a note that exists: on the pack's own pages (PACK/sources/), else on the built-in
        ones (docs/sources/). A built-in rule must name one; a pack's rule may instead say in words where its
        fact was read."""
        problems = []
        for citation in rule.sources:
            ref = citation.note
            if ref is None:
                if pack is self.builtin:
                    problems.append(
                        f"fact {citation.fact!r} is not a note reference; write the page and the "
                        "heading's anchor, 'ECL#article-12', optionally followed by ' — short words'"
                    )
                continue
            own = pack.directory / "sources"
            directory = own if has_page(own, ref.page) else notes_dir()
            problem = unresolved(ref, directory)
            if problem is not None:
                problems.append(problem)
        return problems

    def _catalogues(self, pack: PackFiles, rules: list[Rule]) -> list[Catalogue]:
        catalogues = []
        for framework in pack.index.catalogues:
            path = pack.directory / "catalogues" / f"{framework}.yaml"
            catalogue = load_model(path, Catalogue, self.problems)
            if catalogue is not None:
                self.problems += self._check_catalogue(catalogue, path, set(pack.index.rules))
                catalogues.append(catalogue)
        if pack.index.catalogues and len(catalogues) == len(pack.index.catalogues):
            named = {rule_id for catalogue in catalogues for r in catalogue.requirements for rule_id in r.rules}
            self.problems += [
                InputProblem(
                    pack.index_file,
                    None,
                    None,
                    f"rule {rule.id} checks no catalogue requirement; name it in a catalogue",
                )
                for rule in rules
                if rule.id not in named
            ]
        return catalogues

    def _check_catalogue(self, catalogue: Catalogue, path: Path, known: set[str]) -> list[InputProblem]:
        problems = []
        where = str(path)
        if path.stem != catalogue.framework:
            problems.append(InputProblem(where, None, None, f"file name should be {catalogue.framework}.yaml"))
        if catalogue.framework not in self.sources:
            problems.append(
                InputProblem(
                    where, None, None, f"framework {catalogue.framework!r} is not defined in any pack's documents"
                )
            )
        seen: set[str] = set()
        for requirement in catalogue.requirements:
            if not requirement.id.startswith(f"{catalogue.framework}-"):
                problems.append(
                    InputProblem(
                        where, None, None, f"requirement {requirement.id} should start with {catalogue.framework}-"
                    )
                )
            if requirement.id in seen:
                problems.append(InputProblem(where, None, None, f"requirement {requirement.id} is listed twice"))
            seen.add(requirement.id)
            problems += [
                InputProblem(where, None, None, message)
                for message in _item_problems(requirement, self.elements, self.owners)
            ]
            for rule_id in requirement.rules:
                if rule_id not in known:
                    problems.append(
                        InputProblem(
                            where,
                            None,
                            None,
                            f"requirement {requirement.id} names rule {rule_id}, which is not in ruleset.yaml",
                        )
                    )
        return problems


def _item_problems(requirement: Requirement, elements: Iterable[str], owners: Iterable[str]) -> list[str]:
    """What is wrong with a checklist item's place in the rule set: its element, owner, business kinds, severity."""
    from checker.profile.vocabulary import Business

    if not requirement.manual:
        return []
    found = []
    if requirement.element is None or requirement.element not in set(elements):
        found.append(f"element {requirement.element!r} is not defined")
    if requirement.owner not in set(owners):
        found.append(f"owner {requirement.owner!r} is not defined")
    kinds = [kind for kind in requirement.applies_to if kind not in Business.__members__]
    if kinds:
        found.append(f"applies_to names {', '.join(kinds)}, not kinds of company.business")
    # As for rules (checker.ruleset.evidence): what was read only in a secondary source is never severe.
    if requirement.basis != Basis.primary and requirement.severity is not None and requirement.severity.rank > 1:
        found.append(f"a checklist item of basis {requirement.basis.value} has severity low or info")
    return [f"requirement {requirement.id}: {message}" for message in found]


def _use_conditions(data: Any, conditions: dict[str, Any]) -> Any:
    """Replace `- use: NAME` entries of applies_if/where by the shared condition of that name."""
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
                    raise PrepareError(
                        (key, index, "use"),
                        f"no shared condition {entry['use']!r} in any pack (known: {', '.join(sorted(conditions))})",
                    )
                expanded.append(conditions[entry["use"]])
            else:
                expanded.append(entry)
        data[key] = expanded
    return data


def _unique_names(rules: list[Rule], files: dict[str, Path]) -> list[InputProblem]:
    seen: dict[str, str] = {}
    problems = []
    for rule in rules:
        for key in (rule.id, rule.name, *rule.aliases):
            if key in seen:
                problems.append(
                    InputProblem(str(files[rule.id]), None, None, f"{key!r} names both {seen[key]} and {rule.id}")
                )
            seen[key] = rule.id
    return problems


def _text(problems: list[InputProblem]) -> str:
    return "\n".join(str(problem) for problem in sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message)))
