"""The portfolio as a table: on the terminal, and as CSV for a spreadsheet.

Both read the portfolio document's rows (`checker.report.portfolio.summary`) and nothing else. A company's
own text stays as written, with its control characters shown rather than sent (`safe_text`); in the CSV a
cell that a spreadsheet would read as a formula is quoted with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import Any

from checker import i18n
from checker.bilingual import Lang
from checker.report.portfolio.summary import SEVERITIES
from checker.report.safe_text import visible

_SHOWN_SEVERITIES = SEVERITIES[:-1]  # info failures weigh nothing: the table leaves them to the reports


def render_table(portfolio: dict[str, Any], lang: Lang) -> str:
    rows = visible(portfolio["rows"])
    t = i18n.translator(lang)
    with_baseline = any(row["baseline"] for row in rows)
    header = [
        t("portfolio", "number"),
        t("portfolio", "company"),
        t("portfolio", "score"),
        t("portfolio", "rating"),
        *(t("severity", severity) for severity in _SHOWN_SEVERITIES),
        t("portfolio", "gate"),
        *([t("portfolio", "since_baseline")] if with_baseline else []),
        t("portfolio", "top_gaps"),
    ]
    body = [_cells(position, row, with_baseline, lang) for position, row in enumerate(rows, 1)]
    # A broken row's one long cell (where the company's name would be) runs on past the columns.
    sized = [header, *(line for line in body if len(line) == len(header))]
    widths = [max(_width(line[column]) for line in sized) for column in range(len(header))]
    lines = [t("portfolio", "title"), ""]
    for line in [header, *body]:
        lines.append("  ".join(_pad(cell, widths[column]) for column, cell in enumerate(line[:-1])) + "  " + line[-1])
    lines += ["", *_closing(portfolio, rows, lang)]
    return "\n".join(lines) + "\n"


def _cells(position: int, row: dict[str, Any], with_baseline: bool, lang: Lang) -> list[str]:
    t = i18n.translator(lang)
    if row["status"] == "broken":
        count = len(row["problems"]) + row["problems_omitted"]
        return [str(position), f"{row['source']}: {t('portfolio', 'broken', count=count)}"]
    baseline = row["baseline"]
    return [
        str(position),
        _shortened(company_name(row, lang), 40),
        "—" if row["score"] is None else f"{row['score']:.1f}",
        t("report", f"band_{row['rating']['band']}"),
        *(str(row["failures"][severity]) for severity in _SHOWN_SEVERITIES),
        t("portfolio", "gate_pass" if row["gate_passed"] else "gate_fail"),
        *(
            [t("portfolio", "baseline_change", new=baseline["new"], fixed=baseline["fixed"]) if baseline else "—"]
            if with_baseline
            else []
        ),
        ", ".join(gap["rule_id"] for gap in row["top_gaps"]) or "—",
    ]


def _closing(portfolio: dict[str, Any], rows: list[dict[str, Any]], lang: Lang) -> list[str]:
    t = i18n.translator(lang)
    lines = [
        t(
            "portfolio",
            "totals",
            companies=portfolio["companies"],
            assessed=portfolio["assessed"],
            broken=portfolio["broken"],
        )
    ]
    broken = [row["source"] for row in rows if row["status"] == "broken"]
    if broken:
        lines.append(t("portfolio", "broken_list", names=", ".join(broken)))
    failed = [company_name(row, lang) for row in rows if row["status"] == "assessed" and not row["gate_passed"]]
    if failed:
        lines.append(t("portfolio", "gate_failed_for", count=len(failed), names="; ".join(failed)))
    elif portfolio["assessed"]:
        lines.append(t("portfolio", "gate_passed_all"))
    return lines


def company_name(row: dict[str, Any], lang: Lang) -> str:
    company = row["company"]
    if company is None:
        return str(row["source"])
    return str(company["name_zh"] if lang == "zh" and company.get("name_zh") else company["name"])


def _shortened(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out = ""
    for char in text:
        if _width(out + char) > limit - 1:
            break
        out += char
    return out + "…"


def _width(text: str) -> int:
    """Columns on a terminal: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


CSV_COLUMNS = (
    "position",
    "source",
    "status",
    "company",
    "company_zh",
    "as_of",
    "score",
    "rating",
    *(f"fail_{severity}" for severity in SEVERITIES),
    "errors",
    "gate",
    "baseline_new",
    "baseline_fixed",
    "top_gaps",
    "input_problems",
    "report",
)


def render_csv(portfolio: dict[str, Any]) -> str:
    """One line per PATH, in the order given; the columns are named in English, the same in any language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for position, row in enumerate(portfolio["rows"], 1):
        writer.writerow([_cell(value) for value in _csv_values(position, row)])
    return out.getvalue()


def _csv_values(position: int, row: dict[str, Any]) -> list[Any]:
    if row["status"] == "broken":
        problems = "; ".join(_problem(problem) for problem in row["problems"])
        return [position, row["source"], "broken", *[""] * (len(CSV_COLUMNS) - 5), problems, ""]
    baseline = row["baseline"] or {}
    return [
        position,
        row["source"],
        "assessed",
        row["company"]["name"],
        row["company"]["name_zh"] or "",
        row["as_of"],
        "" if row["score"] is None else f"{row['score']:.1f}",
        row["rating"]["band"],
        *(row["failures"][severity] for severity in SEVERITIES),
        row["summary"]["error"],
        "passed" if row["gate_passed"] else "failed",
        baseline.get("new", ""),
        baseline.get("fixed", ""),
        " ".join(gap["rule_id"] for gap in row["top_gaps"]),
        "",
        row["report"] or "",
    ]


def _problem(problem: dict[str, Any]) -> str:
    where = (
        problem["file"] if problem["line"] is None else f"{problem['file']}:{problem['line']}:{problem['column'] or 1}"
    )
    return f"{where}: {problem['message']}"


def _cell(value: Any) -> str:
    text = str(value)
    # A cell beginning with one of these is a formula to a spreadsheet; a company name must not become one.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
