"""Messages shared across the app: what the recorder, the recogniser and the store report.

Background threads never touch widgets: they call plain callbacks, and the app turns those into
these messages (posted with ``post_message``, which is thread-safe).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class LevelChanged(Message):
    """The input level, many times a second; a pending one is replaced by a newer one."""

    dbfs: float
    """RMS level of the last block, dB full scale (-inf..0)."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LevelChanged)


@dataclass
class ElapsedChanged(Message):
    """Seconds of audio recorded so far (coalesces like the level)."""

    seconds: float
    """Recorded seconds, pauses excluded."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ElapsedChanged)


@dataclass
class InterimUpdated(Message):
    """Provisional text of the utterance still being spoken (replaced by the next one)."""

    text: str
    """The provisional text ('' clears it)."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, InterimUpdated)


@dataclass
class FinalSegment(Message):
    """A finished segment from the recogniser (absolute times in the meeting)."""

    segment: Any
    """A ``transcribe.decoding.RecognisedSegment``."""
    model: str
    """The model that wrote it (``transcribe.recogniser.Recogniser.name``)."""


@dataclass
class RecordingStateChanged(Message):
    """The recording started, paused, resumed or stopped."""

    state: str
    """One of ``starting``, ``recording``, ``paused``, ``stopped``."""


@dataclass
class RecorderTrouble(Message):
    """Something the secretary should know about the capture (device lost, disk full…)."""

    message: str
    """Vietnamese sentence to show."""
    fatal: bool = False
    """True when the recording cannot go on."""


@dataclass
class TranscriptionStatus(Message):
    """The recogniser's state: loading, listening, behind by some seconds…"""

    text: str
    """Vietnamese status line."""


@dataclass
class Progress(Message):
    """Progress of a long job (re-transcription, export)."""

    done: float
    """Work done (seconds of audio, steps…)."""
    total: float
    """Work in all."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Progress)
