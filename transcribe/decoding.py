"""What a decoding produces and how it is asked for: words, segments, options, and the guard applied
to faster-whisper's raw output. Plain data with no model in it, shared by ``engine`` (one
utterance, one file) and ``longform`` (a long file in windows)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from transcribe import guard


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
class RecognisedSegment:
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
    speech_gate: bool = False
    """With ``vad_filter`` off: audio in which Silero VAD hears no speech at all is not decoded
    (on a tone or noise Whisper's last-resort sampled decodings write a word or two that the
    guard cannot tell from speech; the VAD only decides whether, not where)."""
    without_timestamps: bool = False
    """Text tokens only, no timestamp tokens (the word times still come from the alignment).
    A window then comes back as one segment; the batched pipeline always writes timestamps
    (without them it drops utterances packed after the first in a 30 s chunk)."""
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
        del kw["encoder_pad_s"], kw["max_tokens_per_s"], kw["speech_gate"]
        kw["temperature"] = list(kw["temperature"])
        if kw["initial_prompt"] is None:
            del kw["initial_prompt"]
        if kw["hotwords"] is None:
            del kw["hotwords"]
        return kw


CLIP_DECODE = DecodeOptions(vad_filter=False, speech_gate=True, without_timestamps=True)
"""A clip or an utterance decoded whole (``bienban eval``): no VAD cutting, which loses the words
at the edges of a short clip (only its gate: no speech heard, nothing decoded), and no timestamp
tokens, which cost accuracy; the word times come from the alignment, and nothing is decoded
after the first decoding of the window (``engine.first_decoding``). Measured in
docs/benchmarks.md (issue 18)."""


def guarded(raw: Iterable, offset: float = 0.0) -> Iterator[RecognisedSegment]:
    """Turn faster-whisper segments into ``RecognisedSegment``s, shifted by ``offset`` and passed through the guard."""
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
        yield RecognisedSegment(s.start + offset, s.end + offset, text, s.avg_logprob, s.no_speech_prob, words)


#: Whisper's window, seconds; and its longest token sequence (prompt and text together).
WINDOW_S = 30.0
MAX_LENGTH = 448
_FRAMES_PER_S = 100
WINDOW_STEP_FRAMES = 200
"""Encoder windows shorter than 30 s come in steps of this many frames (2 s)."""


def encoder_frames(duration_s: float, pad_s: float) -> int:
    """Encoder input length for ``duration_s`` of audio plus at least ``pad_s`` of padding,
    rounded up to whole ``WINDOW_STEP_FRAMES`` (at most 3000). A few fixed lengths keep memory
    flat: with every utterance a new length, RSS grew 222 → 600 MB over 600 encodes; with 2 s
    steps it stays at 247 MB."""
    frames = int(math.ceil((duration_s + pad_s) * _FRAMES_PER_S))
    steps = -(-frames // WINDOW_STEP_FRAMES)
    return min(int(WINDOW_S * _FRAMES_PER_S), steps * WINDOW_STEP_FRAMES)


@dataclass
class LongDecode:
    """What ``decode_long`` produced."""

    duration_s: float
    """Length of the recording, seconds."""
    segments: list[RecognisedSegment] = field(default_factory=list)
    """Segments decoded in this call (after ``start_s``), in time order."""
    done_s: float = 0.0
    """Decoded up to here: the recording's end, or where a stopped decoding may resume."""
    complete: bool = False
    """False when ``stop`` ended the decoding early."""
    chunks: int = 0
    """Chunks decoded."""
    vocabulary_utterances: int = 0
    """Utterances (or stretches of them, ``LongformOptions.vocabulary_unit``) decoded again with the vocabulary prompt."""
    rescued: int = 0
    """Utterances decoded again on their own because their chunk's decoding wrote nothing in them."""
