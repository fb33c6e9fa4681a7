"""Live WER for encoder window step:pad pairs, at full speed (deterministic, so one run each).

    .venv/bin/python bench/live_window_sweep.py /tmp/human 200:2 100:2 200:1

The folder holds ``meeting.wav`` + ``truth.json`` (``bench/join_clips.py`` or ``make_meeting.py``).
Prints step (frames), pad (s), live WER, missed turns and RTF per pair.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import transcribe.engine as engine
from bienban_bench.live_feed import measure
from transcribe.live import LIVE_DECODE, LiveOptions


def main() -> None:
    folder, pairs = Path(sys.argv[1]), sys.argv[2:]
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    tr = engine.Transcriber()
    for pair in pairs:
        step, pad = pair.split(":")
        engine.WINDOW_STEP_FRAMES = int(step)
        options = LiveOptions(interim_every_s=None, decode=replace(LIVE_DECODE, encoder_pad_s=float(pad)))
        r = measure(folder / "meeting.wav", tr, options, 0, truth, False)
        print(f"step {step} pad {pad}: WER live {r.wer_live} missed {r.missed_turns} RTF {r.rtf}", flush=True)


if __name__ == "__main__":
    main()
