"""An ``argparse`` parser that speaks Vietnamese: usage, group titles, ``-h`` and its error messages.

``argparse`` writes its own words in English ("usage:", "options", "error: the following arguments
are required …"). The root parser is a ``VietnameseParser``; ``add_subparsers`` makes every
sub-command's parser of the same class. Error messages are recognised by Python 3.11's English
wording and rewritten from ``texts.CLI_ERRORS``; one that is not recognised is kept as it is.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from minutes_tui import texts

#: argparse's messages about one argument: "argument --slot: expected one argument".
_ABOUT_ARGUMENT = re.compile(r"argument (?P<name>.+?): (?P<message>.+)", re.S)
#: argparse's (Python 3.11) English messages, by the kind of ``texts.CLI_ERRORS`` that says them.
_ENGLISH_ERRORS: dict[str, re.Pattern[str]] = {
    kind: re.compile(pattern, re.S)
    for kind, pattern in {
        "required": r"the following arguments are required: (?P<names>.+)",
        "one_required": r"one of the arguments (?P<names>.+) is required",
        "unrecognized": r"unrecognized arguments: (?P<args>.+)",
        "ambiguous": r"ambiguous option: (?P<option>.+?) could match (?P<matches>.+)",
        "invalid_choice": r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.*)\)",
        "unknown_parser": r"unknown parser (?P<name>.+) \(choices: (?P<choices>.*)\)",
        "invalid_int": r"invalid int value: (?P<value>.+)",
        "invalid_float": r"invalid float value: (?P<value>.+)",
        "invalid_value": r"invalid \S+ value: (?P<value>.+)",
        "expected_one": r"expected one argument",
        "expected_at_most_one": r"expected at most one argument",
        "expected_at_least_one": r"expected at least one argument",
        "expected_count": r"expected (?P<count>\d+) arguments?",
        "not_allowed_with": r"not allowed with argument (?P<other>.+)",
        "ignored_explicit": r"ignored explicit argument (?P<value>.+)",
    }.items()
}


def _plain(message: str) -> str:
    for kind, pattern in _ENGLISH_ERRORS.items():
        if match := pattern.fullmatch(message):
            return texts.CLI_ERRORS[kind].format(**match.groupdict())
    return message


def vietnamese_error(message: str) -> str:
    """argparse's English error ``message`` in Vietnamese; an unknown one comes back unchanged."""
    about = _ABOUT_ARGUMENT.fullmatch(message)
    if about is None:
        return _plain(message)
    inner = _plain(about["message"])
    if inner == about["message"]:  # not argparse's wording: keep the whole message as it was
        return message
    return texts.CLI_ERROR_ARGUMENT.format(name=about["name"], message=inner)


def _sentence(fragment: str) -> str:
    """A command's one-line help (``nhận dạng …``) as the first sentence of its own ``--help``."""
    return fragment[:1].upper() + fragment[1:] + ("" if fragment.endswith(".") else ".")


class VietnameseHelpFormatter(argparse.HelpFormatter):
    """``Cách dùng: bienban …`` instead of ``usage: bienban …``."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, texts.CLI_USAGE if prefix is None else prefix)


class _SubCommands(argparse._SubParsersAction):
    """Sub-commands whose own ``--help`` begins with the line that lists them in their parent's."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if kwargs.get("help") and "description" not in kwargs:
            kwargs["description"] = _sentence(kwargs["help"])
        return super().add_parser(name, **kwargs)


class VietnameseParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help and errors are in Vietnamese (``texts.CLI_*``); exit code 2 as argparse."""

    def __init__(self, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", VietnameseHelpFormatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = texts.CLI_POSITIONALS
        self._optionals.title = texts.CLI_OPTIONS
        self.register("action", "parsers", _SubCommands)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=texts.CLI_HELP_OPTION)

    def add_subparsers(self, **kwargs: Any):
        """Sub-commands listed under ``texts.CLI_COMMANDS``."""
        kwargs.setdefault("title", texts.CLI_COMMANDS)
        kwargs.setdefault("help", texts.CLI_COMMAND_HELP.format(prog=self.prog, metavar=kwargs.get("metavar", "")))
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        """The usage, then ``bienban …: lỗi: <Vietnamese message>`` on stderr; exit code 2."""
        self.print_usage(sys.stderr)
        self.exit(2, texts.CLI_ERROR.format(prog=self.prog, message=vietnamese_error(message)) + "\n")
