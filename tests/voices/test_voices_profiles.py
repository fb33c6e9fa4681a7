"""Profiles, suggestions and abstentions on made-up embeddings."""

from __future__ import annotations

import numpy as np
import pytest

from bienban_bench.speakers import equal_error_rate
from voices.encoder import normalized
from voices.profiles import SuggestOptions, VoiceSample, build_profile, build_profiles, suggest


def _unit(*values: float) -> np.ndarray:
    v = np.zeros(256, np.float32)
    v[: len(values)] = values
    return normalized(v)


A, B = _unit(1, 0, 0), _unit(0, 1, 0)


def test_a_profile_is_ready_with_two_segments_or_four_seconds():
    assert not build_profile("an", [VoiceSample(A, 3.0)]).ready
    assert build_profile("an", [VoiceSample(A, 1.0), VoiceSample(A, 1.0)]).ready
    assert build_profile("an", [VoiceSample(A, 4.0)]).ready


def test_profile_is_the_unit_mean_of_its_segments():
    p = build_profile("an", [VoiceSample(_unit(1, 0), 2.0), VoiceSample(_unit(0, 1), 2.0)])
    np.testing.assert_allclose(p.embedding[:2], [2**-0.5, 2**-0.5], rtol=1e-6)
    assert p.segments == 2 and p.speech_s == 4.0


def test_suggests_the_nearest_ready_profile():
    profiles = build_profiles([("an", VoiceSample(A, 5)), ("binh", VoiceSample(B, 5))])
    s = suggest(VoiceSample(_unit(1, 0.1), 2.0), profiles.values())
    assert s.speaker == "an" and s.confident and s.score > 0.99 and s.margin > 0.5


def test_abstains_when_too_close_to_the_runner_up():
    profiles = build_profiles([("an", VoiceSample(A, 5)), ("binh", VoiceSample(B, 5))])
    s = suggest(VoiceSample(_unit(1, 0.97), 2.0), profiles.values(), SuggestOptions(threshold=0.5, margin=0.05))
    assert s.nearest == "an" and s.speaker is None and not s.confident


def test_abstains_below_the_threshold_and_on_short_segments():
    profiles = build_profiles([("an", VoiceSample(A, 5)), ("binh", VoiceSample(B, 5))])
    far = VoiceSample(_unit(1, 0, 2), 2.0)  # cosine 0.45 to "an"
    assert suggest(far, profiles.values()).speaker is None
    short = VoiceSample(A, 0.5)
    assert suggest(short, profiles.values()).speaker is None


def test_profiles_not_ready_are_never_suggested():
    profiles = build_profiles([("an", VoiceSample(A, 1.0))])
    s = suggest(VoiceSample(A, 3.0), profiles.values())
    assert s.nearest is None and s.speaker is None


def test_equal_error_rate():
    eer, at = equal_error_rate(np.array([0.8, 0.9, 0.7, 0.6]), np.array([0.5, 0.4, 0.65, 0.3]))
    assert eer == pytest.approx(0.25) and 0.6 <= at <= 0.7
    eer, _ = equal_error_rate(np.array([0.9, 0.8]), np.array([0.1, 0.2]))
    assert eer == 0.0
