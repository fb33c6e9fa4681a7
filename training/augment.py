"""A second copy of the training clips as rooms and microphones hear them (sox and numpy).

Each clip gets its own room, drawn from a generator seeded by the clip's place in the draw (a
rerun writes the same audio): reverberation (sox ``reverb``, most clips), a microphone band
(high-pass, often a low-pass between a telephone's and a laptop's), steady room noise (pink,
brown or white) 5–25 dB below the speech, and sometimes another training voice murmuring
12–25 dB below it (a hall is never only one voice). The text stays the clip's own: the decoder
learns to write what the speaker said and nothing of the room.

The ranges are the kinds of rooms a ward hall has, not the hall copy that measures the model
(``bench/hall_copy.py``: one fixed room); no choice here was made on that copy's figures.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16000


@dataclass(frozen=True)
class Room:
    """What one clip goes through."""

    reverb: tuple[int, int, int, int] | None
    """sox reverb: reverberance %, HF damping %, room scale %, pre-delay ms (None: dry)."""
    highpass: int
    """Hz."""
    lowpass: int | None
    """Hz (None: the full band)."""
    noise: str | None
    """pink, brown or white (None: no steady noise)."""
    noise_snr_db: float
    """Speech over the steady noise."""
    babble: int | None
    """Index of another clip of the draw murmuring under the speech (None: none)."""
    babble_snr_db: float
    """Speech over the murmur."""


def draw(index: int, clips: int, seed: int = 0) -> Room:
    """The room of clip ``index`` (of ``clips``), the same on every run."""
    rng = np.random.default_rng([seed, index])
    reverb = None
    if rng.random() < 0.8:
        reverb = (int(rng.integers(10, 85)), int(rng.integers(20, 80)), int(rng.integers(20, 101)), int(rng.integers(0, 41)))
    lowpass = int(rng.integers(2800, 7600)) if rng.random() < 0.7 else None
    noise = str(rng.choice(["pink", "brown", "white"])) if rng.random() < 0.9 else None
    babble = None
    if rng.random() < 0.3 and clips > 1:
        babble = int(rng.integers(0, clips - 1))
        babble += babble >= index  # never the clip itself
    return Room(
        reverb,
        int(rng.integers(60, 201)),
        lowpass,
        noise,
        float(rng.uniform(5.0, 25.0)),
        babble,
        float(rng.uniform(12.0, 25.0)),
    )


def _sox(audio: np.ndarray, effects: list[str]) -> np.ndarray:
    raw = ["-t", "raw", "-e", "floating-point", "-b", "32", "-r", str(SAMPLE_RATE), "-c", "1"]
    out = subprocess.run(
        ["sox", "-V1", "-G", *raw, "-", *raw, "-", *effects],
        input=np.ascontiguousarray(audio, np.float32).tobytes(),
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(out, np.float32).copy()


def coloured_noise(kind: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` samples of white, pink (1/f power) or brown (1/f²) noise, unit RMS."""
    white = rng.standard_normal(n)
    if kind != "white":
        spectrum = np.fft.rfft(white)
        f = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
        f[0] = f[1] if n > 1 else 1.0
        spectrum /= f ** (0.5 if kind == "pink" else 1.0)
        white = np.fft.irfft(spectrum, n)
    return (white / max(float(np.sqrt(np.mean(white**2))), 1e-12)).astype(np.float32)


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) if x.size else 0.0


def _under(speech: np.ndarray, other: np.ndarray, snr_db: float) -> np.ndarray:
    """``other`` scaled to ``snr_db`` below ``speech`` (looped or cut to its length)."""
    if other.size == 0 or _rms(other) == 0:
        return np.zeros_like(speech)
    other = np.resize(other, speech.size)
    return other * (_rms(speech) / _rms(other) / 10 ** (snr_db / 20))


def apply(room: Room, audio: np.ndarray, babble: np.ndarray | None, seed: int) -> np.ndarray:
    """``audio`` (16 kHz float) as heard in ``room``; ``babble`` is the murmuring clip's audio."""
    rng = np.random.default_rng(seed)
    effects: list[str] = []
    if room.reverb is not None:
        reverberance, damping, scale, predelay = room.reverb
        effects += ["reverb", str(reverberance), str(damping), str(scale), "100", str(predelay), "0"]
    effects += ["highpass", str(room.highpass)]
    if room.lowpass is not None:
        effects += ["lowpass", str(room.lowpass)]
    wet = _sox(audio, effects)
    level = wet.copy()
    if babble is not None and room.babble is not None:
        wet = wet + _under(level, _sox(babble, ["highpass", str(room.highpass)]), room.babble_snr_db)
    if room.noise is not None:
        wet = wet + _under(level, coloured_noise(room.noise, wet.size, rng), room.noise_snr_db)
    peak = float(np.max(np.abs(wet))) if wet.size else 0.0
    return (wet / peak * 0.7 if peak > 0.99 else wet).astype(np.float32)


class Augmenter:
    """The transform ``training.features.fill`` runs on each clip of the augmented copy."""

    def __init__(self, paths: list[Path], seed: int = 0) -> None:
        self.paths, self.seed = paths, seed

    def __call__(self, index: int, audio: np.ndarray) -> np.ndarray:
        from faster_whisper.audio import decode_audio

        room = draw(index, len(self.paths), self.seed)
        babble = decode_audio(str(self.paths[room.babble]), sampling_rate=SAMPLE_RATE) if room.babble is not None else None
        return apply(room, audio, babble, seed=self.seed * 1_000_003 + index)
