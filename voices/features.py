"""The encoder's input, exactly as Resemblyzer 0.1.4 prepares it (re-implemented with numpy).

16 kHz mono; volume raised (never lowered) to −30 dBFS; silence removed; mel power spectrogram
(n_fft 400, hop 160, periodic Hann, centred with zero padding as librosa ≥ 0.10 does, 40 Slaney
mel bands 0–8 kHz, no log); partial windows of 160 frames every 77 frames (1.3 per second), the
last kept when at least 75 % of it holds audio.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bienban_base.audio import SAMPLE_RATE  # Resemblyzer's input rate is the product's (16 kHz)

N_FFT = 400
HOP = 160
N_MELS = 40
PARTIAL_FRAMES = 160
PARTIAL_STEP = int(round(SAMPLE_RATE / 1.3 / HOP))  # 77
MIN_COVERAGE = 0.75
TARGET_DBFS = -30.0
_INT16_MAX = 2**15 - 1


@dataclass(frozen=True)
class Prepared:
    """Audio ready for the encoder, with where each kept sample was in the input."""

    wav: np.ndarray
    """Volume-normalised speech with the silences removed, float32."""
    origin: np.ndarray
    """For every sample of ``wav``, its index in the input audio (int64)."""


def normalize_volume(wav: np.ndarray, target_dbfs: float = TARGET_DBFS) -> np.ndarray:
    """Raise (never lower) the level to ``target_dbfs``."""
    rms = float(np.sqrt(np.mean((wav.astype(np.float64) * _INT16_MAX) ** 2))) if wav.size else 0.0
    if rms <= 0.0:
        return wav
    change = target_dbfs - 20.0 * np.log10(rms / _INT16_MAX)
    return wav if change < 0 else (wav * np.float32(10 ** (change / 20))).astype(np.float32)


def speech_regions(wav: np.ndarray) -> list[tuple[int, int]]:
    """Sample ranges that hold speech, by faster-whisper's Silero VAD (pauses up to 0.2 s kept)."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(min_silence_duration_ms=200, speech_pad_ms=60, min_speech_duration_ms=100)
    return [(c["start"], c["end"]) for c in get_speech_timestamps(wav, options)]


def prepare(wav: np.ndarray, regions: list[tuple[int, int]] | None = None) -> Prepared:
    """Normalise the volume and keep only speech (``regions``, or the VAD's when None)."""
    wav = normalize_volume(np.asarray(wav, dtype=np.float32))
    if regions is None:
        regions = speech_regions(wav)
    regions = [(max(0, a), min(len(wav), b)) for a, b in regions if b > a]
    if not regions:  # nothing the VAD calls speech: the encoder gets the audio as it is
        return Prepared(wav, np.arange(len(wav), dtype=np.int64))
    origin = np.concatenate([np.arange(a, b, dtype=np.int64) for a, b in regions])
    return Prepared(wav[origin], origin)


def _hz_to_mel(f: np.ndarray | float) -> np.ndarray:
    f = np.asarray(f, dtype=np.float64)
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    mel = f / f_sp
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-10) / min_log_hz) / logstep, mel)


def _mel_to_hz(m: np.ndarray | float) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


@lru_cache(maxsize=1)
def mel_filters() -> np.ndarray:
    """The (40, 201) Slaney-scale, Slaney-normalised mel filter bank over 0–8 kHz (librosa's)."""
    fft_freqs = np.fft.rfftfreq(N_FFT, d=1.0 / SAMPLE_RATE)
    mel_f = _mel_to_hz(np.linspace(_hz_to_mel(0.0), _hz_to_mel(SAMPLE_RATE / 2), N_MELS + 2))
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fft_freqs)
    weights = np.zeros((N_MELS, len(fft_freqs)))
    for i in range(N_MELS):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_f[2 : N_MELS + 2] - mel_f[:N_MELS]))[:, None]
    return weights.astype(np.float32)


@lru_cache(maxsize=1)
def _window() -> np.ndarray:
    n = np.arange(N_FFT)
    return (0.5 - 0.5 * np.cos(2 * np.pi * n / N_FFT)).astype(np.float32)  # periodic Hann


def mel_spectrogram(wav: np.ndarray) -> np.ndarray:
    """(frames, 40) mel power spectrogram, one frame per 10 ms, centred frames."""
    padded = np.pad(np.asarray(wav, dtype=np.float32), N_FFT // 2)
    n_frames = 1 + (len(padded) - N_FFT) // HOP
    frames = np.lib.stride_tricks.as_strided(
        padded, shape=(n_frames, N_FFT), strides=(padded.strides[0] * HOP, padded.strides[0])
    )
    spectrum = np.fft.rfft(frames * _window(), axis=1)
    power = (spectrum.real**2 + spectrum.imag**2).astype(np.float32)
    return power @ mel_filters().T


def partial_starts(n_samples: int) -> list[int]:
    """First mel frame of every partial window of an utterance of ``n_samples`` samples."""
    n_frames = int(np.ceil((n_samples + 1) / HOP))
    steps = max(1, n_frames - PARTIAL_FRAMES + PARTIAL_STEP + 1)
    starts = list(range(0, steps, PARTIAL_STEP))
    last = starts[-1] * HOP
    coverage = (n_samples - last) / (PARTIAL_FRAMES * HOP)
    if coverage < MIN_COVERAGE and len(starts) > 1:
        starts.pop()
    return starts


def partial_mels(wav: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """The (n, 160, 40) partial windows of ``wav`` and their first samples."""
    starts = partial_starts(len(wav))
    needed = (starts[-1] + PARTIAL_FRAMES) * HOP
    if needed >= len(wav):
        wav = np.pad(wav, (0, needed - len(wav)))
    mel = mel_spectrogram(wav)
    return np.stack([mel[s : s + PARTIAL_FRAMES] for s in starts]), [s * HOP for s in starts]
