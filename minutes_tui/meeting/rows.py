"""Rows of the store to domain dataclasses and back (JSON for lists, ISO text for times)."""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Sequence
from dataclasses import fields
from datetime import date, datetime
from itertools import repeat

from minutes_tui.meeting.model import (
    Authority,
    Channel,
    Field,
    Meeting,
    Note,
    Outcome,
    OutcomeKind,
    Participant,
    Petition,
    Segment,
    SegmentWord,
    Status,
)

_MEETING_TIMES = ("planned_start", "planned_end", "actual_start", "actual_end")
_MEETING_LISTS = ("agenda", "recipients")
MEETING_FIELDS = tuple(f.name for f in fields(Meeting))
_SEP = "\x1f"  # the unit separator never occurs in recognised text


def meeting_values(meeting: Meeting) -> dict[str, object]:
    """Column values of the header row."""
    values: dict[str, object] = {}
    for name in MEETING_FIELDS:
        value = getattr(meeting, name)
        if name in _MEETING_TIMES:
            value = value.isoformat() if value else None
        elif name in _MEETING_LISTS:
            value = json.dumps(list(value), ensure_ascii=False)
        elif name == "attendance":
            value = json.dumps([list(pair) for pair in value], ensure_ascii=False)
        elif name == "document_texts":
            value = json.dumps(dict(value), ensure_ascii=False, sort_keys=True)
        values[name] = value
    return values


def meeting(row: sqlite3.Row) -> Meeting:
    """The header from its row."""
    values = {}
    for name in MEETING_FIELDS:
        value = row[name]
        if name in _MEETING_TIMES:
            value = datetime.fromisoformat(value) if value else None
        elif name in _MEETING_LISTS:
            value = tuple(json.loads(value))
        elif name == "attendance":
            value = tuple((str(group), int(count)) for group, count in json.loads(value))
        elif name == "document_texts":
            value = tuple(sorted(json.loads(value).items()))
        values[name] = value
    return Meeting(**values)


def participant(row: sqlite3.Row) -> Participant:
    """A participant from its row."""
    aliases = tuple(a for a in row["aliases"].split("\n") if a) if "aliases" in row.keys() else ()
    return Participant(
        name=row["name"], role=row["role"], group=row["grp"], anonymous=bool(row["anonymous"]), id=row["id"], aliases=aliases
    )


def words_blob(words: Sequence[SegmentWord]) -> bytes | str:
    """Words packed for the ``words`` column: a count, (start, end, probability) doubles, then the texts.

    Packed rather than JSON: decoding 40,000 words from JSON took most of a long meeting's load time.
    """
    if not words:
        return "[]"
    numbers = array("d")
    for w in words:
        numbers.extend((w.start, w.end, w.probability))
    return len(words).to_bytes(4, "little") + numbers.tobytes() + _SEP.join(w.text for w in words).encode()


def words_of(value: bytes | str) -> tuple[SegmentWord, ...]:
    """Words from the ``words`` column (packed, or the first schema's JSON)."""
    if isinstance(value, str):
        return tuple(map(SegmentWord._make, json.loads(value)))
    n = int.from_bytes(value[:4], "little")
    numbers = array("d")
    numbers.frombytes(value[4 : 4 + 24 * n])
    texts = value[4 + 24 * n :].decode().split(_SEP)
    # tuple.__new__ skips the named tuple's Python-level constructor: the hot loop of a load
    return tuple(map(tuple.__new__, repeat(SegmentWord), zip(numbers[0::3], numbers[1::3], texts, numbers[2::3])))


def segment(row: sqlite3.Row) -> Segment:
    """A segment from its row."""
    words = row["words"]
    tags = row["tags"]
    return Segment(
        start=row["start"],
        end=row["end"],
        text=row["text"],
        original_text=row["original_text"],
        speaker_id=row["speaker_id"],
        confidence=row["confidence"],
        words=words_of(words) if words != "[]" else (),
        edited=bool(row["edited"]),
        tags=tuple(json.loads(tags)) if tags != "[]" else (),
        proposed_text=row["proposed_text"],
        id=row["id"],
        model=row["model"],
        proposed_model=row["proposed_model"],
    )


def outcome_values(outcome: Outcome | None) -> dict[str, object]:
    """Petition-row columns that hold its outcome."""
    if outcome is None:
        outcome = Outcome(kind=OutcomeKind.ANSWERED)
        kind = None
    else:
        kind = outcome.kind.value
    return {
        "outcome_kind": kind,
        "answer": outcome.answer,
        "answered_by": outcome.answered_by,
        "responsible": outcome.responsible,
        "agency": outcome.agency,
        "deadline": outcome.deadline.isoformat() if outcome.deadline else None,
        "status": Status(outcome.status).value,
        "notify": int(outcome.notify),
        "result": outcome.result,
        "done_on": outcome.done_on.isoformat() if outcome.done_on else None,
        "reference": outcome.reference,
        "extension_reason": outcome.extension_reason,
        "conference_deadline": outcome.conference_deadline.isoformat() if outcome.conference_deadline else None,
        "passed_to": outcome.passed_to,
        "answer_follows": int(outcome.answer_follows and kind is not None),
    }


def petition(
    row: sqlite3.Row, segment_ids: tuple[int, ...], answer_ids: tuple[int, ...], texts: dict[int, str] | None = None
) -> Petition:
    """A petition from its row and its linked segment ids (``texts``: their current text, by id).

    A text that follows its segments is read from them, so a correction reaches every reader.
    """
    texts = texts or {}

    def followed(stored: str, follows: bool, ids: tuple[int, ...]) -> str:
        return " ".join(texts[i] for i in ids if i in texts) if follows and ids else stored

    outcome = None
    if row["outcome_kind"] is not None:
        answer_follows = bool(row["answer_follows"])
        outcome = Outcome(
            kind=OutcomeKind(row["outcome_kind"]),
            answer=followed(row["answer"], answer_follows, answer_ids),
            answer_follows=answer_follows,
            answered_by=row["answered_by"],
            responsible=row["responsible"],
            agency=row["agency"],
            deadline=date.fromisoformat(row["deadline"]) if row["deadline"] else None,
            status=Status(row["status"]),
            notify=bool(row["notify"]),
            segment_ids=answer_ids,
            result=row["result"],
            done_on=date.fromisoformat(row["done_on"]) if row["done_on"] else None,
            reference=row["reference"],
            extension_reason=row["extension_reason"],
            conference_deadline=date.fromisoformat(row["conference_deadline"]) if row["conference_deadline"] else None,
            passed_to=row["passed_to"],
        )
    text_follows = bool(row["text_follows"])
    return Petition(
        text=followed(row["text"], text_follows, segment_ids),
        text_follows=text_follows,
        raised_by=row["raised_by"],
        field=Field(row["field"]),
        segment_ids=segment_ids,
        outcome=outcome,
        id=row["id"],
        authority=Authority(row["authority"]) if row["authority"] else None,
        channel=Channel(row["channel"]),
    )


def note(row: sqlite3.Row) -> Note:
    """A note from its row."""
    return Note(text=row["text"], time=row["time"], id=row["id"])
