"""What the exported minutes say, resolved and ready to lay out.

The builder reads only these dataclasses: names of anonymous speakers are already replaced by
"Ẩn danh" when a ``Minutes`` is made (``from_meeting``), so no part of the layout can leak them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class MinutesOutcome(StrEnum):
    """How a petition was settled at the conference (the plan's four outcomes, plus not yet)."""

    ANSWERED = "answered"
    PROMISED = "promised"
    TRANSFERRED = "transferred"
    OFF_TOPIC = "off_topic"
    PENDING = "pending"


@dataclass(frozen=True)
class Office:
    """The header's left column."""

    parent_body: str
    """The body above the issuer, e.g. ``UBND THỊ XÃ SƠN TÂY`` (printed in capitals)."""
    issuing_body: str
    """The issuer, e.g. ``ỦY BAN NHÂN DÂN PHƯỜNG LÊ LỢI`` (bold capitals)."""
    number: str = ""
    """As printed after "Số:", e.g. ``15/BB-UBND``; blank leaves room to write it by hand."""


@dataclass(frozen=True)
class PetitionEntry:
    """One resident's opinion or petition and what became of it."""

    asked_by: str
    """The speaker's name, or "Ẩn danh"."""
    group: str
    """The residential group (tổ dân phố), empty when unknown or anonymous."""
    question: str
    """What was asked or proposed."""
    answer: str
    """The answer given at the conference (may be empty)."""
    answered_by: str
    """Who answered (name and office), may be empty."""
    outcome: MinutesOutcome
    """How it was settled."""
    responsible: str = ""
    """Who must act: the person who promised, or the body it was transferred to."""
    deadline: date | None = None
    """By when (promised: at most 30 days after the conference)."""


@dataclass(frozen=True)
class FollowUpRow:
    """One line of the follow-up table."""

    content: str
    """What is to be done."""
    asked_by: str
    """Who asked for it (a name, or "Ẩn danh")."""
    responsible: str
    """Who must do it."""
    deadline: date | None
    """By when."""


@dataclass(frozen=True)
class TranscriptLine:
    """One line of the verbatim appendix."""

    start: float
    """Seconds from the start of the recording."""
    speaker: str
    """The speaker's name, "Ẩn danh", or empty when untagged."""
    text: str
    """What was said, as corrected by the secretary."""


@dataclass(frozen=True)
class Minutes:
    """Everything one Biên bản contains."""

    office: Office
    """The issuing office (header, left column)."""
    conference: str
    """The conference's name under the title."""
    started: datetime | None
    """Start of the conference (None: dotted blanks to fill by hand)."""
    ended: datetime | None
    """End of the conference, for the closing line (None: dotted blanks)."""
    place: str
    """Where it was held."""
    attendees: list[str]
    """Thành phần tham dự, one entry per group of people."""
    chair: str
    """The chair's name."""
    chair_title: str
    """The chair's office, e.g. ``Chủ tịch UBND phường``."""
    secretary: str
    """The secretary's name."""
    secretary_title: str
    """The secretary's office."""
    report_summary: str
    """The secretary's summary of the chairman's report (paragraphs split on blank lines)."""
    petitions: list[PetitionEntry]
    """The petitions in the order they were raised."""
    follow_ups: list[FollowUpRow]
    """What remains to be done after the conference."""
    recipients: list[str] = field(default_factory=list)
    """Nơi nhận, before the closing ``Lưu: VT, Hồ sơ.``."""
    co_chair: str = ""
    """The co-chair's name, where there is one."""
    co_chair_title: str = ""
    """The co-chair's office."""
    transcript: list[TranscriptLine] = field(default_factory=list)
    """The verbatim transcript, for the optional appendix."""
    audio_sha256: str = ""
    """SHA-256 of the meeting's audio file (hex), empty when there is no recording."""
    notes: list[str] = field(default_factory=list)
    """The secretary's notes, in the order written."""
