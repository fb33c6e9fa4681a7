"""The live pipeline: recorder blocks → VAD utterances → Whisper in a worker thread → final text.

``LivePipeline.feed(block, start_sample)`` is a recorder consumer: it only queues the block, so
the recorder is never slowed. A segmenter thread runs the streaming VAD and closes utterances; a
decoder thread decodes them one by one. When decoding falls behind, utterances wait in a queue
(nothing is dropped) and the lag is reported through ``on_status``.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from bienban_base.audio import SAMPLE_RATE
from transcribe import guard
from transcribe.decoding import DecodeOptions
from transcribe.engine import Transcriber
from transcribe.live_buffer import AudioBuffer
from transcribe.live_types import LIVE_DECODE, FinalText, InterimText, LiveOptions, LiveStatus, Utterance
from transcribe.utterances import Cut, StreamingVad, UtteranceSegmenter

__all__ = ["LIVE_DECODE", "FinalText", "InterimText", "LiveOptions", "LivePipeline", "LiveStatus", "Utterance"]

log = logging.getLogger(__name__)


def retry_options(decode: DecodeOptions) -> DecodeOptions:
    """How an utterance whose decoding came back empty is decoded once more: Whisper's full 30 s
    window, greedy (a rare retry must not cost the next speaker's latency: beam 5 on the full
    window made that turn's text 6.6 s late)."""
    return replace(decode, encoder_pad_s=None, beam_size=1)


@dataclass(frozen=True)
class _PauseAt:
    """Queued with the blocks: the recording paused once the audio reached ``sample``."""

    sample: int


class LivePipeline:
    """A recorder consumer that turns meeting audio into final segments as people speak."""

    def __init__(
        self,
        transcriber: Transcriber,
        options: LiveOptions = LiveOptions(),
        on_final: Callable[[FinalText], None] | None = None,
        on_interim: Callable[[InterimText], None] | None = None,
        on_status: Callable[[LiveStatus], None] | None = None,
    ) -> None:
        self.transcriber, self.options = transcriber, options
        self._on_final, self._on_interim, self._on_status = on_final, on_interim, on_status
        self._blocks: queue.SimpleQueue = queue.SimpleQueue()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._buffer = AudioBuffer()
        self._segmenter = UtteranceSegmenter(options.segmenter)
        self._lock = threading.Condition()
        self._queued_samples = 0  # fed but not yet segmented
        self._job_samples = 0  # in closed utterances not yet decoded
        self._job_closed_at: list[float] = []
        self._open: tuple[int, int] | None = None  # (id, start sample) of the open utterance
        self._pause_at: int | None = None  # a pause the segmenter has not reached yet
        self._next_id = 0
        self._abandon = False
        self._closed = False
        self.errors: list[BaseException] = []
        """Exceptions raised in the worker threads (re-raised by ``close``)."""
        self.gaps = 0
        """Blocks that did not follow the previous one (audio missing upstream; filled with silence)."""
        self.decode_seconds = 0.0
        """Total wall-clock time spent decoding final text."""
        self.failed_utterances = 0
        """Utterances whose decoding raised (logged; their final text is empty)."""
        self._last_interim = (0, 0.0, 0)  # (utterance id, wall time, end sample)
        self._threads = [
            threading.Thread(target=self._guard(self._segment_loop), name="live-vad", daemon=True),
            threading.Thread(target=self._guard(self._decode_loop), name="live-decode", daemon=True),
        ]
        for t in self._threads:
            t.start()

    def feed(self, block: np.ndarray, start_sample: int) -> None:
        """Queue one 16 kHz mono float32 block starting at ``start_sample``; never blocks."""
        if self._closed or self.errors:  # nobody would take it off the queue
            return
        block = np.array(block, dtype=np.float32, copy=True).reshape(-1)
        with self._lock:
            self._queued_samples += block.size
        self._blocks.put((block, int(start_sample)))

    def pause_at(self, sample: int) -> None:
        """The recording paused after ``sample``: the utterance open there ends there and is
        decoded now, instead of waiting for the pause to end and being joined to what is said
        after it (the audio in between is not kept). Blocks already fed but not yet segmented
        are taken first; never blocks."""
        if self._closed or self.errors:
            return
        self._blocks.put(_PauseAt(int(sample)))

    def backlog_s(self) -> float:
        """Audio received but not yet decoded or found silent, seconds."""
        with self._lock:
            return (self._queued_samples + self._job_samples) / SAMPLE_RATE

    def wait_backlog(self, max_s: float) -> None:
        """Block until the backlog is at most ``max_s`` (for feeding files faster than real time)."""
        with self._lock:
            self._lock.wait_for(
                lambda: self._closed or self.errors or (self._queued_samples + self._job_samples) <= max_s * SAMPLE_RATE
            )

    def close(self, flush: bool = True) -> None:
        """Stop. With ``flush`` the open utterance and every waiting one are decoded first."""
        if not self._closed:
            self._abandon = not flush
            self._blocks.put(None)
            for t in self._threads:
                t.join()
            with self._lock:
                self._closed = True
                self._lock.notify_all()
        if self.errors:
            raise self.errors[0]

    def _guard(self, loop: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                loop()
            except BaseException as exc:  # kept for close(); the other thread must still finish
                log.exception("live pipeline worker failed")
                self.errors.append(exc)
                self._abandon = True
                self._jobs.put(None)
                with self._lock:
                    self._lock.notify_all()

        return run

    def _segment_loop(self) -> None:
        vad = StreamingVad()
        while (item := self._blocks.get()) is not None:
            if isinstance(item, _PauseAt):
                self._pause_at = item.sample
            else:
                block, start = item
                if self._buffer.start is not None and start > self._buffer.end:
                    self.gaps += 1
                added = self._buffer.append(block, start)
                with self._lock:
                    self._queued_samples -= block.size
                self._enqueue(self._segmenter.push(vad.push(added)))
            if self._pause_at is not None and self._buffer.end >= self._pause_at:
                self._enqueue(self._segmenter.flush(floor=self._pause_at - self._origin()))
                self._pause_at = None
            self._track_open()
            if self._abandon:
                break
        self._enqueue(self._segmenter.flush())
        with self._lock:
            self._open = None
        self._jobs.put(None)

    def _origin(self) -> int:
        """The segmenter counts samples from the first block received."""
        return self._buffer.start or 0

    def _track_open(self) -> None:
        start = self._segmenter.open_start
        start = None if start is None else start + self._origin()
        with self._lock:
            if start is None:
                self._open = None
            elif self._open is None or self._open[1] != start:
                self._open = (self._new_id(), start)
        keep = start if start is not None else self._buffer.end - int(self.options.segmenter.pre_roll_s * SAMPLE_RATE)
        self._buffer.trim(keep)

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _enqueue(self, cuts: list[Cut]) -> None:
        for cut in cuts:
            o = self._origin()
            cut = Cut(cut.start + o, cut.end + o, cut.speech_end + o)
            with self._lock:
                uid = self._open[0] if self._open and self._open[1] == cut.start else self._new_id()
                self._open = None
                self._job_samples += cut.end - cut.start
                self._job_closed_at.append(time.monotonic())
            utt = Utterance(uid, cut.start / SAMPLE_RATE, cut.end / SAMPLE_RATE, cut.speech_end / SAMPLE_RATE)
            self._jobs.put((utt, self._buffer.slice(cut.start, cut.end)))
        if cuts:
            self._report()

    def _decode_loop(self) -> None:
        while True:
            try:
                job = self._jobs.get(timeout=0.1)
            except queue.Empty:
                self._maybe_interim()
                continue
            if job is None:
                return
            utt, audio = job
            if not self._abandon:
                self._decode_final(utt, audio)
            with self._lock:
                self._job_samples -= audio.size
                self._job_closed_at.pop(0)
                self._lock.notify_all()
            self._report()

    def _decode_final(self, utt: Utterance, audio: np.ndarray) -> None:
        t0 = time.perf_counter()
        try:
            decode = self.options.decode
            segments = guard.without_silent_tail(self.transcriber.decode(audio, decode, offset=utt.start), utt.speech_end)
            if not segments and decode.encoder_pad_s is not None:
                # the short window sometimes ends a whole turn before its first word, or writes
                # it all as if after the speech (seen on a 9.6 s turn of the rendered dialogue);
                # Whisper's own 30 s window hears it
                retried = self.transcriber.decode(audio, retry_options(decode), offset=utt.start)
                segments = guard.without_silent_tail(retried, utt.speech_end)
            if self.options.vocabulary is not None:
                segments = self.options.vocabulary.apply(self.transcriber, audio, decode, utt.start, segments, utt.speech_end)
        except Exception:  # one bad utterance must not end transcription for the rest of the meeting
            log.exception("decoding utterance %d failed", utt.id)
            self.failed_utterances += 1
            segments = []
        took = time.perf_counter() - t0
        self.decode_seconds += took
        self._call(self._on_final, FinalText(utt, segments, took))

    def _maybe_interim(self) -> None:
        o = self.options
        if o.interim_every_s is None or self._on_interim is None or self._abandon:
            return
        with self._lock:
            open_ = self._open
        if open_ is None or self._segmenter.trailing_silence > 6:  # an end is near: keep the decoder free
            return
        uid, start = open_
        end = self._buffer.end
        last_id, last_t, last_end = self._last_interim
        now = time.monotonic()
        if end - start < o.interim_min_s * SAMPLE_RATE or (
            uid == last_id and (now - last_t < o.interim_every_s or end == last_end)
        ):
            return
        audio = self._buffer.slice(start, end)
        self._last_interim = (uid, now, end)
        quick = replace(o.decode, beam_size=1, word_timestamps=False)
        text = " ".join(s.text for s in self.transcriber.decode(audio, quick)).strip()
        if text:
            self._call(self._on_interim, InterimText(uid, start / SAMPLE_RATE, text))

    def _report(self) -> None:
        if self._on_status is None:
            return
        with self._lock:
            lag = time.monotonic() - self._job_closed_at[0] if self._job_closed_at else 0.0
            backlog = (self._queued_samples + self._job_samples) / SAMPLE_RATE
            status = LiveStatus(self._buffer.end / SAMPLE_RATE, backlog, len(self._job_closed_at), lag, self.failed_utterances)
        self._call(self._on_status, status)

    @staticmethod
    def _call(callback: Callable | None, value: object) -> None:
        if callback is None:
            return
        try:
            callback(value)
        except Exception:  # a faulty listener must not stop transcription
            log.exception("live pipeline callback failed")
