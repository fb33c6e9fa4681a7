"""The interface of an audio source (the microphone, ``recorder.file_source``) and of its listener.

A source delivers 16 kHz mono float32 blocks to a ``SourceListener`` from its own thread. The
recording decides what to keep; the source only captures, converts and reports trouble.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

__all__ = ["AudioSource", "SourceListener"]


class SourceListener(Protocol):
    """What a source calls, always from its own thread (never from the PortAudio callback)."""

    def on_audio(self, block: np.ndarray) -> None:
        """A block of 16 kHz mono float32 samples."""

    def on_lost(self) -> None:
        """The device disappeared; the source keeps trying to reopen it."""

    def on_back(self, gap_seconds: float) -> None:
        """The device delivers again after ``gap_seconds`` without audio."""

    def on_overflow(self, count: int) -> None:
        """The device dropped frames; ``count`` is the running total."""

    def on_end(self) -> None:
        """No more audio will come (end of a file)."""


class AudioSource(Protocol):
    """A source of 16 kHz mono float32 blocks."""

    name: str
    """Device or file name, for the sidecar and messages."""
    native_rate: int
    """Sample rate before conversion."""
    channels: int
    """Channels before the mix down."""
    overflows: int
    """Input overflows so far."""

    def start(self, listener: SourceListener) -> None:
        """Begin delivering blocks; raise a coded error when capture cannot start."""

    def stop(self) -> None:
        """Stop delivering and release the device; no call to the listener after it returns."""
