"""The recogniser: faster-whisper with the Vietnamese defaults and the guard applied.

``Transcriber`` is shared by the command line, the live pipeline and the post-meeting pass, so
every path decodes with the same options and the same guard.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from bienban_base.audio import SAMPLE_RATE, load_audio
from transcribe import model as model_source
from transcribe.decoding import (
    MAX_LENGTH,
    WINDOW_S,
    DecodeOptions,
    LongDecode,
    RecognisedSegment,
    encoder_frames,
    guarded,
)

if TYPE_CHECKING:
    from faster_whisper import BatchedInferencePipeline


def default_threads() -> int:
    """CPU threads for CTranslate2 (``BIENBAN_THREADS`` overrides; default: all cores, at most 4)."""
    env = os.environ.get("BIENBAN_THREADS")
    if env:
        return max(1, int(env))
    return max(1, min(4, os.cpu_count() or 2))


def _windowed_model_class():
    """``WhisperModel`` whose encoder can be limited, for the current thread, to fewer frames
    than the 30 s window (CTranslate2 accepts any even length up to 3000)."""
    from faster_whisper import WhisperModel

    class WindowedWhisper(WhisperModel):
        limit = threading.local()

        def encode(self, features):
            frames = getattr(self.limit, "frames", None)
            if frames is not None and features.shape[-1] > frames:
                features = features[..., :frames]
            return super().encode(features)

    return WindowedWhisper


def first_decoding(raw: Iterable, options: DecodeOptions, duration_s: float) -> Iterator:
    """faster-whisper's segments of audio that fits one window, without the ones it decodes
    after the first decoding when there are no timestamp tokens: it then moves on to the last
    aligned word's end and decodes the rest of the window again, which is the silence after the
    speech, where it invents ("Cảm ơn", outros; docs/benchmarks.md, issue 18). Without timestamp
    tokens a decoding is one segment, so the lazy generator is stopped after it and the extra
    decoding is never run."""
    if not (options.without_timestamps and duration_s <= WINDOW_S):
        return iter(raw)
    return itertools.islice(itertools.takewhile(lambda s: s.seek == 0, raw), 1)


def heard(audio: np.ndarray, options: DecodeOptions) -> bool:
    """False when ``options.speech_gate`` asks for speech and Silero VAD hears none in ``audio``."""
    if not options.speech_gate or options.vad_filter:
        return True
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    return bool(get_speech_timestamps(audio, VadOptions()))


class Transcriber:
    """A loaded Whisper model with the app's defaults. Safe to share between threads."""

    def __init__(self, model: str | None = None, *, cpu_threads: int | None = None, compute_type: str = "int8") -> None:
        self.name, self.path = model_source.resolve(model)
        self.cpu_threads = cpu_threads or default_threads()
        self.model = _windowed_model_class()(self.path, device="cpu", compute_type=compute_type, cpu_threads=self.cpu_threads)
        self._batched: BatchedInferencePipeline | None = None
        self._lock = threading.Lock()

    def segments(
        self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(), offset: float = 0.0
    ) -> Iterator[RecognisedSegment]:
        """Lazily decode a 16 kHz mono array; times are shifted by ``offset`` seconds."""
        if not heard(audio, options):
            return iter(())
        raw, _info = self.model.transcribe(audio, **options.kwargs())
        return guarded(first_decoding(raw, options, audio.size / SAMPLE_RATE), offset)

    def decode(self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(), offset: float = 0.0) -> list[RecognisedSegment]:
        """Decode a short array (an utterance) completely, with the options' encoder window and
        token cap (see ``DecodeOptions.encoder_pad_s`` and ``max_tokens_per_s``)."""
        duration = audio.size / SAMPLE_RATE
        if not heard(audio, options):
            return []
        kw = options.kwargs()
        if options.max_tokens_per_s is not None:
            room = self._token_room(options)
            cap = max(16, int(options.max_tokens_per_s * duration))
            if cap < room:
                kw["max_new_tokens"] = cap
        limit = self.model.limit
        if options.encoder_pad_s is not None and duration < WINDOW_S:
            limit.frames = encoder_frames(duration, options.encoder_pad_s)
        try:
            raw, _info = self.model.transcribe(audio, **kw)
            return list(guarded(first_decoding(raw, options, duration), offset))
        finally:
            limit.frames = None

    def _token_room(self, options: DecodeOptions) -> int:
        """Tokens left for text once the prompt is in (faster-whisper refuses a larger cap)."""
        half = MAX_LENGTH // 2 - 1  # faster-whisper keeps at most this much of a prompt
        used = 8  # start-of-transcript, language, task, previous-text marker, timestamps
        for text in (options.initial_prompt, options.hotwords):
            if text:
                used += min(half, len(self.model.hf_tokenizer.encode(" " + text.strip()).ids))
        return MAX_LENGTH - used

    def decode_long(
        self, source: np.ndarray | str | os.PathLike[str], options: DecodeOptions = DecodeOptions(), **how: Any
    ) -> LongDecode:
        """A whole recording (a file path, or a 16 kHz array) with the batched pipeline, in windows
        of bounded memory: ``transcribe.longform.decode_long`` (``how``: its keyword arguments)."""
        from transcribe import longform

        return longform.decode_long(self, source, options, **how)

    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes in a prompt (Whisper's tokenizer, with the leading space a prompt word has)."""
        return len(self.model.hf_tokenizer.encode(" " + text, add_special_tokens=False).ids)

    def batched_segments(
        self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(), batch_size: int = 8
    ) -> Iterator[RecognisedSegment]:
        """Decode long audio with faster-whisper's batched pipeline (faster on long recordings)."""
        from faster_whisper import BatchedInferencePipeline

        with self._lock:
            if self._batched is None:
                self._batched = BatchedInferencePipeline(self.model)
            batched = self._batched
        kw = options.kwargs()
        kw.pop("condition_on_previous_text", None)
        kw.pop("vad_filter", None)  # the batched pipeline always segments with VAD
        kw.pop("without_timestamps", None)
        # with timestamps: a 30 s window packing several VAD chunks otherwise comes back as one
        # segment, and Whisper often drops the chunks after the first (measured: WER 0.561 against 0.534)
        raw, _info = batched.transcribe(audio, batch_size=batch_size, without_timestamps=False, **kw)
        return guarded(raw)

    def transcribe_audio(
        self,
        audio: np.ndarray,
        options: DecodeOptions = DecodeOptions(),
        progress: Callable[[float, float], None] | None = None,
    ) -> list[RecognisedSegment]:
        """Decode a whole recording; ``progress(done_s, total_s)`` is called as segments arrive."""
        duration = audio.size / SAMPLE_RATE
        out = []
        for seg in self.segments(audio, options):
            out.append(seg)
            if progress:
                progress(min(seg.end, duration), duration)
        if progress:
            progress(duration, duration)
        return out

    def transcribe_file(
        self,
        path: str | os.PathLike[str],
        options: DecodeOptions = DecodeOptions(),
        progress: Callable[[float, float], None] | None = None,
    ) -> tuple[float, list[RecognisedSegment]]:
        """Decode a whole file; return its duration and its segments."""
        audio = load_audio(path)
        return audio.size / SAMPLE_RATE, self.transcribe_audio(audio, options, progress)


def with_prompt(options: DecodeOptions, prompt: str | None, hotwords: str | None = None) -> DecodeOptions:
    """A copy of ``options`` with a vocabulary prompt."""
    return replace(options, initial_prompt=prompt, hotwords=hotwords)
