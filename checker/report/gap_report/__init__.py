"""The gap report as a PDF and as HTML: one document for a board, an auditor and the people who fix the gaps.

    serialised assessment ──view──▶ sections in the report's language
                          ──html_document──▶ one self-contained HTML (templates/report/, fonts inside)
                          ──renderer──▶ pdf_document ──▶ PDF/UA via WeasyPrint

Like every reporter it reads only the serialised data (`checker.report.contract.to_dict`); the reporters
of the registry are in `reporters`. WeasyPrint is imported in `weasy` alone, which only the PDF path
loads, so the terminal, JSON and HTML reports never load it; when a PDF is wanted, the PDF reporter
loads it in a process of its own while the assessment runs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from checker.errors import UsageError


def document_date(data: dict[str, Any], source_date_epoch: str | None) -> datetime:
    """The date a report carries in its metadata: SOURCE_DATE_EPOCH if given, else the assessment date.

    Either way it follows from the input, so the same input gives the same bytes.
    """
    if source_date_epoch:  # unset or empty: the convention is to ignore it
        try:
            return datetime.fromtimestamp(int(source_date_epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={source_date_epoch!r} is not a number of seconds") from None
    day = date.fromisoformat(data["profiles"][0]["as_of"])
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
