"""``bienban`` (no sub-command) starts the terminal app; ``bienban demo`` starts it in the demo."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from minutes_tui import texts


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``bienban demo``."""
    h, m = texts.CLI_HELP["demo"], texts.CLI_METAVARS
    demo = sub.add_parser("demo", help=texts.CLI_SUMMARIES["demo"])
    demo.add_argument("--speed", type=float, default=1.0, metavar=m["speed"], help=h["--speed"])
    demo.add_argument("--audio", type=Path, default=None, metavar=m["file"], help=h["--audio"])
    demo.add_argument("--meetings-dir", type=Path, default=None, metavar=m["folder"], help=h["--meetings-dir"])
    demo.add_argument("--model", default=None, metavar=m["model"], help=h["--model"])
    demo.set_defaults(handler=run_demo)


def _config(args: argparse.Namespace, demo: bool):
    from minutes_tui.workflows.config import AppConfig

    config = AppConfig(demo=demo)
    if getattr(args, "model", None):
        from transcribe.model import resolve

        resolve(args.model)  # a wrong name or folder is reported now, in Vietnamese, not once the meeting has started
        config.model = args.model
    if getattr(args, "meetings_dir", None):
        config.meetings_dir = args.meetings_dir
    if demo:
        config.demo_speed = args.speed
        config.demo_audio = args.audio
    return config


def _keep_native_chatter_off_screen(args: argparse.Namespace) -> None:
    """PortAudio and ALSA print to fd 2, which is also where Textual draws: move Textual to a
    duplicate of the terminal and send fd 2 to /dev/null, so library noise cannot smear the screen."""
    stderr = sys.__stderr__
    if getattr(args, "debug", False) or os.environ.get("BIENBAN_DEBUG") == "1" or stderr is None or not stderr.isatty():
        return
    stderr.flush()
    terminal = os.fdopen(os.dup(2), "w", buffering=1, encoding="utf-8", errors="replace")
    # Textual's driver writes to sys.__stderr__, not sys.stderr: both must point at the terminal
    setattr(sys, "__stderr__", terminal)  # noqa: B010  # __stderr__ is Final in typeshed; Textual reads it
    sys.stderr = terminal
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def run_app(args: argparse.Namespace) -> int:
    """Start the terminal app on its home screen."""
    from minutes_tui.app import build_app

    _keep_native_chatter_off_screen(args)
    build_app(_config(args, demo=False)).run()
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Start the app straight into the demo meeting."""
    from minutes_tui.app import build_app

    if args.audio is not None:
        from bienban_base.audio import load_audio

        load_audio(args.audio)  # a bad file ends as the audio error's own sentence, before the screen opens
    _keep_native_chatter_off_screen(args)
    build_app(_config(args, demo=True)).run()
    return 0
