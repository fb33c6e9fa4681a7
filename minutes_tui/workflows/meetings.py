"""The meetings kept on this machine: finding them, summarising them, and making a new one.

One scan of the meetings folder serves the home screen, ``bienban meetings``, the follow-up
register and the new-meeting form's defaults. Meetings are read without the writer lock, so a
meeting open in the app is still listed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from bienban_base import clock
from bienban_base.files import private_folder
from minutes_tui.meeting import Meeting, MeetingRecord, MeetingStore, read_meeting
from minutes_tui.meeting.roster import RosterEntry
from minutes_tui.meeting.store import STORE_FILE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MeetingScan:
    """Every meeting folder under a root, read; and the ones that could not be read."""

    meetings: list[tuple[Path, MeetingRecord]]
    """(folder, meeting), newest first."""
    unreadable: list[tuple[Path, Exception]]
    """(folder, why): a damaged folder is reported, never hides the others."""


def scan_meetings(root: Path) -> MeetingScan:
    """Read every meeting folder directly under ``root`` (newest first)."""
    found: list[tuple[Path, MeetingRecord]] = []
    unreadable: list[tuple[Path, Exception]] = []
    for store_file in sorted(root.glob(f"*/{STORE_FILE}")) if root.is_dir() else []:
        try:
            found.append((store_file.parent, read_meeting(store_file.parent)))
        except Exception as exc:  # one damaged folder must not hide the others
            log.warning("cannot read meeting %s", store_file.parent, exc_info=True)
            unreadable.append((store_file.parent, exc))
    found.sort(key=lambda m: (m[1].meeting.start() or datetime.min, m[0].name), reverse=True)
    return MeetingScan(found, unreadable)


@dataclass(frozen=True)
class MeetingSummary:
    """What a list of meetings shows about one meeting."""

    folder: Path
    """The meeting folder."""
    start: datetime | None
    """When it started."""
    title: str
    """The conference's name."""
    duration_s: float
    """Length of the transcript, seconds."""
    segments: int
    """Segments in the transcript."""
    petitions: int
    """Petitions tagged."""
    open_follow_ups: int
    """Petitions with something left to do."""
    nearest_deadline: date | None
    """Earliest deadline among the open follow-ups."""

    @property
    def day(self) -> date | None:
        """Date of the meeting."""
        return self.start.date() if self.start else None


def summarise(folder: Path, record: MeetingRecord) -> MeetingSummary:
    """One meeting as a list shows it."""
    follow_ups = record.follow_ups()
    deadlines = [p.outcome.deadline for p in follow_ups if p.outcome and p.outcome.deadline]
    return MeetingSummary(
        folder=folder,
        start=record.meeting.start(),
        title=record.meeting.title,
        duration_s=record.segments[-1].end if record.segments else 0.0,
        segments=len(record.segments),
        petitions=len(record.petitions),
        open_follow_ups=len(follow_ups),
        nearest_deadline=min(deadlines) if deadlines else None,
    )


def list_meetings(root: Path) -> list[MeetingSummary]:
    """Every readable meeting under ``root``, newest first (unreadable folders are logged and skipped)."""
    return [summarise(folder, record) for folder, record in scan_meetings(root).meetings]


def new_meeting_folder(root: Path, stem: str) -> Path:
    """A fresh, not yet existing folder under ``root`` named after ``stem`` (letters kept, made unique)."""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)
    safe = "-".join(part for part in safe.split("-") if part)[:60].strip("-") or "cuoc-hop"
    private_folder(root)
    folder, n = root / safe, 2
    while folder.exists():
        folder, n = root / f"{safe}-{n}", n + 1
    return folder


@dataclass(frozen=True)
class MeetingForm:
    """The new-meeting form's values."""

    meeting: Meeting
    """The header (title, bodies, number, place, chair, secretary, agenda)."""
    roster: list[RosterEntry] = field(default_factory=list)
    """The people expected in the room."""


def last_meeting_defaults(root: Path) -> MeetingForm:
    """The newest meeting's header and roster, dated now (an empty form when there is none)."""
    meetings = scan_meetings(root).meetings
    if not meetings:
        return MeetingForm(Meeting(title=""))
    record = meetings[0][1]
    header = replace(
        record.meeting,
        number="",
        planned_start=None,
        planned_end=None,
        actual_start=None,
        actual_end=None,
        audio_file="",
        report_summary="",
    )
    roster = [RosterEntry(p.name, p.role, p.group) for p in record.participants]
    return MeetingForm(header, roster)


def create_meeting(root: Path, form: MeetingForm, now: datetime | None = None) -> Path:
    """Make the meeting folder with its header and roster, started at ``now`` (default: the clock's); returns the folder."""
    now = now or clock.local_now()
    folder = new_meeting_folder(root, f"{now:%Y%m%d-%H%M}")
    with MeetingStore.create(folder, replace(form.meeting, actual_start=now)) as store:
        for person in form.roster:
            store.add_participant(person.name, person.role, person.group)
    return folder
