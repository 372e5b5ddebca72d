"""The terminal report: who and when, the scores, the notices, the failures by element, then the counts."""

from __future__ import annotations

import textwrap
from typing import Any

from checker import i18n
from checker.report.planning import owner_words, rule_counts
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
    data = visible({**data, "results": [r for r in data["results"] if r["status"] in ("fail", "error", "waived")]})
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
    lines += _adjusting_lines(data, t, paint)
    lines += _gate_lines(data["gate"], data.get("baseline") is not None, lang, t, paint)
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
            f"{t('text', 'reference_data')}: {dataset['name']} {dataset['version']} ("
            + t("report", "dataset_as_of", day=dataset["as_of"], entries=dataset["entries"], basis=dataset["basis"])
            + ")",
        )
        for dataset in reference_data
    ]
    lines.append("")
    lines += _scores(profile["score"], profile["rating"], elements, options.lang, t, paint)
    lines += _notices(profile["notices"], options, t, paint)
    failures = [r for r in results if r["status"] in ("fail", "error")]
    lines.append(paint("bold", f"{t('text', 'failures')} ({sum(r['status'] == 'fail' for r in failures)})"))
    if not failures:
        lines += [f"  {t('text', 'no_failures')}", ""]
    for element in elements:
        in_element = [r for r in failures if r["element"] == element["id"]]
        if not in_element:
            continue
        lines += ["", paint("bold", _title(element, options.lang))]
        # Within a severity, what already happened (an export, a transfer) before a gap in the programme.
        in_element.sort(key=lambda r: (r["status"] != "error", -Severity(r["severity"]).rank, not r.get("conduct")))
        for result in in_element:
            lines += _finding(result, result["pack"] in added_packs, options, t, paint)
    waived = [r for r in results if r["status"] == "waived"]
    if waived:
        lines += ["", paint("bold", f"{t('report', 'waived')} ({len(waived)})")]
        for result in waived:
            lines += _finding(result, result["pack"] in added_packs, options, t, paint)
    lines.append("")
    return lines


def _scores(score, rating, elements, lang, t, paint) -> list[str]:
    overall = score["overall"]
    shown = t("text", "no_score") if overall is None else f"{overall:.1f} / 100"
    band = t("report", f"band_{rating['band']}")
    lines = [paint("bold", f"{t('text', 'score')} {shown} · {band}")]
    if score["cap"]:
        lines.append(paint("bad", score["cap"]["message_zh" if lang == "zh" else "message"]))
    for element in elements:
        value = score["elements"][element["id"]]
        if value is None:
            continue
        filled = round(value / 10)
        bar = "█" * filled + "░" * (10 - filled)
        label = _title(element, lang)
        lines.append(f"  {_pad(label, 44)} {value:5.0f}  {paint('good' if value >= 100 else 'bad', bar)}")
    return lines + [""]


def _notices(notices, options, t, paint) -> list[str]:
    """What the reader must know before the findings, whatever its kind: its label when the catalogue has
    one, its text, and what it concerns."""
    if not notices:
        return []
    labels = i18n.texts("notice_kind", options.lang)
    lines = [paint("bold", f"{t('text', 'notices')} ({len(notices)})")]
    for notice in notices:
        label = labels.get(notice["kind"], "").upper()
        head = f"  {label}  " if label else "  "
        indent = " " * _width(head)
        width = max(40, options.width - len(indent))
        wrapped = textwrap.wrap(notice[options.lang], width, break_on_hyphens=False) or [""]
        lines.append(paint("dim", head) + wrapped[0])
        lines += [indent + line for line in wrapped[1:]]
        if notice["refs"]:
            lines.append(indent + paint("dim", t("report", "see_refs", refs=" · ".join(notice["refs"]))))
    return lines + [""]


def _finding(result, from_added_pack, options, t, paint) -> list[str]:
    if result["status"] in ("error", "waived"):
        head = paint(
            "critical" if result["status"] == "error" else "dim", _pad(t("status", result["status"]).upper(), 9)
        )
    else:
        head = paint(result["severity"], _pad(t("severity", result["severity"]).upper(), 9))
    title = result["title"] if options.lang == "en" else result["title_zh"]
    message = result["message"] if options.lang == "en" else result["message_zh"]
    location = result["location"]
    where = f"{location['where']} · {location['path']}" if location else ""
    citations = " · ".join(s["citation"] if options.lang == "en" else s["citation_zh"] for s in result["sources"])
    if from_added_pack:
        citations += f" · {t('text', 'pack')} {result['pack']}"
    width = max(40, options.width - len(_INDENT))
    new = f"  {paint('bad', '[' + t('text', 'baseline_new') + ']')}" if result.get("baseline") == "new" else ""
    lines = [f"  {head} {paint('bold', result['rule_id'])}  {title}{new}"]
    if where:
        lines.append(_INDENT + paint("dim", where))
    lines += [_INDENT + line for line in textwrap.wrap(message, width)]
    inferred = result["inferred"] if options.lang == "en" else result["inferred_zh"]
    if inferred:
        lines += [_INDENT + line for line in textwrap.wrap(f"{t('text', 'inferred')}: {inferred}", width)]
    for adjustment in result["adjustments"]:
        lines += [_INDENT + line for line in textwrap.wrap(_adjustment(adjustment, t), width, break_on_hyphens=False)]
    plan = result.get("plan")
    if plan and (plan["source"] or plan["overdue"]):  # what the company's plan says of it; defaults go unsaid
        role = plan["role_title_zh"] if options.lang == "zh" else plan["role_title"]
        owner = owner_words(plan["owner"], role or plan["role"], options.lang)
        late = f"  {paint('bad', '[' + t('text', 'overdue') + ']')}" if plan["overdue"] else ""
        lines.append(_INDENT + t("text", "plan_line", owner=owner, target=plan["target"] or "—") + late)
        status = t("report", f"plan_status_{plan['status']}") if plan["status"] else None
        said = t("report", "plan_note", status=status, note=plan["note"]) if status and plan["note"] else None
        if said or status or plan["note"]:
            lines += [_INDENT + line for line in textwrap.wrap(said or status or plan["note"], width)]
    lines.append(_INDENT + paint("dim", f"{t('text', 'source')}: {citations}"))
    return lines


