"""Store operations on the transcript: the recogniser's segments and the secretary's corrections."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from minutes_tui.meeting import rows
from minutes_tui.meeting.connection import Database
from minutes_tui.meeting.errors import StoreError, missing_item
from minutes_tui.meeting.model import Participant, Segment, SegmentWord
from minutes_tui.meeting.replacing import replace_phrase
from minutes_tui.meeting.splicing import merge, split

if TYPE_CHECKING:
    from transcribe.decoding import RecognisedSegment


def segment_values(s: Segment) -> dict[str, object]:
    """Column values of a segment row (without its id)."""
    return {
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "original_text": s.original_text,
        "speaker_id": s.speaker_id,
        "confidence": s.confidence,
        "words": rows.words_blob(s.words),
        "edited": int(s.text != s.original_text),
        "tags": json.dumps(sorted(set(s.tags)), ensure_ascii=False),
        "proposed_text": s.proposed_text,
        "model": s.model,
        "proposed_model": s.proposed_model,
    }


def insert_segment(conn, s: Segment) -> int:
    """Insert a segment row; its new id."""
    values = segment_values(s)
    cols = ",".join(values)
    marks = ",".join("?" * len(values))
    return conn.execute(f"INSERT INTO segments ({cols}) VALUES ({marks})", tuple(values.values())).lastrowid


def write_segment(conn, s: Segment) -> None:
    """Overwrite a stored segment's row."""
    values = segment_values(s)
    sets = ",".join(f"{c} = ?" for c in values)
    conn.execute(f"UPDATE segments SET {sets} WHERE id = ?", (*values.values(), s.id))


def from_recognised(seg: RecognisedSegment, model: str) -> Segment:
    """A store segment from a ``transcribe.decoding.RecognisedSegment`` (duck-typed: no model import
    needed) that the model named ``model`` (``Recogniser.name``) wrote."""
    words = tuple(SegmentWord(w.start, w.end, w.word, w.probability) for w in getattr(seg, "words", ()) or ())
    logprob = getattr(seg, "avg_logprob", None)
    confidence = math.exp(logprob) if logprob is not None else None
    text = seg.text.strip()
    return Segment(start=seg.start, end=seg.end, text=text, original_text=text, confidence=confidence, words=words, model=model)


