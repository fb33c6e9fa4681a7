"""The meeting domain and its store (no Textual here: used by the CLI, the exporter and the app)."""

from minutes_tui.meeting.model import (
    Edit,
    Field,
    Meeting,
    MeetingRecord,
    Note,
    Outcome,
    OutcomeKind,
    Participant,
    Petition,
    Segment,
    SegmentWord,
    Status,
    Tag,
)
from minutes_tui.meeting.store import MeetingStore, default_meetings_dir, read_meeting

__all__ = [
    "Edit",
    "Field",
    "Meeting",
    "MeetingRecord",
    "MeetingStore",
    "Note",
    "Outcome",
    "OutcomeKind",
    "Participant",
    "Petition",
    "Segment",
    "Status",
    "Tag",
    "SegmentWord",
    "default_meetings_dir",
    "read_meeting",
]
