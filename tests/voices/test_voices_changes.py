"""Speaker changes: between segments, inside one at a word boundary, and their scoring."""

from __future__ import annotations

import numpy as np

from voices.changes import (
    ChangeOptions,
    find_changes,
    match_changes,
    meeting_centre,
    one_known_voice,
    one_known_voice_many,
    split_inside,
    split_sides,
)
from voices.encoder import Partials, normalized
from voices.profiles import Suggester, VoiceProfile, VoiceSample, build_profile, suggest

RNG = np.random.default_rng(7)
COMMON = np.abs(RNG.standard_normal(256)).astype(np.float32) * 2
VOICE = {name: np.abs(RNG.standard_normal(256)).astype(np.float32) for name in "abc"}


def _emb(voice: str) -> np.ndarray:
    return normalized(COMMON + VOICE[voice] + 0.2 * np.abs(RNG.standard_normal(256)).astype(np.float32))


def _partials(voices: str, start: float = 0.0) -> Partials:
    """One window every 0.77 s, 1.6 s long, of the given voices in order."""
    starts = start + 0.77 * np.arange(len(voices))
    return Partials(np.stack([_emb(v) for v in voices]), starts, starts + 1.6, 0.77 * len(voices) + 0.83)


def test_centring_separates_voices_that_share_a_common_part():
    a1, a2, b = _emb("a"), _emb("a"), _emb("b")
    assert a1 @ b > 0.7  # raw cosine: everybody looks alike
    centre = meeting_centre([VoiceSample(e, 3.0) for e in (a1, a2, b, _emb("c"), _emb("b"), _emb("c"))])
    c = lambda v: normalized(v - centre)  # noqa: E731
    assert c(a1) @ c(a2) > 0.2 and c(a1) @ c(b) < 0.0


def test_split_inside_picks_the_word_boundary_where_the_voice_changes():
    partials = _partials("aaaaabbbbb")
    change_at = float(partials.starts[5])  # first window wholly of "b"
    # words every 0.4 s with short gaps; the new voice starts after the one long pause
    words = [(t, t + 0.3) for t in np.arange(0.0, change_at - 0.6, 0.4)]
    words += [(t, t + 0.3) for t in np.arange(change_at, 8.0, 0.4)]
    centre = meeting_centre([VoiceSample(_emb(v), 3) for v in "aabbcc"])
    found = split_inside(partials, words, centre)
    assert found is not None and found.inside and abs(found.at - change_at) < 0.01


def test_no_split_inside_one_voice():
    partials = _partials("aaaaaaaaaa")
    centre = meeting_centre([VoiceSample(_emb(v), 3) for v in "aabbcc"])
    assert split_inside(partials, [(t, t + 0.3) for t in (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0)], centre) is None


def test_changes_between_segments_and_a_short_segment_placed_at_the_longest_pause():
    voices = [("a", 0, 4, 3.0), ("a", 4.3, 8, 3.0), ("b", 10, 10.8, 0.6), ("b", 11, 15, 3.5), ("c", 16, 20, 3.5)]
    samples = [VoiceSample(_emb(v), sp) for v, _, _, sp in voices]
    centre = meeting_centre(samples)
    segments = [(s, e, sample, None, []) for (_, s, e, _), sample in zip(voices, samples)]
    found = find_changes(segments, centre)
    assert [c.at for c in found] == [10, 16]  # the short "b" segment after the 2 s pause starts the turn
    assert all(not c.inside for c in found)


def test_match_changes_within_one_second():
    assert match_changes([1.2, 5.0, 9.9], [1.0, 9.0, 20.0]) == (2, 1, 1)
    assert match_changes([1.0, 1.1], [1.0]) == (1, 1, 0)  # one true change matches once


def test_options_are_centred_thresholds():
    o = ChangeOptions()
    assert o.inside < o.between < 0.5


def _profile(voice: str, n: int = 3) -> VoiceProfile:
    return build_profile(voice, [VoiceSample(_emb(voice), 3.0) for _ in range(n)])