class TranscriptEditing:
    """Mixin of ``MeetingStore``: segments."""

    _db: Database
    participant: Callable[[int], Participant]  # ItemEditing's

    def segment(self, segment_id: int) -> Segment:
        """One segment."""
        row = self._db.conn.execute("SELECT * FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is None:
            raise missing_item("segment", segment_id)
        return rows.segment(row)

    def add_segment(
        self,
        start: float,
        end: float,
        text: str,
        confidence: float | None = None,
        words: Sequence[SegmentWord] = (),
        speaker_id: int | None = None,
        model: str | None = None,
    ) -> Segment:
        """Append a recognised segment (not an undoable edit: it is not the secretary's); ``model``:
        the one that wrote it (None: no model, as the sample meeting's scripted turns)."""
        seg = Segment(start, end, text, text, speaker_id, confidence, tuple(words), model=model)
        with self._db.transaction() as conn:
            new_id = insert_segment(conn, seg)
        return replace(seg, id=new_id)

    def add_recognised(self, segment: RecognisedSegment, model: str) -> Segment:
        """Append a ``transcribe.decoding.RecognisedSegment`` that ``model`` wrote (confidence from its
        mean log-probability)."""
        seg = from_recognised(segment, model)
        with self._db.transaction() as conn:
            new_id = insert_segment(conn, seg)
        return replace(seg, id=new_id)

    def add_recognised_many(self, segments: Iterable[RecognisedSegment], model: str) -> int:
        """Append many ``transcribe.decoding.RecognisedSegment`` that ``model`` wrote in one transaction
        (an imported file); how many."""
        count = 0
        with self._db.transaction() as conn:
            for seg in segments:
                insert_segment(conn, from_recognised(seg, model))
                count += 1
        return count

    def edit_text(self, segment_id: int, text: str) -> Segment:
        """Correct a segment's text (the original stays recoverable)."""
        seg = replace(self.segment(segment_id), text=text.strip())
        with self._db.edit("edit_text", f"segment {segment_id}") as conn:
            write_segment(conn, seg)
        return self.segment(segment_id)

    def replace_phrase(self, segment_id: int, find: str, new: str) -> Segment:
        """Replace a phrase in a segment's text; the words not replaced keep their uncertainty marks."""
        seg = replace_phrase(self.segment(segment_id), find, new)
        with self._db.edit("replace_all", f"segment {segment_id}") as conn:
            write_segment(conn, seg)
        return self.segment(segment_id)

    def restore_original(self, segment_id: int) -> Segment:
        """Put the recogniser's text back."""
        seg = self.segment(segment_id)
        return self.edit_text(segment_id, seg.original_text)

    def accept_proposed(self, segment_id: int) -> Segment:
        """Take the re-transcription's proposed text instead of the hand-edited one.

        The proposal becomes the segment's recognised text, as the segments she had not edited
        did: its model is the proposal's, and it is no longer hand-edited (a later re-transcription
        replaces it). The old word times and confidence described the old text and are dropped.
        """
        seg = self.segment(segment_id)
        if seg.proposed_text is None:
            return seg
        taken = replace(
            seg,
            text=seg.proposed_text,
            original_text=seg.proposed_text,
            confidence=None,
            words=(),
            model=seg.proposed_model,
            proposed_text=None,
            proposed_model=None,
        )
        with self._db.edit("accept_proposed", f"segment {segment_id}") as conn:
            write_segment(conn, taken)
        return self.segment(segment_id)

    def keep_own_text(self, segment_id: int) -> Segment:
        """Keep the hand-edited text and drop the re-transcription's proposal."""
        seg = self.segment(segment_id)
        with self._db.edit("keep_own_text", f"segment {segment_id}") as conn:
            write_segment(conn, replace(seg, proposed_text=None, proposed_model=None))
        return self.segment(segment_id)

    def merge_segments(self, first_id: int, second_id: int) -> Segment:
        """Join two segments into the earlier one (texts, words, tags and petition links)."""
        a, b = sorted((self.segment(first_id), self.segment(second_id)), key=lambda s: (s.start, s.id))
        if a.id == b.id:
            raise StoreError("segment_merge_self", f"segment {a.id} with itself", id=a.id)
        merged = merge(a, b)
        with self._db.edit("merge_segments", f"segments {a.id}+{b.id}") as conn:
            write_segment(conn, merged)
            move_links(conn, b.id, a.id)
            conn.execute("DELETE FROM segments WHERE id = ?", (b.id,))
        return self.segment(a.id)

    def split_segment(self, segment_id: int, at_char: int, at_time: float | None = None) -> tuple[Segment, Segment]:
        """Cut a segment at a character offset of its text; the time comes from the words if not given."""
        seg = self.segment(segment_id)
        first, second = split(seg, at_char, at_time)
        with self._db.edit("split_segment", f"segment {segment_id} at {at_char}") as conn:
            write_segment(conn, first)
            new_id = insert_segment(conn, second)
            conn.execute(
                "INSERT INTO petition_segments (petition_id, segment_id, part) "
                "SELECT petition_id, ?, part FROM petition_segments WHERE segment_id = ?",
                (new_id, segment_id),
            )
        return self.segment(segment_id), self.segment(new_id)

    def set_speaker(self, segment_ids: int | Iterable[int], participant_id: int | None) -> None:
        """Assign segments to a participant (None: unassigned)."""
        ids = [segment_ids] if isinstance(segment_ids, int) else list(segment_ids)
        for segment_id in ids:
            self.segment(segment_id)
        if participant_id is not None:
            self.participant(participant_id)
        with self._db.edit("set_speaker", f"segments {ids} -> {participant_id}") as conn:
            conn.executemany("UPDATE segments SET speaker_id = ? WHERE id = ?", [(participant_id, i) for i in ids])

    def set_speakers(self, assignments: Mapping[int, int | None]) -> None:
        """Assign many segments, each to its own participant, as one edit (one undo step)."""
        for segment_id, participant_id in assignments.items():
            self.segment(segment_id)
            if participant_id is not None:
                self.participant(participant_id)
        with self._db.edit("set_speakers", f"{len(assignments)} segments") as conn:
            conn.executemany("UPDATE segments SET speaker_id = ? WHERE id = ?", [(p, i) for i, p in assignments.items()])

    def tag(self, segment_id: int, tag: str, on: bool = True) -> Segment:
        """Set or clear a tag on a segment."""
        seg = self.segment(segment_id)
        tags = set(seg.tags) | {tag} if on else set(seg.tags) - {tag}
        with self._db.edit("tag", f"segment {segment_id} {'+' if on else '-'}{tag}") as conn:
            write_segment(conn, replace(seg, tags=tuple(sorted(tags))))
        return self.segment(segment_id)


def move_links(conn, from_id: int, to_id: int) -> None:
    """Move petition links from one segment to another (dropping duplicates)."""
    conn.execute(
        "DELETE FROM petition_segments WHERE segment_id = ? AND EXISTS (SELECT 1 FROM petition_segments AS o "
        "WHERE o.segment_id = ? AND o.petition_id = petition_segments.petition_id AND o.part = petition_segments.part)",
        (from_id, to_id),
    )
    conn.execute("UPDATE petition_segments SET segment_id = ? WHERE segment_id = ?", (to_id, from_id))
