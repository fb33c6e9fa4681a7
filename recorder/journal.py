"""The journal: the meeting's audio as an append-only WAV file, fsynced at least once a second.

While recording, audio goes to ``audio.journal.wav`` (16 kHz mono signed 16-bit) as it arrives.
Its header holds placeholder sizes; whatever a ``kill -9`` or a power cut leaves is a header plus
whole blocks, minus at most the last second. Finishing (a normal stop, a write failure or
``recover``) writes the true sizes into the header in place, fsyncs, and renames the journal to
``audio.wav``: the final name only ever points at a complete file, and finishing never needs more
disk space than the journal already holds.
"""

from __future__ import annotations

import os
import struct
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bienban_base.audio import SAMPLE_RATE
from bienban_base.files import fsync_folder
from recorder.errors import RecorderError, write_failed

HEADER_BYTES = 44
AUDIO_NAME = "audio.wav"
JOURNAL_NAME = "audio.journal.wav"
_PLACEHOLDER = 0xFFFFFFFF
_BINARY = getattr(os, "O_BINARY", 0)  # Windows opens low-level files in text mode otherwise


def audio_path(meeting_dir: str | os.PathLike[str]) -> Path:
    """Where a meeting's final audio file is (16 kHz mono 16-bit WAV)."""
    return Path(meeting_dir) / AUDIO_NAME


def journal_path(meeting_dir: str | os.PathLike[str]) -> Path:
    """Where a recording in progress (or an interrupted one) keeps its audio."""
    return Path(meeting_dir) / JOURNAL_NAME


def wav_header(data_bytes: int) -> bytes:
    """A 44-byte PCM WAV header for ``data_bytes`` of 16 kHz mono 16-bit audio."""
    riff = min(36 + data_bytes, _PLACEHOLDER)
    data = min(data_bytes, _PLACEHOLDER)
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI", b"RIFF", riff, b"WAVE", b"fmt ", 16, 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16, b"data", data
    )


def to_pcm16(block: np.ndarray) -> bytes:
    """Float samples in [-1, 1] as little-endian signed 16-bit bytes (clipped, rounded)."""
    return np.clip(np.rint(block * 32767.0), -32768, 32767).astype("<i2").tobytes()


def _write_header(fd: int, data_bytes: int) -> None:
    """Overwrite the header in place (``pwrite`` is POSIX only) and go back to the end."""
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, wav_header(data_bytes))
    os.lseek(fd, 0, os.SEEK_END)


@dataclass
class JournalStats:
    """How far the disk trails the capture."""

    fsyncs: int = 0
    """fsync calls so far."""
    max_lag: float = 0.0
    """Longest time in seconds between a block's hand-off to the writer and its fsync completing."""
    last_lag: float = 0.0
    """That time for the latest fsync."""
    max_fsync: float = 0.0
    """Longest single fsync call in seconds (the disk's share of the lag)."""


