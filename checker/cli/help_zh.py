"""The command line's help in Chinese: every help and description of every parser, and argparse's own headings.

The words are data, `templates/help_zh.yaml`, each entry the English help exactly as the code writes it and its
Chinese; a help with no entry stays English (a test makes sure there is none). Asked for with `--lang zh` or
EXPORTCHECK_LANG=zh (checker/cli/language.py), before the arguments are parsed, so `--help` is answered in it.
"""

from __future__ import annotations

import argparse
from functools import cache
from typing import Any

import yaml

from checker.resources import data_dir


@cache
def catalogue() -> dict[str, Any]:
    text = (data_dir("templates") / "help_zh.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {"usage": data["usage"], "groups": data["groups"], "texts": {e["en"]: e["zh"] for e in data["texts"]}}


def parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and every subcommand's parser below it."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += parsers(sub)
    return found


def helps(parser: argparse.ArgumentParser) -> list[str]:
    """Every help and description the command line shows, in English as the code writes them."""
    out = []
    for each in parsers(parser):
        out += [each.description] if each.description else []
        for action in each._actions:
            if isinstance(action, argparse._SubParsersAction):
                out += [choice.help for choice in action._choices_actions if choice.help]
            elif action.help and action.help != argparse.SUPPRESS:
                out.append(action.help)
    return out


def translate(parser: argparse.ArgumentParser) -> None:
    """Put the Chinese of every help, description and heading in place, for `--help` to print."""
    words = catalogue()
    texts = words["texts"]

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, prefix if prefix is not None else words["usage"])

    for each in parsers(parser):
        each.formatter_class = Formatter
        if each.description:
            each.description = texts.get(each.description, each.description)
        for group in each._action_groups:
            group.title = words["groups"].get(group.title, group.title) if group.title else group.title
        for action in each._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    choice.help = texts.get(choice.help, choice.help) if choice.help else choice.help
            elif action.help and action.help != argparse.SUPPRESS:
                action.help = texts.get(action.help, action.help)
