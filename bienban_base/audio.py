"""The audio format every part of bienban works in (16 kHz mono float32), decoding and level."""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

from bienban_base.errors import AudioError

SAMPLE_RATE = 16000
"""Samples per second of every array bienban passes around (Whisper's rate)."""


def _existing_file(path: str | os.PathLike[str]) -> Path:
    """``path`` when it is a non-empty file; the audio error that says what it is otherwise."""
    p = Path(path)
    if not p.exists():
        raise AudioError("audio_missing", f"no such file: {p}", path=str(p))
    if p.is_dir():
        raise AudioError("audio_unreadable", f"is a folder: {p}", path=str(p))
    if p.stat().st_size == 0:
        raise AudioError("audio_empty", f"empty file: {p}", path=str(p))
    return p


def load_audio(path: str | os.PathLike[str]) -> np.ndarray:
    """Decode ``path`` (any file PyAV reads) to 16 kHz mono float32; ``AudioError`` when it holds no audio."""
    from faster_whisper.audio import decode_audio

    p = _existing_file(path)
    try:
        audio = decode_audio(str(p), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many types (InvalidDataError, ValueError, IndexError, ...)
        raise AudioError("audio_unreadable", f"cannot decode {p}: {exc!r}", path=str(p)) from exc
    if audio.size == 0:
        raise AudioError("audio_empty", f"no audio samples in {p}", path=str(p))
    return audio.astype(np.float32, copy=False)


def dbfs(block: np.ndarray) -> float:
    """Level of a block of float samples in dBFS (mean power; -inf for an empty block)."""
    if not block.size:
        return -math.inf
    return 10 * math.log10(float(np.mean(block * block)) + 1e-12)


def audio_duration(path: str | os.PathLike[str]) -> float:
    """Length in seconds of an audio (or video) file, read from its headers; ``AudioError`` when it holds no audio.

    Cheap for any length: only when the container does not say how long it is (some raw streams)
    is the audio decoded to count its samples.
    """
    import av

    p = _existing_file(path)
    try:
        with av.open(str(p)) as container:
            streams = container.streams.audio
            if not streams:
                raise AudioError("audio_unreadable", f"no audio stream in {p}", path=str(p))
            stream = streams[0]
            if stream.duration is not None and stream.time_base is not None:
                seconds = float(stream.duration * stream.time_base)
            elif container.duration is not None:
                seconds = container.duration / av.time_base
            else:
                seconds = 0.0
            # a header can claim a length for a stream that decodes to nothing: the first frame must decode
            if next(container.decode(stream), None) is None:
                raise AudioError("audio_empty", f"no audio samples in {p}", path=str(p))
    except AudioError:
        raise
    except Exception as exc:  # PyAV raises many types (InvalidDataError, ValueError, IndexError, ...)
        raise AudioError("audio_unreadable", f"cannot read {p}: {exc!r}", path=str(p)) from exc
    return seconds if seconds > 0 else load_audio(p).size / SAMPLE_RATE
