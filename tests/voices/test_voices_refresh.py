"""The screens' voice refresh (``VoiceRefresher``): only what changed is embedded and scored, and
the result equals a full recompute — after new segments, tags, a changed tag, a segment split
in two, a forgotten participant and a kept voice."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from minutes_tui.meeting.known_voices import KnownVoices
from minutes_tui.meeting.model import Meeting, MeetingRecord, Participant, Segment, SegmentWord
from minutes_tui.meeting.voiceprints import Voiceprints
from minutes_tui.workflows.voices import (
    VoiceRefresher,
    inside_splits,
    meeting_profiles,
    proposed_splits,
    suggest_speakers,
)
from voices.encoder import Partials, normalized

RATE = 16000
STEP = 0.77
RNG = np.random.default_rng(3)
COMMON = np.abs(RNG.standard_normal(256)).astype(np.float32) * 2
VOICES = {k: np.abs(RNG.standard_normal(256)).astype(np.float32) for k in range(1, 5)}


class FakeEncoder:
    """Partial windows every 0.77 s whose voice is the audio's value there (1-4)."""

    def __init__(self) -> None:
        self.calls = 0

    def partials(self, audio: np.ndarray) -> Partials:
        self.calls += 1
        n = max(1, int(len(audio) / RATE / STEP) - 1)
        rng = np.random.default_rng(int(audio.sum()) % 10_000)
        emb = [
            normalized(COMMON + VOICES[int(audio[int(k * STEP * RATE)])] + 0.3 * np.abs(rng.standard_normal(256)))
            for k in range(n)
        ]
        starts = STEP * np.arange(n)
        return Partials(np.stack(emb).astype(np.float32), starts, starts + 1.6, len(audio) / RATE - 0.3)


def _segment(i: int, start: float, voices: str, speaker: int | None = None) -> Segment:
    end = start + STEP * len(voices) + 0.8
    words = tuple(SegmentWord(start + k * 0.5, start + k * 0.5 + 0.4, f" w{k}", 0.9) for k in range(int((end - start) / 0.5)))
    return Segment(start, end, "…", speaker_id=speaker, words=words, id=i)


def _audio(segments: list[tuple[Segment, str]]):
    spans = [(s.start, s.end, voices) for s, voices in segments]

    def cut(a: float, b: float) -> np.ndarray:
        for start, _, voices in spans:
            if abs(start - a) < 1e-6:
                codes = [int(v) for v in voices] + [int(voices[-1])]
                out = np.repeat(np.array(codes, np.float32), int(STEP * RATE) + 1)
                return out[: int((b - a) * RATE)] + np.float32(start * 1e-3)
        return np.zeros(int((b - a) * RATE), np.float32)

    return cut


