"""A long recording decoded with faster-whisper's batched pipeline, in bounded memory.

The file is read in windows of ``window_s`` (PyAV, ``transcribe.audio.stream_audio``); Silero VAD
finds the speech of each window, and the window is cut before its last stretch of speech (which
may run on into the next window), so no speech is split between windows. The speech is packed
into chunks of at most 30 s as ``BatchedInferencePipeline.transcribe`` packs it, and chunks are
decoded ``batch_size`` at a time as they come, across windows. Memory holds one window of audio
and one batch of features (and a chunk not full at a window's end, which waits for the next
window's speech), whatever the length of the recording.

After every batch the caller's ``sink`` receives the batch's segments and the time up to which
the recording is done (always in a silence): a caller that stores both can resume an
interrupted decoding there (``start_s``).

With a ``VocabularyPass`` the utterances of each batch where the first decoding wrote words that
sound like a vocabulary phrase (``transcribe.vocabulary_spots``) are decoded again with the
vocabulary prompt (batched, short encoder window, a small beam), and the prompted decoding's
names and terms are merged in (``merge_vocabulary``); ``bench/vocabulary_options.py`` compares
the ways to choose what is decoded again (docs/benchmarks.md).

A recogniser with two decoders (``Transcriber.for_recordings``) shares each batch out between
them and hands out the follow-up work (the rescue of utterances a chunk's decoding missed, the
vocabulary pass) as each share's results come back, so neither decoder waits for the other.
"""

from __future__ import annotations

import gc
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Protocol

import numpy as np

from bienban_base.audio import SAMPLE_RATE, audio_duration, stream_audio
from transcribe import guard
from transcribe.decoding import DecodeOptions, LongDecode, RecognisedSegment, Word, encoder_frames, guarded
from transcribe.vocabulary import VocabularyPass, merge_vocabulary
from transcribe.vocabulary_spots import PhraseSpotter

CHUNK_S = 30.0
"""Whisper's window: speech is packed into chunks of at most this length."""
PIECE_PAD_S = 2.0
"""Vocabulary pass: silence the encoder sees after an utterance (``LIVE_DECODE``'s)."""
PIECE_TOKENS_PER_S = 15.0
"""Vocabulary pass: most tokens written per second of an utterance (``LIVE_DECODE``'s cap)."""
HOLD_BACK_S = 2.0
"""Speech ending this close to a window's end may go on: it waits for the next window."""
PIECE_BATCH = 3
"""Utterances decoded together (vocabulary pass, rescue): groups of similar length, whose encoder
window is their longest's; larger groups were no faster (docs/benchmarks.md, issue 16)."""
SPAN_PAD_S = 1.0
"""Vocabulary pass by ``spans``: audio kept either side of the words a phrase may replace."""
VOCABULARY_UNITS = ("utterances", "spans")
"""What the vocabulary pass may decode again (``LongformOptions.vocabulary_unit``)."""


class LoadedWhisper(Protocol):
    """What the windowed decoder needs of a recogniser: its loaded faster-whisper model."""

    @property
    def model(self) -> Any:
        """The ``WhisperModel`` (``transcribe.engine.Transcriber.model``)."""

    @property
    def workers(self) -> int:
        """Decodings the model runs side by side (``Transcriber.for_recordings``); 1: one at a time."""


