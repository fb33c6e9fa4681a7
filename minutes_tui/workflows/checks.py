"""What the minutes would lack if exported now: checked before export, listed in review."""

from __future__ import annotations

from dataclasses import dataclass

from minutes_tui.meeting import OutcomeKind
from minutes_tui.workflows.draft import MinutesDraft


@dataclass(frozen=True)
class Lack:
    """One thing the minutes would be missing."""

    code: str
    """``promise_without_deadline``, ``petition_without_outcome`` or ``speaker_without_name``."""
    number: int
    """Petition number, or the segment's position in the transcript (1-based)."""
    segment_id: int | None
    """Segment to jump to."""


def lacks(draft: MinutesDraft) -> list[Lack]:
    """Everything the minutes would lack, petitions first, in transcript order."""
    found: list[Lack] = []
    for number, petition in enumerate(draft.petitions.values(), 1):
        first = petition.segment_ids[0] if petition.segment_ids else None
        outcome = petition.outcome
        if outcome is None:
            found.append(Lack("petition_without_outcome", number, first))
        elif outcome.kind in (OutcomeKind.PROMISED, OutcomeKind.TRANSFERRED) and outcome.deadline is None:
            found.append(Lack("promise_without_deadline", number, (outcome.segment_ids or (first,))[0]))
    named = {p.id for p in draft.participants if p.name.strip()}
    for position, sid in enumerate(draft.order, 1):
        segment = draft.segments[sid]
        if segment.speaker_id is None or segment.speaker_id not in named:
            found.append(Lack("speaker_without_name", position, sid))
    return found
