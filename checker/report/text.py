"""The terminal report: who and when, the scores, the failures by element, then the counts."""

from __future__ import annotations

import textwrap
from typing import Any

from checker import i18n
from checker.report.registry import Reporter, ReportOptions
from checker.report.safe_text import visible
from checker.results import STATUS_ORDER, Severity

_COLORS = {
    "critical": "1;31",
    "high": "31",
    "medium": "33",
    "low": "36",
    "info": "2",
    "bold": "1",
    "dim": "2",
    "good": "32",
    "bad": "31",
}
_INDENT = " " * 12


class TextReporter(Reporter):
    name = "text"

    def render(self, data: dict[str, Any]) -> list[str]:
        return [render(data, self.options)]


def render(data: dict[str, Any], options: ReportOptions) -> str:
    # A profile's control characters are shown, not sent to the terminal. Only what is shown is made safe:
    # the header and the failures, not the thousands of passes of a large ledger.
    shown = visible({**data, "results": [r for r in data["results"] if r["status"] in ("fail", "error")]})
    data = {**shown, "summary": data["summary"]}
    lang = options.lang
    t = i18n.translator(lang)
    paint = _painter(options.color)
    lines = [
        paint(
            "dim",
            f"{data['tool']['name']} {data['tool']['version']} · {t('text', 'rules')} "
            f"{data['ruleset']['version']} · {t('text', 'not_legal_advice')}",
        ),
        "",
    ]
    for profile in data["profiles"]:
        results = [r for r in data["results"] if r["profile"] == profile["index"]]
        lines += _profile(
            profile, results, data["elements"], _added_packs(data), data["reference_data"], options, t, paint
        )
    lines.append(_counts(data["summary"], t))
    lines.append(_gate_line(data["gate"], lang, t, paint))
    return "\n".join(lines) + "\n"


def _added_packs(data: dict[str, Any]) -> set[str]:
    """The packs other than the built-in one: their findings name the pack they come from."""
    return {pack["id"] for pack in data["ruleset"]["packs"] if not pack["builtin"]}


def _profile(profile, results, elements, added_packs, reference_data, options, t, paint) -> list[str]:
    company = profile["company"]
    name = company["name"] + (f" · {company['name_zh']}" if company.get("name_zh") else "")
    lines = [
        paint("bold", name),
        f"{t('text', 'profile')} {profile['source']} · {t('text', 'assessed_as_of')} {profile['as_of']}",
    ]
    lines += [
        paint(
            "dim",
            f"{t('text', 'reference_data')}: {dataset['name']} {dataset['version']} "
            f"({t('report', 'dataset_as_of', day=dataset['as_of'], entries=dataset['entries'])})",
        )
        for dataset in reference_data
    ]
    lines.append("")
    lines += _scores(profile["score"], profile["rating"], elements, options.lang, t, paint)
    failures = [r for r in results if r["status"] in ("fail", "error")]
    lines.append(paint("bold", f"{t('text', 'failures')} ({sum(r['status'] == 'fail' for r in failures)})"))
    if not failures:
        lines += [f"  {t('text', 'no_failures')}", ""]
    for element in elements:
        in_element = [r for r in failures if r["element"] == element["id"]]
        if not in_element:
            continue
        lines += ["", paint("bold", _title(element, options.lang))]
        in_element.sort(key=lambda r: (r["status"] != "error", -Severity(r["severity"]).rank))
        for result in in_element:
            lines += _finding(result, result["pack"] in added_packs, options, t, paint)
    lines.append("")
    return lines


def _scores(score, rating, elements, lang, t, paint) -> list[str]:
    overall = score["overall"]
    shown = t("text", "no_score") if overall is None else f"{overall:.1f} / 100"
    band = t("report", f"band_{rating['band']}")
    capped = f" ({t('text', 'rating_capped')})" if rating["capped"] else ""
    lines = [paint("bold", f"{t('text', 'score')} {shown} · {band}") + capped]
    for element in elements:
        value = score["elements"][element["id"]]
        if value is None:
            continue
        filled = round(value / 10)
        bar = "█" * filled + "░" * (10 - filled)
        label = _title(element, lang)
        lines.append(f"  {_pad(label, 44)} {value:5.0f}  {paint('good' if value >= 100 else 'bad', bar)}")
    return lines + [""]


def _finding(result, from_added_pack, options, t, paint) -> list[str]:
    if result["status"] == "error":
        head = paint("critical", _pad(t("status", "error").upper(), 9))
    else:
        head = paint(result["severity"], _pad(t("severity", result["severity"]).upper(), 9))
    title = result["title"] if options.lang == "en" else result["title_zh"]
    message = result["message"] if options.lang == "en" else result["message_zh"]
    location = result["location"]
    where = f"{location['file']}:{location['line']}:{location['column']} · {location['path']}" if location else ""
    citations = " · ".join(s["citation"] if options.lang == "en" else s["citation_zh"] for s in result["sources"])
    if from_added_pack:
        citations += f" · {t('text', 'pack')} {result['pack']}"
    width = max(40, options.width - len(_INDENT))
    lines = [f"  {head} {paint('bold', result['rule_id'])}  {title}"]
    if where:
        lines.append(_INDENT + paint("dim", where))
    lines += [_INDENT + line for line in textwrap.wrap(message, width)]
    lines.append(_INDENT + paint("dim", f"{t('text', 'source')}: {citations}"))
    return lines


def _title(element: dict[str, Any], lang: str) -> str:
    return element["title_zh"] if lang == "zh" else element["title"]


def _counts(summary, t) -> str:
    return " · ".join(f"{summary[status.value]} {t('status', status.value)}" for status in STATUS_ORDER)


def _gate_line(gate: dict[str, Any], lang: str, t, paint) -> str:
    """The verdict in one line: its first reason when it failed (an error outranks failures)."""
    if gate["reasons"]:
        reason = gate["reasons"][0]
        return paint("bad", reason["message_zh"] if lang == "zh" else reason["message"])
    if gate["fail_on"] == "none":
        return t("text", "gate_off")
    return paint("good", t("text", "gate_passed", level=t("severity", gate["fail_on"])))


def _pad(text: str, width: int) -> str:
    """Pad to a display width, counting CJK characters as two columns."""
    shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return text + " " * max(0, width - shown)


def _painter(color: bool):
    def paint(style: str, text: str) -> str:
        return f"\033[{_COLORS[style]}m{text}\033[0m" if color else text

    return paint
