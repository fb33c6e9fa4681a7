"""``decode_long`` with and without decoding again the utterances a chunk's decoding missed
(``LongformOptions.rescue_missed_s``), alternating in one process, on rendered meeting folders
(``meeting.wav`` + ``truth.json``): WER, wall and CPU time, utterances decoded again.

Usage: .venv/bin/python bench/rescue_missed.py /tmp/human_speed /tmp/dlg_speed [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bienban_base.audio import load_audio
from transcribe.engine import Transcriber
from transcribe.evaluate import clip_wer
from transcribe.longform import LongformOptions, decode_long


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    transcriber = Transcriber()
    variants = (("off", LongformOptions(rescue_missed_s=None)), ("on", LongformOptions()))
    for folder in args.folders:
        audio = load_audio(folder / "meeting.wav")
        reference = " ".join(turn["text"] for turn in json.loads((folder / "truth.json").read_text())["turns"])
        for round_ in range(args.rounds):
            for name, longform in variants:
                cpu, wall = time.process_time(), time.perf_counter()
                result = decode_long(transcriber, audio, longform=longform)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                wer = clip_wer(reference, " ".join(s.text for s in result.segments))
                print(
                    f"{folder} round {round_} rescue {name}: WER {wer:.4f} wall {wall:.1f} s CPU {cpu:.1f} s "
                    f"decoded again {result.rescued} segments {len(result.segments)}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
