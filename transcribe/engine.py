"""The recogniser: faster-whisper with the Vietnamese defaults and the guard applied.

``Transcriber`` is shared by the command line, the live pipeline and the post-meeting pass, so
every path decodes with the same options and the same guard.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from bienban_base.audio import SAMPLE_RATE, load_audio
from transcribe import guard
from transcribe import model as model_source

if TYPE_CHECKING:
    from faster_whisper import BatchedInferencePipeline


@dataclass(frozen=True)
class Word:
    """One recognised word with absolute times."""

    start: float
    """Start, seconds from the start of the audio."""
    end: float
    """End, seconds."""
    word: str
    """The word as Whisper wrote it (with its leading space)."""
    probability: float
    """Whisper's probability for the word, 0-1."""


@dataclass(frozen=True)
class Segment:
    """One recognised stretch of speech."""

    start: float
    """Start, seconds from the start of the audio."""
    end: float
    """End, seconds."""
    text: str
    """The text after the guard."""
    avg_logprob: float
    """Mean token log-probability (confidence)."""
    no_speech_prob: float
    """Whisper's probability that the window held no speech."""
    words: list[Word] = field(default_factory=list)
    """Word timestamps."""

    def to_dict(self) -> dict:
        """The JSON shape of ``bienban transcribe --format json``."""
        return asdict(self)


@dataclass(frozen=True)
class DecodeOptions:
    """Decoding options; the defaults are the Vietnamese ones the whole app uses."""

    language: str = "vi"
    """Always Vietnamese: Whisper misdetects it on short or noisy audio."""
    beam_size: int = 5
    """Beam width."""
    vad_filter: bool = True
    """Skip non-speech with Silero VAD before decoding."""
    condition_on_previous_text: bool = False
    """Off: conditioning feeds loops from one window into the next."""
    word_timestamps: bool = True
    """Word times, for following the audio and highlighting low confidence."""
    initial_prompt: str | None = None
    """Vocabulary prompt (names, bodies, terms) given to the first window."""
    hotwords: str | None = None
    """Hotwords given to every window."""
    temperature: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    """Fallback temperatures (faster-whisper's default); each retry costs a full decode."""
    encoder_pad_s: float | None = None
    """``None``: Whisper's 30 s window, as trained. A number: ``decode`` of a short utterance
    encodes only its audio plus at least this much silence, in 2 s steps (the encoder's cost
    grows faster than the window: 10 s costs 0.15 s instead of 1.07 s here); WER in
    docs/benchmarks.md."""
    max_tokens_per_s: float | None = None
    """Cap on the tokens ``decode`` may write per second of audio (a decoding loop otherwise
    runs to 448 tokens, seconds of work for text the guard then drops). ``None``: no cap."""

    def kwargs(self) -> dict:
        """Keyword arguments for ``WhisperModel.transcribe``."""
        kw = asdict(self)
        del kw["encoder_pad_s"], kw["max_tokens_per_s"]
        kw["temperature"] = list(kw["temperature"])
        if kw["initial_prompt"] is None:
            del kw["initial_prompt"]
        if kw["hotwords"] is None:
            del kw["hotwords"]
        return kw


def default_threads() -> int:
    """CPU threads for CTranslate2 (``BIENBAN_THREADS`` overrides; default: all cores, at most 4)."""
    env = os.environ.get("BIENBAN_THREADS")
    if env:
        return max(1, int(env))
    return max(1, min(4, os.cpu_count() or 2))


def guarded(raw: Iterable, offset: float = 0.0) -> Iterator[Segment]:
    """Turn faster-whisper segments into ``Segment``s, shifted by ``offset`` and passed through the guard."""
    for s in raw:
        text = guard.clean_text(s.text, s.no_speech_prob, s.avg_logprob)
        if not text:
            continue
        words = [Word(w.start + offset, w.end + offset, w.word, w.probability) for w in (s.words or [])]
        if words:
            keep = sorted(
                set(guard.kept_indices([w.word for w in words])) & set(guard.unpiled_indices([(w.start, w.end) for w in words]))
            )
            if len(keep) != len(words):
                words = [words[i] for i in keep]
                text = "".join(w.word for w in words).strip()
                if not text:
                    continue
        yield Segment(s.start + offset, s.end + offset, text, s.avg_logprob, s.no_speech_prob, words)


