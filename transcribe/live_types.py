"""What the live pipeline takes and reports: options, utterances, final and interim text, status."""

from __future__ import annotations

from dataclasses import dataclass, field

from transcribe.decoding import DecodeOptions, RecognisedSegment
from transcribe.utterances import SegmenterOptions
from transcribe.vocabulary import VocabularyPass

LIVE_DECODE = DecodeOptions(temperature=(0.0,), encoder_pad_s=2.0, max_tokens_per_s=15.0, without_timestamps=True)
"""Live final text: the app's Vietnamese defaults (beam 5, word times, guard) with a budget for
2 cores — the encoder sees the utterance plus 2 s instead of 30 s, no temperature retries (one
retry costs a whole decode, up to five of them), and a cap on tokens per second of audio that
stops a decoding loop early. No timestamp tokens: an utterance is decoded once, as a clip is
(``CLIP_DECODE``; word times from the alignment), −1.9 % WER in bench/decoding_study.py
(docs/benchmarks.md, issue 18). The post-meeting pass decodes with the full defaults."""


@dataclass(frozen=True)
class LiveOptions:
    """How the live pipeline segments and decodes."""

    segmenter: SegmenterOptions = field(default_factory=SegmenterOptions)
    """Utterance boundaries (end-of-utterance silence, longest utterance)."""
    decode: DecodeOptions = field(default_factory=lambda: LIVE_DECODE)
    """Whisper options for final text (``LIVE_DECODE``)."""
    interim_every_s: float | None = 1.5
    """Interim text of an open utterance at most this often; ``None``: no interim text."""
    interim_min_s: float = 2.0
    """No interim text before an utterance is this long."""
    vocabulary: VocabularyPass | None = None
    """Decode each utterance a second time with the meeting-vocabulary prompt and take its
    names and terms (``VocabularyPass``); ``None``: one decoding. It doubles the decoding work:
    docs/benchmarks.md has what it does to latency."""


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech found by the VAD, in seconds from the start of the meeting."""

    id: int
    """Running number; interim and final text of the same utterance share it."""
    start: float
    """Start of the decoded audio."""
    end: float
    """End of the decoded audio."""
    speech_end: float
    """Where the VAD heard the speaker stop (latency is measured from here)."""


@dataclass(frozen=True)
class FinalText:
    """The final text of one utterance (``segments`` is empty when it held no words)."""

    utterance: Utterance
    """The utterance decoded."""
    segments: list[RecognisedSegment]
    """Segments with absolute meeting times and word timestamps, after the guard."""
    decode_s: float
    """Wall-clock seconds the decoding took."""


@dataclass(frozen=True)
class InterimText:
    """Provisional text of an utterance still being spoken; replaced by its ``FinalText``."""

    utterance_id: int
    """The open utterance."""
    start: float
    """Its start, seconds."""
    text: str
    """Text so far (greedy decoding, no word times)."""


@dataclass(frozen=True)
class LiveStatus:
    """How far behind the pipeline is."""

    captured_s: float
    """Audio received so far, seconds."""
    backlog_s: float
    """Audio received but not yet decoded or found silent, seconds (excluding the open utterance)."""
    pending_utterances: int
    """Closed utterances waiting for the decoder."""
    lag_s: float
    """Wall-clock age of the oldest waiting utterance (0 when none waits)."""
    failed_utterances: int = 0
    """Utterances whose decoding failed so far."""
