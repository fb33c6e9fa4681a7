"""The anchor of bench/import_speed.py: plain faster-whisper, nothing of bienban's.

    .venv/bin/python bench/plain_batched.py AUDIO OUT.json [MODEL]

``BatchedInferencePipeline`` (batch 8, beam 5, word timestamps, ``language="vi"``) on the file
as faster-whisper reads it (whole, into memory), the bundled model (or MODEL: ``base-vi``, a folder)
with bienban's thread count;
writes the text and segment count.
"""

from __future__ import annotations

import json
import sys

from faster_whisper import BatchedInferencePipeline, WhisperModel

from transcribe.engine import default_threads
from transcribe.model import resolve


def main() -> None:
    audio, out = sys.argv[1], sys.argv[2]
    model = WhisperModel(
        resolve(sys.argv[3] if len(sys.argv) > 3 else None)[1], device="cpu", compute_type="int8", cpu_threads=default_threads()
    )
    segments, _ = BatchedInferencePipeline(model).transcribe(
        audio, language="vi", batch_size=8, beam_size=5, word_timestamps=True
    )
    texts = [s.text.strip() for s in segments]
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"text": " ".join(texts), "segments": len(texts)}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
