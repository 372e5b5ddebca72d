"""`exportcheck init DIR`: a starter profile to fill in, in English or Chinese, that `check` reads at once.

The profile's three files are data, in `templates/init/<lang>/`, each field commented with what it means and
the article that asks for it; this module only fills in the few answers it is given and writes the files,
refusing to overwrite any.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.cli.options import EXIT_PASSED
from checker.errors import UsageError

if TYPE_CHECKING:
    from checker.bilingual import Lang

FILES = ("company.yaml", "programme.yaml", "ledger.yaml")


def add(commands: Any) -> None:
    init = commands.add_parser(
        "init",
        help="write a starter profile to fill in",
        description="Write a starter profile (company.yaml, programme.yaml, ledger.yaml) into DIR, every field "
        "present and commented with what it means and which article asks for it. `exportcheck check DIR` reads "
        "it at once; its failures are the to-do list. Existing files are never overwritten.",
    )
    init.add_argument("directory", metavar="DIR", help="the folder to write the profile into (made if missing)")
    init.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the comments (default en)")
    init.add_argument(
        "--interactive",
        action="store_true",
        help="ask for the company's name, code, country and business first (answers may be piped in)",
    )
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    from checker import i18n
    from checker.resources import data_dir

    lang: Lang = args.lang
    directory = Path(args.directory)
    targets = [directory / name for name in FILES]
    existing = [str(path) for path in targets if path.exists()]
    if existing:
        raise UsageError(i18n.t("init", "exists", lang, files=", ".join(existing)))
    answers = _ask(lang, _prompt) if args.interactive else _defaults(lang)
    schema = _schema_path(data_dir("docs") / "schema" / "profile.schema.json", directory)
    values = {**answers, "schema": schema, "dir": args.directory}
    templates = data_dir("templates") / "init" / lang
    texts = [_fill((templates / name).read_text(encoding="utf-8"), values) for name in FILES]
    directory.mkdir(parents=True, exist_ok=True)
    for path, text in zip(targets, texts, strict=True):
        with path.open("x", encoding="utf-8") as written:
            written.write(text)
    print(i18n.t("init", "written", lang, dir=args.directory, files=", ".join(FILES)))
    return EXIT_PASSED


def _schema_path(schema: Path, directory: Path) -> str:
    # Relative from the profile's folder, as yaml-language-server resolves it; absolute across drives.
    try:
        return Path(os.path.relpath(schema, directory.resolve())).as_posix()
    except ValueError:
        return schema.as_posix()


COMMENT_COLUMN = 37


def _fill(template: str, values: dict[str, str]) -> str:
    return "".join(_fill_line(line, values) for line in template.splitlines(keepends=True))


def _fill_line(line: str, values: dict[str, str]) -> str:
    if "<<" not in line:
        return line
    for key, value in values.items():
        line = line.replace(f"<<{key}>>", value)
    # Keep the comments of a filled-in line in the column of the others.
    code, mark, comment = line.partition("  # ")
    if not mark or code.lstrip().startswith("#"):
        return line
    code = code.rstrip()
    return f"{code.ljust(COMMENT_COLUMN - 1)} # {comment.lstrip()}"


def _quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: any answer is written as the characters typed.
    return json.dumps(text, ensure_ascii=False)


def _defaults(lang: Lang) -> dict[str, str]:
    from checker import i18n

    return {
        "company_name": _quoted(i18n.t("init", "placeholder_name", lang)),
        "company_name_zh": "null",
        "uscc": "null",
        "country": "CN",
        "business": "[]",
        "as_of": "null",
        "prepared_by": "null",
    }


def _prompt(question: str) -> str | None:
    sys.stdout.write(question)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not sys.stdin.isatty():
        # Piped answers are not echoed by a terminal: show each after its question.
        sys.stdout.write(line if line.endswith("\n") else line + "\n")
    return line.strip() if line else None


def _ask(lang: Lang, prompt: Callable[[str], str | None]) -> dict[str, str]:
    """Ask in plain words; an empty answer, or the end of the input, keeps the starter's value."""
    from checker.cli.init_questions import ask

    return ask(lang, prompt, _defaults(lang), _quoted)
