"""The options of `exportcheck check` that bring in what the company keeps between assessments.

    --plan FILE      owners and target dates of the failures (default: exportcheck-plan.yaml beside the profile)
    --history DIR    earlier JSON outputs of check: the summary draws the trend of the scores over them

Both are read for one company: with several PATHs (a portfolio) they are refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.cli.say import say, words
from checker.errors import InputError, UsageError

if TYPE_CHECKING:
    from checker.plan_file import PlanFile


def add_planning_options(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--plan",
        metavar="FILE",
        help="the company's plan: an owner and target date per finding fingerprint or rule (default: "
        "exportcheck-plan.yaml beside a profile file or inside a profile directory; see docs/plan.md)",
    )
    check.add_argument(
        "--history",
        metavar="DIR",
        help="a directory of earlier JSON outputs of check: the report draws the trend of the scores over them "
        "(see docs/plan.md)",
    )


def refuse_in_portfolio(args: argparse.Namespace) -> None:
    for flag, given in (("--plan", args.plan), ("--history", args.history)):
        if given:
            raise UsageError(f"{flag} is read for one company; give it with one PATH")


def plan_files(args: argparse.Namespace, ruleset: Any, errors: list[InputError]) -> tuple[PlanFile, ...]:
    """The plan files of the run: --plan, else each profile's own; problems go to `errors`."""
    from checker.validate import PLAN_FILE

    if args.plan:
        wanted: list[tuple[str, int | None]] = [(args.plan, None)]
    else:
        wanted = []
        for index, path in enumerate(args.paths):
            folder = Path(path) if Path(path).is_dir() else Path(path).parent
            if (folder / PLAN_FILE).is_file():
                wanted.append((str(folder / PLAN_FILE), index))
    if not wanted:
        return ()
    from checker.plan_file import load_plan

    found = []
    for path, profile in wanted:
        try:
            found.append(load_plan(path, ruleset, profile))
        except InputError as error:
            errors.append(error)
    return tuple(found)


def planned(data: dict[str, Any], args: argparse.Namespace, files: tuple[PlanFile, ...]) -> dict[str, Any]:
    """The document with the plan and the history in it; stale plan entries and skipped outputs are warned of."""
    from checker.report.planning import with_history, with_plan

    data = with_plan(data, files)
    lang = args.lang
    for entry in (data.get("plan") or {}).get("stale", []):
        key = ("plan_stale_rule", entry.get("rule_id")) if "rule_id" in entry else ("plan_stale", entry["fingerprint"])
        say(key[0], lang, what=key[1], source=entry["source"])
    if not args.history:
        return data
    from checker.history import load_history

    history = load_history(args.history, data["profiles"][0]["identity"])
    for file, companies in history.skipped:
        say("history_skipped", lang, file=file, reason=words("another_company", lang, companies=companies))
    return with_history(data, history)
