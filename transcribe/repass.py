"""The post-meeting pass over a whole recording: the live pipeline's utterances, decoded again.

faster-whisper's batched pipeline packs VAD chunks into 30 s windows; when a window holds
several utterances with pauses between them, Whisper often writes only the first (measured in
``docs/benchmarks.md``). Decoding the same utterances the live pipeline found keeps every one
and gives segments that line up with the live ones, so tags move over cleanly.
"""

from __future__ import annotations

from typing import Callable, Iterator

import numpy as np

from transcribe.audio import SAMPLE_RATE
from transcribe.engine import DecodeOptions, Segment, Transcriber
from transcribe.utterances import Cut, SegmenterOptions, StreamingVad, UtteranceSegmenter

_STEP = 30 * SAMPLE_RATE  # VAD in 30 s steps: memory stays flat on a three-hour recording


def find_utterances(audio: np.ndarray, options: SegmenterOptions = SegmenterOptions()) -> list[Cut]:
    """The utterances of a whole recording, as the live pipeline would cut them."""
    vad, segmenter, cuts = StreamingVad(), UtteranceSegmenter(options), []
    for i in range(0, audio.size, _STEP):
        cuts += segmenter.push(vad.push(audio[i : i + _STEP]))
    return cuts + segmenter.flush()


def decode_utterances(
    transcriber: Transcriber,
    audio: np.ndarray,
    options: DecodeOptions = DecodeOptions(),
    progress: Callable[[float, float], None] | None = None,
) -> Iterator[Segment]:
    """Decode every utterance of ``audio``; ``progress(done_s, total_s)`` after each."""
    total = audio.size / SAMPLE_RATE
    for cut in find_utterances(audio):
        yield from transcriber.decode(audio[cut.start : cut.end], options, offset=cut.start / SAMPLE_RATE)
        if progress:
            progress(cut.end / SAMPLE_RATE, total)
    if progress:
        progress(total, total)
