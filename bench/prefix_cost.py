"""What a forced prefix costs CTranslate2's Whisper ``generate`` (issue 16: would decoding only a
few tokens where a term may be, the first decoding's text forced before them, be cheaper than
decoding the utterance again?).

    .venv/bin/python bench/prefix_cost.py AUDIO

Encodes the first 30 s of AUDIO once, decodes it (beam 2, no timestamps), then decodes again
from the same encoder output with the first N tokens of that decoding forced after
``<|notimestamps|>`` and 10 more tokens allowed; prints the CPU time of each (mean of 3).
"""

from __future__ import annotations

import sys
import time

import numpy as np

from bienban_base.audio import SAMPLE_RATE, load_audio
from transcribe.engine import Transcriber


def main() -> None:
    import ctranslate2
    from faster_whisper.tokenizer import Tokenizer

    model = Transcriber().model
    audio = load_audio(sys.argv[1])[: 30 * SAMPLE_RATE]
    features = model.feature_extractor(audio)[..., :3000]
    encoded = model.model.encode(ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None])), to_cpu=False)
    tokenizer = Tokenizer(model.hf_tokenizer, True, task="transcribe", language="vi")
    start = [*tokenizer.sot_sequence, tokenizer.no_timestamps]
    t0 = time.process_time()
    full = model.model.generate(encoded, [start], beam_size=2)[0].sequences_ids[0]
    print(f"whole window: {len(full)} tokens, {time.process_time() - t0:.2f} s CPU")
    for n in (0, 20, 40, 60, 80):
        prompt = start + full[:n]
        t0 = time.process_time()
        for _ in range(3):
            model.model.generate(encoded, [prompt], beam_size=2, max_length=len(prompt) + 10)
        print(f"{n:3d} tokens forced, 10 more: {(time.process_time() - t0) / 3:.3f} s CPU")


if __name__ == "__main__":
    main()
