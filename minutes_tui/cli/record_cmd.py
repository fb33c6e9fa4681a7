"""``bienban devices``, ``bienban record --meeting DIR`` and ``bienban recover DIR``.

``record`` captures headless until Ctrl-C (or SIGTERM), the ``--duration`` or the end of a
``--file``; it prints the audio file's path on stdout and everything else on stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import sys
import threading

from minutes_tui import texts


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``devices``, ``record`` and ``recover`` sub-commands."""
    summary, m = texts.CLI_SUMMARIES, texts.CLI_METAVARS
    devices = sub.add_parser("devices", help=summary["devices"])
    devices.set_defaults(handler=run_devices)
    h = texts.CLI_HELP["record"]
    r = sub.add_parser("record", help=summary["record"])
    r.add_argument("--meeting", required=True, metavar=m["meeting"], help=h["--meeting"])
    r.add_argument("--device", default=None, metavar=m["device"], help=h["--device"])
    r.add_argument("--duration", type=float, default=None, metavar=m["seconds"], help=h["--duration"])
    r.add_argument("--append", action="store_true", help=h["--append"])
    r.add_argument("--file", default=None, metavar=m["file"], help=h["--file"])
    r.add_argument("--speed", type=float, default=1.0, metavar=m["speed"], help=h["--speed"])
    r.set_defaults(handler=run_record)
    v = sub.add_parser("recover", help=summary["recover"])
    v.add_argument("meeting", metavar=m["meeting"], help=texts.CLI_HELP["recover"]["meeting"])
    v.set_defaults(handler=run_recover)


def _quiet_native_stderr(args: argparse.Namespace) -> None:
    """PortAudio and ALSA print diagnostics straight to fd 2: keep only Python's own lines there."""
    if getattr(args, "debug", False) or os.environ.get("BIENBAN_DEBUG") == "1":
        return
    sys.stderr.flush()
    sys.stderr = os.fdopen(os.dup(2), "w", buffering=1, encoding="utf-8", errors="replace")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def run_devices(args: argparse.Namespace) -> int:
    """List the input devices."""
    _quiet_native_stderr(args)
    from recorder.devices import input_devices
    from recorder.errors import no_input_device

    devices = input_devices()
    if not devices:
        raise no_input_device("PortAudio lists no input device")
    print(texts.REC_DEVICES_HEADER)
    for d in devices:
        print(texts.REC_DEVICE_LINE.format(mark="*" if d.is_default else " ", **dataclasses.asdict(d)))
    return 0


def run_record(args: argparse.Namespace) -> int:
    """Record until stopped; print the audio file's path."""
    _quiet_native_stderr(args)
    from minutes_tui.workflows.recording import audio_source, event_line
    from recorder import Recording
    from recorder.journal import audio_seconds

    source = audio_source(args.file, args.speed, args.device)
    recording = Recording(args.meeting, source, append=args.append, on_event=lambda e: print(event_line(e), file=sys.stderr))
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    if hasattr(signal, "SIGXFSZ"):  # a file-size limit must fail a write, not kill us
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    recording.start()
    print(texts.REC_RUNNING, file=sys.stderr)
    began = recording.elapsed_seconds  # with --append the meeting already has audio
    while not stop.wait(0.1) and not recording.ended.is_set():
        if args.duration is not None and recording.elapsed_seconds - began >= args.duration:
            break
    audio = recording.stop()
    print(texts.REC_SAVED.format(seconds=audio_seconds(audio), path=audio), file=sys.stderr)
    print(audio)
    if recording.error is not None:
        raise recording.error
    return 0


def run_recover(args: argparse.Namespace) -> int:
    """Turn an interrupted recording into a valid audio file; print its path."""
    from recorder import recover

    result = recover(args.meeting)
    if result.damaged_log is not None:
        print(texts.REC_LOG_DAMAGED.format(path=result.damaged_log), file=sys.stderr)
    line = texts.REC_RECOVERED if result.recovered else texts.REC_NOTHING_INTERRUPTED
    print(line.format(seconds=result.seconds, path=result.audio), file=sys.stderr)
    print(result.audio)
    return 0
