"""The subcommands: `check` and `rules`. Each handler returns an exit code."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from checker.cli.main import EXIT_FAILED, EXIT_PASSED
from checker.errors import InputError
from checker.gate import FAIL_ON_CHOICES, gate


def add_check(commands) -> None:
    from checker.cli.main import parse_date

    check = commands.add_parser("check", help="assess one or more profiles",
                                description="Assess profiles (YAML files, or directories of them) and report "
                                            "the gaps. Exit 0 when the gate passes, 1 when it fails, 2 on "
                                            "input or usage errors.")
    check.add_argument("paths", nargs="+", metavar="PATH", help="a profile file or a directory of YAML files")
    check.add_argument("--format", choices=("text", "json"), default="text", help="report format (default text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--pdf", metavar="FILE", help="also write the gap report as a PDF (one PATH only)")
    check.add_argument("--html", metavar="FILE",
                       help="also write the gap report as self-contained HTML (one PATH only)")
    check.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD",
                       help="assessment date (default: the profile's assessment.as_of, else today)")
    check.add_argument("--fail-on", choices=FAIL_ON_CHOICES, default="high",
                       help="lowest severity whose failures fail the gate (default high; none: never)")
    check.add_argument("--lang", choices=("en", "zh"), default="en",
                       help="language of the reports: text, PDF and HTML (default en)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour the text report (auto: on a terminal, unless NO_COLOR is set)")
    check.add_argument("--rules", type=Path, metavar="DIR", help="use the rule set in DIR instead of the built-in one")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    output, documents = _outputs(args)
    renderer = _start_pdf_renderer(documents)
    try:
        return _check(args, output, documents, renderer)
    finally:
        if renderer is not None:
            renderer.close()


def _check(args: argparse.Namespace, output: Path | None, documents: dict[str, Path], renderer) -> int:
    from checker.pipeline import assess
    from checker.write import write_all_atomic
    from checker.validate import load_profile
    from checker.report.registry import ReportOptions, reporter
    from checker.ruleset.loading import load_ruleset
    from checker.report.contract import to_dict

    ruleset = load_ruleset(args.rules)
    profiles, problems, omitted = [], [], 0
    for path in args.paths:
        try:
            profiles.append(load_profile(path))
        except InputError as error:
            problems += error.problems
            omitted += error.omitted
    if problems:
        raise InputError(problems, omitted)
    assessment = assess(profiles, ruleset, args.as_of, date.today())
    _refuse_dates_before_the_sources(assessment, args.as_of is not None)
    data = to_dict(assessment)
    verdict = gate(data, args.fail_on)
    color = output is None and _use_color(args.color)
    options = ReportOptions(lang=args.lang, color=color, width=_width(output), gate=verdict)
    report = reporter(args.format)(data, options)
    # Every document is rendered before anything is written, so a failure leaves no partial set behind.
    rendered = _render_documents(data, args.lang, documents, renderer)
    _warn_rule_errors(data)
    files = [(path, content) for path, content in rendered]
    if output is not None:
        files.insert(0, (output, (piece.encode("utf-8") for piece in report)))
    write_all_atomic(files)
    if output is None:
        for piece in report:
            sys.stdout.write(piece)
        sys.stdout.flush()
    else:
        summary = data["summary"]
        print(f"exportcheck: wrote {output} ({summary['fail']} fail, {summary['pass']} pass); gate "
              f"{'passed' if verdict.passed else 'failed'}", file=sys.stderr)
    for path, _ in rendered:
        print(f"exportcheck: wrote {path}", file=sys.stderr)
    return EXIT_PASSED if verdict.passed else EXIT_FAILED


def _refuse_dates_before_the_sources(assessment, from_option: bool) -> None:
    """An assessment date before every source took effect would mark every rule not applicable and pass the
    gate on nothing: almost always a mistyped year, so it is refused."""
    from checker.errors import UsageError

    earliest = min(doc.in_force_from for doc in assessment.ruleset.sources.values())
    for profile in assessment.profiles:
        if profile.as_of < earliest:
            where = "--as-of" if from_option else f"assessment.as_of in {profile.source}"
            raise UsageError(f"{where} is {profile.as_of.isoformat()}, before any source of the rule set took "
                             f"effect ({earliest.isoformat()}): nothing could be assessed")


def _outputs(args: argparse.Namespace) -> tuple[Path | None, dict[str, Path]]:
    """Check every output before any work: writable, not an input, not named twice; PDF/HTML need one PATH."""
    from checker.errors import UsageError
    from checker.write import check_writable

    documents = {kind: target for kind, target in (("pdf", args.pdf), ("html", args.html)) if target}
    if documents and len(args.paths) > 1:
        raise UsageError(f"--{'/--'.join(documents)} reports on one profile; {len(args.paths)} PATHs were given")
    targets = [target for target in (args.output, *documents.values()) if target]
    if len({Path(target).resolve() for target in targets}) < len(targets):
        raise UsageError("--output, --pdf and --html must name different files")
    output = check_writable(args.output, args.paths) if args.output else None
    return output, {kind: check_writable(target, args.paths) for kind, target in documents.items()}


def _start_pdf_renderer(documents: dict[str, Path]):
    """WeasyPrint takes half a second to load; with --pdf it loads in its own process while the assessment runs."""
    if "pdf" not in documents:
        return None
    from checker.report import gap_report

    return gap_report.start_pdf_renderer()


def _render_documents(data, lang: str, documents: dict[str, Path], renderer) -> list[tuple[Path, bytes]]:
    if not documents:
        return []
    from checker.report import gap_report

    created = gap_report.document_date(data, os.environ.get("SOURCE_DATE_EPOCH"))
    rendered = gap_report.render(data, lang, created, pdf_renderer=renderer, html="html" in documents)
    out = []
    if "pdf" in documents:
        out.append((documents["pdf"], rendered.pdf))
    if "html" in documents:
        out.append((documents["html"], rendered.html.encode("utf-8")))
    return out


def _warn_rule_errors(data) -> None:
    for result in data["results"]:
        if result["status"] == "error":
            path = result["location"]["path"] if result["location"] else ""
            print(f"exportcheck: rule {result['rule_id']} could not be evaluated at {path or 'the profile'}: "
                  f"{result['message']}", file=sys.stderr)


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _width(output) -> int:
    if output is not None or not sys.stdout.isatty():
        return 100
    return max(60, min(120, os.get_terminal_size().columns))


def add_rules(commands) -> None:
    rules = commands.add_parser("rules", help="list and explain the rules",
                                description="List the rules, show one, or check that every rule's examples "
                                            "behave as stated.")
    rules.add_argument("--rules", type=Path, metavar="DIR", help="use the rule set in DIR")
    actions = rules.add_subparsers(title="actions", metavar="ACTION")
    listing = actions.add_parser("list", help="list every rule")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(run=run_rules_list)
    show = actions.add_parser("show", help="show one rule in full")
    show.add_argument("rule_id", metavar="ID")
    show.add_argument("--lang", choices=("en", "zh"), default="en")
    show.set_defaults(run=run_rules_show)
    coverage = actions.add_parser("coverage", help="every requirement of every source, and what checks it")
    coverage.add_argument("--format", choices=("text", "json"), default="text")
    coverage.set_defaults(run=run_rules_coverage)
    test = actions.add_parser("test", help="run every rule's examples and report any that misbehave")
    test.set_defaults(run=run_rules_test)


def run_rules_list(args: argparse.Namespace) -> int:
    from checker.cli.rule_docs import rules_json, rules_table
    from checker.ruleset.loading import load_ruleset

    ruleset = load_ruleset(args.rules)
    sys.stdout.write(rules_json(ruleset) if args.format == "json" else rules_table(ruleset))
    return EXIT_PASSED


def run_rules_show(args: argparse.Namespace) -> int:
    from checker.errors import UsageError
    from checker.cli.rule_docs import rule_text
    from checker.ruleset.loading import load_ruleset

    ruleset = load_ruleset(args.rules)
    rule = ruleset.get(args.rule_id)
    if rule is None:
        raise UsageError(f"no rule {args.rule_id!r}; `exportcheck rules list` shows them all")
    sys.stdout.write(rule_text(rule, ruleset, args.lang))
    return EXIT_PASSED


def run_rules_coverage(args: argparse.Namespace) -> int:
    from checker.cli.rule_docs import coverage_json, coverage_table
    from checker.ruleset.loading import load_ruleset

    ruleset = load_ruleset(args.rules)
    sys.stdout.write(coverage_json(ruleset) if args.format == "json" else coverage_table(ruleset))
    return EXIT_PASSED


def run_rules_test(args: argparse.Namespace) -> int:
    from checker.evaluate.examples import run_examples
    from checker.ruleset.loading import load_ruleset

    ruleset = load_ruleset(args.rules)
    failures = run_examples(ruleset)
    total = sum(len(rule.examples) for rule in ruleset.rules)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{total - len(failures)} of {total} rule examples behave as stated")
    return EXIT_PASSED if not failures else EXIT_FAILED

