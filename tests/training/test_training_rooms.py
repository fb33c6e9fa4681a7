"""The rooms copy of the training draw (``training.augment``): each clip's room is drawn the same
on every run, and the noise and murmur sit where the room says below the speech (sox, no torch)."""

from __future__ import annotations

import numpy as np
import pytest

from training.augment import SAMPLE_RATE, Room, apply, coloured_noise, draw


def _db(x: np.ndarray) -> float:
    return 20 * float(np.log10(np.sqrt(np.mean(np.square(x, dtype=np.float64)))))


def _speech(seconds: float = 2.0) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (0.3 * np.sin(2 * np.pi * 440 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))).astype(np.float32)


def test_every_clip_has_its_own_room_the_same_on_every_run_and_never_its_own_murmur():
    rooms = [draw(i, 500) for i in range(500)]
    assert rooms == [draw(i, 500) for i in range(500)]
    assert len({r.reverb for r in rooms}) > 300  # not one room for all
    assert all(r.babble != i for i, r in enumerate(rooms))
    assert 0.7 < sum(r.reverb is not None for r in rooms) / 500 < 0.9
    assert 0.2 < sum(r.babble is not None for r in rooms) / 500 < 0.4
    assert all(5 <= r.noise_snr_db <= 25 and 12 <= r.babble_snr_db <= 25 for r in rooms)
    assert draw(7, 500, seed=1) != draw(7, 500)


@pytest.mark.parametrize("kind", ["white", "pink", "brown"])
def test_coloured_noise_has_unit_level_and_its_slope(kind):
    noise = coloured_noise(kind, 4 * SAMPLE_RATE, np.random.default_rng(0))
    assert _db(noise) == pytest.approx(0.0, abs=0.01)
    power = np.abs(np.fft.rfft(noise)) ** 2
    f = np.fft.rfftfreq(noise.size, 1 / SAMPLE_RATE)
    low, high = power[(f > 100) & (f < 200)].mean(), power[(f > 3200) & (f < 6400)].mean()
    ratio_db = 10 * np.log10(low / high)  # five octaves apart: 0, ~15 and ~30 dB
    assert ratio_db == pytest.approx({"white": 0.0, "pink": 15.05, "brown": 30.1}[kind], abs=3.0)


def test_noise_and_murmur_sit_at_the_rooms_levels_below_the_speech():
    speech, other = _speech(), _speech(1.3)[::-1].copy()
    dry = Room(None, 100, None, None, 0.0, None, 0.0)
    band = apply(dry, speech, None, seed=0)
    assert band.size == speech.size and _db(band) == pytest.approx(_db(speech), abs=0.5)  # 440 Hz passes a 100 Hz high-pass
    noisy = apply(Room(None, 100, None, "pink", 10.0, None, 0.0), speech, None, seed=3)
    assert _db(band) - _db(noisy - band) == pytest.approx(10.0, abs=0.2)
    assert np.array_equal(noisy, apply(Room(None, 100, None, "pink", 10.0, None, 0.0), speech, None, seed=3))
    murmur = apply(Room(None, 100, None, None, 0.0, 0, 18.0), speech, other, seed=0)
    assert _db(band) - _db(murmur - band) == pytest.approx(18.0, abs=0.5)


def test_reverberation_and_a_narrow_microphone_change_the_sound_not_its_length_or_range():
    speech = _speech()
    room = Room((70, 50, 90, 20), 150, 3400, "brown", 8.0, None, 0.0)
    heard = apply(room, speech, None, seed=1)
    assert heard.size == speech.size and heard.dtype == np.float32
    assert np.max(np.abs(heard)) <= 0.99
    assert np.corrcoef(heard, speech)[0, 1] < 0.95  # the room is heard
