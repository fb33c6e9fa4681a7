"""Store operations on the header, participants, petitions with their outcomes, and notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from typing import Any

from minutes_tui.meeting import rows
from minutes_tui.meeting.connection import Database
from minutes_tui.meeting.errors import StoreError, missing_item
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
)


def _check_fields(kind: str, cls: type, changes: dict, allowed: Sequence[str] | None = None) -> None:
    names = allowed if allowed is not None else [f.name for f in fields(cls) if f.name != "id"]
    for name in changes:
        if name not in names:
            raise StoreError("store_bad_field", f"{kind} has no field {name}", kind=kind, name=name)


class ItemEditing:
    """Mixin of ``MeetingStore``: everything but the transcript."""

    _db: Database
    segment: Callable[[int], Segment]  # TranscriptEditing's

    # the header
    def meeting(self) -> Meeting:
        """The header."""
        return rows.meeting(self._db.conn.execute("SELECT * FROM meeting").fetchone())

    def update_meeting(self, **changes: Any) -> Meeting:
        """Change header fields (``Meeting`` field names), as one undoable edit."""
        _check_fields("meeting", Meeting, changes, [n for n in rows.MEETING_FIELDS if n != "audio_file"])
        values = rows.meeting_values(replace(self.meeting(), **changes))
        with self._db.edit("update_meeting", ",".join(changes)) as conn:
            sets = ",".join(f"{c} = ?" for c in values)
            conn.execute(f"UPDATE meeting SET {sets}", tuple(values.values()))
        return self.meeting()

    def set_audio_file(self, name: str) -> None:
        """Record the audio file's name inside the folder (not an undoable edit)."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE meeting SET audio_file = ?", (name,))

    # participants
    def participant(self, participant_id: int) -> Participant:
        """One participant."""
        row = self._db.conn.execute("SELECT * FROM participants WHERE id = ?", (participant_id,)).fetchone()
        if row is None:
            raise missing_item("participant", participant_id)
        return rows.participant(row)

    def add_participant(
        self, name: str, role: str = "", group: str = "", anonymous: bool = False, aliases: Sequence[str] = ()
    ) -> Participant:
        """Add a participant (``aliases``: other names they go by)."""
        with self._db.edit("add_participant", name) as conn:
            new_id = conn.execute(
                "INSERT INTO participants (name, role, grp, anonymous, aliases) VALUES (?, ?, ?, ?, ?)",
                (name, role, group, int(anonymous), _aliases(aliases)),
            ).lastrowid
        assert new_id is not None  # sqlite sets lastrowid on every INSERT into a rowid table
        return self.participant(new_id)

    def update_participant(self, participant_id: int, **changes: Any) -> Participant:
        """Change a participant's name, role, group, anonymous flag or aliases."""
        _check_fields("participant", Participant, changes)
        p = replace(self.participant(participant_id), **changes)
        with self._db.edit("update_participant", f"participant {participant_id}") as conn:
            conn.execute(
                "UPDATE participants SET name = ?, role = ?, grp = ?, anonymous = ?, aliases = ? WHERE id = ?",
                (p.name, p.role, p.group, int(p.anonymous), _aliases(p.aliases), participant_id),
            )
        return self.participant(participant_id)

    # petitions
    def petition(self, petition_id: int) -> Petition:
        """One petition with its outcome."""
        found = [p for p in self._petitions(petition_id) if p.id == petition_id]
        if not found:
            raise missing_item("petition", petition_id)
        return found[0]

    def add_petition(
        self,
        text: str,
        raised_by: int | None = None,
        field: Field = Field.OTHER,
        segment_ids: Sequence[int] = (),
        text_follows: bool = False,
    ) -> Petition:
        """Record a petition (``text_follows``: its text is its segments' text, corrections included)."""
        self._check_refs(raised_by, segment_ids)
        with self._db.edit("add_petition", text[:40]) as conn:
            cols = {
                "text": text,
                "raised_by": raised_by,
                "field": Field(field).value,
                "text_follows": int(text_follows),
                **rows.outcome_values(None),
            }
            new_id = conn.execute(
                f"INSERT INTO petitions ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})", tuple(cols.values())
            ).lastrowid
            assert new_id is not None  # sqlite sets lastrowid on every INSERT into a rowid table
            _link(conn, new_id, "petition", segment_ids)
        return self.petition(new_id)

    def update_petition(self, petition_id: int, **changes: Any) -> Petition:
        """Change a petition's text, raised_by, field, authority, channel, segment_ids or text_follows.

        A text given here is the secretary's own: it no longer follows the segments.
        """
        _check_fields(
            "petition", Petition, changes, ["text", "raised_by", "field", "authority", "channel", "segment_ids", "text_follows"]
        )
        if "text" in changes:
            changes.setdefault("text_follows", False)
        p = replace(self.petition(petition_id), **changes)
        self._check_refs(p.raised_by, p.segment_ids)
        authority = Authority(p.authority).value if p.authority is not None else None
        with self._db.edit("update_petition", f"petition {petition_id}") as conn:
            conn.execute(
                "UPDATE petitions SET text = ?, raised_by = ?, field = ?, authority = ?, channel = ?, text_follows = ? WHERE id = ?",
                (
                    p.text,
                    p.raised_by,
                    Field(p.field).value,
                    authority,
                    Channel(p.channel).value,
                    int(p.text_follows),
                    petition_id,
                ),
            )
            _link(conn, petition_id, "petition", p.segment_ids)
        return self.petition(petition_id)

    def delete_petition(self, petition_id: int) -> None:
        """Remove a petition (undoable)."""
        self.petition(petition_id)
        with self._db.edit("delete_petition", f"petition {petition_id}") as conn:
            conn.execute("DELETE FROM petition_segments WHERE petition_id = ?", (petition_id,))
            conn.execute("DELETE FROM petitions WHERE id = ?", (petition_id,))

    def set_outcome(self, petition_id: int, outcome: Outcome | None) -> Petition:
        """Set (or clear) what became of a petition; a promise without deadline gets the 30-day one."""
        self.petition(petition_id)
        if outcome is not None:
            self._check_refs(outcome.answered_by, outcome.segment_ids)
            if outcome.kind is OutcomeKind.PROMISED and outcome.deadline is None:
                outcome = replace(outcome, deadline=self.meeting().default_deadline())
        values = rows.outcome_values(outcome)
        with self._db.edit("set_outcome", f"petition {petition_id}") as conn:
            sets = ",".join(f"{c} = ?" for c in values)
            conn.execute(f"UPDATE petitions SET {sets} WHERE id = ?", (*values.values(), petition_id))
            _link(conn, petition_id, "answer", outcome.segment_ids if outcome else ())
        return self.petition(petition_id)

    def update_follow_up(self, petition_id: int, action: str, **changes: Any) -> Petition:
        """Change a follow-up after the conference (status, result, deadline, …) as one undoable edit.

        ``action`` names the edit in the history ("follow_up_done", "follow_up_extend", …).
        """
        petition = self.petition(petition_id)
        if petition.outcome is None:
            raise StoreError("store_no_outcome", f"petition {petition_id} has no outcome", petition=petition_id)
        _check_fields("outcome", Outcome, changes, ["status", "result", "done_on", "reference", "deadline",
                                                    "extension_reason", "passed_to", "responsible",
                                                    "conference_deadline"])  # fmt: skip
        values = rows.outcome_values(replace(petition.outcome, **changes))
        with self._db.edit(action, f"petition {petition_id}") as conn:
            sets = ",".join(f"{c} = ?" for c in values)
            conn.execute(f"UPDATE petitions SET {sets} WHERE id = ?", (*values.values(), petition_id))
        return self.petition(petition_id)

    # notes
    def note(self, note_id: int) -> Note:
        """One note."""
        row = self._db.conn.execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise missing_item("note", note_id)
        return rows.note(row)

    def add_note(self, text: str, time: float | None = None) -> Note:
        """Add a note."""
        with self._db.edit("add_note", text[:40]) as conn:
            new_id = conn.execute("INSERT INTO notes (text, time) VALUES (?, ?)", (text, time)).lastrowid
        assert new_id is not None  # sqlite sets lastrowid on every INSERT into a rowid table
        return self.note(new_id)

    def update_note(self, note_id: int, text: str) -> Note:
        """Change a note's text."""
        self.note(note_id)
        with self._db.edit("update_note", f"note {note_id}") as conn:
            conn.execute("UPDATE notes SET text = ? WHERE id = ?", (text, note_id))
        return self.note(note_id)

    def _check_refs(self, participant_id: int | None, segment_ids: Sequence[int]) -> None:
        if participant_id is not None:
            self.participant(participant_id)
        for segment_id in segment_ids:
            self.segment(segment_id)

    def _petitions(self, petition_id: int | None = None) -> list[Petition]:
        conn = self._db.conn
        where, args = ("WHERE p.id = ?", (petition_id,)) if petition_id is not None else ("", ())
        links: dict[tuple[int, str], list[int]] = {}
        texts: dict[int, str] = {}
        for pid, sid, part, text in conn.execute(
            f"SELECT l.petition_id, l.segment_id, l.part, s.text FROM petition_segments AS l "
            f"JOIN segments AS s ON s.id = l.segment_id "
            f"JOIN petitions AS p ON p.id = l.petition_id {where} ORDER BY s.start, s.id",
            args,
        ):
            links.setdefault((pid, part), []).append(sid)
            texts[sid] = text
        return [
            rows.petition(row, tuple(links.get((row["id"], "petition"), ())), tuple(links.get((row["id"], "answer"), ())), texts)
            for row in conn.execute(f"SELECT * FROM petitions AS p {where} ORDER BY p.id", args)
        ]

    def petitions(self) -> list[Petition]:
        """Every petition with its outcome, in the order raised."""
        return self._petitions()


def _link(conn, petition_id: int, part: str, segment_ids: Sequence[int]) -> None:
    """Make the petition's links of one part exactly ``segment_ids`` (unchanged links untouched)."""
    have = {
        r[0]
        for r in conn.execute("SELECT segment_id FROM petition_segments WHERE petition_id = ? AND part = ?", (petition_id, part))
    }
    want = set(segment_ids)
    for sid in have - want:
        conn.execute(
            "DELETE FROM petition_segments WHERE petition_id = ? AND segment_id = ? AND part = ?", (petition_id, sid, part)
        )
    for sid in sorted(want - have):
        conn.execute("INSERT INTO petition_segments (petition_id, segment_id, part) VALUES (?, ?, ?)", (petition_id, sid, part))


def _aliases(aliases: Sequence[str]) -> str:
    """Aliases as stored: one a line, blanks dropped."""
    return "\n".join(a.strip() for a in aliases if a.strip())
