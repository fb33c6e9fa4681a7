"""Making a meeting from a recording (a phone's m4a, a recorder's mp3, ...): one path for the CLI and the app.

The recording is copied whole into the meeting folder under the recorder's name for the meeting
audio (``audio.<its own extension>``), keeping its bytes, so the SHA-256 printed in the minutes is
that of the original file (``recorder.importing``: owner-only, under the recording lock, never
over an existing recording). The meeting starts when the file says it ended minus its length (a phone stamps the
file when the recording stops), unless the caller knows better.

Its transcription is stored batch by batch; ``import-progress.json`` in the folder says how far
it got (a point in a silence) until it finishes, so an interrupted import continues there
(``bienban import --resume FOLDER``, or opening the meeting in the app) instead of starting over.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bienban_base import clock
from bienban_base.audio import audio_duration
from bienban_base.errors import CodedError
from bienban_base.files import atomic_write
from minutes_tui.meeting import Meeting, MeetingStore
from minutes_tui.workflows.meetings import new_meeting_folder
from recorder.errors import RecorderError
from recorder.importing import existing_recording, import_recording
from recorder.lock import recording_in_progress
from transcribe.recogniser import Recogniser

log = logging.getLogger(__name__)

PROGRESS_FILE = "import-progress.json"
"""How far the transcription of an imported recording got; removed when it is whole."""


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
    """When a recording began, judged from the file: its modification time minus its length, in Vietnam's
    wall-clock time (a file copied from a laptop set to UTC is placed at the hour the meeting was held)."""
    ended = clock.from_timestamp(source.stat().st_mtime).replace(microsecond=0)
    return ended - timedelta(seconds=round(duration_s))


def create_imported_meeting(
    source: Path, root: Path, title: str = "", start: datetime | None = None, folder: Path | None = None
) -> ImportedMeeting:
    """Make a meeting folder holding a copy of ``source``; nothing is created when the file is not audio.

    ``title`` defaults to the file's name, ``start`` to ``imported_start``, ``folder`` to a new
    folder under ``root`` named after the start's date and time (never the title).
    """
    source = Path(source)
    duration = audio_duration(source)  # a bad file fails here, before anything is created
    title = title.strip() or source.stem
    start = start or imported_start(source, duration)
    # named by its start only, as the app names a recorded meeting: a title can name a resident who is
    # marked anonymous later, and a folder name goes wherever the folder is copied
    folder = Path(folder) if folder else new_meeting_folder(root, f"{start:%Y%m%d-%H%M}")
    if folder.is_dir():  # refuse before a store is made in a folder that is recorded or has a recording
        if recording_in_progress(folder):
            raise RecorderError("recording_busy", f"{folder} is being recorded", path=str(folder))
        if (found := existing_recording(folder)) is not None:
            raise RecorderError("recording_exists", f"{found} exists", path=str(found))
    meeting = Meeting(title=title, actual_start=start, actual_end=start + timedelta(seconds=round(duration)))
    with MeetingStore.create(folder, meeting) as store:
        target = import_recording(folder, source)  # under the recording lock, owner-only, never over a recording
        store.set_audio_file(target.name)
        _save_progress(folder, 0.0, duration)
    return ImportedMeeting(folder, target, duration, start)


def unfinished_import(folder: Path) -> float | None:
    """Seconds of an imported recording already transcribed when its import was interrupted
    (``None``: the import finished, or the meeting was recorded here). A damaged progress file
    counts as 0: the import continues from the start, keeping what is stored."""
    path = Path(folder) / PROGRESS_FILE
    try:
        done = json.loads(path.read_text(encoding="utf-8"))["done_s"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("%s is unreadable: the import continues from the start", path)
        return 0.0
    if isinstance(done, bool) or not isinstance(done, int | float) or not math.isfinite(done) or done < 0:
        log.warning("%s holds %r: the import continues from the start", path, done)
        return 0.0
    return float(done)


@dataclass(frozen=True)
class ImportProgress:
    """An interrupted import: how much of the recording is transcribed."""

    done_s: float
    """Seconds transcribed (the transcription goes on from there)."""
    total_s: float
    """Length of the recording, seconds."""
    recorded: bool = False
    """The meeting was recorded here and the app closed before live transcription caught up
    (``mark_untranscribed``): the rest is transcribed without asking when it is opened."""


def import_progress(folder: Path, meeting: Meeting) -> ImportProgress | None:
    """The meeting's interrupted import, if any (``AudioError`` when its recording is unreadable)."""
    from minutes_tui.meeting.audio import meeting_audio

    done = unfinished_import(folder)
    audio = meeting_audio(Path(folder), meeting)
    if done is None or audio is None:
        return None
    return ImportProgress(done, audio_duration(audio), _recorded(folder))


def _recorded(folder: Path) -> bool:
    try:
        return json.loads((Path(folder) / PROGRESS_FILE).read_text(encoding="utf-8")).get("recorded") is True
    except (OSError, ValueError, AttributeError):
        return False


def _save_progress(folder: Path, done_s: float, total_s: float, recorded: bool = False) -> None:
    state: dict[str, object] = {"done_s": round(done_s, 3), "total_s": round(total_s, 3)}
    if recorded or _recorded(folder):  # a recording's rest keeps its mark until it is transcribed
        state["recorded"] = True
    atomic_write(Path(folder) / PROGRESS_FILE, json.dumps(state))


def mark_untranscribed(folder: Path, meeting: Meeting, done_s: float) -> None:
    """A live recording ended before its transcription caught up (the app was closed while it
    recorded): what follows ``done_s`` (where the stored text ends) is transcribed as the rest of
    an interrupted import is (``transcribe_imported``), when the meeting is opened or recorded on.
    An unfinished mark already there is kept: it is the earlier point."""
    from minutes_tui.meeting.audio import meeting_audio

    folder = Path(folder)
    audio = meeting_audio(folder, meeting)
    earlier = unfinished_import(folder)
    if audio is None or audio_duration(audio) <= done_s:
        return
    _save_progress(folder, done_s if earlier is None else min(earlier, done_s), audio_duration(audio), recorded=True)


def transcribe_imported(
    store: MeetingStore, recogniser: Recogniser, progress: Callable[[float, float], None] | None = None
) -> int:
    """Transcribe a meeting's imported recording into its transcript; returns the number of segments it added.

    The recording is decoded in windows (any length, bounded memory) and each batch is stored as
    soon as it is decoded: an interrupted import keeps what it has, and the next call continues
    where it stopped (``unfinished_import``). Each segment records the recogniser's model: a resume
    with another model shows which part each wrote.
    """
    from minutes_tui.meeting.audio import meeting_audio

    audio_file = meeting_audio(store.folder, store.meeting())
    if audio_file is None:
        raise CodedError("retranscribe_no_audio", f"no audio in {store.folder}", path=str(store.folder))
    start_s = unfinished_import(store.folder) or 0.0
    # A batch stored just before an interruption, with its progress not yet saved, is decoded
    # again: what starts before the end of the stored text is already there.
    stored = store.load().segments
    stored_end = max((s.end for s in stored), default=0.0)

    def sink(segments: Sequence, done_s: float) -> None:
        store.add_recognised_many([s for s in segments if s.start >= stored_end - 0.05], recogniser.name)
        _save_progress(store.folder, done_s, decoded_total)

    decoded_total = audio_duration(audio_file)
    recogniser.decode_long(audio_file, progress=progress, sink=sink, start_s=start_s)
    (store.folder / PROGRESS_FILE).unlink(missing_ok=True)
    return len(store.load().segments) - len(stored)
