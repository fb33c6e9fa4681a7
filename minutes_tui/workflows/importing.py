"""Making a meeting from a recording (a phone's m4a, a recorder's mp3, ...): one path for the CLI and the app.

The recording is copied whole into the meeting folder under the recorder's name for the meeting
audio (``audio.<its own extension>``), keeping its bytes, so the SHA-256 printed in the minutes is
that of the original file (``recorder.importing``: owner-only, under the recording lock, never
over an existing recording). The meeting starts when the file says it ended minus its length (a phone stamps the
file when the recording stops), unless the caller knows better.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bienban_base.audio import audio_duration
from bienban_base.errors import CodedError
from minutes_tui.meeting import Meeting, MeetingStore
from minutes_tui.workflows.meetings import new_meeting_folder
from recorder.errors import RecorderError
from recorder.importing import existing_recording, import_recording
from recorder.lock import recording_in_progress
from transcribe.recogniser import Recogniser


@dataclass(frozen=True)
class ImportedMeeting:
    """A meeting made from a recording, before or after its transcription."""

    folder: Path
    """The new meeting folder."""
    audio: Path
    """The copy of the recording in it."""
    duration_s: float
    """Length of the recording, seconds."""
    start: datetime
    """When the meeting started."""


def imported_start(source: Path, duration_s: float) -> datetime:
    """When a recording began, judged from the file: its modification time minus its length."""
    ended = datetime.fromtimestamp(source.stat().st_mtime).replace(microsecond=0)
    return ended - timedelta(seconds=round(duration_s))


def create_imported_meeting(
    source: Path, root: Path, title: str = "", start: datetime | None = None, folder: Path | None = None
) -> ImportedMeeting:
    """Make a meeting folder holding a copy of ``source``; nothing is created when the file is not audio.

    ``title`` defaults to the file's name, ``start`` to ``imported_start``, ``folder`` to a new
    folder under ``root`` named after the date and title.
    """
    source = Path(source)
    duration = audio_duration(source)  # a bad file fails here, before anything is created
    title = title.strip() or source.stem
    start = start or imported_start(source, duration)
    folder = Path(folder) if folder else new_meeting_folder(root, f"{start:%Y-%m-%d}-{title}")
    if folder.is_dir():  # refuse before a store is made in a folder that is recorded or has a recording
        if recording_in_progress(folder):
            raise RecorderError("recording_busy", f"{folder} is being recorded", path=str(folder))
        if (found := existing_recording(folder)) is not None:
            raise RecorderError("recording_exists", f"{found} exists", path=str(found))
    meeting = Meeting(title=title, actual_start=start, actual_end=start + timedelta(seconds=round(duration)))
    with MeetingStore.create(folder, meeting) as store:
        target = import_recording(folder, source)  # under the recording lock, owner-only, never over a recording
        store.set_audio_file(target.name)
    return ImportedMeeting(folder, target, duration, start)


def transcribe_imported(
    store: MeetingStore, recogniser: Recogniser, progress: Callable[[float, float], None] | None = None
) -> int:
    """Transcribe a meeting's recording into its empty transcript; returns the number of segments.

    The recording is decoded in windows (any length, bounded memory) and each batch is stored as
    soon as it is decoded: an interrupted import keeps what it has.
    """
    from minutes_tui.meeting.audio import meeting_audio

    audio_file = meeting_audio(store.folder, store.meeting())
    if audio_file is None:
        raise CodedError("retranscribe_no_audio", f"no audio in {store.folder}", path=str(store.folder))
    decoded = recogniser.decode_long(
        audio_file, progress=progress, sink=lambda segments, _done: store.add_recognised_many(segments)
    )
    return len(decoded.segments)
