"""Baselines: an earlier JSON output of exportcheck, whose failures a run is compared with.

Each failure of the baseline (a result of status `fail`) becomes a mark for the apply stage: a failure of the
run with the same fingerprint is `unchanged`, any other is `new`, and a baseline failure that matched nothing
is `fixed`. Matching is by fingerprint only (docs/json.md, "Finding identity"), never by line or index. A
result that was waived in the baseline is not a failure of it, so when its waiver runs out it comes back as new.

The file must be an exportcheck JSON document of the format version this exportcheck writes, or of version 1
(which differs only in listing every pass one by one); anything else (broken JSON, another tool's file,
another `format_version`) is an input problem naming the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from checker.apply import Adjustment
from checker.errors import InputError, InputProblem
from checker.results import Status

# The JSON contract's versions a baseline may have (checker/report/contract.py writes the latest).
from checker.versions import BASELINE_VERSIONS, TOOL


class _Result(BaseModel):
    model_config = ConfigDict(extra="ignore")

    rule_id: str
    status: str
    fingerprint: str
    subject_path: str = ""
    title: str = ""
    profile: int = 0


class _Profile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    identity: str = ""


class _Document(BaseModel):
    model_config = ConfigDict(extra="ignore")

    results: list[_Result]
    profiles: list[_Profile] = []


class _Portfolio(BaseModel):
    """A run on several companies (docs/portfolio.md): a one-profile document per company."""

    model_config = ConfigDict(extra="ignore")

    companies: list[_Document]


@dataclass(frozen=True)
class Baseline:
    path: str
    adjustments: tuple[Adjustment, ...]  # one mark per failure of the baseline
    owners: tuple[str | None, ...] = ()  # the identity of the company of each mark, when the baseline names it

    def of_company(self, identity: str) -> Baseline:
        """The marks of one company's failures (and those of no known company): in a portfolio, another
        company's failure is not fixed when this one lacks it."""
        if not self.owners:
            return self
        kept = [
            (mark, owner)
            for mark, owner in zip(self.adjustments, self.owners, strict=True)
            if owner in (None, identity)
        ]
        return Baseline(self.path, tuple(mark for mark, _ in kept), tuple(owner for _, owner in kept))


def load_baseline(path: str) -> Baseline:
    document = _document(path)
    try:
        if "companies" in document:
            documents = _Portfolio.model_validate(document).companies
        else:
            documents = [_Document.model_validate(document)]
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise _refused(path, f"not an exportcheck JSON output: {where}: {first['msg']}") from None
    failures = [
        (result, _owner(parsed, result))
        for parsed in documents
        for result in parsed.results
        if result.status == Status.failed.value
    ]
    marks = tuple(
        Adjustment(
            "baseline",
            result.rule_id,
            "failed in the baseline",
            path,
            acts_on=frozenset({Status.failed, Status.error}),
            fingerprint=result.fingerprint,
            details=(("subject_path", result.subject_path), ("title", result.title)),
        )
        for result, _ in failures
    )
    return Baseline(path, marks, tuple(owner for _, owner in failures))


def _owner(document: _Document, result: _Result) -> str | None:
    """The identity of the company a result is of, when the document says it."""
    if 0 <= result.profile < len(document.profiles):
        return document.profiles[result.profile].identity or None
    return None


def _document(path: str) -> dict[str, Any]:
    return read_output(path, "the baseline")


def read_output(path: str, kind: str) -> dict[str, Any]:
    """An earlier JSON output of exportcheck as plain data; `kind` names it in the problems ("the baseline")."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise _refused(path, f"cannot read {kind}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise _refused(path, "not an exportcheck JSON output: the file is not UTF-8 text") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            [InputProblem(path, error.lineno, error.colno, f"{kind} is not valid JSON: {error.msg}")]
        ) from None
    tool = document.get("tool") if isinstance(document, dict) else None
    if not isinstance(tool, dict) or tool.get("name") != TOOL or "format_version" not in document:
        raise _refused(path, "not an exportcheck JSON output (write one with --format json:FILE)")
    version = document["format_version"]
    if version not in BASELINE_VERSIONS:
        raise _refused(
            path,
            f"{kind} is of format_version {version!r}; this exportcheck reads format_version "
            f"{' or '.join(map(str, BASELINE_VERSIONS))} only (write it again with this version)",
        )
    return document


def _refused(path: str, message: str) -> InputError:
    return InputError([InputProblem(path, None, None, message)])
