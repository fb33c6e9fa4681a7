"""Random sequences of edits, tags, undo and redo leave the store equal to a simple in-memory model.

The model keeps every entity (segment, participant, petition, note) in a dict. An edit is the
difference it makes to those entities; undo puts the old values back and redo the new ones.
Recogniser segments are added outside undo. Reopening the store must give the same state.
"""

from __future__ import annotations

from dataclasses import replace

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from store_samples import MEETING

from minutes_tui.meeting import MeetingStore, Note, Outcome, OutcomeKind, Participant, Segment, SegmentWord
from minutes_tui.meeting.errors import StoreError
from minutes_tui.meeting.splicing import merge, split

texts = st.text(alphabet="aăâbcdđeêgiklmnoôơpqrstuưvxyàảãáạ ", min_size=1, max_size=20).filter(str.strip)
tags = st.sampled_from(["question", "answer", "promise", "important"])
kinds = st.sampled_from(list(OutcomeKind))


class Model:
    """The expected state: entities by key, an undo stack and a redo stack of diffs."""

    def __init__(self) -> None:
        self.things: dict[tuple[str, int], object] = {}
        self.next_id = {"segment": 1, "participant": 1, "petition": 1, "note": 1}
        self.undo: list[dict] = []
        self.redo: list[dict] = []

    def new_id(self, kind: str) -> int:
        self.next_id[kind] += 1
        return self.next_id[kind] - 1

    def of(self, kind: str) -> dict[int, object]:
        return {k[1]: v for k, v in self.things.items() if k[0] == kind}

    def apply(self, changes: dict[tuple[str, int], object | None], undoable: bool = True) -> None:
        diff = {k: (self.things.get(k), v) for k, v in changes.items() if self.things.get(k) != v}
        self._set({k: new for k, (_, new) in diff.items()})
        if undoable and diff:
            self.undo.append(diff)
            self.redo.clear()

    def step(self, undo: bool) -> None:
        source, target = (self.undo, self.redo) if undo else (self.redo, self.undo)
        if source:
            diff = source.pop()
            self._set({k: (old if undo else new) for k, (old, new) in diff.items()})
            target.append(diff)

    def _set(self, values: dict) -> None:
        for k, v in values.items():
            if v is None:
                self.things.pop(k, None)
            else:
                self.things[k] = v


class StoreMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.tmp = tempfile.TemporaryDirectory()
        self.store = MeetingStore.create(self.tmp.name + "/m", MEETING)
        self.model = Model()
        self.model.things[("meeting", 1)] = MEETING
        self.clock = 0.0

    def teardown(self) -> None:
        self.store.close()
        self.tmp.cleanup()

    def segments(self) -> dict[int, Segment]:
        return self.model.of("segment")

    # the recogniser
    @rule(text=texts, length=st.floats(0.5, 5.0), words=st.booleans())
    def add_segment(self, text, length, words):
        start, end = self.clock, self.clock + length
        self.clock = end
        ws = (
            tuple(SegmentWord(start + i * 0.1, start + i * 0.1 + 0.1, " " + w, 0.9) for i, w in enumerate(text.split()))
            if words
            else ()
        )
        got = self.store.add_segment(start, end, text.strip(), 0.5, ws)
        seg = Segment(start, end, text.strip(), text.strip(), None, 0.5, ws, id=self.model.new_id("segment"))
        assert got == seg
        self.model.apply({("segment", seg.id): seg}, undoable=False)

    # the secretary
    @precondition(lambda self: self.segments())
    @rule(data=st.data(), text=texts)
    def edit_text(self, data, text):
        seg = data.draw(st.sampled_from(sorted(self.segments().values(), key=lambda s: s.id)))
        self.store.edit_text(seg.id, text)
        self.model.apply({("segment", seg.id): _norm(replace(seg, text=text.strip()))})

    @precondition(lambda self: self.segments())
    @rule(data=st.data(), tag=tags, on=st.booleans())
    def tag(self, data, tag, on):
        seg = data.draw(st.sampled_from(sorted(self.segments().values(), key=lambda s: s.id)))
        self.store.tag(seg.id, tag, on)
        new = set(seg.tags) | {tag} if on else set(seg.tags) - {tag}
        self.model.apply({("segment", seg.id): replace(seg, tags=tuple(sorted(new)))})

    @precondition(lambda self: self.segments())
    @rule(data=st.data())
    def set_speaker(self, data):
        seg = data.draw(st.sampled_from(sorted(self.segments().values(), key=lambda s: s.id)))
        who = data.draw(st.sampled_from([None, *sorted(self.model.of("participant"))]))
        self.store.set_speaker(seg.id, who)
        self.model.apply({("segment", seg.id): replace(seg, speaker_id=who)})

    @precondition(lambda self: len(self.segments()) >= 2)
    @rule(data=st.data())
    def merge(self, data):
        a, b = data.draw(st.lists(st.sampled_from(sorted(self.segments())), min_size=2, max_size=2, unique=True))
        first, second = sorted((self.segments()[a], self.segments()[b]), key=lambda s: (s.start, s.id))
        self.store.merge_segments(a, b)
        changes = {("segment", first.id): _norm(merge(first, second)), ("segment", second.id): None}
        for pid, pet in self.model.of("petition").items():
            if second.id in pet["links"] | pet["answers"]:
                changes[("petition", pid)] = {
                    **pet,
                    "links": _moved(pet["links"], second.id, first.id),
                    "answers": _moved(pet["answers"], second.id, first.id),
                }
        self.model.apply(changes)

    @precondition(lambda self: self.segments())
    @rule(data=st.data(), where=st.floats(0, 1))
    def split(self, data, where):
        seg = data.draw(st.sampled_from(sorted(self.segments().values(), key=lambda s: s.id)))
        at = int(where * len(seg.text))
        try:
            first, second = split(seg, at, None)
        except StoreError:
            try:
                self.store.split_segment(seg.id, at)
            except StoreError as exc:
                assert exc.code == "segment_bad_split"
                return
            raise AssertionError("store split what the model refuses") from None
        _a, b = self.store.split_segment(seg.id, at)
        second = replace(second, id=self.model.new_id("segment"))
        assert b.id == second.id
        changes = {("segment", seg.id): _norm(first), ("segment", second.id): _norm(second)}
        for pid, pet in self.model.of("petition").items():
            if seg.id in pet["links"] | pet["answers"]:
                changes[("petition", pid)] = {
                    **pet,
                    "links": _copied(pet["links"], seg.id, second.id),
                    "answers": _copied(pet["answers"], seg.id, second.id),
                }
        self.model.apply(changes)

    @rule(name=texts, anonymous=st.booleans())
    def add_participant(self, name, anonymous):
        got = self.store.add_participant(name, group="Tổ dân phố 3", anonymous=anonymous)
        p = Participant(name, "", "Tổ dân phố 3", anonymous, self.model.new_id("participant"))
        assert got == p
        self.model.apply({("participant", p.id): p})

    @rule(data=st.data(), text=texts)
    def add_petition(self, data, text):
        links = data.draw(st.sets(st.sampled_from(sorted(self.segments()) or [0]), max_size=2)) - {0}
        got = self.store.add_petition(text, segment_ids=sorted(links))
        pid = self.model.new_id("petition")
        assert got.id == pid
        self.model.apply({("petition", pid): {"text": text, "links": frozenset(links), "outcome": None, "answers": frozenset()}})

    @precondition(lambda self: self.model.of("petition"))
    @rule(data=st.data(), kind=st.one_of(st.none(), kinds))
    def set_outcome(self, data, kind):
        pid = data.draw(st.sampled_from(sorted(self.model.of("petition"))))
        pet = self.model.of("petition")[pid]
        answers = frozenset(data.draw(st.sets(st.sampled_from(sorted(self.segments()) or [0]), max_size=2)) - {0})
        outcome = (
            None if kind is None else Outcome(kind, answer="trả lời", responsible="Địa chính", segment_ids=tuple(sorted(answers)))
        )
        self.store.set_outcome(pid, outcome)
        if outcome is not None and kind is OutcomeKind.PROMISED:
            outcome = replace(outcome, deadline=MEETING.default_deadline())
        kept = replace(outcome, segment_ids=()) if outcome else None
        self.model.apply({("petition", pid): {**pet, "outcome": kept, "answers": answers if outcome else frozenset()}})

    @precondition(lambda self: self.model.of("participant"))
    @rule(data=st.data(), anonymous=st.booleans())
    def update_participant(self, data, anonymous):
        p = data.draw(st.sampled_from(sorted(self.model.of("participant").values(), key=lambda p: p.id)))
        self.store.update_participant(p.id, anonymous=anonymous)
        self.model.apply({("participant", p.id): replace(p, anonymous=anonymous)})

    @precondition(lambda self: self.model.of("petition"))
    @rule(data=st.data())
    def delete_petition(self, data):
        pid = data.draw(st.sampled_from(sorted(self.model.of("petition"))))
        self.store.delete_petition(pid)
        self.model.apply({("petition", pid): None})

    @rule(title=texts)
    def update_meeting(self, title):
        self.store.update_meeting(title=title)
        self.model.apply({("meeting", 1): replace(MEETING, title=title)})

    @rule(text=texts)
    def add_note(self, text):
        got = self.store.add_note(text, 1.5)
        note = Note(text, 1.5, self.model.new_id("note"))
        assert got == note
        self.model.apply({("note", note.id): note})

    @rule()
    def undo(self):
        edit = self.store.undo()
        assert (edit is not None) == bool(self.model.undo)
        self.model.step(undo=True)

    @rule()
    def redo(self):
        edit = self.store.redo()
        assert (edit is not None) == bool(self.model.redo)
        self.model.step(undo=False)

    @rule()
    def reopen(self):
        self.store.close()
        self.store = MeetingStore.open(self.tmp.name + "/m")

    @invariant()
    def same_as_model(self):
        record = self.store.load()
        assert record.meeting == self.model.things[("meeting", 1)]
        order = {s.id: (s.start, s.id) for s in record.segments}
        assert {s.id: s for s in record.segments} == self.segments()
        assert {p.id: p for p in record.participants} == self.model.of("participant")
        assert {n.id: n for n in record.notes} == self.model.of("note")
        expected = {}
        for pid, pet in self.model.of("petition").items():
            outcome = pet["outcome"]
            if outcome is not None:
                outcome = replace(outcome, segment_ids=tuple(sorted(pet["answers"], key=order.__getitem__)))
            expected[pid] = (pet["text"], tuple(sorted(pet["links"], key=order.__getitem__)), outcome)
        assert {p.id: (p.text, p.segment_ids, p.outcome) for p in record.petitions} == expected
        assert self.store.can_undo() == bool(self.model.undo)
        assert self.store.can_redo() == bool(self.model.redo)


def _norm(seg: Segment) -> Segment:
    return replace(seg, edited=seg.text != seg.original_text)


def _moved(ids: frozenset, old: int, new: int) -> frozenset:
    return frozenset(new if i == old else i for i in ids)


def _copied(ids: frozenset, old: int, new: int) -> frozenset:
    return ids | {new} if old in ids else ids


StoreMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_store_matches_model = StoreMachine.TestCase
