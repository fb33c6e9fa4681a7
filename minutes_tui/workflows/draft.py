"""The minutes as the secretary drafts them: the store plus an in-memory copy the screens read.

Every action writes through the store at once; the copy is updated from what the store returns,
so a key press never reloads the whole meeting. No Textual here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from minutes_tui.meeting import MeetingStore, Note, Outcome, OutcomeKind, Participant, Petition, Segment, Tag
from minutes_tui.meeting.replacing import occurrences

if TYPE_CHECKING:
    from transcribe.decoding import RecognisedSegment

#: Segment tags the app sets, by the secretary's action.
ACTION_TAGS = {
    "petition": Tag.QUESTION.value,
    "answer": Tag.ANSWER.value,
    "promise": Tag.PROMISE.value,
    "transfer": "transfer",
    "off_topic": "off_topic",
}
#: What an action says about the petition's outcome.
ACTION_OUTCOMES = {
    "answer": OutcomeKind.ANSWERED,
    "promise": OutcomeKind.PROMISED,
    "transfer": OutcomeKind.TRANSFERRED,
    "off_topic": OutcomeKind.OFF_TOPIC,
}


class MinutesDraft:
    """One open meeting: segments, participants and petitions by id, kept in step with the store."""

    def __init__(self, store: MeetingStore) -> None:
        self.store = store
        self.reload()

    def reload(self) -> None:
        """Read everything again (after undo, redo, merge, split or re-transcription)."""
        record = self.store.load()
        self.meeting = record.meeting
        self.segments: dict[int, Segment] = {s.id: s for s in record.segments}
        self.order: list[int] = [s.id for s in record.segments]
        self.participants: list[Participant] = list(record.participants)
        self.petitions: dict[int, Petition] = {p.id: p for p in record.petitions}
        self.notes: list[Note] = list(record.notes)

    # reading
    def participant(self, participant_id: int | None) -> Participant | None:
        """A participant by id."""
        return next((p for p in self.participants if p.id == participant_id), None)

    def petition_number(self, petition_id: int) -> int:
        """1-based number of a petition in the order raised."""
        return list(self.petitions).index(petition_id) + 1

    def petition_raised_in(self, segment_id: int) -> Petition | None:
        """The petition this segment states."""
        return next((p for p in self.petitions.values() if segment_id in p.segment_ids), None)

    def petition_answered_in(self, segment_id: int) -> Petition | None:
        """The petition whose outcome this segment gives."""
        return next((p for p in self.petitions.values() if p.outcome and segment_id in p.outcome.segment_ids), None)

    def petition_before(self, segment_id: int) -> Petition | None:
        """The latest petition raised before (or in) this segment: what an answer most likely answers."""
        position = {sid: i for i, sid in enumerate(self.order)}
        here = position.get(segment_id, len(self.order))
        best: tuple[int, Petition] | None = None
        for p in self.petitions.values():
            starts = [position[s] for s in p.segment_ids if s in position]
            if starts and min(starts) <= here and (best is None or min(starts) >= best[0]):
                best = (min(starts), p)
        return best[1] if best else None

    # the recogniser's output
    def add_recognised(self, segment: RecognisedSegment, model: str) -> Segment:
        """Store a final segment that the recogniser's ``model`` wrote."""
        stored = self.store.add_recognised(segment, model)
        self.segments[stored.id] = stored
        self.order.append(stored.id)
        return stored

    # the secretary's actions
    def add_participant(self, name: str, role: str = "", group: str = "") -> Participant:
        """Add someone to the roster (a new name typed during the meeting)."""
        person = self.store.add_participant(name.strip(), role, group)
        self.participants.append(person)
        return person

    def set_speaker(self, segment_id: int, participant_id: int | None) -> Segment:
        """Say who speaks in a segment; a petition raised there gets the same person (one undo step)."""
        with self.store.one_edit("set_speaker", f"segment {segment_id} -> {participant_id}"):
            self.store.set_speaker(segment_id, participant_id)
            petition = self.petition_raised_in(segment_id)
            if petition is not None and petition.raised_by != participant_id:
                self.petitions[petition.id] = self.store.update_petition(petition.id, raised_by=participant_id)
        return self._refresh(segment_id)

    def set_speakers(self, assignments: Mapping[int, int | None]) -> None:
        """Name the speakers of several segments at once (accepting voice suggestions): one undo step,
        each segment as if named alone (a petition raised there gets the same person)."""
        with self.store.one_edit("set_speakers", f"{len(assignments)} segments"):
            for segment_id, participant_id in assignments.items():
                self.set_speaker(segment_id, participant_id)

    def set_new_speaker(self, segment_id: int, name: str) -> Segment:
        """Add a name to the roster and make it the segment's speaker (one undo step)."""
        with self.store.one_edit("add_participant", name.strip()):
            person = self.add_participant(name)
            return self.set_speaker(segment_id, person.id)

    def outcome_target(self, segment_id: int, petition_id: int | None = None) -> Petition | None:
        """The petition an answer, promise, transfer or off-topic mark on this segment decides."""
        return (
            (self.petitions.get(petition_id) if petition_id is not None else None)
            or self.petition_answered_in(segment_id)
            or self.petition_before(segment_id)
        )

    def outcome_replaced(self, segment_id: int, action: str) -> Petition | None:
        """The petition whose decided outcome this mark would change into another kind (ask first)."""
        if action == "petition" or ACTION_TAGS[action] in self.segments[segment_id].tags:
            return None
        petition = self.outcome_target(segment_id)
        if petition is None or petition.outcome is None or petition.outcome.kind is ACTION_OUTCOMES[action]:
            return None
        return petition

    def mark(self, segment_id: int, action: str, petition_id: int | None = None, agency: str | None = None) -> Petition | None:
        """Tag a segment (petition, answer, promise, transfer, off-topic); pressing again clears it.

        ``agency``: the body a transfer goes to. One undo step.
        """
        segment = self.segments[segment_id]
        tag = ACTION_TAGS[action]
        clearing = tag in segment.tags
        with self.store.one_edit("tag", f"segment {segment_id} {'-' if clearing else '+'}{tag}"):
            if action == "petition":
                petition = self._mark_petition(segment, clearing)
            else:
                petition = self._mark_outcome(segment, action, clearing, petition_id, agency)
            self.store.tag(segment_id, tag, on=not clearing)
        self._refresh(segment_id)
        return petition

    def _mark_petition(self, segment: Segment, clearing: bool) -> Petition | None:
        existing = self.petition_raised_in(segment.id)
        if clearing:
            if existing is not None:
                self.store.delete_petition(existing.id)
                del self.petitions[existing.id]
            return None
        if existing is not None:
            return existing
        petition = self.store.add_petition(
            segment.text, raised_by=segment.speaker_id, segment_ids=[segment.id], text_follows=True
        )
        self.petitions[petition.id] = petition
        return petition

    def _mark_outcome(
        self, segment: Segment, action: str, clearing: bool, petition_id: int | None, agency: str | None = None
    ) -> Petition | None:
        petition = self.outcome_target(segment.id, petition_id)
        if petition is None and action == "off_topic" and not clearing:
            petition = self._mark_petition(segment, False)  # an off-topic opinion is received as one
        if clearing and action == "off_topic" and Tag.QUESTION.value not in segment.tags:
            raised = self.petition_raised_in(segment.id)
            if raised is not None and raised.outcome is not None and not raised.outcome.segment_ids:
                return self._mark_petition(segment, True)  # it was only an off-topic opinion
        if petition is None:
            return None
        if clearing:
            updated = self.store.set_outcome(petition.id, None)
        else:
            own = segment.id in petition.segment_ids  # an off-topic petition is marked on itself
            old = petition.outcome
            written = old is not None and not old.answer_follows  # an answer she wrote herself stays hers
            kind = ACTION_OUTCOMES[action]
            # an off-topic opinion is answered in writing: no deadline unless she gives one (r)
            dated = kind is not OutcomeKind.OFF_TOPIC
            outcome = Outcome(
                kind=kind,
                answer=old.answer if old and (own or written) else "",
                answer_follows=not own and not written,
                answered_by=None if own else segment.speaker_id,
                responsible=old.responsible if old else "",
                agency=agency if agency is not None else (old.agency if old else ""),
                deadline=old.deadline if old and dated else None,
                segment_ids=() if own else tuple(dict.fromkeys((*(old.segment_ids if old else ()), segment.id))),
            )
            updated = self.store.set_outcome(petition.id, outcome)
            for other in {ACTION_TAGS[a] for a in ACTION_OUTCOMES} - {ACTION_TAGS[action]}:
                if other in segment.tags:  # one outcome per segment: the badge must say the new one
                    self.store.tag(segment.id, other, on=False)
        self.petitions[petition.id] = updated
        return updated

    def link(self, segment_id: int, petition_id: int) -> Petition:
        """Make this segment's outcome belong to another petition (a later answer to an earlier question)."""
        current = self.petition_answered_in(segment_id)
        kind = current.outcome.kind if current and current.outcome else OutcomeKind.ANSWERED
        with self.store.one_edit("link", f"segment {segment_id} -> petition {petition_id}"):
            if current is not None and current.outcome is not None and current.id != petition_id:
                rest = tuple(s for s in current.outcome.segment_ids if s != segment_id)
                self.petitions[current.id] = self.store.set_outcome(
                    current.id, replace(current.outcome, segment_ids=rest) if rest else None
                )
            action = next(a for a, k in ACTION_OUTCOMES.items() if k is kind)
            petition = self._mark_outcome(self.segments[segment_id], action, False, petition_id)
            if ACTION_TAGS[action] not in self.segments[segment_id].tags:
                self.store.tag(segment_id, ACTION_TAGS[action], on=True)
        self._refresh(segment_id)
        return petition or self.petitions[petition_id]

    def set_follow_up(self, petition_id: int, responsible: str, deadline) -> Petition:
        """Who must resolve a petition, and by when."""
        petition = self.petitions[petition_id]
        outcome = petition.outcome or Outcome(kind=OutcomeKind.PROMISED)
        changes = {"deadline": deadline}
        changes["agency" if outcome.kind is OutcomeKind.TRANSFERRED else "responsible"] = responsible
        self.petitions[petition_id] = self.store.set_outcome(petition_id, replace(outcome, **changes))
        return self.petitions[petition_id]

    def edit_text(self, segment_id: int, text: str) -> Segment:
        """Correct a segment's text; petitions and answers that follow it say the correction too."""
        self.store.edit_text(segment_id, text)
        self._refresh_petitions()
        return self._refresh(segment_id)

    def settle_proposed(self, segment_id: int, accept: bool) -> Segment:
        """Take the re-transcription's proposed text (``accept``) or keep her hand edit; one undo step."""
        if accept:
            self.store.accept_proposed(segment_id)
        else:
            self.store.keep_own_text(segment_id)
        self._refresh_petitions()
        return self._refresh(segment_id)

    def edit_petition(self, petition_id: int, text: str | None = None, answer: str | None = None) -> Petition:
        """Write a petition's text or its answer herself (one undo step); None leaves it as it is.

        An empty text makes it follow its segments again.
        """
        petition = self.petitions[petition_id]
        with self.store.one_edit("update_petition", f"petition {petition_id}"):
            if text is not None:
                self.store.update_petition(petition_id, text=text.strip(), text_follows=not text.strip())
            if answer is not None and petition.outcome is not None:
                follows = not answer.strip() and bool(petition.outcome.segment_ids)
                self.store.set_outcome(petition_id, replace(petition.outcome, answer=answer.strip(), answer_follows=follows))
        self.petitions[petition_id] = self.store.petition(petition_id)
        return self.petitions[petition_id]

    def _refresh_petitions(self) -> None:
        self.petitions = {p.id: p for p in self.store.petitions()}

    def find(self, find: str) -> dict[int, int]:
        """Where ``find`` occurs: occurrences by segment id, in time order."""
        found = {s.id: occurrences(s.text, find) for s in self.segments_in_order()}
        return {sid: n for sid, n in found.items() if n}

    def own_texts_with(self, find: str) -> list[int]:
        """Petitions whose text or answer she wrote herself holds ``find``: the minutes print those
        texts, and a replace in the transcript does not reach them (texts that follow their segments
        follow the replace by themselves)."""
        return [
            p.id
            for p in self.petitions.values()
            if (not p.text_follows and occurrences(p.text, find))
            or (p.outcome is not None and not p.outcome.answer_follows and occurrences(p.outcome.answer, find))
        ]

    def replace_all(self, find: str, new: str, petitions: bool = False) -> list[int]:
        """Replace ``find`` by ``new`` in every segment's text and, with ``petitions``, in the petition
        texts and answers she wrote herself (all in one undo step); the ids of the segments changed."""
        changed = list(self.find(find))
        own = self.own_texts_with(find) if petitions else []
        if changed or own:
            with self.store.one_edit("replace_all", f"{find} -> {new}"):
                for sid in changed:
                    self.store.replace_phrase(sid, find, new)
                for pid in own:
                    self._replace_in_petition(self.petitions[pid], find, new)
            for sid in changed:
                self._refresh(sid)
            self._refresh_petitions()
        return changed

    def _replace_in_petition(self, petition: Petition, find: str, new: str) -> None:
        def replaced(text: str) -> str:
            return " ".join(text.replace(find, new).split())

        if not petition.text_follows and occurrences(petition.text, find):
            self.store.update_petition(petition.id, text=replaced(petition.text), text_follows=False)
        outcome = petition.outcome
        if outcome is not None and not outcome.answer_follows and occurrences(outcome.answer, find):
            self.store.set_outcome(petition.id, replace(outcome, answer=replaced(outcome.answer)))

    # merge and split
    def next_segment(self, segment_id: int) -> int | None:
        """The segment after this one, if any."""
        at = self.order.index(segment_id)
        return self.order[at + 1] if at + 1 < len(self.order) else None

    def merge_differences(self, first_id: int, second_id: int) -> list[str]:
        """What a merge would blur: "speaker" when the two speakers differ, "tags" when their marks differ."""
        a, b = self.segments[first_id], self.segments[second_id]
        found = []
        if a.speaker_id != b.speaker_id and b.speaker_id is not None:
            found.append("speaker")
        marks = [(self.petition_raised_in(s.id), self.petition_answered_in(s.id), set(s.tags)) for s in (a, b)]
        if b.tags and marks[0] != marks[1]:
            found.append("tags")
        return found

    def merge(self, first_id: int, second_id: int) -> Segment:
        """Join two segments into the earlier one (one undo step)."""
        merged = self.store.merge_segments(first_id, second_id)
        self.reload()
        return merged

    def split(self, segment_id: int, at_char: int, keeps: str = "both") -> tuple[Segment, Segment]:
        """Cut a segment; ``keeps`` ("both", "first", "second"): which half keeps speaker, tags and links.

        One undo step.
        """
        with self.store.one_edit("split_segment", f"segment {segment_id} at {at_char} keeps {keeps}"):
            first, second = self.store.split_segment(segment_id, at_char)
            if keeps != "both":
                self._strip(second if keeps == "first" else first)
        self.reload()
        return self.segments[first.id], self.segments[second.id]

    def _strip(self, segment: Segment) -> None:
        """Take speaker, tags and petition links off one half of a split."""
        self.store.set_speaker(segment.id, None)
        for tag in segment.tags:
            self.store.tag(segment.id, tag, on=False)
        for p in self.store.petitions():
            if segment.id in p.segment_ids:
                self.store.update_petition(p.id, segment_ids=[s for s in p.segment_ids if s != segment.id])
            if p.outcome is not None and segment.id in p.outcome.segment_ids:
                rest = tuple(s for s in p.outcome.segment_ids if s != segment.id)
                self.store.set_outcome(p.id, replace(p.outcome, segment_ids=rest))

    def add_note(self, text: str, time: float | None) -> Note:
        """Write a note pinned to a moment of the meeting."""
        note = self.store.add_note(text, time)
        self.notes.append(note)
        return note

    def notes_in(self, segment: Segment) -> list[Note]:
        """The notes pinned inside a segment's time."""
        return [n for n in self.notes if n.time is not None and segment.start <= n.time < max(segment.end, segment.start + 1e-6)]

    def _refresh(self, segment_id: int) -> Segment:
        self.segments[segment_id] = self.store.segment(segment_id)
        return self.segments[segment_id]

    def segments_in_order(self) -> Sequence[Segment]:
        """The transcript in time order."""
        return [self.segments[i] for i in self.order]
