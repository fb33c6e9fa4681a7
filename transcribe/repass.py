"""The post-meeting pass over a whole recording, and the mapping that keeps the secretary's work.

Three ways to decode (``docs/benchmarks.md`` has the figures on this 2-core CPU): ``batched``
(faster-whisper's batched pipeline with timestamps: fastest, as accurate as sequential),
``sequential`` (30 s windows in order, what ``bienban transcribe`` does) and ``utterances`` (the
live pipeline's utterances decoded again: slowest, the segments line up with the live ones).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import numpy as np

from bienban_base.audio import SAMPLE_RATE, load_audio
from transcribe.decoding import DecodeOptions, RecognisedSegment
from transcribe.live_types import LIVE_DECODE
from transcribe.realign import OldSegment, sources, split_at_edits
from transcribe.recogniser import Recogniser
from transcribe.utterances import Cut, SegmenterOptions, StreamingVad, UtteranceSegmenter
from transcribe.vocabulary import VocabularyPass, merge_vocabulary

MODES = ("batched", "sequential", "utterances")
"""How ``post_meeting_pass`` may decode."""

_STEP = 30 * SAMPLE_RATE  # VAD in 30 s steps: memory stays flat on a three-hour recording


def find_utterances(audio: np.ndarray, options: SegmenterOptions = SegmenterOptions()) -> list[Cut]:
    """The utterances of a whole recording, as the live pipeline would cut them."""
    vad, segmenter, cuts = StreamingVad(), UtteranceSegmenter(options), []
    for i in range(0, audio.size, _STEP):
        cuts += segmenter.push(vad.push(audio[i : i + _STEP]))
    return cuts + segmenter.flush()


def decode_utterances(
    transcriber: Recogniser,
    audio: np.ndarray,
    options: DecodeOptions = DecodeOptions(),
    progress: Callable[[float, float], None] | None = None,
) -> Iterator[RecognisedSegment]:
    """Decode every utterance of ``audio``; ``progress(done_s, total_s)`` after each."""
    total = audio.size / SAMPLE_RATE
    for cut in find_utterances(audio):
        yield from transcriber.decode(audio[cut.start : cut.end], options, offset=cut.start / SAMPLE_RATE)
        if progress:
            progress(cut.end / SAMPLE_RATE, total)
    if progress:
        progress(total, total)


def post_meeting_pass(
    transcriber: Recogniser,
    audio: np.ndarray | str | os.PathLike[str],
    old: list[OldSegment],
    mode: str = "batched",
    options: DecodeOptions = DecodeOptions(),
    progress: Callable[[float, float], None] | None = None,
    vocabulary: VocabularyPass | None = None,
) -> tuple[list[RecognisedSegment], list[list[int]]]:
    """Decode the whole recording (a file path, or a 16 kHz array) again; return the new
    segments and, for each, the old segment ids it takes speaker, tags and links from
    (``MeetingStore.replace_segments(new, sources, model=...)``).

    ``batched`` (the default) is the recogniser's ``decode_long`` (``transcribe.longform``): a
    file is read in windows, in bounded memory, and the vocabulary pass runs batch by batch
    inside it. The other modes decode the recording as one array; with ``vocabulary`` every
    utterance is then decoded once more with the meeting-vocabulary prompt (``LIVE_DECODE``'s
    short window) and ``progress`` counts both passes (``total_s`` is twice the audio). New
    segments are cut where her hand-edited segments begin and end (``split_at_edits``)."""
    if mode == "batched":
        new = transcriber.decode_long(audio, options, vocabulary=vocabulary, progress=progress).segments
        new = split_at_edits(new, old)
        return new, sources(new, old)
    if not isinstance(audio, np.ndarray):
        audio = load_audio(audio)
    total = audio.size / SAMPLE_RATE
    span = 2 * total if vocabulary is not None else total

    def step(done: float) -> None:
        if progress:
            progress(min(done, span), span)

    if mode == "utterances":
        new = list(decode_utterances(transcriber, audio, options, lambda done, _total: step(done)))
    else:
        new = []
        for seg in transcriber.segments(audio, options):
            new.append(seg)
            step(seg.end)
    step(total)
    if vocabulary is not None:
        prompted: list[RecognisedSegment] = []
        for cut in find_utterances(audio):
            prompted += vocabulary.decode(
                transcriber, audio[cut.start : cut.end], LIVE_DECODE, cut.start / SAMPLE_RATE, cut.speech_end / SAMPLE_RATE
            )
            step(total + cut.end / SAMPLE_RATE)
        new = merge_vocabulary(new, prompted, vocabulary.phrases)
        step(span)
    new = split_at_edits(new, old)
    return new, sources(new, old)
