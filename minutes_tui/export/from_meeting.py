"""A stored meeting (``minutes_tui.meeting``) turned into what its minutes say.

Anonymity is applied here, once: an anonymous participant appears as "Ẩn danh" with no
residential group, and every way they are named (``minutes_tui.meeting.anonymity``) is replaced
in every text of the minutes: the conference's title (hence the DOCX/PDF title metadata), the
place, the petitions, the answers, the report, the follow-up table, the recipients and the
verbatim transcript.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from bienban_base.files import sha256_file
from minutes_tui import texts
from minutes_tui.export.minutes import FollowUpRow, Minutes, MinutesOutcome, Office, PetitionEntry, TranscriptLine
from minutes_tui.meeting import MeetingRecord, OutcomeKind, Participant, Petition, read_meeting
from minutes_tui.meeting.anonymity import Anonymizer
from minutes_tui.meeting.audio import meeting_audio


def audio_sha256(path: Path) -> str:
    """SHA-256 (hex) of the meeting's audio file."""
    return sha256_file(path)


class _Names:
    """Participant names as the minutes may print them."""

    def __init__(self, record: MeetingRecord) -> None:
        self.record = record
        self.anonymous = texts.MINUTES_DOC["anonymous"]
        self._anonymizer = Anonymizer(record.participants, self.anonymous)

    def mask(self, text: str) -> str:
        """``text`` with every way an anonymous participant is named replaced by "Ẩn danh"."""
        return self._anonymizer.mask(text)

    def person(self, participant_id: int | None) -> Participant | None:
        return self.record.participant(participant_id)

    def name(self, participant_id: int | None, with_role: bool = False) -> str:
        """A participant's name, "Ẩn danh", or empty when nobody is set."""
        p = self.person(participant_id)
        if p is None:
            return ""
        if p.anonymous:
            return self.anonymous
        return f"{p.name}, {self.mask(p.role)}" if with_role and p.role else p.name

    def group(self, participant_id: int | None) -> str:
        p = self.person(participant_id)
        return "" if p is None or p.anonymous else p.group


def _responsible(petition: Petition) -> str:
    outcome = petition.outcome
    if outcome is None:
        return ""
    return outcome.agency if outcome.kind is OutcomeKind.TRANSFERRED else outcome.responsible


def _entry(petition: Petition, names: _Names) -> PetitionEntry:
    outcome = petition.outcome
    return PetitionEntry(
        asked_by=names.name(petition.raised_by) or texts.MINUTES_DOC["unknown_speaker"],
        group=names.group(petition.raised_by),
        question=names.mask(petition.text),
        answer=names.mask(outcome.answer) if outcome else "",
        answered_by=names.name(outcome.answered_by, with_role=True) if outcome else "",
        outcome=MinutesOutcome(outcome.kind.value) if outcome else MinutesOutcome.PENDING,
        responsible=names.mask(_responsible(petition)),
        deadline=outcome.promised_deadline if outcome else None,
    )


def _attendees(record: MeetingRecord, names: _Names) -> list[str]:
    """Officials by name and role, then the residential groups represented (never anonymous people)."""
    officials = [f"{p.name} – {names.mask(p.role)}" for p in record.participants if not p.group and not p.anonymous and p.role]
    groups = sorted({p.group for p in record.participants if p.group and not p.anonymous})
    residents = [texts.MINUTES_DOC["residents_of"].format(groups=", ".join(groups))] if groups else []
    return officials + residents


def _ended(record: MeetingRecord) -> datetime | None:
    """When it ended: as set; else the start plus the recording's last words; else the planned end."""
    m = record.meeting
    start = m.actual_start or m.planned_start
    if m.actual_end is None and start is not None and record.segments:
        return start + timedelta(seconds=round(max(s.end for s in record.segments)))
    return m.actual_end or m.planned_end


def minutes_from_record(record: MeetingRecord, audio_digest: str = "") -> Minutes:
    """What the minutes of ``record`` say (``audio_digest``: SHA-256 of its recording, if any)."""
    m = record.meeting
    names = _Names(record)
    # the minutes record the conference: every promise made there, as made there, whatever the
    # register has learnt since (done, extended, passed on); later outcomes belong to the report
    follow_ups = [
        FollowUpRow(names.mask(p.text), names.name(p.raised_by), names.mask(_responsible(p)), p.outcome.promised_deadline)
        for p in record.petitions
        if p.outcome is not None and p.outcome.kind is not OutcomeKind.ANSWERED
    ]
    transcript = [TranscriptLine(s.start, names.name(s.speaker_id), names.mask(s.text)) for s in record.segments]
    return Minutes(
        office=Office(m.parent_body, m.issuing_body, m.number),
        conference=names.mask(m.title),
        started=m.actual_start or m.planned_start,
        ended=_ended(record),
        place=names.mask(m.place),
        attendees=_attendees(record, names),
        chair=m.chair,
        chair_title=m.chair_title,
        secretary=m.secretary,
        secretary_title=m.secretary_title,
        co_chair=m.co_chair,
        co_chair_title=m.co_chair_title,
        report_summary=names.mask(m.report_summary),
        petitions=[_entry(p, names) for p in record.petitions],
        follow_ups=follow_ups,
        recipients=[names.mask(r) for r in m.recipients],
        transcript=transcript,
        audio_sha256=audio_digest,
        notes=[names.mask(n.text) for n in record.notes],
    )


def load_minutes(folder: Path) -> tuple[Minutes, Path | None]:
    """Read the meeting in ``folder`` (read-only) and hash its audio: the minutes and the audio path.

    The hash (a 3-hour recording is 345 MB) runs in a thread while the store is read and the
    minutes assembled: hashlib releases the GIL, so on two cores the two overlap.
    """
    record = read_meeting(folder)
    audio = meeting_audio(folder, record.meeting)
    if audio is None or not audio.is_file():
        return minutes_from_record(record), audio
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(audio_sha256, audio)
        minutes = minutes_from_record(record)
        return replace(minutes, audio_sha256=digest.result()), audio
