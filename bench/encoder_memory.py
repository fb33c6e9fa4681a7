"""RSS while the encoder sees many input lengths: exact lengths against 2 s steps.

    .venv/bin/python bench/encoder_memory.py exact      # every encode a new length
    .venv/bin/python bench/encoder_memory.py steps      # lengths rounded up to WINDOW_STEP_FRAMES

600 encodes of random features, 250-1800 frames; RSS printed every 100.
"""

from __future__ import annotations

import sys

import numpy as np
import psutil

from transcribe.decoding import WINDOW_STEP_FRAMES
from transcribe.engine import Transcriber


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "steps"
    model = Transcriber().model
    proc, rng = psutil.Process(), np.random.default_rng(0)
    for i in range(601):
        n = int(rng.integers(250, 1800))
        if mode == "steps":
            n = min(3000, -(-n // WINDOW_STEP_FRAMES) * WINDOW_STEP_FRAMES)
        n += n % 2
        model.encode(rng.standard_normal((80, n)).astype(np.float32) * 0.1)
        if i % 100 == 0:
            print(mode, i, round(proc.memory_info().rss / 2**20, 1), "MB", flush=True)


if __name__ == "__main__":
    main()
