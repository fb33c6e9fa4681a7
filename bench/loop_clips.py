"""A long recording for memory and speed: a joined-clips file looped, with pauses, to a length.

    .venv/bin/python bench/loop_clips.py IN_DIR/meeting.wav OUT.wav --seconds 10800

Written block by block (never the whole recording in memory); 16 kHz mono s16.
"""

from __future__ import annotations

import argparse
import random
import wave

import numpy as np

from bienban_base.audio import SAMPLE_RATE, load_audio


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--seconds", type=float, default=10800.0)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    clip = (np.clip(load_audio(a.source), -1, 1) * 32767).astype("<i2")
    target, written = int(a.seconds * SAMPLE_RATE), 0
    with wave.open(a.out, "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SAMPLE_RATE)
        while written < target:
            pause = np.zeros(int(rnd.uniform(2.0, 8.0) * SAMPLE_RATE), "<i2")
            for part in (clip, pause):
                part = part[: target - written]
                w.writeframes(part.tobytes())
                written += part.size
    print(f"{a.out}: {written / SAMPLE_RATE:.0f} s")


if __name__ == "__main__":
    main()
