"""Follow-ups across all meetings: promises, transfers and written answers still to be chased."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from bienban_base import clock
from minutes_tui import texts
from minutes_tui.meeting.anonymity import Anonymizer
from minutes_tui.meeting.model import Field, MeetingRecord, OutcomeKind, Status
from minutes_tui.workflows.meetings import scan_meetings


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
    """Open, in progress or (with ``include_closed``) done."""
    group: str = ""
    """The residential group of who raised it ("" when unknown or anonymous)."""
    result: str = ""
    """What was done (closed ones)."""
    done_on: date | None = None
    """When it was done."""
    reference: str = ""
    """The written answer's number and date."""
    extension_reason: str = ""
    """Why the deadline was moved."""
    passed_to: str = ""
    """The body it was passed on to after the conference."""

    def days_left(self, today: date) -> int | None:
        """Days until the deadline (negative: overdue; None: no deadline)."""
        return (self.deadline - today).days if self.deadline else None


@dataclass(frozen=True)
class FollowUpFilter:
    """Which follow-ups to list (every condition given must hold)."""

    due_within: int | None = None
    """Only those due within this many days (overdue included)."""
    overdue: bool = False
    """Only those past their deadline."""
    fields: tuple[Field, ...] = ()
    """Only these fields (empty: all)."""
    responsible: str = ""
    """Only those whose responsible person or body contains this (case-insensitive)."""
    meetings: tuple[Path, ...] = field(default_factory=tuple)
    """Only these meeting folders (empty: all)."""
    include_closed: bool = False
    """Closed (done) follow-ups too."""

    def keeps(self, item: FollowUp, today: date) -> bool:
        """Whether ``item`` passes."""
        days = item.days_left(today)
        if self.due_within is not None and (days is None or days > self.due_within):
            return False
        if self.overdue and (days is None or days >= 0 or item.status is Status.DONE):
            return False
        if self.fields and item.field not in self.fields:
            return False
        if self.responsible and self.responsible.casefold() not in item.responsible.casefold():
            return False
        return not self.meetings or item.folder.resolve() in {m.resolve() for m in self.meetings}


def from_record(folder: Path, record: MeetingRecord, include_closed: bool = False) -> list[FollowUp]:
    """The open follow-ups of one meeting (closed ones too when asked), anonymous people masked in every text."""
    mask = Anonymizer(record.participants, texts.ANONYMOUS_NAME).mask
    found = []
    for number, petition in enumerate(record.petitions, 1):
        outcome = petition.outcome
        if outcome is None or outcome.kind is OutcomeKind.ANSWERED:
            continue
        if not include_closed and not outcome.is_follow_up:
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
                responsible=mask(
                    outcome.passed_to
                    or (outcome.agency if outcome.kind is OutcomeKind.TRANSFERRED and outcome.agency else outcome.responsible)
                ),
                deadline=outcome.deadline,
                status=outcome.status,
                group="" if person is None or person.anonymous else person.group,
                result=mask(outcome.result),
                done_on=outcome.done_on,
                reference=mask(outcome.reference),
                extension_reason=mask(outcome.extension_reason),
                passed_to=mask(outcome.passed_to),
            )
        )
    return found


def collect(
    root: Path, today: date, due_within: int | None = None, only: FollowUpFilter | None = None
) -> tuple[list[FollowUp], list[tuple[Path, Exception]]]:
    """Open follow-ups of every meeting under ``root``, overdue first; and the folders that could not be read."""
    only = only or FollowUpFilter(due_within=due_within)
    scan = scan_meetings(root)
    items = [f for folder, record in scan.meetings for f in from_record(folder, record, only.include_closed)]
    items = [f for f in items if only.keeps(f, today)]
    items.sort(key=lambda f: (f.deadline is None, f.deadline or date.max, f.meeting_title, f.number))
    return items, scan.unreadable


def _when(item: FollowUp, today: date) -> str:
    if item.status is Status.DONE:
        return texts.FOLLOWUP_DONE_ON.format(day=f"{item.done_on:%d/%m/%Y}" if item.done_on else "")
    days = item.days_left(today)
    if days is None:
        return texts.FOLLOWUPS_NO_DEADLINE
    if days < 0:
        return texts.FOLLOWUPS_OVERDUE.format(days=-days)
    return texts.FOLLOWUPS_DUE_TODAY if days == 0 else texts.FOLLOWUPS_DAYS_LEFT.format(days=days)


def register_rows(items: list[FollowUp], today: date) -> list[list[str]]:
    """One row per follow-up, in ``texts.FOLLOWUPS_COLUMNS`` order (anonymous people masked)."""
    return [
        [
            f"{f.deadline:%d/%m/%Y}" if f.deadline else "",
            _when(f, today),
            f.meeting_title + (f" ({f.meeting_day:%d/%m/%Y})" if f.meeting_day else ""),
            texts.OUTCOME_LABELS[f.kind.value],
            f.responsible,
            texts.ANONYMOUS_NAME if f.anonymous else f.raised_by,
            f.text,
        ]
        for f in items
    ]


def due_summary(root: Path, today: date | None = None) -> str:
    """The home screen's line: the register's key, how many follow-ups are overdue or due within a week."""
    today = today or clock.today()
    items, _ = collect(root, today)
    overdue = sum(1 for f in items if (d := f.days_left(today)) is not None and d < 0)
    week = sum(1 for f in items if (d := f.days_left(today)) is not None and 0 <= d <= 7)
    due = texts.HOME_FOLLOWUPS_DUE.format(overdue=overdue, week=week) if overdue or week else ""
    return texts.HOME_AFTER_LINE.format(due=due)


def meetings_before(root: Path, day: date, besides: Path | None = None) -> list[Path]:
    """The meeting folders under ``root`` held before ``day`` (oldest first), ``besides`` left out."""
    scan = scan_meetings(root)
    found = [(record.meeting.day(), folder) for folder, record in scan.meetings if record.meeting.day()]
    keep = [(d, f) for d, f in found if d is not None and d < day and (besides is None or f.resolve() != besides.resolve())]
    return [f for _, f in sorted(keep)]


#: The conference's results must be made public within 10 days (Luật Tổ chức chính quyền địa phương).
NOTICE_DAYS = 10


def notice_due_line(folder: Path, day: date | None, today: date | None = None) -> str:
    """The notice's legal due date (``day``: the conference's) while it has not been exported ("" once it has)."""
    if day is None or (folder / "exports" / "thong-bao-ket-luan.docx").exists():
        return ""
    due = day + timedelta(days=NOTICE_DAYS)
    left = (due - (today or clock.today())).days
    when = texts.FOLLOWUPS_OVERDUE.format(days=-left) if left < 0 else texts.FOLLOWUPS_DAYS_LEFT.format(days=left)
    return texts.NOTICE_DUE.format(day=f"{due:%d/%m/%Y}", days=when)
