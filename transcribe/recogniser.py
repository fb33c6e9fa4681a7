"""What the rest of bienban needs of a speech recogniser: ``transcribe.engine.Transcriber`` is the real one.

Tests and the app's pilot tests pass a canned recogniser with the same methods instead of
patching the model's internals.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import numpy as np

from transcribe.decoding import DecodeOptions, LongDecode, RecognisedSegment


class Recogniser(Protocol):
    """A loaded speech recogniser."""

    name: str
    """The model's name, for messages and the minutes."""

    def segments(self, audio: np.ndarray, options: DecodeOptions = ..., offset: float = 0.0) -> Iterator[RecognisedSegment]:
        """A whole recording in Whisper's sequential 30 s windows, lazily."""

    def decode(self, audio: np.ndarray, options: DecodeOptions = ..., offset: float = 0.0) -> list[RecognisedSegment]:
        """One utterance (the live path); times are shifted by ``offset``."""

    def batched_segments(
        self, audio: np.ndarray, options: DecodeOptions = ..., batch_size: int = 8
    ) -> Iterator[RecognisedSegment]:
        """A whole recording with the batched pipeline (the post-meeting pass)."""

    def transcribe_audio(
        self, audio: np.ndarray, options: DecodeOptions = ..., progress: Callable[[float, float], None] | None = None
    ) -> list[RecognisedSegment]:
        """A whole recording; ``progress(done_s, total_s)`` as segments arrive."""

    def decode_long(self, source: np.ndarray | str | os.PathLike[str], options: DecodeOptions = ..., **how: Any) -> LongDecode:
        """A whole recording (file or array) in windows of bounded memory, batch by batch
        (``transcribe.longform.decode_long``'s keywords: ``vocabulary``, ``progress``, ``sink``, ``start_s``, ``stop``)."""

    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes in a prompt."""