@dataclass(frozen=True)
class LongformOptions:
    """How a long recording is cut and batched."""

    window_s: float = 120.0
    """Audio read before each VAD cut: Silero VAD holds about 0.4 MB per second of the window
    at once (123 MB for 300 s), the window 64 KB per second. Cutting windows moves chunk
    boundaries, which alone moves WER by a few hundredths here (docs/benchmarks.md, issue 16)."""
    batch_size: int = 5
    """Chunks decoded together (faster-whisper's default is 8), shared out between the decoders
    side by side (``Transcriber.workers``). A decoding step costs nearly the same for 1 chunk as
    for 5 on 2 cores, so larger batches are faster; the decoder's memory grows by about 75 MB per
    chunk (the encoder's and the alignment's would too, but they run one window at a time:
    ``transcribe.engine.ENCODE_AT_ONCE``). 6 was 6 % faster on a 3-hour file and 130 MiB larger
    at its peak: docs/benchmarks.md, issue 16."""
    vocabulary_beam: int = 2
    """Beam width of the vocabulary pass's prompted decoding (bench/vocabulary_options.py: beam 2
    keeps the dialogue's WER gain, −4.2 % against −4.9 % with beam 5, for less time)."""
    vocabulary_unit: str = "utterances"
    """What the vocabulary pass decodes again (``VOCABULARY_UNITS``): ``utterances`` (each
    utterance alone, batched, short encoder window) or ``spans`` (only the stretch around the
    words a phrase may replace, ``SPAN_PAD_S`` either side: no cheaper, docs/benchmarks.md)."""
    rescue_missed_s: float | None = 1.0
    """An utterance at least this long that the decoding of its 30 s chunk wrote no word in
    (Whisper often stops before the last utterances glued into a chunk: 6 of 31 clips of the
    human recording) is decoded again on its own, like the vocabulary pass's utterances but
    without the prompt. ``None``: never (faster-whisper's pipeline does not)."""
    vocabulary_spots: str | None = "all_but_one"
    """Decode again only the utterances whose first decoding holds words where a vocabulary
    phrase may have been said (``transcribe.vocabulary_spots``, this its ``rule``); ``None``:
    every utterance the first decoding wrote anything in."""


@dataclass(eq=False)  # an utterance is itself: its audio is not compared
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


Sink = Callable[[list[RecognisedSegment], float], None]


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


class ChunkPacker:
    """Speech spans packed into chunks of at most ``CHUNK_S`` (as ``collect_chunks`` packs
    them, keeping every chunk's spans), with their features; ``with_pieces``: also the audio
    of each of the chunk's utterances (``utterance_pieces``, within one window). A chunk not
    yet full at a window's end waits for the next window's speech (a copy of its audio is
    kept), so shorter windows do not mean more, emptier chunks."""

    def __init__(self, feature_extractor, with_pieces: bool = False) -> None:
        self.feature_extractor = feature_extractor
        self.with_pieces = with_pieces
        self.open: list[tuple[list[dict], np.ndarray, int]] = []  # (spans, audio, origin) per window
        self.length = 0  # samples of speech in ``open``

    def push(self, spans: list[dict], audio: np.ndarray, origin: int) -> Iterator[_Chunk]:
        """The chunks filled by one window's ``spans`` (samples relative to ``audio``, which
        starts at absolute sample ``origin``)."""
        limit = int(CHUNK_S * SAMPLE_RATE)
        group: list[dict] = []
        for span in spans:
            n = span["end"] - span["start"]
            if (group or self.open) and self.length + n > limit:
                if group:
                    self.open.append((group, audio, origin))
                yield self._close()
                group = []
            group.append(span)
            self.length += n
        if group:  # keep only what the open chunk needs of this window
            a, b = group[0]["start"], group[-1]["end"]
            kept = [{"start": g["start"] - a, "end": g["end"] - a} for g in group]
            self.open.append((kept, audio[a:b].copy(), origin + a))

    def flush(self) -> Iterator[_Chunk]:
        """The last chunk, at the end of the recording."""
        if self.open:
            yield self._close()

    def _close(self) -> _Chunk:
        samples = np.concatenate([audio[g["start"] : g["end"]] for spans, audio, _ in self.open for g in spans])
        features = pad_or_trim(self.feature_extractor(samples)[..., :-1])
        absolute = [{"start": g["start"] + o, "end": g["end"] + o} for spans, _, o in self.open for g in spans]
        pieces = []
        for spans, audio, origin in self.open if self.with_pieces else []:
            for a, b in utterance_pieces(spans):
                pieces.append(_Piece(audio[a:b].copy(), a + origin, (b - a) / SAMPLE_RATE))
        self.open, self.length = [], 0
        return _Chunk(features, absolute, samples.size / SAMPLE_RATE, pieces)


