"""A new meeting from what the secretary filled in, and the last meeting's values as defaults."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from minutes_tui.meeting import Meeting, MeetingStore, read_meeting
from minutes_tui.meeting_list import list_meetings, new_meeting_folder
from minutes_tui.roster import RosterEntry


@dataclass(frozen=True)
class MeetingForm:
    """The new-meeting form's values."""

    meeting: Meeting
    """The header (title, bodies, number, place, chair, secretary, agenda)."""
    roster: list[RosterEntry] = field(default_factory=list)
    """The people expected in the room."""


def last_meeting_defaults(root: Path) -> MeetingForm:
    """The newest meeting's header and roster, dated now (an empty form when there is none)."""
    meetings = list_meetings(root)
    if not meetings:
        return MeetingForm(Meeting(title=""))
    record = read_meeting(meetings[0].folder)
    header = replace(record.meeting, number="", planned_start=None, planned_end=None, actual_start=None,
                     actual_end=None, audio_file="", report_summary="")
    roster = [RosterEntry(p.name, p.role, p.group) for p in record.participants]
    return MeetingForm(header, roster)


def create_meeting(root: Path, form: MeetingForm, now: datetime | None = None) -> Path:
    """Make the meeting folder with its header and roster; returns the folder."""
    now = now or datetime.now().replace(microsecond=0)
    folder = new_meeting_folder(root, f"{now:%Y%m%d-%H%M}")
    with MeetingStore.create(folder, replace(form.meeting, actual_start=now)) as store:
        for person in form.roster:
            store.add_participant(person.name, person.role, person.group)
    return folder
