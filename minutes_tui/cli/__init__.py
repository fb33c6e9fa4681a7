"""The ``bienban`` command: one module per command group, each with ``register(subparsers)``.

Without a sub-command, ``bienban`` starts the terminal app. Domain errors end as one Vietnamese
line on stderr and exit code 2; nothing prints a traceback at the user (set ``BIENBAN_DEBUG=1``
or ``--debug`` to see one). Without them, the libraries' own logs and warnings (pyHanko logs a
traceback for a wrong PKCS#12 password, pyca warns in English that DSA is deprecated) stay quiet:
the user's sentence says what matters.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import warnings

from minutes_tui import texts
from minutes_tui.cli.parser import VietnameseParser

#: Loggers whose warnings the user sees without ``--debug`` (ours; libraries' stay quiet).
OWN_LOGGERS = ("bienban", "minutes_tui", "recorder", "transcribe", "bienban_base", "bienban_bench")

#: Command modules, in the order ``bienban --help`` lists them.
COMMAND_MODULES = [
    "minutes_tui.cli.transcribe_cmd",
    "minutes_tui.cli.model_cmd",
    "minutes_tui.cli.eval_cmd",
    "minutes_tui.cli.meeting_cmd",
    "minutes_tui.cli.followups_cmd",
    "minutes_tui.cli.classify_cmd",
    "minutes_tui.cli.app_cmd",
    "minutes_tui.cli.record_cmd",
    "minutes_tui.cli.export_cmd",
    "minutes_tui.cli.bench_cmd",
    "minutes_tui.cli.voices_cmd",
]

log = logging.getLogger("bienban")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (each command module adds its sub-commands)."""
    parser = VietnameseParser(prog="bienban", description=texts.CLI_DESCRIPTION)
    parser.add_argument("--debug", action="store_true", help=texts.CLI_HELP["bienban"]["--debug"])
    parser.add_argument("--model", default=None, metavar=texts.CLI_METAVARS["model"], help=texts.CLI_HELP["bienban"]["--model"])
    sub = parser.add_subparsers(dest="command", metavar=texts.CLI_METAVARS["command"])
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _own(record: logging.LogRecord) -> bool:
    return record.name.split(".")[0] in OWN_LOGGERS


def _quiet_libraries() -> None:
    """Only our own log records reach stderr, and no library warning does (``--debug`` shows them all)."""
    for handler in logging.getLogger().handlers:
        # the terminal's handler only: a test runner's capturing handlers keep every record
        if isinstance(handler, logging.StreamHandler) and handler.stream in (sys.stderr, sys.__stderr__):
            handler.addFilter(_own)
    warnings.simplefilter("ignore")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``bienban`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = args.debug or os.environ.get("BIENBAN_DEBUG") == "1"
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not debug:
        _quiet_libraries()
    handler = getattr(args, "handler", None)
    if handler is None:
        from minutes_tui.cli.app_cmd import run_app

        handler = run_app
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        print(texts.INTERRUPTED, file=sys.stderr)
        return 130
    except Exception as exc:  # the one place where errors become the user's sentence
        if debug:
            raise
        log.debug("command failed", exc_info=True)
        print(texts.user_message(exc), file=sys.stderr)
        return 2
