"""``recording.json``: the capture runs, pauses and gaps of a meeting's audio.

A run is one stretch of contiguous audio in ``audio.wav`` with the wall-clock time it began, so
any sample can be placed in real time. Pauses and device gaps are listed with their position on
the audio time axis and their wall-clock length (the audio itself has no silence inserted for
them). Written atomically (temporary file, fsync, rename) at every change of state.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bienban_base import clock
from bienban_base.files import atomic_write
from recorder.errors import RecorderError

SIDECAR_NAME = "recording.json"


def now_iso() -> str:
    """The current time, ISO 8601 in Vietnam's time zone (``+07:00``) whatever the laptop's is set to."""
    return clock.now().isoformat(timespec="milliseconds")


@dataclass
class Run:
    """One stretch of continuous capture."""

    start_sample: int
    """First sample of the run on the audio time axis."""
    started_at: str
    """Wall-clock time of that sample (ISO 8601)."""
    device: str
    """Device (or file) captured."""
    native_rate: int = 16000
    """The device's own sample rate."""
    channels: int = 1
    """Channels captured before the mix down to mono."""
    end_sample: int | None = None
    """First sample after the run; ``None`` while it runs (or when it was cut by a crash)."""
    end_reason: str | None = None
    """``stop``, ``pause``, ``device_lost``, ``write_failed``, ``source_ended`` or ``interrupted``."""


@dataclass
class Break:
    """A pause or a device gap: time that passed with no audio kept."""

    kind: str
    """``pause`` or ``device_lost``."""
    at_sample: int
    """Position on the audio time axis."""
    started_at: str
    """Wall-clock time it began (ISO 8601)."""
    seconds: float | None = None
    """Its wall-clock length; ``None`` while it lasts."""


@dataclass
class RecordingLog:
    """Everything ``recording.json`` holds."""

    audio_file: str = "audio.wav"
    """The final audio file, relative to the meeting folder."""
    sample_rate: int = 16000
    """Sample rate of the audio time axis."""
    runs: list[Run] = field(default_factory=list)
    """Capture runs in order."""
    breaks: list[Break] = field(default_factory=list)
    """Pauses and device gaps in order."""
    overflows: int = 0
    """Input overflows counted over all recordings of this meeting."""

    @classmethod
    def load(cls, meeting_dir: Path) -> RecordingLog:
        """The log of ``meeting_dir`` (an empty one when there is none yet)."""
        path = Path(meeting_dir) / SIDECAR_NAME
        if not path.exists():
            return cls()
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                audio_file=doc.get("audio_file", "audio.wav"),
                sample_rate=doc.get("sample_rate", 16000),
                runs=[Run(**r) for r in doc.get("runs", [])],
                breaks=[Break(**b) for b in doc.get("breaks", [])],
                overflows=doc.get("overflows", 0),
            )
        except (ValueError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise RecorderError("recording_log_corrupt", f"{path}: {exc}", path=str(path)) from exc

    @classmethod
    def load_or_set_aside(cls, meeting_dir: Path) -> tuple[RecordingLog, Path | None]:
        """The log, or a fresh one when it is damaged: the damaged file is kept beside it, renamed.

        The audio never depends on this file, so a damaged log must not stop a recovery or a
        recording; the second value names where the damaged copy went (None: it was sound).
        """
        try:
            return cls.load(meeting_dir), None
        except RecorderError:
            path = Path(meeting_dir) / SIDECAR_NAME
            aside = path.with_name(f"{SIDECAR_NAME}.damaged-{clock.local_now():%Y%m%d-%H%M%S}")
            os.replace(path, aside)
            return cls(), aside

    def save(self, meeting_dir: Path) -> None:
        """Write atomically, readable by the owner only."""
        atomic_write(Path(meeting_dir) / SIDECAR_NAME, json.dumps(asdict(self), ensure_ascii=False, indent=1))

    def close_run(self, end_sample: int, reason: str) -> None:
        """End the open run, if any."""
        if self.runs and self.runs[-1].end_sample is None:
            self.runs[-1].end_sample = end_sample
            self.runs[-1].end_reason = reason

    def close_break(self, kind: str, seconds: float) -> None:
        """Give the open pause (or gap) its length."""
        for b in reversed(self.breaks):
            if b.kind == kind and b.seconds is None:
                b.seconds = round(seconds, 3)
                return
