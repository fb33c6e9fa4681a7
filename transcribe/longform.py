"""A long recording decoded with faster-whisper's batched pipeline, in bounded memory.

The file is read in windows of ``window_s`` (PyAV, ``transcribe.audio.stream_audio``); Silero VAD
finds the speech of each window, and the window is cut before its last stretch of speech (which
may run on into the next window), so no speech is split between windows. The speech is packed
into chunks of at most 30 s as ``BatchedInferencePipeline.transcribe`` packs it, and chunks are
decoded ``batch_size`` at a time as they come, across windows. Memory holds one window of audio
and one batch of features, whatever the length of the recording.

After every batch the caller's ``sink`` receives the batch's segments and the time up to which
the recording is done (always in a silence): a caller that stores both can resume an
interrupted decoding there (``start_s``).

With a ``VocabularyPass`` the utterances of each batch that the first decoding wrote anything in
are decoded again with the vocabulary prompt (batched, short encoder window, a small beam), and
the prompted decoding's names and terms are merged in (``merge_vocabulary``). The other way,
the 30 s chunks decoded again on their own encoder output (``vocabulary_unit="chunks"``), gains
less; ``bench/vocabulary_options.py`` compares them (docs/benchmarks.md).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import numpy as np

from bienban_base.audio import SAMPLE_RATE, audio_duration, stream_audio
from transcribe import guard
from transcribe.decoding import DecodeOptions, LongDecode, Segment, encoder_frames, guarded
from transcribe.vocabulary import VocabularyPass, merge_vocabulary

CHUNK_S = 30.0
"""Whisper's window: speech is packed into chunks of at most this length."""
PIECE_PAD_S = 2.0
"""Vocabulary pass: silence the encoder sees after an utterance (``LIVE_DECODE``'s)."""
PIECE_TOKENS_PER_S = 15.0
"""Vocabulary pass: most tokens written per second of an utterance (``LIVE_DECODE``'s cap)."""
HOLD_BACK_S = 2.0
"""Speech ending this close to a window's end may go on: it waits for the next window."""


class LoadedWhisper(Protocol):
    """What the windowed decoder needs of a recogniser: its loaded faster-whisper model."""

    @property
    def model(self) -> Any:
        """The ``WhisperModel`` (``transcribe.engine.Transcriber.model``)."""


@dataclass(frozen=True)
class LongformOptions:
    """How a long recording is cut and batched."""

    window_s: float = 300.0
    """Audio read before each VAD cut (memory: 19 MB of float32 per 300 s)."""
    batch_size: int = 4
    """Chunks decoded together. faster-whisper's default is 8; on 2 cores 4 is as fast, and a
    batch's beams hold its memory: peak RSS 783 MB with 4, 1124 MB with 8 (docs/benchmarks.md)."""
    vocabulary_beam: int = 2
    """Beam width of the vocabulary pass's prompted decoding (bench/vocabulary_options.py: beam 2
    keeps the dialogue's WER gain, −4.2 % against −4.9 % with beam 5, for less time)."""
    vocabulary_unit: str = "utterances"
    """What the vocabulary pass decodes again: ``utterances`` (each utterance alone, batched,
    short encoder window) or ``chunks`` (the 30 s chunks, reusing their encoder output)."""


@dataclass
class _Piece:
    audio: np.ndarray  # features only when decoded: 6 s of audio is 384 KB, its features 960 KB
    start: int  # absolute sample
    duration: float  # seconds


@dataclass
class _Chunk:
    features: np.ndarray
    spans: list[dict]  # speech inside the chunk, absolute samples
    duration: float  # seconds of speech
    pieces: list[_Piece] = field(default_factory=list)  # its utterances, for the vocabulary pass

    @property
    def end_s(self) -> float:
        return self.spans[-1]["end"] / SAMPLE_RATE


Sink = Callable[[list[Segment], float], None]


def _blocks(source, start_s: float, block_s: float) -> Iterator[np.ndarray]:
    if isinstance(source, np.ndarray):
        step = int(block_s * SAMPLE_RATE)
        for i in range(int(round(start_s * SAMPLE_RATE)), source.size, step):
            yield source[i : i + step].astype(np.float32, copy=False)
    else:
        yield from stream_audio(source, start_s, block_s)


def _duration(source) -> float | None:
    if isinstance(source, np.ndarray):
        return source.size / SAMPLE_RATE
    return audio_duration(source)


