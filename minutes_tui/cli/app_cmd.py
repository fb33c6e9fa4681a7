"""Running ``bienban`` with no sub-command (the terminal app)."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    """Start the terminal app (until it exists: print the commands)."""
    from minutes_tui.cli import build_parser

    build_parser().print_help()
    return 0