def _segments(voices: list[tuple[str, float, float, float]]) -> tuple[list, np.ndarray]:
    samples = [VoiceSample(_emb(v), sp) for v, _, _, sp in voices]
    rows = [(s, e, sample, None, []) for (_, s, e, _), sample in zip(voices, samples)]
    return rows, meeting_centre(samples + [VoiceSample(_emb(v), 3) for v in "aabbcc"])


def test_named_segments_change_exactly_when_their_names_differ():
    rows, centre = _segments([("a", 0, 4, 3.0), ("b", 5, 9, 3.0), ("b", 10, 14, 3.0)])
    profiles = {v: _profile(v) for v in "abc"}
    assert [c.at for c in find_changes(rows, centre)] == [5]
    # the secretary's names overrule the voices: "b" then "b" named a and a is no change; a then c is
    assert [c.at for c in find_changes(rows, centre, labels=["a", "a", "c"], profiles=profiles)] == [10]


def test_a_voice_nearer_another_profile_than_the_previous_speakers_is_a_change():
    rows, centre = _segments([("a", 0, 4, 3.0), ("b", 5, 9, 3.0)])
    lenient = ChangeOptions(between=-2.0)  # the voices alone never differ enough
    assert find_changes(rows, centre, lenient) == []
    found = find_changes(rows, centre, lenient, labels=["a", None], profiles={v: _profile(v) for v in "ab"})
    assert [c.at for c in found] == [5]


def test_short_unnamed_segments_are_skipped_only_once_there_are_profiles():
    rows, centre = _segments([("a", 0, 4, 3.0), ("b", 5, 6.5, 1.5), ("a", 8, 12, 3.0)])
    assert [c.at for c in find_changes(rows, centre)] == [5, 8]  # no profiles: the 1.5 s voice is compared
    profiles = {v: _profile(v) for v in "ab"}
    assert find_changes(rows, centre, labels=["a", None, "a"], profiles=profiles) == []
    # named (tagged or confidently suggested), it counts again
    assert [c.at for c in find_changes(rows, centre, labels=["a", "b", "a"], profiles=profiles)] == [5, 8]


def test_a_split_between_two_stretches_of_one_known_voice_is_dropped():
    partials = _partials("aaaaabbbbb")
    at = float(partials.starts[5])
    assert not one_known_voice(partials, at, {v: _profile(v) for v in "ab"})
    assert one_known_voice(_partials("aaaaaaaaaa"), at, {v: _profile(v) for v in "ab"})
    assert not one_known_voice(_partials("aaaaaaaaaa"), at, {})  # no profiles: nothing is dropped
    words = [(t, t + 0.3) for t in np.arange(0.0, 8.0, 0.4)]
    rows = [(0.0, 8.5, VoiceSample(partials.mean(), 8.0), partials, words)]
    centre = meeting_centre([VoiceSample(_emb(v), 3) for v in "aabbcc"])
    assert [c.inside for c in find_changes(rows, centre)] == [True]
    # the same split, when the profiles say both sides are one participant's: dropped
    sides = split_sides(partials, find_changes(rows, centre)[0].at)
    assert sides is not None
    same = {"x": build_profile("x", [VoiceSample(normalized(sides[0] + sides[1]), 8.0)] * 2)}
    assert one_known_voice_many([sides, None], same) == [True, False]
    assert find_changes(rows, centre, labels=[None], profiles=same) == []


def test_scoring_many_segments_at_once_equals_one_by_one():
    profiles = [_profile(v) for v in "abc"]
    samples = [VoiceSample(_emb(v), sp) for v, sp in zip("abcabcab", (3.0, 0.5, 2.0, 4.0, 1.0, 3.0, 2.5, 0.9))]
    suggester = Suggester(profiles)
    # exactly equal (not only nearly): the screens score new segments one by one, a full recompute all at once
    assert suggester.many(samples) == [suggester(s) for s in samples] == [suggest(s, profiles) for s in samples]
    assert [s.nearest for s in suggester.many(samples)] == list("abcabcab")