def speech_windows(
    blocks: Iterable[np.ndarray], start_s: float, window_s: float, vad_options
) -> Iterator[tuple[list[dict], np.ndarray, int]]:
    """``(spans, window_audio, window_start_sample)`` for every window: the VAD's speech spans
    (samples, relative to the window) that end before the cut, never one that may go on."""
    from faster_whisper.vad import get_speech_timestamps

    origin = int(round(start_s * SAMPLE_RATE))
    limit = int(window_s * SAMPLE_RATE)
    hold = int(HOLD_BACK_S * SAMPLE_RATE)
    buf: list[np.ndarray] = []
    size = 0
    blocks = iter(blocks)
    ended = False
    while not ended:
        try:
            block = next(blocks)
            buf.append(block)
            size += block.size
        except StopIteration:
            ended = True
        if size < limit and not ended:
            continue
        if not size:
            return
        audio = np.concatenate(buf)
        spans = found = get_speech_timestamps(audio, vad_options)
        if ended:
            cut = audio.size
        elif spans and spans[-1]["end"] < audio.size - hold:
            cut = spans[-1]["end"]
        elif spans:
            cut = spans[-1]["start"]
            spans = spans[:-1]
        else:
            cut = max(0, audio.size - SAMPLE_RATE)  # a word may begin in the last second
        if cut == 0 and not ended:  # one stretch of speech fills the window: take it anyway
            spans, cut = found, audio.size
        yield spans, audio, origin
        buf, size = [audio[cut:]], audio.size - cut
        origin += cut


PIECE_GAP_S = 0.2
"""Vocabulary pass: speech spans closer than this (after the VAD's 0.4 s pads) form one utterance..."""
PIECE_S = 5.0
"""... until it is this long (the live segmenter's pause cut)."""
PIECE_MAX_S = 20.0


def utterance_pieces(spans: list[dict]) -> list[tuple[int, int]]:
    """A chunk's speech spans grouped into utterances like the live pipeline's: ``(start, end)``."""
    pieces: list[list[int]] = []
    for s in spans:
        if pieces:
            p = pieces[-1]
            length, gap = (p[1] - p[0]) / SAMPLE_RATE, (s["start"] - p[1]) / SAMPLE_RATE
            if gap <= PIECE_GAP_S and length < PIECE_S and (s["end"] - p[0]) / SAMPLE_RATE <= PIECE_MAX_S:
                p[1] = s["end"]
                continue
        pieces.append([s["start"], s["end"]])
    return [(a, b) for a, b in pieces]


def pack_chunks(
    spans: list[dict], audio: np.ndarray, origin: int, feature_extractor, with_pieces: bool = False
) -> Iterator[_Chunk]:
    """Speech spans packed into chunks of at most ``CHUNK_S`` (as ``collect_chunks`` packs
    them, keeping every chunk's spans), with their features; ``with_pieces``: also the
    features of each of the chunk's utterances (``utterance_pieces``)."""
    from faster_whisper.audio import pad_or_trim

    limit = int(CHUNK_S * SAMPLE_RATE)
    group: list[dict] = []
    length = 0

    def close() -> _Chunk:
        samples = np.concatenate([audio[s["start"] : s["end"]] for s in group])
        features = pad_or_trim(feature_extractor(samples)[..., :-1])
        absolute = [{"start": s["start"] + origin, "end": s["end"] + origin} for s in group]
        pieces = []
        for a, b in utterance_pieces(group) if with_pieces else []:
            pieces.append(_Piece(audio[a:b].copy(), a + origin, (b - a) / SAMPLE_RATE))
        return _Chunk(features, absolute, samples.size / SAMPLE_RATE, pieces)

    for span in spans:
        n = span["end"] - span["start"]
        if group and length + n > limit:
            yield close()
            group, length = [], 0
        group.append(span)
        length += n
    if group:
        yield close()


def _pipeline_class():
    from faster_whisper import BatchedInferencePipeline

    class EncoderKeepingPipeline(BatchedInferencePipeline):
        """The batched pipeline, keeping the last batch's encoder output for a second decoding."""

        encoder_output = None

        def generate_segment_batched(self, features, tokenizer, options):
            encoder_output, output = super().generate_segment_batched(features, tokenizer, options)
            self.encoder_output = encoder_output
            return encoder_output, output

    return EncoderKeepingPipeline


