"""`exportcheck lists`: show the screening lists a check consults, and import a copy of one."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from checker.cli.language import message_lang
from checker.cli.options import EXIT_PASSED, parse_date
from checker.cli.say import say, words
from checker.errors import InputError, InputProblem, UsageError

KINDS = {
    "control": "mofcom_control_list",
    "watch": "mofcom_watch_list",
    "uel": "unreliable_entity_list",
    "un": "un_security_council_sanctions",
}


def add(commands: Any) -> None:
    lists = commands.add_parser(
        "lists",
        help="show the screening lists, import a copy of one",
        description="The screening lists a check of a profile with parties consults: the snapshots shipped with "
        "exportcheck, or the copies you imported in their place. See docs/lists.md.",
    )
    actions = lists.add_subparsers(title="actions", metavar="ACTION")
    show = actions.add_parser("show", help="every list: id, name, source, date, entries, grade")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(run=run_show)
    _add_lang(show)
    importing = actions.add_parser(
        "import",
        help="import a copy of a list, in place of the shipped snapshot",
        description="Import a list you obtained: CSV or YAML for the MOFCOM lists (the columns of docs/lists.md), "
        "the official XML for the UN list. A file with any problem imports nothing and leaves the list you had.",
    )
    importing.add_argument("kind", metavar="KIND", choices=(*KINDS, *KINDS.values()), help=", ".join(KINDS))
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.add_argument(
        "--as-of", type=parse_date, metavar="YYYY-MM-DD", help="CSV: the date the list is complete to"
    )
    importing.add_argument("--version", metavar="TEXT", help="CSV: its version (default: its date)")
    importing.add_argument("--source", metavar="TEXT", help="CSV: where it comes from (default: the file's name)")
    importing.set_defaults(run=run_import)
    _add_lang(importing)
    removing = actions.add_parser("remove", help="remove an imported copy: the shipped snapshot is used again")
    removing.add_argument("kind", metavar="KIND", choices=(*KINDS, *KINDS.values()), help=", ".join(KINDS))
    removing.set_defaults(run=run_remove)
    _add_lang(removing)


def _add_lang(parser: argparse.ArgumentParser) -> None:
    # Without --lang, EXPORTCHECK_LANG chooses (checker/cli/language.py), as for every command.
    parser.add_argument("--lang", choices=("en", "zh"), default=message_lang(()), help="language of the messages")


def run_show(args: argparse.Namespace) -> int:
    rows = _rows()
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_PASSED
    lang = args.lang
    for row in rows:
        values = {**row, "entries": f"{row['entries']:,}", "origin": words(f"origin_{row['origin']}", lang)}
        sys.stdout.write(
            f"{row['list']}  {row['name_en']} / {row['name_zh']}\n"
            f"    {words('list_row', lang, **values)}\n"
            f"    {words('list_source', lang, source=row['source'])}\n"
            f"    {words('list_file', lang, file=row['file'])}\n"
        )
    return EXIT_PASSED


def _rows() -> list[dict[str, Any]]:
    from checker import i18n
    from checker.lists import KNOWN_LISTS
    from checker.lists.shipped import read_shipped, shipped_path
    from checker.lists.store import imported_lists, read_imported

    imported = imported_lists()
    rows = []
    for each in KNOWN_LISTS:
        if each.list in imported:
            origin, dataset, path = "imported", read_imported(each.list), imported[each.list]
        elif shipped_path(each.list).is_file():
            origin, dataset, path = "shipped", read_shipped(each.list), shipped_path(each.list)
        else:
            continue
        rows.append(
            {
                "list": each.list.value,
                "name_en": i18n.t("lists", each.list.value, "en"),
                "name_zh": i18n.t("lists", each.list.value, "zh"),
                "origin": origin,
                "name": dataset.name,
                "version": dataset.version,
                "as_of": dataset.as_of.isoformat(),
                "source": dataset.source,
                "basis": dataset.basis,
                "entries": len(dataset.entries),
                "note": dataset.note,
                "file": str(path),
            }
        )
    return rows


def run_import(args: argparse.Namespace) -> int:
    from checker.lists.store import keep
    from checker.profile.vocabulary import ScreeningList

    list_ = ScreeningList(KINDS.get(args.kind, args.kind))
    dataset = _read(args, list_)
    path = keep(dataset, str(args.file))
    values = {"version": dataset.version, "as_of": dataset.as_of.isoformat(), "entries": f"{len(dataset.entries):,}"}
    say("imported", args.lang, list=dataset.list.value, path=path, **values)
    return EXIT_PASSED


def run_remove(args: argparse.Namespace) -> int:
    from checker.lists.store import imported_path
    from checker.profile.vocabulary import ScreeningList

    path = imported_path(ScreeningList(KINDS.get(args.kind, args.kind)))
    if not path.is_file():
        raise UsageError(f"no imported copy of {KINDS.get(args.kind, args.kind)} to remove")
    path.unlink()
    say("removed", args.lang, path=path)
    return EXIT_PASSED


def _read(args: argparse.Namespace, list_: Any) -> Any:
    from checker.profile.vocabulary import ScreeningList

    suffix = args.file.suffix.lower()
    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    if list_ == ScreeningList.un_security_council_sanctions:
        if suffix != ".xml":
            raise UsageError("the UN list is imported from its official XML (consolidated.xml)")
        from checker.lists.un_xml import read_un_xml

        return read_un_xml(args.file)
    if suffix in (".yaml", ".yml"):
        from checker.reference.datasets import load_dataset

        dataset = load_dataset(args.file)
        if dataset.list != list_:
            raise InputError(
                [
                    InputProblem(
                        str(args.file), None, None, f"this is a copy of {dataset.list.value}, not of {list_.value}"
                    )
                ]
            )
        return dataset
    if suffix == ".csv":
        from checker.lists.csv_list import read_csv_list

        if args.as_of is None:
            raise UsageError("a CSV list needs --as-of: the date it is complete to")
        as_of: date = args.as_of
        return read_csv_list(
            args.file,
            list_,
            as_of=as_of,
            version=args.version or as_of.isoformat(),
            source=args.source or args.file.name,
        )
    raise UsageError(f"{args.file}: a MOFCOM list is imported from CSV or YAML (.csv, .yaml)")
