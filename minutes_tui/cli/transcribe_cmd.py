"""``bienban transcribe AUDIO``: a file to text, JSON, SRT or VTT with the Vietnamese defaults."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from minutes_tui import texts
from minutes_tui.cli.progress import progress_bar


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``transcribe`` sub-command."""
    h, m = texts.CLI_HELP["transcribe"], texts.CLI_METAVARS
    p = sub.add_parser("transcribe", help=texts.CLI_SUMMARIES["transcribe"])
    p.add_argument("audio", metavar=m["file"], help=h["audio"])
    p.add_argument("--model", default=None, metavar=m["model"], help=h["--model"])
    p.add_argument("--format", choices=["text", "json", "srt", "vtt"], default="text", help=h["--format"])
    p.add_argument("--out", default=None, metavar=m["file"], help=h["--out"])
    p.add_argument("--no-progress", action="store_true", help=h["--no-progress"])
    p.set_defaults(handler=run)


def _stamp(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def render(fmt: str, model: str, duration: float, segments: list) -> str:
    """The transcript in one of the output formats."""
    if fmt == "json":
        doc = {"model": model, "language": "vi", "duration": round(duration, 3), "segments": [s.to_dict() for s in segments]}
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if fmt == "srt":
        blocks = [f"{i}\n{_stamp(s.start, ',')} --> {_stamp(s.end, ',')}\n{s.text}\n" for i, s in enumerate(segments, 1)]
        return "\n".join(blocks)
    if fmt == "vtt":
        blocks = [f"{_stamp(s.start, '.')} --> {_stamp(s.end, '.')}\n{s.text}\n" for s in segments]
        return "WEBVTT\n\n" + "\n".join(blocks)
    return "".join(s.text + "\n" for s in segments)


def run(args: argparse.Namespace) -> int:
    """Transcribe one file."""
    from bienban_base.audio import audio_duration
    from transcribe.engine import Transcriber

    audio_duration(args.audio)  # a bad file fails before the model is loaded
    transcriber = Transcriber.for_recordings(args.model)
    with progress_bar(texts.PROGRESS_LABEL, enabled=not args.no_progress) as progress:
        decoded = transcriber.decode_long(args.audio, progress=progress)  # in windows: any length
    segments, duration = decoded.segments, decoded.duration_s
    if not segments:
        print(texts.NO_SPEECH, file=sys.stderr)
    out = render(args.format, transcriber.name, duration, segments)
    if args.out:
        Path(args.out).write_text(out, encoding="utf-8")
        print(texts.WROTE_FILE.format(path=args.out), file=sys.stderr)
    else:
        sys.stdout.write(out)
    return 0
