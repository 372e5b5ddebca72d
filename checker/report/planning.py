"""The company's plan and earlier assessments, added to the serialised assessment every report reads.

With a plan file (checker/plan_file.py) every failure gets a `plan`: the owner the file names (or none, when
the rule's owner role stands), the target date (the file's, else the default by severity), whether that date
is before the assessment date (`overdue`), and the entry's status, note and place. The document gets a `plan`
block: the files, how many failures an entry planned, how many are overdue, and the entries that matched no
failure (stale). With `--history` it gets a `history` block: the scores of each assessment, this one last.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from checker import i18n
from checker.languages import Lang

if TYPE_CHECKING:
    from checker.history import History
    from checker.plan_file import PlanEntry, PlanFile


def with_plan(data: dict[str, Any], files: Sequence[PlanFile]) -> dict[str, Any]:
    """`data` with each failure's plan and the plan block; unchanged without a plan file."""
    if not files:
        return data
    from checker.plan_file import default_target  # the plan's reader and its model: only for a run with a plan

    roles = {owner["id"]: owner for owner in data["owners"]}
    as_of = {profile["index"]: date.fromisoformat(profile["as_of"]) for profile in data["profiles"]}
    used: set[int] = set()
    results = []
    planned = overdue = 0
    for result in data["results"]:
        if result["status"] != "fail":
            results.append(result)
            continue
        entry = _entry(files, result)
        day = as_of[result["profile"]]
        target = entry.target if entry and entry.target else default_target(day, result["severity"], result["conduct"])
        late = target is not None and target < day
        if entry:
            used.add(id(entry))
            planned += 1
        overdue += late
        fields = (
            entry.fields() if entry else {"owner": None, "target": None, "status": None, "note": None, "source": None}
        )
        role = roles.get(result["owner"], {})
        plan = {
            **fields,
            "role": result["owner"],
            "role_title": role.get("title"),
            "role_title_zh": role.get("title_zh"),
            "target": target.isoformat() if target else None,
            "overdue": late,
        }
        results.append({**result, "plan": plan})
    stale = [
        {"rule_id" if entry.by_rule else "fingerprint": entry.key, "source": entry.source}
        for file in files
        for entry in file.entries
        if id(entry) not in used
    ]
    block = {"files": [file.path for file in files], "planned": planned, "overdue": overdue, "stale": stale}
    return {**data, "results": results, "plan": block}


def _entry(files: Sequence[PlanFile], result: dict[str, Any]) -> PlanEntry | None:
    for file in files:
        if file.profile is None or file.profile == result["profile"]:
            found = file.entry_for(result)
            if found:
                return found
    return None


def with_history(data: dict[str, Any], history: History | None) -> dict[str, Any]:
    """`data` with the scores of the earlier assessments and this one, oldest first."""
    if history is None:
        return data
    profile = data["profiles"][0]
    now = {
        "as_of": profile["as_of"],
        "overall": profile["score"]["overall"],
        "elements": profile["score"]["elements"],
        "file": None,
    }
    earlier = [point.to_dict() for point in history.points if point.as_of.isoformat() != profile["as_of"]]
    block = {
        "dir": history.directory,
        "points": [*earlier, now],
        "skipped": [
            {"file": file, "reason": i18n.t("cli", "another_company", "en", companies=companies)}
            for file, companies in history.skipped
        ],
    }
    return {**data, "history": block}


def rule_counts(rule_ids: Iterable[str]) -> str:
    """Rule ids in order of first appearance, each once with how many times it came when more than once:
    "LIC-001 ×3, REC-002"."""
    counts: dict[str, int] = {}
    for rule_id in rule_ids:
        counts[rule_id] = counts.get(rule_id, 0) + 1
    # A no-break space keeps a count with its rule when a long list wraps.
    return ", ".join(rule_id if count == 1 else f"{rule_id}\u00a0×{count}" for rule_id, count in counts.items())


def owner_words(person: dict[str, Any] | None, role: str, lang: Lang) -> str:
    """Who owns a fix, in `lang`: the plan's person by name and title (the Chinese ones where the plan gives
    them), else the title alone, else `role`, the rule's owner role as the report names it."""
    if not person:
        return role
    chinese = lang == "zh"
    name = (person.get("name_zh") if chinese else None) or person.get("name")
    title = (person.get("title_zh") if chinese else None) or person.get("title") or role
    if name and title:
        return i18n.t("report", "owner_with_title", lang, name=name, title=title)
    return name or title