def pack_chunks(
    spans: list[dict], audio: np.ndarray, origin: int, feature_extractor, with_pieces: bool = False
) -> Iterator[_Chunk]:
    """One window's speech spans packed into chunks (``ChunkPacker``), the last one closed."""
    packer = ChunkPacker(feature_extractor, with_pieces)
    yield from packer.push(spans, audio, origin)
    yield from packer.flush()


def pad_or_trim(features: np.ndarray) -> np.ndarray:
    """Features padded or cut to Whisper's 3000 frames (faster-whisper's own)."""
    from faster_whisper.audio import pad_or_trim as whisper_pad_or_trim

    return whisper_pad_or_trim(features)


def _pipeline_class():
    from faster_whisper import BatchedInferencePipeline

    return BatchedInferencePipeline


class _Tasks:
    """Decoding work handed out to the decoders as it becomes known: ``add(work, group, then)``
    runs ``work(pipeline, group)`` on the next free decoder, then ``then(result)`` on the thread
    that calls ``run``, which may add more; ``run`` returns when nothing is left. So a decoder
    that has finished its share of a batch goes on with what the other's results called for (the
    rescue, the vocabulary pass) instead of waiting for the batch's slowest share."""

    def __init__(self, pool: ThreadPoolExecutor, pipelines: queue.SimpleQueue) -> None:
        self.pool = pool
        self.pipelines = pipelines
        self.running: dict[Future, Callable[[Any], None]] = {}

    def add(self, work: Callable[[Any, list], Any], group: list, then: Callable[[Any], None]) -> None:
        self.running[self.pool.submit(self._on_a_free_decoder, work, group)] = then

    def _on_a_free_decoder(self, work: Callable[[Any, list], Any], group: list) -> Any:
        pipeline = self.pipelines.get()
        try:
            return work(pipeline, group)
        finally:
            self.pipelines.put(pipeline)

    def run(self) -> None:
        try:
            while self.running:
                done, _ = wait(self.running, return_when=FIRST_COMPLETED)
                for future in done:
                    self.running.pop(future)(future.result())
        except BaseException as exc:
            for future in self.running:
                future.cancel()
            # a decoder's error leaves no decoder running; Ctrl-C does not wait for the decodings
            # in flight (they cannot be cut short: a batch's length, some 9 s, with nothing shown)
            if not isinstance(exc, KeyboardInterrupt):
                wait(self.running)
            raise


