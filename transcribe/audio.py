"""Decoding any audio (or video) file PyAV reads to 16 kHz mono float32."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from transcribe.errors import AudioError

SAMPLE_RATE = 16000


def load_audio(path: str | os.PathLike[str]) -> np.ndarray:
    """Decode ``path`` to a 16 kHz mono float32 array; raise ``AudioError`` when it holds no audio."""
    from faster_whisper.audio import decode_audio

    p = Path(path)
    if not p.exists():
        raise AudioError("audio_missing", f"no such file: {p}", path=str(p))
    if p.is_dir():
        raise AudioError("audio_unreadable", f"is a folder: {p}", path=str(p))
    if p.stat().st_size == 0:
        raise AudioError("audio_empty", f"empty file: {p}", path=str(p))
    try:
        audio = decode_audio(str(p), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many types (InvalidDataError, ValueError, IndexError, ...)
        raise AudioError("audio_unreadable", f"cannot decode {p}: {exc!r}", path=str(p)) from exc
    if audio.size == 0:
        raise AudioError("audio_empty", f"no audio samples in {p}", path=str(p))
    return audio.astype(np.float32, copy=False)
