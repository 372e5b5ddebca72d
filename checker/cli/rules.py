"""`exportcheck rules`: list the rules, show one, their coverage of the sources, and test their examples."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from checker.cli.options import EXIT_FAILED, EXIT_PASSED, add_rule_packs, load_rules

if TYPE_CHECKING:
    from checker.ruleset.loading import RuleSet


def add(commands: Any) -> None:
    rules = commands.add_parser(
        "rules",
        help="list and explain the rules",
        description="List the rules, show one, or check that every rule's examples "
        "behave as stated. Rule packs given with --rules are included.",
    )
    actions = rules.add_subparsers(title="actions", metavar="ACTION")
    listing = actions.add_parser("list", help="list every rule")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.add_argument("--lang", choices=("en", "zh"), default="en")
    listing.set_defaults(run=run_list)
    show = actions.add_parser("show", help="show one rule in full")
    add_show_arguments(show)
    coverage = actions.add_parser("coverage", help="every requirement of every source, and what checks it")
    coverage.add_argument("--format", choices=("text", "json"), default="text")
    coverage.add_argument(
        "--framework",
        metavar="NAME",
        help="instead, map the rule set's elements onto a programme framework's: bis (the US BIS export compliance "
        "guidelines) or eu (Recommendation (EU) 2019/1318); see docs/crosswalk.md",
    )
    coverage.add_argument("--lang", choices=("en", "zh"), default="en")
    coverage.set_defaults(run=run_coverage)
    test = actions.add_parser("test", help="run every rule's examples and report any that misbehave")
    test.add_argument("--lang", choices=("en", "zh"), default="en")
    test.set_defaults(run=run_test)
    for action in (listing, show, coverage, test):
        add_rule_packs(action)


def add_show_arguments(show: argparse.ArgumentParser) -> None:
    """The arguments of `rules show` and `explain`, which are one command under two names."""
    show.add_argument("rule_id", metavar="RULE", help="a rule's id, alias or name, in any case (LIC-001, lic-001)")
    show.add_argument("--lang", choices=("en", "zh"), default="en")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(run=run_show)


def run_list(args: argparse.Namespace) -> int:
    from checker.cli.rule_docs import rules_json, rules_table

    return _write(args, rules_json, lambda ruleset: rules_table(ruleset, args.lang))


def run_coverage(args: argparse.Namespace) -> int:
    if args.framework is not None:
        from checker.cli.crosswalk import crosswalk_json, crosswalk_table, framework_of

        framework_of(args.framework)  # an unknown name is refused before the rule set is read
        return _write(
            args,
            lambda ruleset: crosswalk_json(ruleset, args.framework),
            lambda ruleset: crosswalk_table(ruleset, args.framework, args.lang),
        )
    from checker.cli.rule_docs import coverage_json, coverage_table

    return _write(args, coverage_json, lambda ruleset: coverage_table(ruleset, args.lang))


def _write(args: argparse.Namespace, as_json: Callable[[RuleSet], str], as_table: Callable[[RuleSet], str]) -> int:
    """The rule set written as JSON or as a table, as `--format` asks."""
    ruleset = load_rules(args)
    sys.stdout.write((as_json if args.format == "json" else as_table)(ruleset))
    return EXIT_PASSED


def run_show(args: argparse.Namespace) -> int:
    from checker.cli.rule_docs import find_rule, rule_json, rule_text

    ruleset = load_rules(args)
    rule = find_rule(ruleset, args.rule_id, args.lang)
    sys.stdout.write(rule_json(rule, ruleset) if args.format == "json" else rule_text(rule, ruleset, args.lang))
    return EXIT_PASSED


def run_test(args: argparse.Namespace) -> int:
    from checker import i18n
    from checker.evaluate.examples import run_examples

    ruleset = load_rules(args)
    failures = run_examples(ruleset)
    total = sum(len(rule.examples) for rule in ruleset.rules)
    for failure in failures:
        print(failure, file=sys.stderr)
    packs = ", ".join(f"{pack.id} {pack.version}" for pack in ruleset.packs)
    print(i18n.t("rule_docs", "examples_behave", args.lang, good=total - len(failures), total=total, packs=packs))
    return EXIT_PASSED if not failures else EXIT_FAILED