class _BatchDecoder:
    """Decodes lists of ``_Chunk``s with the pipeline's own forward pass, on ``workers``
    decoders side by side (``Transcriber.for_recordings``): each CTranslate2 worker on its own
    core, as a decoding step gains little from a second thread and two decodings nearly double
    the throughput."""

    def __init__(
        self,
        transcriber: LoadedWhisper,
        options: DecodeOptions,
        vocabulary: VocabularyPass | None,
        vocabulary_beam: int,
        unit: str,
        spots: str | None,
        rescue_missed_s: float | None = None,
    ) -> None:
        if unit not in VOCABULARY_UNITS:
            raise ValueError(f"unknown vocabulary unit {unit!r}: one of {', '.join(VOCABULARY_UNITS)}")
        self.transcriber = transcriber
        self.rescue_missed_s = rescue_missed_s
        self.rescued = 0
        """Utterances decoded again on their own because their chunk's decoding missed them."""
        self.workers = transcriber.workers
        # one pipeline per decoder (a pipeline carries state between calls)
        pipelines = [_pipeline_class()(transcriber.model) for _ in range(self.workers)]
        self.pipelines: queue.SimpleQueue = queue.SimpleQueue()  # the free ones
        for pipeline in pipelines:
            self.pipelines.put(pipeline)
        self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="decode")  # a thread per decoder
        kw = options.kwargs()
        kw.pop("condition_on_previous_text", None)
        kw.pop("vad_filter", None)
        kw.pop("without_timestamps", None)
        # faster-whisper builds its own options and tokenizer from the keyword arguments (a
        # lazy call: nothing is decoded); timestamps as in Transcriber.batched_segments
        _, info = pipelines[0].transcribe(
            np.zeros(SAMPLE_RATE, np.float32), clip_timestamps=[{"start": 0, "end": 1}], without_timestamps=False, **kw
        )
        self.options = info.transcription_options
        from faster_whisper.tokenizer import Tokenizer

        model = transcriber.model
        self.tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language=info.language)
        self.vocabulary = vocabulary
        self.unit = unit
        self.spotter = PhraseSpotter(vocabulary.phrases, spots) if vocabulary and spots else None
        self.prompted = replace(self.options, initial_prompt=vocabulary.prompt, beam_size=vocabulary_beam) if vocabulary else None

    def close(self, wait: bool = True) -> None:
        """End the decoder threads (``wait=False``: work not started is dropped, and the caller
        goes on while the decodings in flight end on their own)."""
        self.pool.shutdown(wait=wait, cancel_futures=not wait)

    def decode(self, chunks: list[_Chunk]) -> tuple[list[RecognisedSegment], int]:
        """The chunks' segments (with the vocabulary merged in); and how many utterances the
        vocabulary pass decoded again.

        The batch is shared out between the decoders; as each share comes back, the utterances
        its decoding missed are decoded again on their own (the rescue: those that come back
        empty again get Whisper's whole 30 s window), and those where a vocabulary phrase may
        have been said are decoded again with the prompt, each a few at a time on whichever
        decoder is free. What a chunk gets does not depend on how many decoders there are: its
        utterances are grouped by chunk."""
        tasks = _Tasks(self.pool, self.pipelines)
        base: list[list[RecognisedSegment]] = [[] for _ in chunks]
        found: list[RecognisedSegment] = []  # the rescued utterances' segments
        lent: list[RecognisedSegment] = []  # the prompted decodings'
        again = 0

        def lend(pieces: list[_Piece], words: list[Word]) -> None:
            """The vocabulary pass over ``pieces`` (of a chunk its decoding wrote words in)."""
            nonlocal again
            if self.prompted is None:
                return
            spotted = [q for p in pieces for q in self._again(p, words)]
            again += len(spotted)
            for group in _by_length(spotted):
                tasks.add(partial(self._pieces, options=self.prompted), group, lent.extend)

        def rescued(pieces: list[_Piece], chunk_heard: bool, whole_window: bool) -> Callable[[list[RecognisedSegment]], None]:
            def then(segments: list[RecognisedSegment]) -> None:
                found.extend(segments)
                words = [w for s in segments for w in s.words]
                # what comes back empty again gets Whisper's whole 30 s window, as it was
                # trained (the live pipeline's retry): slower, so only for those
                empty = [p for p in pieces if not _heard_in(p, words)]
                if empty and not whole_window:
                    tasks.add(
                        partial(self._pieces, options=self.options, whole_window=True), empty, rescued(empty, chunk_heard, True)
                    )
                if chunk_heard:
                    lend([p for p in pieces if p not in empty], words)

            return then

        def decoded(first: int) -> Callable[[list[list[RecognisedSegment]]], None]:
            def then(share: list[list[RecognisedSegment]]) -> None:
                for i, segments in enumerate(share, first):
                    base[i] = segments
                    words = [w for s in segments for w in s.words]
                    missed = []
                    if self.rescue_missed_s is not None:
                        missed = [p for p in chunks[i].pieces if p.duration >= self.rescue_missed_s and not _heard_in(p, words)]
                        self.rescued += len(missed)
                        for group in _by_length(missed):
                            tasks.add(partial(self._pieces, options=self.options), group, rescued(group, bool(segments), False))
                    if segments:
                        # the merge only replaces words of the first decoding: an utterance it
                        # wrote nothing for cannot gain
                        lend([p for p in chunks[i].pieces if p not in missed], words)

            return then

        size = -(-len(chunks) // self.workers)  # a batch shared out between the decoders
        for first in range(0, len(chunks), size):
            tasks.add(self._chunks, chunks[first : first + size], decoded(first))
        tasks.run()
        flat = [s for segments in base for s in segments]
        if found:
            flat = sorted(flat + found, key=lambda s: (s.start, s.end))
        if self.vocabulary is None or not lent:
            return flat, again
        return merge_vocabulary(flat, sorted(lent, key=lambda s: (s.start, s.end)), self.vocabulary.phrases), again

    def _chunks(self, pipeline, group: list[_Chunk]) -> list[list[RecognisedSegment]]:
        """The 30 s chunks' segments (the first pass)."""
        from faster_whisper.transcribe import restore_speech_timestamps

        features = np.stack([c.features for c in group])
        meta = [{"offset": 0.0, "duration": c.duration} for c in group]
        results = pipeline.forward(features, self.tokenizer, meta, self.options)
        return [
            list(guarded(restore_speech_timestamps(_raw_segments(result, self.options), chunk.spans, SAMPLE_RATE)))
            for chunk, result in zip(group, results)
        ]

    def _again(self, piece: _Piece, words: list[Word]) -> list[_Piece]:
        """What of an utterance the vocabulary pass decodes again: all of it, the stretches
        around the words a phrase may replace (``spans``), or nothing."""
        start = piece.start / SAMPLE_RATE
        heard = _heard_in(piece, words)
        if not heard:
            return []
        if self.spotter is None:
            return [piece]
        if self.unit != "spans":
            return [piece] if self.spotter.may_change(heard) else []
        stretches: list[list[float]] = []
        for first, last in self.spotter.spots(heard):
            a = max(start, heard[first].start - SPAN_PAD_S)
            b = min(start + piece.duration, heard[last].end + SPAN_PAD_S)
            if stretches and a <= stretches[-1][1]:
                stretches[-1][1] = max(stretches[-1][1], b)
            else:
                stretches.append([a, b])
        out = []
        for a, b in stretches:
            i, j = int((a - start) * SAMPLE_RATE), int((b - start) * SAMPLE_RATE)
            out.append(_Piece(piece.audio[i:j], piece.start + i, (j - i) / SAMPLE_RATE))
        return out

    def _pieces(self, pipeline, batch: list[_Piece], options, whole_window: bool = False) -> list[RecognisedSegment]:
        """Utterances decoded together, the encoder seeing the longest of them plus
        ``PIECE_PAD_S`` (``DecodeOptions.encoder_pad_s``), or Whisper's whole 30 s window
        (``whole_window``)."""
        extract = self.transcriber.model.feature_extractor
        limit = self.transcriber.model.limit
        longest = max(p.duration for p in batch)
        limit.frames = None if whole_window else encoder_frames(longest, PIECE_PAD_S)  # this thread's
        # one looping utterance would hold the whole batch to 448 tokens (LIVE_DECODE's cap)
        capped = replace(options, max_new_tokens=max(16, int(PIECE_TOKENS_PER_S * longest)))
        keep = pipeline.last_speech_timestamp
        try:
            features = np.stack([pad_or_trim(extract(p.audio)[..., :-1]) for p in batch])
            results = pipeline.forward(features, self.tokenizer, [{"offset": 0.0, "duration": p.duration} for p in batch], capped)
        finally:
            limit.frames = None
            pipeline.last_speech_timestamp = keep
        out: list[RecognisedSegment] = []
        for piece, result in zip(batch, results):
            raw = _raw_segments(result, options)
            offset = piece.start / SAMPLE_RATE
            out += guard.without_silent_tail(list(guarded(raw, offset)), offset + piece.duration)
        return out


def _by_length(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Utterances in groups of ``PIECE_BATCH`` of similar length (a group's encoder window is
    its longest's), the longest group first: it is handed out first."""
    order = sorted(pieces, key=lambda p: p.duration)
    return [order[i : i + PIECE_BATCH] for i in range(0, len(order), PIECE_BATCH)][::-1]


def _heard_in(piece: _Piece, words: list[Word]) -> list[Word]:
    """The decoded words whose middle lies inside the utterance."""
    start = piece.start / SAMPLE_RATE
    return [w for w in words if start <= (w.start + w.end) / 2 <= start + piece.duration]


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


ARENAS = 1
"""glibc memory arenas once a whole recording is decoded (``cap_arenas``)."""


def cap_arenas() -> None:
    """Let glibc keep at most ``ARENAS`` memory arenas from now on (``M_ARENA_MAX``). By default
    each thread that allocates gets its own, up to 8 per core, and keeps what it freed: with two
    decoders side by side the first 100 s of a 3-hour import peaked at 891 MiB, with 2 arenas at
    758 MiB, with 1 at 726 MiB, equally fast; a 3-hour re-transcription's decoding peaked at 936
    MiB with 2, 860 MiB with 1 (docs/benchmarks.md, issue 16). Elsewhere than glibc: nothing to do."""
    if _LIBC is not None:
        _LIBC.mallopt(-8, ARENAS)  # M_ARENA_MAX


def _libc():
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        getattr(libc, "malloc_trim")  # noqa: B009  # glibc only: AttributeError elsewhere
        getattr(libc, "mallopt")  # noqa: B009
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
    decoder = _BatchDecoder(
        transcriber,
        options,
        vocabulary,
        longform.vocabulary_beam,
        longform.vocabulary_unit,
        longform.vocabulary_spots,
        longform.rescue_missed_s,
    )
    vad = VadOptions(max_speech_duration_s=CHUNK_S, min_silence_duration_ms=160)  # the pipeline's own
    result = LongDecode(total or 0.0, done_s=start_s)
    pending: list[_Chunk] = []
    seen_end = start_s
    with_pieces = vocabulary is not None or longform.rescue_missed_s is not None
    packer = ChunkPacker(transcriber.model.feature_extractor, with_pieces)
    interrupted = False

    def flush(chunks: list[_Chunk], done: float) -> None:
        segs, again = decoder.decode(chunks) if chunks else ([], 0)
        _release_memory()
        result.segments += segs
        result.chunks += len(chunks)
        result.vocabulary_utterances += again
        result.rescued = decoder.rescued
        result.done_s = done
        if sink:
            sink(segs, done)
        if progress:
            progress(min(done, result.duration_s or done), result.duration_s or done)

    try:
        for spans, audio, origin in speech_windows(
            _blocks(source, start_s, min(30.0, longform.window_s / 4)), start_s, longform.window_s, vad
        ):
            seen_end = (origin + audio.size) / SAMPLE_RATE
            pending += packer.push(spans, audio, origin)
            del audio
            while len(pending) >= longform.batch_size:
                batch, pending = pending[: longform.batch_size], pending[longform.batch_size :]
                flush(batch, batch[-1].end_s)
                if stop is not None and stop.is_set():
                    return result
        result.duration_s = max(result.duration_s, seen_end)
        pending += packer.flush()  # at most one batch: the loop above left fewer than batch_size
        flush(pending, result.duration_s)
    except KeyboardInterrupt:
        interrupted = True  # what was stored stays; the batch in flight is decoded again on resuming
        raise
    finally:
        decoder.close(wait=not interrupted)
    result.complete = True
    return result
