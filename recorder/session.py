"""A meeting's recording: a source, the crash-safe journal, the consumers and the sidecar.

Threads: the source delivers blocks on its own thread; ``Recording`` numbers them on the meeting's
audio time axis and hands them to the journal writer (an unbounded queue: the file never skips a
block) and to each consumer's bounded queue. ``on_event`` is called on those threads with the
dataclasses of ``recorder.events``; keep it short (post a message, print a line).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bienban_base.audio import dbfs
from recorder import events as ev
from recorder.errors import RecorderError
from recorder.fanout import BlockConsumer, Consumer
from recorder.journal import SAMPLE_RATE, Journal, JournalStats, journal_path
from recorder.lock import RecordingLock
from recorder.sidecar import Break, RecordingLog, Run, now_iso
from recorder.sources import AudioSource
from recorder.writer import JournalWriter

log = logging.getLogger(__name__)


class Recording:
    """Records ``source`` into ``meeting_dir``; with ``append`` it continues the meeting's audio."""

    def __init__(
        self,
        meeting_dir: str | os.PathLike[str],
        source: AudioSource,
        *,
        on_event: Callable[[object], None] | None = None,
        append: bool = False,
        fsync_interval: float = 0.25,
        consumer_queue_seconds: float = 60.0,
    ) -> None:
        self.meeting_dir = Path(meeting_dir)
        self.source = source
        self.on_event = on_event or (lambda event: None)
        self.append = append
        self.fsync_interval = fsync_interval
        self.consumer_queue_seconds = consumer_queue_seconds
        self.error: RecorderError | None = None
        """The write failure that stopped the recording, if any."""
        self.ended = threading.Event()
        """Set when the source ran out or a write failure stopped the recording."""
        self.level_dbfs = -120.0
        """RMS level of the latest block in dBFS (also while paused)."""
        self._consumers: list[Consumer] = []
        self._lock = threading.Lock()
        self._next_sample = 0
        self._paused_at: float | None = None
        self._lost_at: float | None = None
        self._journal: Journal | None = None
        self._writer: JournalWriter | None = None
        self._log = RecordingLog()
        self._audio: Path | None = None
        self._announced = threading.Event()  # Started is out: later events may follow
        self._meeting_lock = RecordingLock(self.meeting_dir)

    def add_consumer(self, fn: BlockConsumer, name: str | None = None) -> None:
        """Deliver every kept block as ``fn(block, start_sample)`` on a thread of its own."""
        max_blocks = max(4, int(self.consumer_queue_seconds * 10))  # blocks are about 0.1 s
        fallback: str = getattr(fn, "__name__", "consumer")
        consumer = Consumer(fn, name or fallback, max_blocks, self._dropped)
        with self._lock:
            self._consumers = [*self._consumers, consumer]

    def start(self) -> None:
        """Open the journal (recovering an interrupted one first when appending) and start capturing.

        The meeting's recording lock is taken first and held until the audio file is finished:
        a second recorder, ``recover`` or an import refuses meanwhile (``recording_busy``).
        """
        self._meeting_lock.acquire()
        try:
            if self.append and journal_path(self.meeting_dir).exists():
                from recorder.recovery import recover_locked

                recover_locked(self.meeting_dir)
            self._journal = Journal.open(self.meeting_dir, self.append, self.fsync_interval)
        except BaseException:
            self._meeting_lock.release()
            raise
        self._next_sample = self._journal.samples
        self._log, damaged = RecordingLog.load_or_set_aside(self.meeting_dir)
        if damaged is not None:
            log.warning("recording.json was damaged; kept as %s, a new one is started", damaged)
        self._writer = JournalWriter(self._journal, self._fail)
        first = self._next_sample  # a fast source may deliver before start() returns
        try:
            self.source.start(self)
        except BaseException:
            self._writer.close()
            self._journal.finish(keep_if_empty=self.append)
            self._meeting_lock.release()
            raise
        self._open_run(first)
        self.on_event(ev.Started(self.source.name, self.source.native_rate, self.source.channels))
        self._announced.set()

    def pause(self) -> None:
        """Stop keeping audio (the device stays open and the level meter keeps moving)."""
        with self._lock:
            if self._paused_at is not None or self._audio is not None:
                return
            self._paused_at = time.monotonic()
            self._log.close_run(self._next_sample, "pause")
            self._log.breaks.append(Break("pause", self._next_sample, now_iso()))
        self._save_log()
        self.on_event(ev.Paused(self.elapsed_seconds))

    def resume(self) -> None:
        """Keep audio again, on the same time axis and in the same file."""
        with self._lock:
            if self._paused_at is None or self._audio is not None:
                return
            pause = time.monotonic() - self._paused_at
            self._paused_at = None
            self._log.close_break("pause", pause)
        self._open_run()
        self.on_event(ev.Resumed(self.elapsed_seconds, pause))

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the source runs out or a write fails; ``True`` if it did."""
        return self.ended.wait(timeout)

    def stop(self, consumer_timeout: float = 5.0) -> Path:
        """Stop capturing, finish the audio file atomically and return its path."""
        self.source.stop()
        if self._writer is not None:
            self._writer.close()
        for consumer in self._consumers:
            if not consumer.close(consumer_timeout):
                log.warning("consumer %s still busy after %.0f s", consumer.name, consumer_timeout)
        return self._finish("source_ended" if self.ended.is_set() else "stop")

    @property
    def elapsed_seconds(self) -> float:
        """Seconds of audio kept so far (the meeting's audio time axis)."""
        return self._next_sample / SAMPLE_RATE

    @property
    def overflow_count(self) -> int:
        """Input overflows reported by the device since this recording started."""
        return self.source.overflows

    @property
    def paused(self) -> bool:
        """Whether the recording is paused."""
        return self._paused_at is not None

    @property
    def journal_stats(self) -> JournalStats:
        """fsync count and lag of the journal."""
        return self._journal.stats if self._journal else JournalStats()

    @property
    def writer_thread_id(self) -> int | None:
        """Native id of the journal writer thread (for the benchmark's CPU figures)."""
        return self._writer.thread_id if self._writer else None

    # -- source listener: called on the source's thread -------------------------------------

    def on_audio(self, block: np.ndarray) -> None:
        """Number the block, queue it for the journal and offer it to the consumers."""
        self.level_dbfs = max(-120.0, dbfs(block))
        with self._lock:
            if self._paused_at is not None or self.error is not None or self._audio is not None:
                return
            start = self._next_sample
            self._next_sample += block.size
            consumers = self._consumers
            assert self._writer is not None  # start() opens the writer before the source
            self._writer.put(block)  # under the lock: journal order is sample order
        for consumer in consumers:
            consumer.offer(block, start)

    def on_lost(self) -> None:
        """Close the run and open a gap; the source retries the device."""
        self._announced.wait(5)
        with self._lock:
            self._lost_at = time.monotonic()
            self._log.close_run(self._next_sample, "device_lost")
            self._log.breaks.append(Break("device_lost", self._next_sample, now_iso()))
        self._save_log()
        self.on_event(ev.DeviceLost(self.source.name, self.elapsed_seconds))

    def on_back(self, gap_seconds: float) -> None:
        """Record the gap's length and start a new run in the same file."""
        with self._lock:
            self._lost_at = None
            self._log.close_break("device_lost", gap_seconds)
        self._open_run()
        self.on_event(ev.DeviceBack(self.source.name, gap_seconds))

    def on_overflow(self, count: int) -> None:
        """Report the running overflow total."""
        self.on_event(ev.Overflow(count))

    def on_end(self) -> None:
        """The source has no more audio."""
        self._announced.wait(5)
        self.on_event(ev.SourceEnded())
        self.ended.set()

    # -- internals --------------------------------------------------------------------------

    def _open_run(self, first_sample: int | None = None) -> None:
        with self._lock:
            if self._paused_at is not None or self._lost_at is not None:
                return  # the run starts when both the pause and the gap are over
            start = self._next_sample if first_sample is None else first_sample
            self._log.runs.append(Run(start, now_iso(), self.source.name, self.source.native_rate, self.source.channels))
        self._save_log()

    def _dropped(self, consumer: Consumer) -> None:
        if consumer.dropped in (1, 10, 100) or consumer.dropped % 1000 == 0:
            self.on_event(ev.ConsumerDropped(consumer.name, consumer.dropped))

    def _fail(self, error: RecorderError) -> None:
        """On the writer thread: stop keeping audio and make the file valid at once."""
        assert self._journal is not None  # the writer writes to it
        with self._lock:
            self.error = error
            self._next_sample = self._journal.samples
        path = self._finish("write_failed")
        self.on_event(ev.WriteFailed(error, self._journal.samples / SAMPLE_RATE))
        self.ended.set()
        log.warning("recording stopped: %s (audio kept in %s)", error, path)

    def _finish(self, reason: str) -> Path:
        with self._lock:
            if self._audio is not None:
                return self._audio
            assert self._journal is not None  # stop() and _fail() come after start()
            self._audio = self._journal.finish()
            assert self._audio is not None  # keep_if_empty: finish() keeps even an empty journal
            now = time.monotonic()
            self._log.close_run(self._journal.samples, reason)
            self._log.close_break("pause", now - (self._paused_at or now))
            self._log.close_break("device_lost", now - (self._lost_at or now))
            self._log.overflows += self.source.overflows
        self._save_log()
        self._meeting_lock.release()  # the audio file is whole: others may read or continue it
        return self._audio

    def _save_log(self) -> None:
        try:
            self._log.save(self.meeting_dir)
        except OSError as exc:  # a full disk must not stop the capture: the audio matters more
            log.warning("cannot write recording.json: %s", exc)
