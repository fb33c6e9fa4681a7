"""What a recording reports while it runs: small dataclasses handed to ``on_event``.

They are plain data; the UI (or the command line) turns them into Vietnamese lines. Every event
has a ``code`` naming it, so a renderer can look up its text the same way it does for errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Started:
    """Capture is running."""

    device: str
    """Name of the device (or file) being captured."""
    native_rate: int
    """The device's own sample rate, before conversion to 16 kHz."""
    channels: int
    """Channels captured from the device, before the mix down to mono."""
    code: str = field(default="rec_started", init=False)


@dataclass(frozen=True)
class DeviceLost:
    """The input device disappeared; what was captured is safe and reopening is being retried."""

    device: str
    """Name of the lost device."""
    at_seconds: float
    """Position on the meeting's audio time axis where capture stopped."""
    code: str = field(default="rec_device_lost", init=False)


@dataclass(frozen=True)
class DeviceBack:
    """The device could be opened again; the recording continues in the same meeting."""

    device: str
    """Name of the reopened device."""
    gap_seconds: float
    """Wall-clock seconds during which nothing could be captured."""
    code: str = field(default="rec_device_back", init=False)


@dataclass(frozen=True)
class Overflow:
    """The input device dropped frames (PortAudio input overflow)."""

    count: int
    """Overflows counted since the recording started."""
    code: str = field(default="rec_overflow", init=False)


@dataclass(frozen=True)
class ConsumerDropped:
    """A consumer was too slow: its queue was full and blocks were skipped for it (not for the file)."""

    consumer: str
    """Name of the consumer (its function's name)."""
    dropped: int
    """Blocks it has missed so far."""
    code: str = field(default="rec_consumer_dropped", init=False)


@dataclass(frozen=True)
class WriteFailed:
    """The journal could not be written: capture stopped, the file is valid up to the last good block."""

    error: Exception
    """The coded ``RecorderError`` (``disk_full`` or ``write_failed``)."""
    kept_seconds: float
    """Seconds of audio kept in the file."""
    code: str = field(default="rec_write_failed", init=False)


@dataclass(frozen=True)
class Paused:
    """Recording paused; incoming audio is not kept until it resumes."""

    at_seconds: float
    """Position on the audio time axis."""
    code: str = field(default="rec_paused", init=False)


@dataclass(frozen=True)
class Resumed:
    """Recording resumed after a pause."""

    at_seconds: float
    """Position on the audio time axis (the same as when it paused)."""
    pause_seconds: float
    """Wall-clock length of the pause."""
    code: str = field(default="rec_resumed", init=False)


@dataclass(frozen=True)
class SourceEnded:
    """The source has no more audio (end of a file source)."""

    code: str = field(default="rec_source_ended", init=False)
