"""A recording made elsewhere (a phone, another recorder) copied into a meeting folder.

The copy keeps the file's own bytes (the SHA-256 in the minutes is that of the original), is
readable by the owner only, never replaces a recording the meeting already has, and is made
under the meeting's recording lock so it cannot race a live recorder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bienban_base.files import atomic_write
from recorder.errors import RecorderError
from recorder.journal import audio_path, journal_path
from recorder.lock import RecordingLock


def imported_name(source: Path) -> str:
    """The meeting's name for an imported recording: the recorder's, with the file's own suffix."""
    return audio_path(".").with_suffix(source.suffix.lower()).name


def existing_recording(meeting_dir: Path) -> Path | None:
    """The recording (finished, interrupted or imported) the meeting already has, if any."""
    for path in (audio_path(meeting_dir), journal_path(meeting_dir)):
        if path.exists():
            return path
    found = sorted(p for p in meeting_dir.glob("audio.*") if p.is_file() and not p.name.endswith(".part"))
    return found[0] if found else None


def import_recording(meeting_dir: str | os.PathLike[str], source: str | os.PathLike[str]) -> Path:
    """Copy ``source`` into ``meeting_dir`` as its recording (0600); refuse if it has one."""
    folder, source = Path(meeting_dir), Path(source)
    with RecordingLock(folder):
        existing = existing_recording(folder)
        if existing is not None:
            raise RecorderError("recording_exists", f"{existing} exists", path=str(existing))
        target = folder / imported_name(source)
        atomic_write(target, lambda tmp: shutil.copyfile(source, tmp), replace=False)
    return target
