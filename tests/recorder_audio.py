"""WAV and correlation helpers of the recorder tests.

A uniquely named module: ``from conftest import`` picks whichever test folder's conftest was
imported first when the whole suite runs."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
CLIP = "fosd_dev/FPTOpenSpeechData_Set001_V0.1_000660.flac"  # 10.96 s of human speech


def write_wav(path: Path, audio: np.ndarray) -> Path:
    """16 kHz mono 16-bit WAV."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(np.clip(np.rint(audio * 32767), -32768, 32767).astype("<i2").tobytes())
    return path


def read_wav(path: Path) -> np.ndarray:
    """A recorder WAV as float32 (fails if the file is not a valid 16 kHz mono 16-bit WAV)."""
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000)
        frames = w.readframes(w.getnframes())
        assert len(frames) == w.getnframes() * 2
    return np.frombuffer(frames, "<i2").astype(np.float32) / 32767


def locate(captured: np.ndarray, reference: np.ndarray) -> tuple[int, float]:
    """Where ``reference`` starts in ``captured`` and the normalised correlation there (FFT)."""
    n = 1 << int(np.ceil(np.log2(captured.size + reference.size)))
    xc = np.fft.irfft(np.fft.rfft(captured, n) * np.conj(np.fft.rfft(reference, n)), n)[: captured.size]
    lag = int(np.argmax(xc))
    part = captured[lag : lag + reference.size]
    ref = reference[: part.size]
    peak = float(np.dot(part, ref) / (np.linalg.norm(part) * np.linalg.norm(ref) + 1e-12))
    return lag, peak
