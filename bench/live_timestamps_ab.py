"""Paced live runs with ``LIVE_DECODE`` and with timestamp tokens (as before issue 18),
alternating in one process so both see the same load.

    .venv/bin/python bench/live_timestamps_ab.py /tmp/dlg_acc 2

The folder holds ``meeting.wav`` + ``truth.json``. Prints one JSON line per run: latency
p50/p95/max (truth-based and VAD-based), live WER, RTF, missed turns, load at start and end.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from bienban_bench.live_feed import measure
from transcribe.engine import Transcriber
from transcribe.live import LIVE_DECODE, LiveOptions


def main() -> None:
    folder, rounds = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    tr = Transcriber()
    variants = (("timestamps (before)", replace(LIVE_DECODE, without_timestamps=False)), ("no timestamps (now)", LIVE_DECODE))
    for r in range(rounds):
        for name, decode in variants:
            load = os.getloadavg()[0]
            rep = measure(folder / "meeting.wav", tr, LiveOptions(decode=decode), 1.0, truth, False)
            row = {"round": r, "variant": name, "load_start": round(load, 2), "load_end": rep.load_average}
            row |= {"p50": rep.latency_p50, "p95": rep.latency_p95, "max": rep.latency_max}
            row |= {"vad_p50": rep.latency_vad_p50, "vad_p95": rep.latency_vad_p95, "wer_live": rep.wer_live}
            row |= {"rtf": rep.rtf, "cpu": rep.cpu, "missed": rep.missed_turns, "dropped": rep.dropped_blocks}
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
