"""``bienban`` (no sub-command) starts the terminal app; ``bienban demo`` starts it in the demo."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``bienban demo``."""
    demo = sub.add_parser("demo", help="chạy thử: phát lại một cuộc họp mẫu như đang họp thật")
    demo.add_argument("--speed", type=float, default=1.0, help="tốc độ phát lại (1 = thời gian thực)")
    demo.add_argument("--audio", type=Path, default=None, help="phát tệp âm thanh này thay cho bản mẫu")
    demo.add_argument("--meetings-dir", type=Path, default=None, help="thư mục chứa các cuộc họp")
    demo.set_defaults(handler=run_demo)


def _config(args: argparse.Namespace, demo: bool):
    from minutes_tui.app_config import AppConfig

    config = AppConfig(demo=demo)
    if getattr(args, "meetings_dir", None):
        config.meetings_dir = args.meetings_dir
    if demo:
        config.demo_speed = args.speed
        config.demo_audio = args.audio
    return config


def run_app(args: argparse.Namespace) -> int:
    """Start the terminal app on its home screen."""
    from minutes_tui.app import build_app

    build_app(_config(args, demo=False)).run()
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Start the app straight into the demo meeting."""
    from minutes_tui.app import build_app

    if args.audio is not None:
        from transcribe.audio import load_audio

        load_audio(args.audio)  # a bad file ends as the audio error's own sentence, before the screen opens
    build_app(_config(args, demo=True)).run()
    return 0
