"""``recover``: turn what an interrupted recording left into a valid audio file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from recorder.errors import RecorderError
from recorder.journal import SAMPLE_RATE, audio_path, audio_seconds, finish_journal, journal_path
from recorder.lock import RecordingLock
from recorder.sidecar import RecordingLog


@dataclass(frozen=True)
class Recovery:
    """What ``recover`` found and did."""

    audio: Path
    """The meeting's audio file."""
    seconds: float
    """Its length in seconds."""
    recovered: bool
    """``True`` if an interrupted journal (or an interrupted recovery) was completed; ``False`` if all was complete."""
    damaged_log: Path | None = None
    """Where a damaged ``recording.json`` was set aside (None: it was sound)."""


def recover(meeting_dir: str | os.PathLike[str]) -> Recovery:
    """Finish an interrupted journal (kill -9, power cut) in ``meeting_dir``; safe to run twice.

    Refuses (``recording_busy``) while a recorder holds the meeting: its journal is live, not
    interrupted.
    """
    with RecordingLock(meeting_dir):
        return recover_locked(meeting_dir)


def recover_locked(meeting_dir: str | os.PathLike[str]) -> Recovery:
    """``recover`` for a caller that already holds the meeting's recording lock."""
    folder = Path(meeting_dir)
    journal_left = journal_path(folder).exists()
    if not journal_left and not audio_path(folder).exists():
        raise RecorderError("nothing_to_recover", f"no recording in {folder}", path=str(folder))
    audio = finish_journal(folder) if journal_left else audio_path(folder)
    # the log is completed even when the journal was already renamed: a recover killed between
    # the rename and this point finishes here on the next run
    log, damaged = RecordingLog.load_or_set_aside(folder)
    open_items = (log.runs and log.runs[-1].end_sample is None) or any(b.seconds is None for b in log.breaks)
    samples = int(audio_seconds(audio) * SAMPLE_RATE)
    log.close_run(samples, "interrupted")
    for b in log.breaks:
        if b.seconds is None:
            b.seconds = 0.0  # its true length died with the process
    if open_items:
        log.save(folder)
    return Recovery(audio, audio_seconds(audio), recovered=journal_left or bool(open_items), damaged_log=damaged)