class Journal:
    """An open journal; only the recorder's writer thread touches it."""

    def __init__(self, meeting_dir: Path, fd: int, data_bytes: int, fsync_interval: float) -> None:
        self.meeting_dir = meeting_dir
        self.path = journal_path(meeting_dir)
        self._fd = fd
        self._data_bytes = data_bytes
        self.fsync_interval = fsync_interval
        """Seconds between fsyncs (at most; the oldest unsynced block waits no longer)."""
        self._oldest_unsynced: float | None = None
        self._last_sync = time.monotonic()
        self.stats = JournalStats()

    @classmethod
    def open(cls, meeting_dir: Path, append: bool, fsync_interval: float = 0.25) -> Journal:
        """Create the journal (0600); with ``append``, continue the meeting's finished audio file."""
        journal, audio = journal_path(meeting_dir), audio_path(meeting_dir)
        if journal.exists():
            raise RecorderError("recording_interrupted", f"{journal} exists", path=str(meeting_dir))
        if audio.exists() and not append:
            raise RecorderError("recording_exists", f"{audio} exists", path=str(audio))
        if audio.exists():
            _check_own_format(audio)
            os.rename(audio, journal)
            fd = os.open(journal, os.O_RDWR | _BINARY)
            data = (os.fstat(fd).st_size - HEADER_BYTES) // 2 * 2
            os.ftruncate(fd, HEADER_BYTES + data)
            _write_header(fd, _PLACEHOLDER)
        else:
            fd = os.open(journal, os.O_RDWR | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
            os.write(fd, wav_header(_PLACEHOLDER))
            data = 0
        os.fsync(fd)
        fsync_folder(meeting_dir)  # the journal's name must survive a power cut too
        return cls(meeting_dir, fd, data, fsync_interval)

    @property
    def samples(self) -> int:
        """Samples held in the journal (the meeting's audio length so far)."""
        return self._data_bytes // 2

    def append(self, block: np.ndarray, arrived: float | None = None) -> None:
        """Write one float block (handed over at monotonic time ``arrived``); on failure cut the
        file back to the last whole block and raise."""
        data = memoryview(to_pcm16(block))
        written = 0
        try:
            while written < len(data):
                written += os.write(self._fd, data[written:])
        except OSError as exc:
            try:
                os.ftruncate(self._fd, HEADER_BYTES + self._data_bytes)
                os.lseek(self._fd, 0, os.SEEK_END)
            except OSError:
                pass  # finishing still writes a header for the good part
            raise write_failed(str(self.path), exc.errno, exc.strerror or str(exc)) from exc
        self._data_bytes += len(data)
        if self._oldest_unsynced is None:
            self._oldest_unsynced = time.monotonic() if arrived is None else arrived

    def sync_if_due(self) -> None:
        """fsync when the oldest unsynced block is ``fsync_interval`` old (so ≤ 1 s is ever at risk)."""
        now = time.monotonic()
        if self._oldest_unsynced is None or now - self._last_sync < self.fsync_interval:
            return
        os.fsync(self._fd)
        done = time.monotonic()
        self.stats.max_fsync = max(self.stats.max_fsync, done - now)
        self.stats.fsyncs += 1
        self.stats.last_lag = done - self._oldest_unsynced
        self.stats.max_lag = max(self.stats.max_lag, self.stats.last_lag)
        self._oldest_unsynced, self._last_sync = None, done

    def finish(self, keep_if_empty: bool = True) -> Path | None:
        """Write the true header, fsync, rename to ``audio.wav``; ``None`` if an empty journal was dropped."""
        fd, self._fd = self._fd, -1
        if not keep_if_empty and self._data_bytes == 0:
            os.close(fd)
            self.path.unlink()
            return None
        os.close(fd)
        return finish_journal(self.meeting_dir)


def _check_own_format(audio: Path) -> None:
    with open(audio, "rb") as f:
        head = f.read(HEADER_BYTES)
    if len(head) < HEADER_BYTES or head[12:36] != wav_header(0)[12:36] or head[36:40] != b"data":
        raise RecorderError("recording_foreign", f"{audio} is not a bienban recording", path=str(audio))


def finish_journal(meeting_dir: Path) -> Path:
    """Turn a journal (complete or cut short by a crash) into a valid ``audio.wav`` and return its path."""
    journal, audio = journal_path(meeting_dir), audio_path(meeting_dir)
    if audio.exists():
        raise RecorderError("recording_exists", f"both {journal} and {audio} exist", path=str(audio))
    fd = os.open(journal, os.O_RDWR | _BINARY)
    try:
        data = max(0, os.fstat(fd).st_size - HEADER_BYTES) // 2 * 2  # a torn last sample is dropped
        os.ftruncate(fd, HEADER_BYTES + data)
        _write_header(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.rename(journal, audio)
    fsync_folder(meeting_dir)
    return audio


def audio_seconds(path: Path) -> float:
    """Length in seconds of a WAV written by the recorder (from its size)."""
    return max(0, path.stat().st_size - HEADER_BYTES) / 2 / SAMPLE_RATE
