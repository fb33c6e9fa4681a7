"""Which file is a meeting's audio: one answer for review, re-transcription, export and verify."""

from __future__ import annotations

from pathlib import Path

from minutes_tui.meeting.model import Meeting
from recorder import audio_path


def meeting_audio(folder: Path, meeting: Meeting) -> Path | None:
    """The meeting's audio file: the one the store names, else the recorder's; None if neither exists.

    Never another file found lying in the folder: the minutes print the SHA-256 of this file, so
    playback, re-transcription and export must all mean the same one.
    """
    folder = Path(folder)
    if meeting.audio_file:
        named = folder / meeting.audio_file
        return named if named.is_file() else None
    recorded = audio_path(folder)
    return recorded if recorded.is_file() else None