def test_the_follower_equals_a_full_recompute_step_by_step(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    people = (
        Participant("Chủ tọa", "Chủ tịch UBND", id=1),
        Participant("Cư dân", "", "Tổ 3", id=2),
        Participant("Công an", "Trưởng CA", id=3),
    )
    meeting = Meeting(title="x")
    voices = "1111 2222 3333 1111 2222 1111 3333 11112222 2222 1111 3333 2222 1111 2222 3333 1111".split()
    # tags the secretary gives as the meeting goes: two per voice early, one changed later
    tags = {0: 1, 1: 2, 2: 3, 3: 1, 4: 2, 6: 3}
    segs: list[tuple[Segment, str]] = []
    t = 0.0
    for i, v in enumerate(voices):
        segs.append((_segment(i + 1, t, v), v))
        t = segs[-1][0].end + 1.0
    known = KnownVoices(tmp_path / "known.sqlite")
    follower, encoder = VoiceRefresher(), FakeEncoder()
    cut = _audio(segs)
    judged: dict = {}

    def check(record: MeetingRecord) -> None:
        nonlocal judged
        with Voiceprints(folder) as prints:
            got = follower.refresh(record, prints, encoder, cut, known)
        assert got is not None
        suggestions, splits = got
        with Voiceprints(folder) as prints:  # the full recompute, on a freshly opened file
            assert suggestions == suggest_speakers(record, prints, known)
            spans = {s.id: (s.start, s.end) for s in record.segments}
            samples = prints.samples(spans)
            judged = inside_splits(record, prints, judged)
            assert follower.judged == judged
            profiles = meeting_profiles(record, samples, prints.forgotten(), known)
            assert splits == proposed_splits(judged, prints.partials(spans), profiles)

    record_segments: list[Segment] = []
    for k, (seg, _) in enumerate(segs):  # one refresh per new final segment
        record_segments.append(seg)
        if k in tags:
            record_segments[k] = replace(seg, speaker_id=tags[k])
        if k == 8:  # tags arriving later: segments 5 and 6 named now
            record_segments[5] = replace(record_segments[5], speaker_id=1)
        check(MeetingRecord(meeting, people, tuple(record_segments)))
    assert encoder.calls == len(segs)  # each segment embedded once
    assert any(s.participant_id for s in follower.suggestions.values())
    assert follower.splits  # the segment of voices 1 then 2 ("11112222")

    # a tag changed, and accepted suggestions
    record_segments[1] = replace(record_segments[1], speaker_id=3)
    for i, s in enumerate(record_segments):
        g = follower.suggestions.get(s.id)
        if s.speaker_id is None and g is not None and g.participant_id is not None and i % 2:
            record_segments[i] = replace(s, speaker_id=g.participant_id)
    check(MeetingRecord(meeting, people, tuple(record_segments)))

    # the two-voice segment split in two (new ids and spans), a segment deleted
    two = next(i for i, (_, v) in enumerate(segs) if v == "11112222")
    old = record_segments[two]
    half = old.start + (old.end - old.start) / 2
    first, second = replace(old, end=half, id=100), replace(old, start=half, id=101)
    segs += [(first, "1111"), (second, "2222")]
    cut = _audio(segs)
    record_segments[two : two + 1] = [first, second]
    del record_segments[3]
    check(MeetingRecord(meeting, people, tuple(record_segments)))

    # a participant's voice forgotten (by another window: her voiceprints are erased there)
    with Voiceprints(folder) as prints:
        prints.forget(3, [s.id for s in record_segments if s.speaker_id == 3])
    check(MeetingRecord(meeting, people, tuple(record_segments)))
    assert all(s.nearest_id != 3 for s in follower.suggestions.values())

    # a tag changed and a new segment, but the refresh is cancelled while embedding: the next one
    # still rebuilds the profiles
    record_segments[0] = replace(record_segments[0], speaker_id=2)
    late = _segment(200, segs[-1][0].end + 30.0, "3333")
    segs.append((late, "3333"))
    cut = _audio(segs)
    record_segments.append(late)
    with Voiceprints(folder) as prints:
        assert (
            follower.refresh(MeetingRecord(meeting, people, tuple(record_segments)), prints, encoder, cut, known, lambda: True)
            is None
        )
    check(MeetingRecord(meeting, people, tuple(record_segments)))

    # a refresh with nothing new embeds nothing and gives the same
    calls = encoder.calls
    check(MeetingRecord(meeting, people, tuple(record_segments)))
    assert encoder.calls == calls
    known.close()


def test_a_cancelled_refresh_is_taken_up_by_the_next(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    segs = [(_segment(i + 1, i * 5.0, v), v) for i, v in enumerate(["1111", "2222", "1111"])]
    record = MeetingRecord(Meeting(title="x"), (), tuple(s for s, _ in segs))
    follower, encoder = VoiceRefresher(), FakeEncoder()
    with Voiceprints(folder) as prints:
        assert follower.refresh(record, prints, encoder, _audio(segs), cancelled=lambda: True) is None
        assert encoder.calls == 0
        got = follower.refresh(record, prints, encoder, _audio(segs))
    assert got is not None and encoder.calls == 3
    with Voiceprints(folder) as prints:
        assert follower.judged == inside_splits(record, prints)
