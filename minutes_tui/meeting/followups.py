"""Follow-ups across all meetings: promises, transfers and written answers still to be chased."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from minutes_tui import texts
from minutes_tui.meeting.anonymity import Anonymizer
from minutes_tui.meeting.connection import STORE_FILE
from minutes_tui.meeting.model import Field, MeetingRecord, OutcomeKind, Status
from minutes_tui.meeting.store import read_meeting


@dataclass(frozen=True)
class FollowUp:
    """One petition with something left to do after its meeting."""

    folder: Path
    """The meeting folder."""
    meeting_title: str
    """The meeting's name."""
    meeting_day: date | None
    """The meeting's date."""
    petition_id: int
    """The petition's id in its meeting."""
    number: int
    """1-based number of the petition in its meeting."""
    raised_by: str
    """Name of who raised it ("" if unknown; "Ẩn danh" when ``anonymous``)."""
    anonymous: bool
    """The person who raised it must not be named."""
    field: Field
    """Its field."""
    text: str
    """The petition."""
    kind: OutcomeKind
    """Promised, transferred or off-topic."""
    responsible: str
    """Who must act: the ward's person in charge, or the body it was transferred to."""
    deadline: date | None
    """By when."""
    status: Status
    """Open or in progress."""

    def days_left(self, today: date) -> int | None:
        """Days until the deadline (negative: overdue; None: no deadline)."""
        return (self.deadline - today).days if self.deadline else None


def from_record(folder: Path, record: MeetingRecord) -> list[FollowUp]:
    """The open follow-ups of one meeting, anonymous participants masked in every text."""
    mask = Anonymizer(record.participants, texts.ANONYMOUS_NAME).mask
    found = []
    for number, petition in enumerate(record.petitions, 1):
        outcome = petition.outcome
        if outcome is None or not outcome.is_follow_up:
            continue
        person = record.participant(petition.raised_by)
        found.append(
            FollowUp(
                folder=folder,
                meeting_title=mask(record.meeting.title),
                meeting_day=record.meeting.day(),
                petition_id=petition.id,
                number=number,
                raised_by=(texts.ANONYMOUS_NAME if person.anonymous else person.name) if person else "",
                anonymous=bool(person and person.anonymous),
                field=petition.field,
                text=mask(petition.text),
                kind=outcome.kind,
                responsible=mask(outcome.agency if outcome.kind is OutcomeKind.TRANSFERRED and outcome.agency else outcome.responsible),
                deadline=outcome.deadline,
                status=outcome.status,
            )
        )
    return found


def collect(root: Path, today: date, due_within: int | None = None) -> tuple[list[FollowUp], list[tuple[Path, Exception]]]:
    """Open follow-ups of every meeting under ``root``, overdue first; and the folders that could not be read."""
    items: list[FollowUp] = []
    skipped: list[tuple[Path, Exception]] = []
    for store_file in sorted(root.glob(f"*/{STORE_FILE}")) if root.is_dir() else []:
        try:
            items.extend(from_record(store_file.parent, read_meeting(store_file.parent)))
        except Exception as exc:  # one damaged meeting must not hide the others' deadlines
            skipped.append((store_file.parent, exc))
    if due_within is not None:
        items = [f for f in items if f.deadline is not None and (f.deadline - today).days <= due_within]
    items.sort(key=lambda f: (f.deadline is None, f.deadline or date.max, f.meeting_title, f.number))
    return items, skipped
