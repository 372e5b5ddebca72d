"""The reports of a run on several companies, rendered and written all together or not at all."""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.bilingual import Lang
from checker.report.portfolio.summary import broken_row, portfolio_dict, portfolio_json


def write_portfolio(
    args: argparse.Namespace,
    outputs: list[Any],
    csv_target: Path | None,
    pdf_dir: Path | None,
    outcomes: list[Any],
    stale: list[Any],
) -> bool:
    """Write every report; whether the gate passed for every assessed company (or --soft-fail holds)."""
    from checker.cli.portfolio import pdf_names
    from checker.write import STDOUT, write_outputs

    names = pdf_names(outcomes) if pdf_dir else {}
    rows = []
    for outcome in outcomes:
        row = broken_row(outcome.source, outcome.problems, outcome.omitted) if outcome.broken else dict(outcome.row)
        if outcome.position in names and pdf_dir is not None:
            row["report"] = os.path.join(str(pdf_dir), names[outcome.position])
        rows.append(row)
    portfolio = portfolio_dict(rows, args.fail_on)
    documents = [outcome.document for outcome in outcomes if outcome.document is not None]
    texts = [outcome.json_text for outcome in outcomes if outcome.json_text is not None]
    files: list[tuple[Path, Any]] = [
        (output.target or STDOUT, _rendered(output.format, args, portfolio, documents, texts, stale))
        for output in outputs
    ]
    if csv_target is not None:
        from checker.report.portfolio.table import render_csv

        files.append((csv_target, render_csv(portfolio).encode("utf-8")))
    if pdf_dir is not None:
        pdf_dir.mkdir(exist_ok=True)
        files += [(pdf_dir / names[o.position], o.pdf) for o in outcomes if not o.broken and o.pdf is not None]
    written = write_outputs(files)
    if not args.quiet:
        _say_written([path for path in written if path != STDOUT], pdf_dir, args.lang)
    return all(row["gate_passed"] for row in rows if row["status"] == "assessed") or args.soft_fail


def _rendered(
    name: str,
    args: argparse.Namespace,
    portfolio: dict[str, Any],
    documents: list[dict[str, Any]],
    texts: list[bytes],
    stale: list[Any],
) -> Iterator[bytes]:
    if name == "text":
        from checker.report.portfolio.table import render_table

        yield render_table(portfolio, args.lang).encode("utf-8")
    elif name == "json":
        yield from portfolio_json(portfolio, texts)
    elif name in ("html", "pdf"):
        # Imported by name, as the registry imports a reporter: the page's PDF path loads WeasyPrint.
        page = importlib.import_module("checker.report.portfolio.page")
        created = page.page_date(portfolio, os.environ.get("SOURCE_DATE_EPOCH"))
        if name == "pdf":
            yield page.page_pdf(portfolio, args.lang, created)
        else:
            yield page.page_html(portfolio, args.lang, created).html.encode("utf-8")
    else:
        yield from _finding_format(name, args, documents, stale)


def _finding_format(name: str, args: argparse.Namespace, documents: list[dict[str, Any]], stale: list[Any]):
    from checker.report.portfolio.merged import merged
    from checker.report.registry import ReportOptions, reporter

    data = merged(documents)
    if data["waivers"] is not None:
        data["waivers"]["stale"] = [waiver.to_dict() for waiver in stale]
    each = reporter(name, ReportOptions(lang=args.lang, source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH")))
    try:
        for piece in each.render(data):
            yield piece if isinstance(piece, bytes) else piece.encode("utf-8")
    finally:
        each.close()


def _say_written(files: list[Path], pdf_dir: Path | None, lang: Lang) -> None:
    from checker.cli.say import say

    reports = [path for path in files if pdf_dir is not None and path.parent == pdf_dir]
    for path in files:
        if path not in reports:
            say("wrote", lang, path=path)
    if reports:
        say("wrote_reports", lang, count=len(reports), dir=pdf_dir)
