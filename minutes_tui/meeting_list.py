"""The home screen's list: one line per meeting folder, read without taking the writer lock."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from minutes_tui.meeting import read_meeting
from minutes_tui.meeting.store import STORE_FILE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MeetingSummary:
    """What the home screen shows about one meeting."""

    folder: Path
    """The meeting folder."""
    day: date | None
    """Date of the meeting."""
    title: str
    """The conference's name."""
    duration_s: float
    """Length of the transcript, seconds."""
    open_follow_ups: int
    """Petitions with something left to do."""
    nearest_deadline: date | None
    """Earliest deadline among the open follow-ups."""


def summarise(folder: Path) -> MeetingSummary:
    """Read one meeting folder into a summary."""
    record = read_meeting(folder)
    follow_ups = record.follow_ups()
    deadlines = [p.outcome.deadline for p in follow_ups if p.outcome and p.outcome.deadline]
    return MeetingSummary(
        folder=folder,
        day=record.meeting.day(),
        title=record.meeting.title,
        duration_s=record.segments[-1].end if record.segments else 0.0,
        open_follow_ups=len(follow_ups),
        nearest_deadline=min(deadlines) if deadlines else None,
    )


def list_meetings(root: Path) -> list[MeetingSummary]:
    """Every readable meeting under ``root``, newest first (unreadable folders are skipped)."""
    found: list[MeetingSummary] = []
    if not root.is_dir():
        return found
    for store_file in root.glob(f"*/{STORE_FILE}"):
        try:
            found.append(summarise(store_file.parent))
        except Exception:  # one damaged folder must not hide the others
            log.warning("cannot read meeting %s", store_file.parent, exc_info=True)
    return sorted(found, key=lambda m: (m.day or date.min, m.folder.name), reverse=True)


def new_meeting_folder(root: Path, stem: str) -> Path:
    """A fresh, not yet existing folder under ``root`` named after ``stem`` (made unique)."""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem).strip("-") or "cuoc-hop"
    folder = root / safe
    n = 2
    while folder.exists():
        folder = root / f"{safe}-{n}"
        n += 1
    return folder
