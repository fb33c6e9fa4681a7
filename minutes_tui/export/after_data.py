"""What the notice and the reports say, resolved from a stored meeting and masked once.

As with the minutes (``from_meeting``), anonymity is applied here and nowhere else: an anonymous
resident is "Ẩn danh", and every way they are named is replaced in every text the documents
carry (titles, petitions, answers, responsible bodies, the secretary's paragraphs, metadata).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from minutes_tui import texts
from minutes_tui.export.minutes import MinutesOutcome, Office
from minutes_tui.export.vndate import full_date
from minutes_tui.meeting.anonymity import Anonymizer
from minutes_tui.meeting.model import MeetingRecord, OutcomeKind, Status
from minutes_tui.meeting.tally import Tally, tally

_WARD_PREFIX = re.compile(r"^\s*(ủy ban nhân dân|ubnd)\s+(phường|xã|thị trấn)\s+", re.I)


@dataclass(frozen=True)
class AfterItem:
    """One petition as the notice and the reports state it."""

    number: int
    """Its number in the minutes ("Ý kiến N")."""
    field: str
    """Its field's label."""
    question: str
    """The petition."""
    asker: str
    """Who raised it: a name with the residential group, or "Ẩn danh"."""
    answer: str
    """The answer at the conference."""
    outcome: MinutesOutcome
    """How it was settled at the conference."""
    responsible: str = ""
    """Who must act (after a pass-on: the new body)."""
    deadline: date | None = None
    """By when."""
    status: str = ""
    """Its follow-up state's label ("" when answered at the conference)."""
    closed: bool = False
    """A follow-up since settled."""
    result: str = ""
    """What was done, with its date and reference."""


@dataclass(frozen=True)
class AfterConference:
    """Everything the notice, the report and the previous-round report need of one conference."""

    office: Office
    """The issuing office (its ``number`` is unused: see ``numbers``)."""
    place_name: str
    """The ward's name for the place-and-date line ("An Hòa")."""
    issued: date
    """The documents' date."""
    conference: str
    """The conference's name."""
    started: datetime | None
    """When it started."""
    place: str
    """Where it was held."""
    chair: str
    """The chairman's name (the one signer)."""
    chair_title: str
    """The chairman's position."""
    attendance: list[tuple[str, int]]
    """Attendance counts by group."""
    tally: Tally
    """The counts."""
    items: list[AfterItem]
    """Every petition in the order raised."""
    recipients: list[str] = field(default_factory=list)
    """The minutes' Nơi nhận (masked)."""
    assessment: str = ""
    """The secretary's assessment (report)."""
    proposals: str = ""
    """The secretary's proposals (report)."""
    closing: str = ""
    """The secretary's closing paragraph of the notice ("" : the standard one)."""
    audio_sha256: str = ""
    """SHA-256 of the recording."""
    field_labels: dict[str, str] = field(default_factory=dict)
    """Field code → label as the ward names it."""
    numbers: dict[str, str] = field(default_factory=dict)
    """Each document's own number part ("notice", "report", "previous" → "12"), as the office's register
    gave it; missing: left blank to write by hand (never the minutes' number: each document has its own)."""

    def office_for(self, kind: str) -> Office:
        """The issuing office with ``kind``'s own number."""
        return replace(self.office, number=self.numbers.get(kind, ""))

    @property
    def follow_ups(self) -> list[AfterItem]:
        """Items with something to do after the conference (open or closed)."""
        return [i for i in self.items if i.outcome not in (MinutesOutcome.ANSWERED, MinutesOutcome.PENDING)]


def count(n: int) -> str:
    """A count the way wards write it: "02", "10"."""
    return f"{n:02d}"


def percent(part: int, whole: int) -> str:
    """ "78%" (0% of nothing)."""
    return f"{round(100 * part / whole) if whole else 0}%"


def ward_name(issuing_body: str) -> str:
    """ "Ủy ban nhân dân phường An Hòa" → "An Hòa"."""
    return _WARD_PREFIX.sub("", issuing_body).strip() or issuing_body


def _document_number(number: str) -> str:
    """The number part of "12/TB-UBND" or "12" (the kind's suffix is the document's own)."""
    return number.split("/")[0].strip()


