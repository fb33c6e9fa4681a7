"""``bienban eval DIR``: WER, CER and speed of a model on a folder of clips with transcripts."""

from __future__ import annotations

import argparse
import json
import sys

from minutes_tui import texts
from minutes_tui.cli.progress import progress_bar


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``eval`` sub-command."""
    h, m = texts.CLI_HELP["eval"], texts.CLI_METAVARS
    p = sub.add_parser("eval", help=texts.CLI_SUMMARIES["eval"])
    p.add_argument("folder", metavar=m["folder"], help=h["folder"])
    p.add_argument("--model", default=None, metavar=m["model"], help=h["--model"])
    p.add_argument("--json", action="store_true", help=h["--json"])
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Score a folder."""
    from pathlib import Path

    from transcribe.engine import Transcriber
    from transcribe.evaluate import evaluate, read_transcripts

    read_transcripts(Path(args.folder))  # a bad folder fails before the model loads
    transcriber = Transcriber(args.model, use="clips")
    with progress_bar(texts.EVAL_PROGRESS_LABEL, unit=texts.EVAL_PROGRESS_UNIT) as progress:
        result = evaluate(args.folder, transcriber, progress=progress)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(f"model {result.model}  clips {result.clips}  audio {result.audio_seconds:.1f} s")
        print(f"WER {result.wer:.3f}  CER {result.cer:.3f}  RTF {result.rtf:.3f}")
    return 0
