"""What the minutes would print blank if exported now: listed before export, by the CLI and the app.

The document itself never breaks on a blank (``export.body`` leaves a dotted line to write by
hand), but she must see what she is about to sign with blanks in it, and be asked first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from minutes_tui import texts
from minutes_tui.meeting import MeetingRecord, OutcomeKind, read_meeting
from minutes_tui.workflows.draft import MinutesDraft

#: The header's fields, in the order the minutes print them.
HEADER_FIELDS = (
    "parent_body",
    "issuing_body",
    "title",
    "place",
    "chair",
    "chair_title",
    "secretary",
    "secretary_title",
    "report_summary",
)


@dataclass(frozen=True)
class Missing:
    """One thing the minutes would be missing."""

    code: str
    """A key of ``texts.MINUTES_MISSING``: a header field, ``start``, ``attendees`` or a count's name."""
    count: int = 0
    """How many (segments, petitions); 0 for a single field."""

    def text(self) -> str:
        """The line she reads, in Vietnamese."""
        return texts.MINUTES_MISSING[self.code].format(count=self.count)


def missing_for_minutes(record: MeetingRecord) -> list[Missing]:
    """Everything the minutes of ``record`` would leave blank or unknown, header first."""
    m = record.meeting
    found = [Missing(name) for name in HEADER_FIELDS if not getattr(m, name).strip()]
    if m.start() is None:
        found.append(Missing("start"))
    if not any(p.name.strip() and not p.anonymous and (p.role or p.group) for p in record.participants):
        found.append(Missing("attendees"))
    counts = {
        "speakers": sum(1 for s in record.segments if not _named(record, s.speaker_id)),
        "petitions_without_outcome": sum(1 for p in record.petitions if p.outcome is None),
        "promises_without_deadline": sum(
            1
            for p in record.petitions
            if p.outcome is not None
            and p.outcome.kind in (OutcomeKind.PROMISED, OutcomeKind.TRANSFERRED)
            and p.outcome.deadline is None
        ),
    }
    found += [Missing(code, n) for code, n in counts.items() if n]
    return found


def _named(record: MeetingRecord, participant_id: int | None) -> bool:
    person = record.participant(participant_id)
    return person is not None and bool(person.name.strip())


def missing_in_folder(folder: Path) -> list[Missing]:
    """What the minutes of the meeting in ``folder`` would miss (read-only: works while the app has it open)."""
    return missing_for_minutes(read_meeting(folder))


def missing_in_draft(draft: MinutesDraft) -> list[Missing]:
    """The same for the meeting open in review, from its in-memory copy."""
    record = MeetingRecord(
        meeting=draft.meeting,
        participants=tuple(draft.participants),
        segments=tuple(draft.segments_in_order()),
        petitions=tuple(draft.petitions.values()),
        notes=tuple(draft.notes),
    )
    return missing_for_minutes(record)


def missing_lines(missing: list[Missing]) -> str:
    """The list as she reads it: one bullet a line."""
    return "\n".join(f"• {m.text()}" for m in missing)
