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


ENCODE_AT_ONCE = 1
"""Windows the encoder runs on at once: its self-attention holds about 70 MB per 30 s window, and
a batch's encoding costs the same split up (docs/benchmarks.md, issue 16)."""
ALIGN_AT_ONCE = 1
"""Decodings aligned to the audio (word times) at once: the alignment holds every layer's
cross-attention over the window, about 60 MB per decoding of 30 s, more for a long one."""


def _windowed_model_class():
    """``WhisperModel`` whose encoder can be limited, for the current thread, to fewer frames
    than the 30 s window (CTranslate2 accepts any even length up to 3000); a batch is encoded and
    aligned a few windows at a time, so that only the decoding's memory grows with the batch."""
    from faster_whisper import WhisperModel

    class WindowedWhisper(WhisperModel):
        limit = threading.local()

        def encode(self, features):
            frames = getattr(self.limit, "frames", None)
            if frames is not None and features.shape[-1] > frames:
                features = features[..., :frames]
            if features.ndim < 3 or features.shape[0] <= ENCODE_AT_ONCE:  # (80, frames): one window
                return super().encode(features)
            parts = [
                np.asarray(super(WindowedWhisper, self).encode(features[i : i + ENCODE_AT_ONCE]))
                for i in range(0, features.shape[0], ENCODE_AT_ONCE)
            ]
            return _storage(np.concatenate(parts))

        def find_alignment(self, tokenizer, text_tokens, encoder_output, num_frames, median_filter_width=7):
            if len(text_tokens) <= ALIGN_AT_ONCE:
                return super().find_alignment(tokenizer, text_tokens, encoder_output, num_frames, median_filter_width)
            encoded = np.asarray(encoder_output)
            out: list = []
            for i in range(0, len(text_tokens), ALIGN_AT_ONCE):
                part = _storage(encoded[i : i + ALIGN_AT_ONCE])
                frames = num_frames[i : i + ALIGN_AT_ONCE] if isinstance(num_frames, list) else num_frames
                out += super().find_alignment(tokenizer, text_tokens[i : i + ALIGN_AT_ONCE], part, frames, median_filter_width)
            return out

    return WindowedWhisper


def _storage(array: np.ndarray):
    """A CTranslate2 view of ``array`` (contiguous: CTranslate2 reads it in place)."""
    import ctranslate2

    return ctranslate2.StorageView.from_array(np.ascontiguousarray(array))


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


def recording_workers() -> int:
    """Decoders side by side on a whole recording (``BIENBAN_WORKERS`` overrides): 2 where there
    are 2 cores or more, each with half the threads."""
    env = os.environ.get("BIENBAN_WORKERS")
    if env:
        return max(1, int(env))
    return 2 if default_threads() >= 2 else 1


class Transcriber:
    """A loaded Whisper model with the app's defaults. Safe to share between threads."""

    def __init__(
        self,
        model: str | None = None,
        *,
        cpu_threads: int | None = None,
        compute_type: str = "int8",
        workers: int = 1,
        use: str = "live",
    ) -> None:
        self.name, self.path = model_source.resolve(model, use)
        """The model's name (``base``, ``base-vi``, a folder's name): what each segment records."""
        self.workers = max(1, workers)
        """Decodings run side by side, each on ``cpu_threads`` threads (CTranslate2's ``inter_threads``)."""
        self.cpu_threads = cpu_threads or max(1, default_threads() // self.workers)
        self.model = _windowed_model_class()(
            self.path, device="cpu", compute_type=compute_type, cpu_threads=self.cpu_threads, num_workers=self.workers
        )
        self._batched: BatchedInferencePipeline | None = None
        self._lock = threading.Lock()

    @classmethod
    def for_recordings(cls, model: str | None = None) -> Transcriber:
        """A recogniser for whole recordings (import, re-transcription, ``bienban transcribe``):
        ``recording_workers()`` decoders side by side, one thread each on 2 cores. A decoding step
        gains only ~8 % from a second thread, so two decodings at once are ~25 % faster on a
        recording (docs/benchmarks.md, issue 16); a single utterance's decoding (the live path)
        would lose its encoder's second thread, so the live recogniser stays one worker."""
        from transcribe.longform import cap_arenas

        cap_arenas()  # before the decoders' threads allocate
        return cls(model, workers=recording_workers(), use="recordings")

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
