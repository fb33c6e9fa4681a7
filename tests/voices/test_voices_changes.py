"""Speaker changes: between segments, inside one at a word boundary, and their scoring."""

from __future__ import annotations

import numpy as np

from voices.changes import ChangeOptions, find_changes, match_changes, meeting_centre, split_inside
from voices.encoder import Partials, normalized
from voices.profiles import VoiceSample

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
