"""The one stand-in for the speech model: a canned ``transcribe.recogniser.Recogniser``.

Pilot tests and workflow tests that are not about recognition use it instead of the real
model (the real model has its own tests under ``tests/transcribe``). It implements the protocol
and nothing of faster-whisper's internals.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from bienban_base.audio import SAMPLE_RATE, load_audio
from transcribe.decoding import DecodeOptions, LongDecode, RecognisedSegment, Word


class CannedRecogniser:
    """Each utterance decoded gets the next scripted turn; a whole recording gets all turns spread evenly."""

    name = "canned"

    def __init__(self, texts: list[str]) -> None:
        self.texts = list(texts)
        self.finals = 0

    def decode(self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(), offset: float = 0.0) -> list[RecognisedSegment]:
        duration = len(audio) / SAMPLE_RATE
        if not options.word_timestamps:  # the live pipeline's quick interim pass
            return [RecognisedSegment(offset, offset + duration, "đang nói", -0.5, 0.1, [])]
        text = self.texts[self.finals % len(self.texts)]
        self.finals += 1
        words = text.split()
        step = duration / max(1, len(words))
        # every third word low-confidence, so review has something to highlight
        timed = [
            Word(offset + i * step, offset + (i + 1) * step, " " + w, 0.3 if i % 3 == 2 else 0.9) for i, w in enumerate(words)
        ]
        return [RecognisedSegment(offset, offset + duration, text, -0.4, 0.05, timed)]

    def transcribe_audio(
        self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(), progress: Callable[[float, float], None] | None = None
    ) -> list[RecognisedSegment]:
        total = len(audio) / SAMPLE_RATE
        step = total / len(self.texts)
        out: list[RecognisedSegment] = []
        self.finals = 0
        for i in range(len(self.texts)):
            chunk = audio[int(i * step * SAMPLE_RATE) : int((i + 1) * step * SAMPLE_RATE)]
            out.extend(self.decode(chunk, DecodeOptions(), offset=i * step))
            if progress is not None:
                progress((i + 1) * step, total)
        return out

    def segments(
        self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(), offset: float = 0.0
    ) -> Iterator[RecognisedSegment]:
        return iter(self.transcribe_audio(audio))

    def batched_segments(
        self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(), batch_size: int = 8
    ) -> Iterator[RecognisedSegment]:
        return iter(self.transcribe_audio(audio))

    def decode_long(
        self, source: np.ndarray | str | os.PathLike[str], options: DecodeOptions = DecodeOptions(), **how: Any
    ) -> LongDecode:
        """The canned turns of the recording from ``how["start_s"]`` on (a resumed import), handed to
        ``how["sink"]`` in one batch."""
        from dataclasses import replace

        audio = source if isinstance(source, np.ndarray) else load_audio(source)
        duration = audio.size / SAMPLE_RATE
        start_s = how.get("start_s") or 0.0
        rest = self.transcribe_audio(audio[int(start_s * SAMPLE_RATE) :], progress=how.get("progress"))
        segments = [
            replace(
                s,
                start=s.start + start_s,
                end=s.end + start_s,
                words=[replace(w, start=w.start + start_s, end=w.end + start_s) for w in s.words],
            )
            for s in rest
        ]
        if how.get("sink") is not None:
            how["sink"](segments, duration)
        return LongDecode(duration, segments, duration, True)

    def count_tokens(self, text: str) -> int:
        return len(text.split())
