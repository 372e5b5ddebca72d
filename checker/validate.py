"""Load a profile from one YAML file or a directory of them, validated and cross-checked.

Everything that is wrong is reported together in one InputError: all YAML
problems of all files first (validation can't run on a broken tree), then all
validation and reference problems.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from checker.errors import EmptyFile, InputError, InputProblem, Words
from checker.i18n import problem, said
from checker.profile.as_written import text_guide
from checker.profile.documents import Document, documents
from checker.profile.model import Profile
from checker.profile.references import reference_problems
from checker.read.nodes import Mapping, Mark, Node, Scalar, to_plain
from checker.read.yaml import parse_yaml, read_yaml

if TYPE_CHECKING:
    from checker.profile.sheets import SheetOptions

YAML_SUFFIXES = (".yaml", ".yml")
# A profile directory's waivers (checker/waivers.py) sit among its files but are not part of the profile.
WAIVERS_FILE = "exportcheck-waivers.yaml"
# Likewise its answers to the checklist (checker/attestations.py).
ATTESTATIONS_FILE = "exportcheck-attestations.yaml"
# And its plan: owners and target dates of the failures it is fixing (checker/plan_file.py).
PLAN_FILE = "exportcheck-plan.yaml"


@dataclass(frozen=True)
class LoadedProfile:
    """A validated profile with the located tree its values came from."""

    source: str
    files: tuple[str, ...]
    root: Node
    profile: Profile
    data: dict[str, Any]
    documents: tuple[Document, ...] = ()  # the evidence files it names, read when it was loaded


def load_profile(source: str | os.PathLike[str], sheets: SheetOptions | None = None) -> LoadedProfile:
    """`sheets`: record lists read from sheets named on the command line, in place of the profile's."""
    given = os.fspath(source)
    path = Path(given)
    root: Mapping | InputError
    if path.is_dir():
        files = _yaml_files(path, given)
        # In a directory, a file with nothing but comments is a placeholder, not a mistake.
        parts = [
            part for part in (_read_mapping(file, name) for file, name in files) if not isinstance(part, EmptyFile)
        ]
        if not parts:
            raise InputError([InputProblem(given, None, None, "every YAML file in the directory is empty")])
        root = _merge(parts, given)
        names = tuple(name for _, name in files)
    elif path.exists():
        root = _read_mapping(path, given)
        names = (given,)
    else:
        raise InputError([InputProblem(given, None, None, "no such file or directory")])
    return _validate(given, names, root, sheets)


def load_profile_bytes(raw: bytes, name: str, folder: Path | None = None) -> LoadedProfile:
    """A profile from bytes in memory (rule examples, tests), read exactly as a file would be; the files it
    names as evidence are read from `folder` (by default, from the folder `name` is in)."""
    try:
        node = parse_yaml(raw, name)
    except InputError as error:
        raise error from None
    return _validate(name, (name,), _as_mapping(node, name), folder=folder)


def _yaml_files(directory: Path, given: str) -> list[tuple[Path, str]]:
    # Suffixes in any case: a file saved as PROFILE.YAML is as much a part of the profile as profile.yaml.
    entries = sorted(
        entry
        for entry in directory.iterdir()
        if entry.suffix.lower() in YAML_SUFFIXES
        and not entry.name.startswith(".")
        and entry.name not in (WAIVERS_FILE, ATTESTATIONS_FILE, PLAN_FILE)
    )
    broken = [
        InputProblem(os.path.join(given, entry.name), None, None, reason)
        for entry in entries
        if (reason := _broken_link(entry))
    ]
    if broken:
        raise InputError(broken)
    files = [entry for entry in entries if entry.is_file()]
    if not files:
        raise InputError([InputProblem(given, None, None, "directory holds no .yaml or .yml files")])
    return [(file, os.path.join(given, file.name)) for file in files]


def _broken_link(entry: Path) -> str | None:
    """Why a symbolic link among the profile's files leads to no file; None if it isn't one or does."""
    if not entry.is_symlink():
        return None
    try:
        entry.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop: it leads back to itself, never to a file"
        return f"symbolic link to {os.readlink(entry)}, which can't be opened: {error.strerror}"
    return None


def _read_mapping(path: Path, name: str) -> Mapping | InputError:
    """The file's top-level mapping; an InputError is returned, not raised, so all files get read."""
    try:
        node = read_yaml(path, name)
    except InputError as error:
        return error
    return _as_mapping(node, name)


def _as_mapping(node: Node, name: str) -> Mapping | InputError:
    if not isinstance(node, Mapping):
        kind = Words("found_list" if not isinstance(node, Scalar) else "found_single")
        return InputError([problem(node.mark._replace(file=name), Words("top_not_mapping", found=kind))])
    return node


def _merge(parts: list[Mapping | InputError], directory: str) -> Mapping:
    problems = [problem for part in parts if isinstance(part, InputError) for problem in part.problems]
    mappings = [part for part in parts if isinstance(part, Mapping)]
    merged = Mapping(mappings[0].mark if mappings else Mark("", 1, 1))
    for mapping in mappings:
        for key, (key_mark, value) in mapping.entries.items():
            if key in merged.entries:
                first = merged.entries[key][0]
                place = f"{first.file}:{first.line}"
                problems.append(problem(key_mark, Words("key_in_two_files", key=repr(key), place=place)))
                continue
            merged.entries[key] = (key_mark, value)
    companies = [mapping for mapping in mappings if "company" in mapping.entries]
    if len(companies) > 1:
        # Several files that each name a company are several profiles, not the parts of one.
        words = Words("several_companies", count=len(companies), pattern=os.path.join(directory, "*.yaml"))
        problems.append(InputProblem(directory, None, None, said(words, "en"), words=words))
    if problems:
        raise InputError(problems)
    return merged


def _validate(
    given: str,
    names: tuple[str, ...],
    root: Mapping | InputError,
    sheets: SheetOptions | None = None,
    folder: Path | None = None,
) -> LoadedProfile:
    if isinstance(root, InputError):
        raise root
    if sheets or _names_a_sheet(root):
        # Imported only here: a profile that names no sheet loads none of the code that reads them.
        from checker.profile.sheets import with_sheets

        root = with_sheets(root, sheets)
        if isinstance(root, InputError):
            raise root
    plain = to_plain(root, text_guide(Profile))
    problems = reference_problems(plain, root)
    omitted = 0
    try:
        profile = Profile.model_validate(plain)
    except ValidationError as error:
        from checker.diagnostics import problems_from  # the error path, imported when there is an error

        described, omitted = problems_from(error, Profile, root)
        problems += described
    if problems:
        raise InputError(problems, omitted)
    data = profile.model_dump(mode="python")
    return LoadedProfile(given, names, root, profile, data, documents(data, root, folder))


def _names_a_sheet(root: Mapping) -> bool:
    """Whether a top-level value is a sheet reference (`exports: {from: …}`); no profile field is named `from`."""
    return any(isinstance(value, Mapping) and "from" in value.entries for _, value in root.entries.values())


def default_waiver_file(profile: str | os.PathLike[str]) -> str | None:
    """The default waiver file of a profile, if there is one: inside its directory, or beside its file."""
    given = Path(profile)
    folder = given if given.is_dir() else given.parent
    found = folder / WAIVERS_FILE
    if not found.is_file():
        return None
    return os.path.join(os.fspath(profile), WAIVERS_FILE) if given.is_dir() else os.fspath(found)
