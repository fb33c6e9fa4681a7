"""The meeting as data: header, participants, segments, petitions with their outcomes, notes.

Plain frozen dataclasses with no storage and no UI in them: the store returns them, the exporter
and the terminal app read them. Times of segments and notes are seconds on the meeting audio's
time axis; ids are assigned by the store (0 means "not stored yet").
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

#: The ward's plan allows at most 30 days to resolve a petition promised at the conference.
PROMISE_DAYS = 30


class Field(enum.StrEnum):
    """The field of a petition (the plan's list of topics); labels are in ``texts.PETITION_FIELDS``."""

    LAND = "land"
    CONSTRUCTION = "construction"
    ENVIRONMENT = "environment"
    INFRASTRUCTURE = "infrastructure"
    SECURITY = "security"
    SOCIETY = "society"
    CULTURE = "culture"
    ADMIN_REFORM = "admin_reform"
    OTHER = "other"
    # the plan's earlier topics, kept so older meetings still read
    ECONOMY = "economy"
    MILITARY = "military"
    DEMOCRACY = "democracy"
    ANTI_CORRUPTION = "anti_corruption"
    CITIZEN_RECEPTION = "citizen_reception"
    COMPLAINT = "complaint"
    DENUNCIATION = "denunciation"


#: The default field list offered when tagging (issue 14); a ward may relabel, reorder or drop
#: them (``workflows.classify.ward_fields``).
DEFAULT_FIELDS: tuple[Field, ...] = (
    Field.LAND,
    Field.CONSTRUCTION,
    Field.ENVIRONMENT,
    Field.INFRASTRUCTURE,
    Field.SECURITY,
    Field.SOCIETY,
    Field.CULTURE,
    Field.ADMIN_REFORM,
    Field.OTHER,
)


class Authority(enum.StrEnum):
    """Whose authority a petition falls under."""

    WARD = "ward"
    """The ward's own."""
    HIGHER = "higher"
    """A higher level's (the city, the province, a ministry)."""


class Channel(enum.StrEnum):
    """How a petition reached the conference."""

    SPOKEN = "spoken"
    WRITTEN = "written"


class OutcomeKind(enum.StrEnum):
    """What became of a petition at the conference."""

    ANSWERED = "answered"
    """Answered on the spot."""
    PROMISED = "promised"
    """To be resolved by the ward after the conference (30 days at most)."""
    TRANSFERRED = "transferred"
    """Beyond the ward's authority: another body is responsible; the person is to be told."""
    OFF_TOPIC = "off_topic"
    """Outside the conference's content: received, answered separately in writing."""


class Status(enum.StrEnum):
    """Progress of a follow-up (promised, transferred or off-topic petitions)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Tag(enum.StrEnum):
    """Well-known segment tags set by the secretary (any other short string is allowed too)."""

    QUESTION = "question"
    ANSWER = "answer"
    PROMISE = "promise"
    REPORT = "report"
    IMPORTANT = "important"


@dataclass(frozen=True)
class Meeting:
    """The header of the minutes: who met, where, when, and under which number."""

    title: str
    """The conference's name, printed under "BIÊN BẢN"."""
    parent_body: str = ""
    """Parent body, e.g. "UBND thị xã Hương Thủy"."""
    issuing_body: str = ""
    """Issuing body, e.g. "Ủy ban nhân dân phường Thủy Dương"."""
    number: str = ""
    """Document number as printed after "Số:", e.g. "15/BB-UBND" (empty: left blank)."""
    place: str = ""
    """Where it was held, e.g. "Nhà sinh hoạt cộng đồng tổ dân phố 5"."""
    planned_start: datetime | None = None
    """Announced start."""
    planned_end: datetime | None = None
    """Announced end."""
    actual_start: datetime | None = None
    """When it really started (the recording's start for a live meeting)."""
    actual_end: datetime | None = None
    """When it really ended."""
    chair: str = ""
    """Name of the chair (chủ trì / chủ tọa)."""
    chair_title: str = ""
    """The chair's position, e.g. "Chủ tịch UBND phường"."""
    co_chair: str = ""
    """Name of the co-chair, where there is one."""
    co_chair_title: str = ""
    """The co-chair's position."""
    secretary: str = ""
    """Name of the secretary who keeps the minutes."""
    secretary_title: str = ""
    """The secretary's position, e.g. "Công chức Văn phòng - Thống kê"."""
    agenda: tuple[str, ...] = ()
    """Agenda items in order."""
    report_summary: str = ""
    """Summary of the chairman's report on the socio-economic, security and defence situation."""
    recipients: tuple[str, ...] = ()
    """The "Nơi nhận" list (without the closing "Lưu: VT, Hồ sơ.")."""
    audio_file: str = ""
    """File name of the meeting audio inside the meeting folder (empty: no audio yet)."""
    attendance: tuple[tuple[str, int], ...] = ()
    """Attendance counts by group, e.g. (("Người dân", 45),), besides the named roster."""
    document_texts: tuple[tuple[str, str], ...] = ()
    """The secretary's own paragraphs of the notice and the report, by key (kept across re-exports)."""

    def document_text(self, key: str) -> str:
        """One of the secretary's paragraphs ("" when not written)."""
        return dict(self.document_texts).get(key, "")

    def start(self) -> datetime | None:
        """When the meeting started: actual start, else planned start, else unknown."""
        return self.actual_start or self.planned_start

    def day(self) -> date | None:
        """The meeting's date: actual start, else planned start, else unknown."""
        when = self.start()
        return when.date() if when else None

    def default_deadline(self) -> date | None:
        """The latest deadline for a promise: the meeting date + 30 days."""
        day = self.day()
        return day + timedelta(days=PROMISE_DAYS) if day else None


@dataclass(frozen=True)
class Participant:
    """A person in the room who speaks or is named in the minutes."""

    name: str
    """Full name as it should appear in the minutes."""
    role: str = ""
    """Role or title, e.g. "Tổ trưởng tổ dân phố 3", "Trưởng Công an phường"."""
    group: str = ""
    """Residential group (tổ dân phố), e.g. "Tổ dân phố 3"; empty for officials."""
    anonymous: bool = False
    """Identity withheld in the exported minutes (a denouncer's must be protected)."""
    id: int = 0
    """Store id (0: not stored yet)."""
    aliases: tuple[str, ...] = ()
    """Other names the person goes by (a nickname, a shop's name); masked too when anonymous."""


class SegmentWord(NamedTuple):
    """One recognised word with times on the meeting audio's axis.

    A named tuple rather than a dataclass: a three-hour meeting holds some 40,000 of them, and
    building tuples keeps loading the meeting well under the 0.3 s budget.
    """

    start: float
    """Start, seconds."""
    end: float
    """End, seconds."""
    text: str
    """The word as the recogniser wrote it (with its leading space)."""
    probability: float
    """The recogniser's probability for the word, 0-1."""


@dataclass(frozen=True)
class Segment:
    """One stretch of the transcript."""

    start: float
    """Start, seconds on the meeting audio's axis."""
    end: float
    """End, seconds."""
    text: str
    """The current text (the secretary's correction, if any)."""
    original_text: str = ""
    """What the recogniser wrote; always kept, so the original can be restored (a re-transcription's
    proposal she takes becomes it)."""
    speaker_id: int | None = None
    """The participant speaking (None: not yet assigned)."""
    confidence: float | None = None
    """Recogniser confidence 0-1 (exp of the mean token log-probability); None if typed by hand or
    not known (a re-transcription's proposal she took)."""
    words: tuple[SegmentWord, ...] = ()
    """Word timings of the original text."""
    edited: bool = False
    """The secretary changed the text by hand (a re-transcription keeps it)."""
    tags: tuple[str, ...] = ()
    """Secretary's tags (see ``Tag``), sorted."""
    proposed_text: str | None = None
    """A re-transcription's text offered beside hand-edited text (None: nothing offered)."""
    id: int = 0
    """Store id (0: not stored yet)."""
    model: str | None = None
    """The model that wrote ``original_text``, by its display name, e.g. "base-vi" (None: not known:
    stored before bienban recorded it, or written by no model, as the sample meeting's script)."""
    proposed_model: str | None = None
    """The model that wrote ``proposed_text`` (None: nothing offered, or not known)."""


@dataclass(frozen=True)
class Outcome:
    """What became of a petition; which fields matter depends on ``kind``."""

    kind: OutcomeKind
    """Answered, promised, transferred or off-topic."""
    answer: str = ""
    """The answer given, or what was promised / told to the person."""
    answered_by: int | None = None
    """Participant who answered at the conference."""
    responsible: str = ""
    """Who in the ward must resolve it (promised) or write the answer (off-topic)."""
    agency: str = ""
    """The body responsible when beyond the ward's authority (transferred)."""
    deadline: date | None = None
    """By when (promised: at most the meeting date + 30 days)."""
    status: Status = Status.OPEN
    """Progress of the follow-up."""
    notify: bool = False
    """The person is to be told which body handles it and by when (transferred)."""
    segment_ids: tuple[int, ...] = ()
    """Segments holding the answer."""
    result: str = ""
    """What was done (a closed follow-up)."""
    done_on: date | None = None
    """When it was done."""
    reference: str = ""
    """Number and date of the written answer, e.g. "125/UBND-VP ngày 10/01/2027"."""
    extension_reason: str = ""
    """Why the deadline was moved (empty: never extended)."""
    conference_deadline: date | None = None
    """The deadline given at the conference, kept when the register extends it (None: ``deadline`` is it)."""
    passed_to: str = ""
    """The body the follow-up was passed on to after the conference (empty: none)."""
    answer_follows: bool = False
    """``answer`` is its segments' current text, corrections included, until she writes it herself."""

    @property
    def within_authority(self) -> bool:
        """Whether the ward itself can resolve it."""
        return self.kind is not OutcomeKind.TRANSFERRED

    @property
    def promised_deadline(self) -> date | None:
        """The deadline as the conference set it: what the minutes print, whatever the register did since."""
        return self.conference_deadline or self.deadline

    @property
    def is_follow_up(self) -> bool:
        """Whether something remains to be done after the conference."""
        return self.kind is not OutcomeKind.ANSWERED and self.status is not Status.DONE


@dataclass(frozen=True)
class Petition:
    """An opinion, petition or question raised by a resident (ý kiến, kiến nghị)."""

    text: str
    """The petition as the minutes state it."""
    raised_by: int | None = None
    """Participant who raised it."""
    field: Field = Field.OTHER
    """Its field: land, construction, security, ..."""
    segment_ids: tuple[int, ...] = ()
    """Segments it comes from, in time order."""
    outcome: Outcome | None = None
    """What became of it (None: not decided yet)."""
    id: int = 0
    """Store id (0: not stored yet)."""
    authority: Authority | None = None
    """Whose authority it falls under (None: read from the outcome, see ``within_authority``)."""
    channel: Channel = Channel.SPOKEN
    """Spoken at the conference or handed in writing."""

    @property
    def within_authority(self) -> bool:
        """Whether the ward itself can resolve it: as set, else not when transferred."""
        if self.authority is not None:
            return self.authority is Authority.WARD
        return self.outcome is None or self.outcome.within_authority

    text_follows: bool = False
    """``text`` is its segments' current text, corrections included, until she writes it herself."""


@dataclass(frozen=True)
class Note:
    """A free note by the secretary, optionally pinned to a moment of the audio."""

    text: str
    """The note."""
    time: float | None = None
    """Seconds on the meeting audio's axis (None: not pinned)."""
    id: int = 0
    """Store id (0: not stored yet)."""


@dataclass(frozen=True)
class Edit:
    """One entry of the edit history."""

    id: int
    """Order of the edit."""
    at: datetime
    """When it was made (local time)."""
    action: str
    """What was done, e.g. "edit_text", "merge_segments" (labels in ``texts.EDIT_ACTIONS``)."""
    summary: str
    """A short English description for logs, e.g. "segment 12"."""
    undone: bool = False
    """Undone (and redoable until the next edit)."""


@dataclass(frozen=True)
class MeetingRecord:
    """Everything stored about one meeting, loaded at once."""

    meeting: Meeting
    """The header."""
    participants: tuple[Participant, ...] = ()
    """Participants in the order they were added."""
    segments: tuple[Segment, ...] = ()
    """The transcript in time order."""
    petitions: tuple[Petition, ...] = ()
    """Petitions in the order they were raised."""
    notes: tuple[Note, ...] = ()
    """The secretary's notes in the order they were written."""

    def participant(self, participant_id: int | None) -> Participant | None:
        """The participant with this id (None if unknown)."""
        return next((p for p in self.participants if p.id == participant_id), None)

    def follow_ups(self) -> list[Petition]:
        """Petitions with something left to do after the conference."""
        return [p for p in self.petitions if p.outcome is not None and p.outcome.is_follow_up]
