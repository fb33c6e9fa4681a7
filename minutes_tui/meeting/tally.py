"""The counts a results report gives: speaker turns, opinions by authority, field and outcome.

Pure arithmetic on a ``MeetingRecord``; the report and its tests read the same numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from minutes_tui.meeting.model import Channel, Field, MeetingRecord, OutcomeKind, Participant

#: Column key of petitions with no outcome yet.
PENDING = "pending"


def is_resident(person: Participant) -> bool:
    """A resident rather than an official: belongs to a residential group, or holds no office."""
    return bool(person.group) or not person.role


def resident_turns(record: MeetingRecord) -> int:
    """Lượt phát biểu: runs of consecutive segments spoken by one resident."""
    residents = {p.id for p in record.participants if is_resident(p)}
    turns, previous = 0, None
    for segment in record.segments:
        if segment.speaker_id is not None and segment.speaker_id != previous and segment.speaker_id in residents:
            turns += 1
        previous = segment.speaker_id
    return turns


@dataclass(frozen=True)
class Tally:
    """What a conference's petitions add up to."""

    turns: int
    """Residents' speaker turns."""
    opinions: int
    """Petitions (ý kiến) in all."""
    within_ward: int
    """Within the ward's authority."""
    higher: int
    """A higher level's."""
    written: int
    """Handed in writing (the rest were spoken)."""
    answered: int
    """Answered at the conference."""
    recorded: int
    """Recorded for follow-up (promised, transferred or to be answered in writing)."""
    pending: int
    """No outcome tagged yet."""
    closed: int
    """Follow-ups since settled."""
    by_field: dict[Field, Counter[str]]
    """Per field, petitions by outcome kind (``PENDING`` for none), in field order."""

    def column_total(self, key: str) -> int:
        """Petitions with this outcome (or ``PENDING``) across fields."""
        return sum(c[key] for c in self.by_field.values())


def tally(record: MeetingRecord) -> Tally:
    """Count ``record``'s turns and petitions."""
    by_field: dict[Field, Counter[str]] = {}
    for petition in record.petitions:
        key = petition.outcome.kind.value if petition.outcome else PENDING
        by_field.setdefault(petition.field, Counter())[key] += 1
    order = list(Field)
    petitions = record.petitions
    follow = [p for p in petitions if p.outcome is not None and p.outcome.kind is not OutcomeKind.ANSWERED]
    within = sum(p.within_authority for p in petitions)
    return Tally(
        turns=resident_turns(record),
        opinions=len(petitions),
        within_ward=within,
        higher=len(petitions) - within,
        written=sum(p.channel is Channel.WRITTEN for p in petitions),
        answered=sum(p.outcome is not None and p.outcome.kind is OutcomeKind.ANSWERED for p in petitions),
        recorded=len(follow),
        pending=sum(p.outcome is None for p in petitions),
        closed=sum(p.outcome is not None and not p.outcome.is_follow_up for p in follow),
        by_field={f: by_field[f] for f in sorted(by_field, key=order.index)},
    )
