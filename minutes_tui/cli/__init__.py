"""The ``bienban`` command: one module per command group, each with ``register(subparsers)``.

Without a sub-command, ``bienban`` starts the terminal app. Domain errors end as one Vietnamese
line on stderr and exit code 2; nothing prints a traceback at the user (set ``BIENBAN_DEBUG=1``
to see one).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from minutes_tui import texts
from minutes_tui.cli.parser import VietnameseParser

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
    sub = parser.add_subparsers(dest="command", metavar=texts.CLI_METAVARS["command"])
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``bienban`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = args.debug or os.environ.get("BIENBAN_DEBUG") == "1"
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
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
