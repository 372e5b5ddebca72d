"""Reporters: each turns the serialised assessment (`checker.report.contract`) into one output format.

Every reporter reads the same data, so no two formats can disagree on a count. They are chosen by name
from `FORMATS`, the one registry that also drives the command's `--format` choices; a reporter's module is
imported only when its format is asked for, so a text or JSON run never loads WeasyPrint.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from checker.languages import Lang


@dataclass(frozen=True)
class ReportOptions:
    lang: Lang = "en"
    color: bool = False
    width: int = 100
    # SOURCE_DATE_EPOCH as given: documents (PDF, HTML) are dated by it, else by the assessment date.
    source_date_epoch: str | None = None


class Reporter:
    """One output format. A reporter only formats: it reads the serialised assessment and yields its output."""

    name: ClassVar[str]
    binary: ClassVar[bool] = False  # yields bytes, not text
    one_profile: ClassVar[bool] = False  # reports on a single profile (a document for one company)

    def __init__(self, options: ReportOptions):
        self.options = options

    def prepare(self) -> None:
        """Called before the assessment runs: a reporter with a slow start begins it here."""

    def render(self, data: dict[str, Any]) -> Iterable[str] | Iterable[bytes]:
        """The output in pieces, so that a large report can be written as it is made."""
        raise NotImplementedError

    def close(self) -> None:
        """Called however the run ends: release what `prepare` started."""


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    cls: str
    description: str


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("text", "checker.report.text", "TextReporter", "the terminal report (default)"),
        Format(
            "json", "checker.report.json_report", "JsonReporter", "the assessment as JSON, the contract of docs/json.md"
        ),
        Format(
            "html",
            "checker.report.gap_report.reporters",
            "HtmlReporter",
            "the gap report as one self-contained HTML file (one profile)",
        ),
        Format(
            "pdf", "checker.report.gap_report.reporters", "PdfReporter", "the gap report as a tagged PDF (one profile)"
        ),
        Format("sarif", "checker.report.sarif", "SarifReporter", "SARIF 2.1.0 for code scanning (docs/formats.md)"),
        Format("junit", "checker.report.junit", "JunitReporter", "JUnit XML: a test suite per profile"),
        Format("github", "checker.report.github", "GithubReporter", "GitHub Actions annotations, one per finding"),
        Format("gitlab", "checker.report.gitlab", "GitlabReporter", "a GitLab Code Quality report"),
    )
}


def reporter_class(name: str) -> type[Reporter]:
    fmt = FORMATS[name]
    cls: type[Reporter] = getattr(importlib.import_module(fmt.module), fmt.cls)
    return cls


def reporter(name: str, options: ReportOptions) -> Reporter:
    return reporter_class(name)(options)