def after_from_record(
    record: MeetingRecord, issued: date, audio_digest: str = "", field_labels: dict[str, str] | None = None
) -> AfterConference:
    """The notice's and reports' content of ``record``, anonymity applied (``field_labels``: the ward's own)."""
    labels = {**texts.PETITION_FIELDS, **(field_labels or {})}
    m = record.meeting
    anonymous = texts.MINUTES_DOC["anonymous"]
    mask = Anonymizer(record.participants, anonymous).mask
    items: list[AfterItem] = []
    for number, p in enumerate(record.petitions, 1):
        person = record.participant(p.raised_by)
        if person is None:
            asker = texts.MINUTES_DOC["unknown_speaker"]
        elif person.anonymous:
            asker = anonymous
        else:
            asker = f"{person.name}, {person.group}" if person.group else person.name
        o = p.outcome
        responsible = ""
        if o is not None:
            responsible = o.passed_to or (o.agency if o.kind is OutcomeKind.TRANSFERRED else o.responsible)
        follow = o is not None and o.kind is not OutcomeKind.ANSWERED
        done = follow and o is not None and o.status is Status.DONE
        result = ""
        if done and o is not None:
            parts = [o.result, texts.DATE_WORDS["on_date"].format(date=f"{o.done_on:%d/%m/%Y}") if o.done_on else "", o.reference]
            result = "; ".join(x for x in parts if x)
        items.append(
            AfterItem(
                number=number,
                field=labels[p.field.value],
                question=mask(p.text),
                asker=asker,
                answer=mask(o.answer) if o else "",
                outcome=MinutesOutcome(o.kind.value) if o else MinutesOutcome.PENDING,
                responsible=mask(responsible),
                deadline=o.deadline if o else None,
                status=texts.REGISTER_STATUS[o.status.value] if follow and o else "",
                closed=done,
                result=mask(result),
            )
        )
    return AfterConference(
        office=Office(m.parent_body, m.issuing_body, ""),
        place_name=mask(m.document_text("place_name") or ward_name(m.issuing_body)),
        issued=issued,
        conference=mask(m.title),
        started=m.start(),
        place=mask(m.place),
        chair=m.chair,
        chair_title=m.chair_title,
        attendance=[(mask(g), n) for g, n in m.attendance],
        tally=tally(record),
        items=items,
        recipients=[mask(r) for r in m.recipients],
        assessment=mask(m.document_text("report_assessment")),
        proposals=mask(m.document_text("report_proposals")),
        closing=mask(m.document_text("notice_closing")),
        audio_sha256=audio_digest,
        field_labels=labels,
        numbers={k: n for k in ("notice", "report", "previous") if (n := _document_number(m.document_text(f"{k}_number")))},
    )


def previous_round(own: AfterConference, previous: AfterConference) -> AfterConference:
    """``previous``'s petitions as reported at ``own``'s conference: the header, the number, the signer,
    Nơi nhận and the recording are ``own``'s (the chairman who reads it now signs it)."""
    return replace(
        previous,
        office=own.office,
        place_name=own.place_name,
        chair=own.chair,
        chair_title=own.chair_title,
        recipients=own.recipients,
        numbers=own.numbers,
        audio_sha256=own.audio_sha256,
    )


def merge_rounds(own: AfterConference, earlier: list[AfterConference], before: date) -> AfterConference:
    """One "previous round" of every follow-up of the conferences held before ``before``.

    The header and signer are ``own``'s (the meeting the report is read at); the items are the
    earlier conferences' follow-ups, numbered in one run, each with its conference's name.
    """
    items: list[AfterItem] = []
    for conference in earlier:
        for item in conference.follow_ups:
            items.append(replace(item, number=len(items) + 1, question=f"{item.question} [{conference.conference}]"))
    return replace(
        own,
        conference=texts.AFTER_DOC["rounds_before"].format(day=full_date(before)),
        started=None,
        items=items,
        tally=replace(own.tally, opinions=sum(c.tally.opinions for c in earlier)),
        audio_sha256=own.audio_sha256,
    )
