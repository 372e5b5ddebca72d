"""`exportcheck plan PATH`: each failure of the profile with its owner, target date and whether it is overdue;
with --template, a plan file to fill in.

    exportcheck plan company.yaml                          the plan as check reads it (docs/plan.md)
    exportcheck plan company.yaml --template > exportcheck-plan.yaml

The failures are those `check` finds with its defaults (the same waivers, attestations and plan files beside
the profile); the template lists every one, fingerprint first, as a commented entry with its current owner
and target date, so that a file nobody has edited yet plans nothing.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checker.cli.options import EXIT_PASSED, add_rule_packs, parse_date


def add(commands: Any) -> None:
    plan = commands.add_parser(
        "plan",
        help="each failure with its owner and target date, and a plan file to set them",
        description="List each failure of the profile with its owner, target date and whether it is overdue, as "
        "`check` reports them with the company's plan (docs/plan.md). With --template, write a plan file with "
        "every failure as a commented entry to fill in.",
    )
    plan.add_argument("path", metavar="PATH", help="a profile file or a directory of YAML files")
    plan.add_argument(
        "--template", action="store_true", help="write a plan file with every failure as a commented entry"
    )
    plan.add_argument("--plan", metavar="FILE", help="the plan to read (default: beside the profile)")
    plan.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="assessment date")
    plan.add_argument("--lang", choices=("en", "zh"), default="en")
    add_rule_packs(plan)
    plan.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checker.cli.check import assessment_document
    from checker.report.gap_report.plan import plan_order

    # What `check` does with its defaults, on this one profile.
    checking = argparse.Namespace(
        paths=[args.path],
        rules=args.rules,
        as_of=args.as_of,
        plan=args.plan,
        history=None,
        lang=args.lang,
        sheet=[],
        reference=[],
        default_lists=True,
        waivers=None,
        strict_waivers=False,
        attestations=None,
        baseline=None,
        select=[],
        skip=[],
        fail_on="high",
        min_score=None,
        soft_fail=False,
        all_results=False,
    )
    data = assessment_document(checking)
    failures = plan_order([result for result in data["results"] if result["status"] == "fail"])
    write = _template if args.template else _table
    sys.stdout.write(write(data, failures, args.lang))
    return EXIT_PASSED


def _words(lang: Any):
    from checker import i18n

    def t(key: str, **values: Any) -> str:
        return i18n.t("plan_command", key, lang, **values)

    return t


def _owner(result: dict[str, Any], roles: dict[str, dict[str, Any]], lang: Any) -> str:
    from checker.report.planning import owner_words

    role = roles.get(result["owner"], {})
    title = role.get("title_zh" if lang == "zh" else "title") or result["owner"]
    return owner_words((result.get("plan") or {}).get("owner"), title, lang)


def _target(result: dict[str, Any], data: dict[str, Any]) -> str | None:
    from datetime import date

    from checker.report.gap_report.plan import target_of

    return target_of(result, date.fromisoformat(data["profiles"][0]["as_of"]))


def _table(data: dict[str, Any], failures: list[dict[str, Any]], lang: Any) -> str:
    from checker import i18n

    t = _words(lang)
    roles = {owner["id"]: owner for owner in data["owners"]}
    plan = data.get("plan")
    lines = [t("read", files=", ".join(plan["files"])) if plan else t("none_read"), ""]
    for result in failures:
        severity = i18n.t("severity", result["severity"], lang).upper()
        target = _target(result, data) or i18n.t("report", "no_deadline", lang)
        late = f"  [{i18n.t('text', 'overdue', lang)}]" if (result.get("plan") or {}).get("overdue") else ""
        lines.append(f"{severity:<10}{result['rule_id']:<10}{target:<12}{_owner(result, roles, lang)}{late}")
        lines.append(f"{'':<20}{result['subject_path'] or '—'} · {result['fingerprint']}")
    if not failures:
        lines.append(t("nothing"))
    overdue = plan["overdue"] if plan else 0
    lines += ["", t("counts", failures=len(failures), overdue=overdue)]
    return "\n".join(lines) + "\n"


def _template(data: dict[str, Any], failures: list[dict[str, Any]], lang: Any) -> str:
    from checker import i18n

    t = _words(lang)
    roles = {owner["id"]: owner for owner in data["owners"]}
    lines = [t("template_head"), "plan:"]
    for result in failures:
        title = result["title_zh"] if lang == "zh" else result["title"]
        role = roles.get(result["owner"], {})
        default = {"title": role.get("title"), "title_zh": role.get("title_zh")}
        owner = (result.get("plan") or {}).get("owner") or default
        given = ", ".join(f"{key}: {_quoted(value)}" for key, value in owner.items() if value)
        lines += [
            "",
            f"  # {i18n.t('severity', result['severity'], lang)} · {result['rule_id']} · {title}",
            f"  # {result['subject_path'] or '—'}",
            f'  # - fingerprint: "{result["fingerprint"]}"',
            f"  #   owner: {{{given}}}",
            f"  #   target: {_target(result, data) or ''}",
        ]
    if not failures:
        lines.append("  " + t("template_nothing"))
    return "\n".join(lines) + "\n"


def _quoted(value: str) -> str:
    """A YAML flow scalar that reads back as the same text."""
    import json

    return json.dumps(value, ensure_ascii=False)