#: Whisper's window, seconds; and its longest token sequence (prompt and text together).
WINDOW_S = 30.0
MAX_LENGTH = 448
_FRAMES_PER_S = 100
WINDOW_STEP_FRAMES = 200
"""Encoder windows shorter than 30 s come in steps of this many frames (2 s)."""


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


def encoder_frames(duration_s: float, pad_s: float) -> int:
    """Encoder input length for ``duration_s`` of audio plus at least ``pad_s`` of padding,
    rounded up to whole ``WINDOW_STEP_FRAMES`` (at most 3000). A few fixed lengths keep memory
    flat: with every utterance a new length, RSS grew 222 → 600 MB over 600 encodes; with 2 s
    steps it stays at 247 MB."""
    frames = int(math.ceil((duration_s + pad_s) * _FRAMES_PER_S))
    steps = -(-frames // WINDOW_STEP_FRAMES)
    return min(int(WINDOW_S * _FRAMES_PER_S), steps * WINDOW_STEP_FRAMES)


class Transcriber:
    """A loaded Whisper model with the app's defaults. Safe to share between threads."""

    def __init__(self, model: str | None = None, *, cpu_threads: int | None = None, compute_type: str = "int8") -> None:
        self.name, self.path = model_source.resolve(model)
        self.cpu_threads = cpu_threads or default_threads()
        self.model = _windowed_model_class()(self.path, device="cpu", compute_type=compute_type, cpu_threads=self.cpu_threads)
        self._batched: BatchedInferencePipeline | None = None
        self._lock = threading.Lock()

    def segments(self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(), offset: float = 0.0) -> Iterator[Segment]:
        """Lazily decode a 16 kHz mono array; times are shifted by ``offset`` seconds."""
        raw, _info = self.model.transcribe(audio, **options.kwargs())
        return guarded(raw, offset)

    def decode(self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(), offset: float = 0.0) -> list[Segment]:
        """Decode a short array (an utterance) completely, with the options' encoder window and
        token cap (see ``DecodeOptions.encoder_pad_s`` and ``max_tokens_per_s``)."""
        duration = audio.size / SAMPLE_RATE
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
            return list(guarded(raw, offset))
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

    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes in a prompt (Whisper's tokenizer, with the leading space a prompt word has)."""
        return len(self.model.hf_tokenizer.encode(" " + text, add_special_tokens=False).ids)

    def batched_segments(
        self, audio: np.ndarray, options: DecodeOptions = DecodeOptions(), batch_size: int = 8
    ) -> Iterator[Segment]:
        """Decode long audio with faster-whisper's batched pipeline (faster on long recordings)."""
        from faster_whisper import BatchedInferencePipeline

        with self._lock:
            if self._batched is None:
                self._batched = BatchedInferencePipeline(self.model)
            batched = self._batched
        kw = options.kwargs()
        kw.pop("condition_on_previous_text", None)
        kw.pop("vad_filter", None)  # the batched pipeline always segments with VAD
        # with timestamps: a 30 s window packing several VAD chunks otherwise comes back as one
        # segment, and Whisper often drops the chunks after the first (measured: WER 0.561 against 0.534)
        raw, _info = batched.transcribe(audio, batch_size=batch_size, without_timestamps=False, **kw)
        return guarded(raw)

    def transcribe_audio(
        self,
        audio: np.ndarray,
        options: DecodeOptions = DecodeOptions(),
        progress: Callable[[float, float], None] | None = None,
    ) -> list[Segment]:
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
    ) -> tuple[float, list[Segment]]:
        """Decode a whole file; return its duration and its segments."""
        audio = load_audio(path)
        return audio.size / SAMPLE_RATE, self.transcribe_audio(audio, options, progress)


def with_prompt(options: DecodeOptions, prompt: str | None, hotwords: str | None = None) -> DecodeOptions:
    """A copy of ``options`` with a vocabulary prompt."""
    return replace(options, initial_prompt=prompt, hotwords=hotwords)
