"""The audio format every part of bienban works in (16 kHz mono float32), decoding and level."""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
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


def stream_audio(path: str | os.PathLike[str], start_s: float = 0.0, block_s: float = 30.0) -> Iterator[np.ndarray]:
    """Decode ``path`` lazily to 16 kHz mono float32 blocks of about ``block_s`` seconds,
    from ``start_s`` on: a three-hour file never sits in memory whole (``load_audio`` would
    hold 691 MB of float32)."""
    import av
    from av.audio.resampler import AudioResampler

    p = _existing_file(path)
    skip = int(round(start_s * SAMPLE_RATE))
    block = int(block_s * SAMPLE_RATE)
    try:
        container = av.open(str(p), metadata_errors="ignore")
    except Exception as exc:
        raise AudioError("audio_unreadable", f"cannot decode {p}: {exc!r}", path=str(p)) from exc
    with container:
        if not container.streams.audio:
            raise AudioError("audio_empty", f"no audio stream in {p}", path=str(p))
        resampler = AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        position = 0  # samples of output so far, from the start of the file
        seeked = False  # after a seek the position is the first frame's time
        if skip:
            try:  # a seek lands on a frame at or before start_s; the rest is skipped below
                container.seek(int(start_s * 1_000_000))
                seeked = True
            except Exception:
                seeked = False
        pending: list[np.ndarray] = []
        size = 0
        frames = container.decode(audio=0)
        while True:
            try:
                frame = next(frames)
            except StopIteration:
                frame = None
            except av.error.InvalidDataError:
                continue
            except Exception as exc:
                raise AudioError("audio_unreadable", f"cannot decode {p}: {exc!r}", path=str(p)) from exc
            if frame is not None and seeked:
                position, seeked = int(round((frame.time or 0.0) * SAMPLE_RATE)), False
            if frame is not None:
                frame.pts = None  # the resampler checks timestamps; positions are counted here
            for out in resampler.resample(frame):
                samples = out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0
                if position < skip:
                    samples = samples[skip - position :]
                    position = min(skip, position + out.samples)
                    if position < skip:
                        continue
                else:
                    position += out.samples
                if samples.size:
                    pending.append(samples)
                    size += samples.size
                if size >= block:
                    yield np.concatenate(pending)
                    pending, size = [], 0
            if frame is None:
                break
        if pending:
            yield np.concatenate(pending)
