"""Replacing the live transcript with the post-meeting re-transcription, keeping the secretary's work.

Rules, all in one transaction:
- a segment the secretary edited by hand is kept, with the model of the text she edited; the new
  text over it is offered beside it (``proposed_text``, its model in ``proposed_model``) and the
  new segments mostly over it are not inserted;
- every other old segment is replaced: each new segment takes the speaker of the old segment it
  overlaps most, and the tags and petition links of the old segments mapped onto it;
- the mapping is ``transcribe.realign.sources`` (the caller's, or computed here);
- an old segment linked to a petition, or tagged, that no new segment takes over is kept (a link
  or a tag is never lost, even where the new decoding heard nothing).
Undo and redo are cleared: the old rows they would restore are gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from minutes_tui.meeting import rows, undo
from minutes_tui.meeting.connection import Database
from minutes_tui.meeting.model import MeetingRecord, Segment
from minutes_tui.meeting.transcript import from_recognised, insert_segment, write_segment
from transcribe import realign
from transcribe.decoding import RecognisedSegment
from transcribe.realign import OldSegment, overlap
from transcribe.vocabulary import MeetingVocabulary


def _shared(a: Segment, b: Segment) -> float:
    return overlap(a.start, a.end, b.start, b.end)


def replace_segments(
    db: Database, recognised: Sequence[RecognisedSegment], sources: Sequence[Sequence[int]] | None, model: str
) -> None:
    """See ``MeetingStore.replace_segments``."""
    old = {s.id: s for s in (rows.segment(r) for r in db.conn.execute("SELECT * FROM segments ORDER BY start, id"))}
    if sources is None:
        mine = [_old_segment(o) for o in old.values()]
        recognised = realign.split_at_edits(list(recognised), mine)
        sources = realign.sources(list(recognised), mine)
    new = [from_recognised(r, model) for r in recognised]
    proposals: dict[int, list[str]] = {}
    inserted: list[tuple[Segment, list[Segment]]] = []
    for seg, ids in zip(new, sources):
        srcs = sorted((old[i] for i in ids if i in old), key=lambda o: -_shared(seg, o))
        if srcs and srcs[0].edited:
            proposals.setdefault(srcs[0].id, []).append(seg.text)
            continue
        # only old segments it overlaps hand it their work: a tagged live segment the new decoding
        # heard nothing in keeps its own text and tags instead of lending them to a neighbour
        plain = [o for o in srcs if not o.edited and _shared(seg, o) > 0]
        speaker = next((o.speaker_id for o in plain if o.speaker_id is not None and _shared(seg, o) > 0), None)
        tags = tuple(sorted({t for o in plain for t in o.tags}))
        inserted.append((replace(seg, speaker_id=speaker, tags=tags), plain))
    with db.transaction() as conn:
        covered: set[int] = set()
        for seg, plain in inserted:
            new_id = insert_segment(conn, seg)
            for o in plain:
                covered.add(o.id)
                conn.execute(
                    "INSERT OR IGNORE INTO petition_segments (petition_id, segment_id, part) "
                    "SELECT petition_id, ?, part FROM petition_segments WHERE segment_id = ?",
                    (new_id, o.id),
                )
        for o in old.values():
            if o.edited:
                text = " ".join(proposals.get(o.id, []))
                offered = bool(text) and text != o.text
                write_segment(
                    conn, replace(o, proposed_text=text if offered else None, proposed_model=model if offered else None)
                )
                continue
            linked = conn.execute("SELECT 1 FROM petition_segments WHERE segment_id = ?", (o.id,)).fetchone()
            if (linked or o.tags) and o.id not in covered:
                continue  # nothing new carries its link or tags: keep it rather than lose them
            conn.execute("DELETE FROM petition_segments WHERE segment_id = ?", (o.id,))
            conn.execute("DELETE FROM segments WHERE id = ?", (o.id,))
        undo.finalize_all(conn)


def meeting_vocabulary(record: MeetingRecord) -> MeetingVocabulary:
    """What the recogniser may learn from the meeting: title, agenda, bodies, and the roster's
    names and roles (not those of participants whose identity is withheld)."""
    m = record.meeting
    people = tuple((p.name, p.role) for p in record.participants if p.name and not p.anonymous)
    agencies = tuple(dict.fromkeys(x for x in (m.issuing_body, m.parent_body) if x))
    return MeetingVocabulary(title=m.title, agencies=agencies, people=people, agenda=tuple(m.agenda))


def old_segments(record: MeetingRecord) -> list[OldSegment]:
    """The transcript as the post-meeting pass maps it (``transcribe.repass.post_meeting_pass``)."""
    return [_old_segment(s) for s in record.segments]


def _old_segment(s: Segment) -> OldSegment:
    return OldSegment(s.id, s.start, s.end, s.text, s.speaker_id, tuple(s.tags), s.edited)