def _title(element: dict[str, Any], lang: str) -> str:
    return element["title_zh"] if lang == "zh" else element["title"]


def _counts(summary, t) -> str:
    return " · ".join(f"{summary[status.value]} {t('status', status.value)}" for status in STATUS_ORDER)


def _adjustment(adjustment: dict[str, Any], t) -> str:
    """What a waiver did to a result, or that it ran out; nothing for other adjustments."""
    details = adjustment["details"]
    values = {
        "approver": details.get("approved_by", ""),
        "expires": details.get("expires", ""),
        "justification": details.get("justification", adjustment["reason"]),
        "source": adjustment["source"],
    }
    if adjustment["kind"] == "waiver":
        return t("text", "waived_by", **values) + f" ({adjustment['source']})"
    if adjustment["kind"] == "waiver_expired":
        return t("text", "waiver_expired", **values)
    return ""


def _adjusting_lines(data: dict[str, Any], t, paint) -> list[str]:
    """What the run held against the profile besides the rules: selection, waivers and their state, baseline."""
    lines = []
    selection = data.get("selection")
    if selection:
        words = ", ".join(
            [*(f"--select {w}" for w in selection["select"]), *(f"--skip {w}" for w in selection["skip"])]
        )
        lines.append(t("text", "selection", count=len(selection["rules"]), total=data["ruleset"]["rules"], words=words))
    waivers = data.get("waivers")
    if waivers:
        summary = t(
            "text",
            "waivers_summary",
            applied=waivers["applied"],
            expired=len(waivers["expired"]),
            stale=len(waivers["stale"]),
            files=", ".join(waivers["files"]),
        )
        lines.append(f"{t('text', 'waivers_read')}: {summary}")
        for waiver in waivers["stale"]:
            subject = waiver["subject"] or ""
            lines.append(
                paint(
                    "bad",
                    "  " + t("text", "waiver_stale", rule=waiver["rule_id"], subject=subject, source=waiver["source"]),
                )
            )
    baseline = data.get("baseline")
    if baseline:
        lines.append(
            t(
                "text",
                "baseline_summary",
                file=baseline["file"],
                new=baseline["new"],
                unchanged=baseline["unchanged"],
                fixed=len(baseline["fixed"]),
            )
        )
        failures = [r for r in data["results"] if r["status"] == "fail"]
        for kind, rule_ids in (
            ("change_fixed", [entry["rule_id"] for entry in baseline["fixed"]]),
            ("change_new", [r["rule_id"] for r in failures if r.get("baseline") == "new"]),
            ("change_unchanged", [r["rule_id"] for r in failures if r.get("baseline") == "unchanged"]),
        ):
            if rule_ids:
                lines.append(t("text", "baseline_rules", kind=t("report", kind), rules=rule_counts(rule_ids)))
    plan = data.get("plan")
    if plan:
        files = ", ".join(plan["files"])
        counts = {"planned": plan["planned"], "overdue": plan["overdue"], "stale": len(plan["stale"])}
        summary = t("text", "plan_summary", files=files, **counts)
        lines.append(paint("bad", summary) if plan["overdue"] else summary)
    history = data.get("history")
    if history:
        scores = " → ".join(
            f"{point['as_of']} {'—' if point['overall'] is None else format(point['overall'], '.1f')}"
            for point in history["points"]
        )
        lines.append(t("text", "history_summary", dir=history["dir"], count=len(history["points"]) - 1, scores=scores))
    return lines


def _gate_lines(gate: dict[str, Any], with_baseline: bool, lang: str, t, paint) -> list[str]:
    """The verdict: every reason when it failed (an error first), and whether --soft-fail keeps the exit code 0."""
    if gate["reasons"]:
        lines = [
            paint("bad", reason["message_zh"] if lang == "zh" else reason["message"]) for reason in gate["reasons"]
        ]
        if gate["soft_fail"]:
            lines[-1] += " " + t("text", "gate_soft_fail")
        return lines
    minimum = gate["min_score"]
    if gate["fail_on"] == "none":
        return [
            t("text", "gate_off")
            if minimum is None
            else paint("good", t("text", "gate_passed_min", minimum=f"{minimum:g}"))
        ]
    level = t("severity", gate["fail_on"])
    if minimum is not None:
        return [paint("good", t("text", "gate_passed_score", level=level, minimum=f"{minimum:g}"))]
    return [paint("good", t("text", "gate_passed_new" if with_baseline else "gate_passed", level=level))]


def _pad(text: str, width: int) -> str:
    """Pad to a display width."""
    return text + " " * max(0, width - _width(text))


def _width(text: str) -> int:
    """The display width of a text, counting CJK characters as two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _painter(color: bool):
    def paint(style: str, text: str) -> str:
        return f"\033[{_COLORS[style]}m{text}\033[0m" if color else text

    return paint