class _BatchDecoder:
    """Decodes lists of ``_Chunk``s with the pipeline's own forward pass."""

    def __init__(
        self,
        transcriber: LoadedWhisper,
        options: DecodeOptions,
        vocabulary: VocabularyPass | None,
        vocabulary_beam: int,
        by_pieces: bool,
        batch_size: int,
    ) -> None:
        self.transcriber = transcriber
        self.pipeline = _pipeline_class()(transcriber.model)
        kw = options.kwargs()
        kw.pop("condition_on_previous_text", None)
        kw.pop("vad_filter", None)
        kw.pop("without_timestamps", None)
        # faster-whisper builds its own options and tokenizer from the keyword arguments (a
        # lazy call: nothing is decoded); timestamps as in Transcriber.batched_segments
        _, info = self.pipeline.transcribe(
            np.zeros(SAMPLE_RATE, np.float32), clip_timestamps=[{"start": 0, "end": 1}], without_timestamps=False, **kw
        )
        self.options = info.transcription_options
        from faster_whisper.tokenizer import Tokenizer

        model = transcriber.model
        self.tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language=info.language)
        self.vocabulary = vocabulary
        self.by_pieces = by_pieces
        self.batch_size = batch_size
        self.prompted = replace(self.options, initial_prompt=vocabulary.prompt, beam_size=vocabulary_beam) if vocabulary else None

    def _segments(self, chunks: list[_Chunk], options) -> list[list[Segment]]:
        from faster_whisper.transcribe import restore_speech_timestamps

        features = np.stack([c.features for c in chunks])
        meta = [{"offset": 0.0, "duration": c.duration} for c in chunks]
        results = self.pipeline.forward(features, self.tokenizer, meta, options)
        out = []
        for chunk, result in zip(chunks, results):
            raw = _raw_segments(result, options)
            out.append(list(guarded(restore_speech_timestamps(raw, chunk.spans, SAMPLE_RATE))))
        return out

    def decode(self, chunks: list[_Chunk]) -> tuple[list[Segment], int]:
        """The chunks' segments (with the vocabulary merged in); and how many chunks were decoded twice."""
        base = self._segments(chunks, self.options)
        flat = [s for segs in base for s in segs]
        if self.vocabulary is None:
            return flat, 0
        again = [i for i, segs in enumerate(base) if segs]
        if not again:
            return flat, 0
        if self.by_pieces:
            # the merge only replaces words of the first decoding: an utterance it wrote
            # nothing for cannot gain (8 of the dialogue's 26 utterances, its slowest ones)
            heard = [(w.start + w.end) / 2 for s in flat for w in s.words]
            pieces = [
                p
                for i in again
                for p in chunks[i].pieces
                if any(p.start / SAMPLE_RATE <= t <= p.start / SAMPLE_RATE + p.duration for t in heard)
            ]
            lent = self._piece_segments(pieces, self.prompted) if pieces else []
            return merge_vocabulary(flat, lent, self.vocabulary.phrases), len(pieces)
        import ctranslate2

        encoded = np.asarray(self.pipeline.encoder_output)
        limit = self.transcriber.model.limit
        limit.encoded = ctranslate2.StorageView.from_array(np.ascontiguousarray(encoded[again]))
        keep = self.pipeline.last_speech_timestamp
        try:
            prompted = self._segments([chunks[i] for i in again], self.prompted)
        finally:
            limit.encoded = None
            self.pipeline.last_speech_timestamp = keep
        lent = []
        for i, segs in zip(again, prompted):
            lent += guard.without_silent_tail(segs, chunks[i].end_s)
        return merge_vocabulary(flat, lent, self.vocabulary.phrases), len(again)

    def _piece_segments(self, pieces: list[_Piece], options) -> list[Segment]:
        """Utterances decoded in batches of similar length, the encoder seeing each batch's
        longest utterance plus ``PIECE_PAD_S`` (``DecodeOptions.encoder_pad_s``)."""
        from faster_whisper.audio import pad_or_trim

        extract = self.transcriber.model.feature_extractor

        out: list[Segment] = []
        order = sorted(pieces, key=lambda p: p.duration)
        size = self.batch_size
        limit = self.transcriber.model.limit
        keep = self.pipeline.last_speech_timestamp
        for i in range(0, len(order), size):
            batch = order[i : i + size]
            longest = max(p.duration for p in batch)
            limit.frames = encoder_frames(longest, PIECE_PAD_S)
            # one looping utterance would hold the whole batch to 448 tokens (LIVE_DECODE's cap)
            capped = replace(options, max_new_tokens=max(16, int(PIECE_TOKENS_PER_S * longest)))
            try:
                features = np.stack([pad_or_trim(extract(p.audio)[..., :-1]) for p in batch])
                results = self.pipeline.forward(
                    features, self.tokenizer, [{"offset": 0.0, "duration": p.duration} for p in batch], capped
                )
            finally:
                limit.frames = None
            for piece, result in zip(batch, results):
                raw = _raw_segments(result, options)
                offset = piece.start / SAMPLE_RATE
                out += guard.without_silent_tail(list(guarded(raw, offset)), offset + piece.duration)
        self.pipeline.last_speech_timestamp = keep
        return sorted(out, key=lambda s: s.start)


