"""``bienban bench speakers DIR``: voice suggestions on clips grouped by speaker."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register_bench(kinds: argparse._SubParsersAction) -> None:
    """Add ``bench speakers`` to the ``bench`` group."""
    p = kinds.add_parser("speakers", help="gợi ý người nói theo giọng (voice suggestions)")
    p.add_argument("folder", help="folder with speakers.tsv (path, speaker) and the clips")
    p.add_argument("--enroll", type=int, default=2, help="clips per speaker, in file order, that build the profiles")
    p.add_argument("--threshold", type=float, default=None, help="lowest score to suggest (default: the app's)")
    p.add_argument("--margin", type=float, default=None, help="lowest lead over the runner-up (default: the app's)")
    p.add_argument("--backend", choices=["auto", "numpy", "onnxruntime"], default="auto", help="how the encoder runs")
    p.add_argument("--json", action="store_true", help="print the full report as JSON")
    p.set_defaults(handler=run_bench_speakers)


def run_bench_speakers(args: argparse.Namespace) -> int:
    """Enrol the first N clips of every speaker, suggest the others, print the figures."""
    from dataclasses import replace

    from voices.bench_speakers import run
    from voices.model import load_encoder
    from voices.profiles import SuggestOptions

    options = SuggestOptions()
    if args.threshold is not None:
        options = replace(options, threshold=args.threshold)
    if args.margin is not None:
        options = replace(options, margin=args.margin)
    report = run(Path(args.folder), load_encoder(backend=args.backend), args.enroll, options)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for key in ("accuracy", "coverage", "eer", "eer_threshold", "ms_per_audio_s", "audio_s"):
            print(f"{key:16} {getattr(report, key)}")
    return 0
