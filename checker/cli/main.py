"""The `exportcheck` command: parse the arguments, run, return an exit code.

Exit codes: 0 the gate passed, 1 the gate failed, 2 input or usage error.
Errors raised anywhere below become messages and exit codes here, and only here;
each subcommand (`check.py`, `rules.py`) prints its reports and notes and returns a code.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker import __version__
from checker.cli.language import message_lang, parser_class
from checker.cli.options import EXIT_FAILED, EXIT_INPUT_ERROR
from checker.errors import InputError, OutputError, RuleSetError, UsageError
from checker.read.size_limits import check_settings

if TYPE_CHECKING:
    from checker.bilingual import Lang


def main(argv: list[str] | None = None) -> int:
    # A large ledger makes millions of small objects that live until the report is written, and almost none of
    # them form cycles: with the default threshold the cycle collector walks them all again and again (about a
    # third of a 10,000-export run). A higher first threshold keeps it for the garbage that needs it. A small
    # run makes about 60,000, nearly all of them for good (modules, models, the rule set): under this threshold
    # they are never walked, where one pass over 50,000 of them cost 8 ms.
    gc.set_threshold(100_000, 20, 100)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    _hold_closed_descriptors()
    argv = sys.argv[1:] if argv is None else argv
    lang = message_lang(argv)
    parser = _parser(argv, lang)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_INPUT_ERROR
    if sys.stdout is None and not getattr(args, "plans_its_outputs", False):
        print("exportcheck: standard output is closed; write the report to a file with --output", file=sys.stderr)
        return EXIT_INPUT_ERROR
    try:
        check_settings()  # a mistyped EXPORTCHECK_MAX_… is said before any file is read
        return args.run(args)
    except InputError as error:
        for line in _problem_lines(error, lang):
            print(line, file=sys.stderr)
        print(f"exportcheck: {_input_summary(error, lang)}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except (UsageError, RuleSetError, OutputError) as error:
        print(f"exportcheck: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except BrokenPipeError:
        # The reader went away (`| head`); nothing more to say to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except OSError as error:
        # Outputs fail as OutputError, so this is reading a file that vanished, or rendering, both before
        # anything is written; or, with an errno and no file name, the report on stdout failing, which comes
        # after the other outputs are written.
        where = f"{error.filename}: " if error.filename else ""
        before_writing = error.filename or error.errno is None
        print(
            f"exportcheck: {where}{error.strerror or error}{'; nothing was written' if before_writing else ''}",
            file=sys.stderr,
        )
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        return 130


def _problem_lines(error: InputError, lang: Lang) -> list[str]:
    """Each problem in the language of the command, with the profile's own words and paths as written."""
    if lang == "en":
        return [str(problem) for problem in error.problems]
    from checker import i18n

    return [i18n.problem_text(problem, lang) for problem in error.problems]


def _input_summary(error: InputError, lang: Lang) -> str:
    """The closing line of an input error in the language of the command; each problem stays as the reader
    wrote it, with the profile's own words."""
    from checker import i18n

    count = error.total
    shown = i18n.t("input_error", "shown", lang, shown=len(error.problems)) if error.omitted else ""
    key = "one" if count == 1 else "many"
    return i18n.t("input_error", key, lang, count=f"{count:,}", shown=shown)


def _hold_closed_descriptors() -> None:
    """Open a closed stdout or stderr (`>&-`) read-only on /dev/null, so that no file opened later takes its
    number and `-o /dev/stdout` can't land in it: writing there fails as writing a closed stream does."""
    for descriptor in (1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            held = os.open(os.devnull, os.O_RDONLY)
            if held != descriptor:
                os.dup2(held, descriptor)
                os.close(held)


# Each command and the module that adds it, in the order `--help` lists them.
COMMANDS = {
    "check": "check",
    "rules": "rules",
    "lists": "lists",
    "explain": "explain",
    "checklist": "checklist",
    "plan": "plan",
    "schema": "schema",
    "init": "init",
    "import-template": "import_template",
}


def _parser(argv: Sequence[str] | None = None, lang: Lang = "en") -> argparse.ArgumentParser:
    """The command line. A run that names its command gets that command's parser alone: the others' modules
    are not imported for it. Anything else (no command, `--help`, a misspelt one) gets them all. Its refusals
    are said in `lang` (checker/cli/language.py)."""
    parser = parser_class(lang)(
        prog="exportcheck",
        description="Check an export-control compliance programme, described in YAML, against China's "
        "export-control rules. A self-assessment aid, not legal advice.",
    )
    parser.add_argument("--version", action="version", version=f"exportcheck {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    named = argv[0] if argv else None
    for command, module in COMMANDS.items():
        if named in COMMANDS and command != named:
            continue
        importlib.import_module(f"checker.cli.{module}").add(commands)
    if ("--help" in (argv or ()) or "-h" in (argv or ()) or not argv) and _help_lang(argv) == "zh":
        from checker.cli.help_zh import translate

        translate(parser)
    return parser


def _help_lang(argv: Sequence[str] | None) -> Lang:
    from checker.cli.language import message_lang

    return message_lang(argv or ())