def _raw_segments(result: list[dict], options: Any) -> list:
    """The batched pipeline's forward output for one chunk as faster-whisper's own segments
    (what ``restore_speech_timestamps`` and the guard read)."""
    from faster_whisper.transcribe import Segment as RawSegment
    from faster_whisper.transcribe import Word as RawWord

    return [
        RawSegment(
            id=i,
            seek=0,
            start=round(s["start"], 3),
            end=round(s["end"], 3),
            text=s["text"],
            tokens=s["tokens"],
            avg_logprob=s["avg_logprob"],
            compression_ratio=s["compression_ratio"],
            no_speech_prob=s["no_speech_prob"],
            words=[RawWord(**w) for w in s["words"]] if options.word_timestamps else None,
            temperature=options.temperatures[0],
        )
        for i, s in enumerate(result)
    ]


def _release_memory() -> None:
    """Hand freed memory back to the system after a batch: every batch leaves buffers of new
    sizes (token counts, alignment lengths), and glibc's arenas otherwise keep growing."""
    gc.collect()  # PyAV's resampler frames are only freed by the collector (faster-whisper #390)
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc():
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        getattr(libc, "malloc_trim")  # noqa: B009  # glibc only: AttributeError elsewhere
        return libc
    except (OSError, AttributeError):
        return None


_LIBC = _libc()


def decode_long(
    transcriber: LoadedWhisper,
    source,
    options: DecodeOptions = DecodeOptions(),
    *,
    vocabulary: VocabularyPass | None = None,
    progress: Callable[[float, float], None] | None = None,
    sink: Sink | None = None,
    start_s: float = 0.0,
    stop: threading.Event | None = None,
    longform: LongformOptions = LongformOptions(),
) -> LongDecode:
    """Decode a recording (a file path, or a 16 kHz mono array) with the batched pipeline.

    ``progress(done_s, total_s)`` and ``sink(segments, done_s)`` are called after every batch
    (``done_s``: decoded up to there, in a silence); ``start_s`` resumes from such a point;
    ``stop`` (set from another thread) ends the decoding after the current batch. With
    ``vocabulary`` the pass's names and terms are merged in (see the module's docstring)."""
    from faster_whisper.vad import VadOptions

    total = _duration(source)
    by_pieces = longform.vocabulary_unit == "utterances"
    decoder = _BatchDecoder(transcriber, options, vocabulary, longform.vocabulary_beam, by_pieces, longform.batch_size)
    vad = VadOptions(max_speech_duration_s=CHUNK_S, min_silence_duration_ms=160)  # the pipeline's own
    result = LongDecode(total or 0.0, done_s=start_s)
    pending: list[_Chunk] = []
    seen_end = start_s

    def flush(chunks: list[_Chunk], done: float) -> None:
        segs, twice = decoder.decode(chunks) if chunks else ([], 0)
        _release_memory()
        result.segments += segs
        result.chunks += len(chunks)
        result.vocabulary_chunks += twice
        result.done_s = done
        if sink:
            sink(segs, done)
        if progress:
            progress(min(done, result.duration_s or done), result.duration_s or done)

    for spans, audio, origin in speech_windows(
        _blocks(source, start_s, min(30.0, longform.window_s / 4)), start_s, longform.window_s, vad
    ):
        seen_end = (origin + audio.size) / SAMPLE_RATE
        pending += pack_chunks(spans, audio, origin, transcriber.model.feature_extractor, vocabulary is not None and by_pieces)
        del audio
        while len(pending) >= longform.batch_size:
            batch, pending = pending[: longform.batch_size], pending[longform.batch_size :]
            flush(batch, batch[-1].end_s)
            if stop is not None and stop.is_set():
                return result
    result.duration_s = max(result.duration_s, seen_end)
    flush(pending, result.duration_s)
    result.complete = True
    return result
