"""Driving the live benchmark: a file through the recorder into the live pipeline.

Paced runs (``speed`` > 0) go exactly the app's way: ``recorder.FileSource`` → ``Recording``
(journal on disk, consumer queue) → ``LivePipeline.feed``. Full-speed runs (``speed`` 0, and
``loop_to`` for the long memory test) feed the pipeline straight from the source and wait while
its backlog is over ``FULL_SPEED_BACKLOG_S``, since no recorder queue could hold a file
delivered at once.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from bienban_base.audio import SAMPLE_RATE, load_audio
from bienban_bench.live_report import FeedLog, LiveReport, RssWatch, latencies, new_pipeline, percentile
from transcribe.evaluate import score
from transcribe.live import LiveOptions

FULL_SPEED_BACKLOG_S = 20.0
"""Audio a full-speed run lets wait in the pipeline before the source waits."""
RSS_EVERY_S = 60.0
"""RSS is noted every this many seconds of audio."""


class LoopSource:
    """A recorder-style source that plays ``audio`` over and over, at once, for ``total_s`` seconds."""

    def __init__(self, audio: np.ndarray, total_s: float, block_s: float = 0.1) -> None:
        self.audio, self.total = audio, int(total_s * SAMPLE_RATE)
        self.block = int(block_s * SAMPLE_RATE)
        self._stop = threading.Event()

    def start(self, listener) -> None:
        """Start delivering from a thread."""
        threading.Thread(target=self._play, args=(listener,), daemon=True).start()

    def _play(self, listener) -> None:
        pos = 0
        while pos < self.total and not self._stop.is_set():
            i = pos % self.audio.size
            listener.on_audio(self.audio[i : i + min(self.block, self.total - pos)].copy())
            pos += min(self.block, self.audio.size - i, self.total - pos)
        listener.on_end()

    def stop(self) -> None:
        """Stop delivering."""
        self._stop.set()


class _Direct:
    """A source listener that numbers blocks and hands them to a consumer (full-speed runs)."""

    def __init__(self, consumer) -> None:
        self.consumer, self.next, self.ended = consumer, 0, threading.Event()

    def on_audio(self, block: np.ndarray) -> None:
        self.consumer(block, self.next)
        self.next += block.size

    def on_end(self) -> None:
        self.ended.set()

    def on_lost(self) -> None: ...

    def on_back(self, gap_seconds: float) -> None: ...

    def on_overflow(self, count: int) -> None: ...


def measure(
    path: str | os.PathLike[str],
    transcriber,
    options: LiveOptions = LiveOptions(),
    speed: float = 1.0,
    truth: dict | None = None,
    offline: bool = True,
    loop_to: float | None = None,
    on_final=None,
) -> LiveReport:
    """Run the file through the live pipeline and measure it (see ``LiveReport``); ``on_final``
    also sees every final text (``bench live --voices``)."""
    from recorder import FileSource

    audio = load_audio(path)
    finals: list = []
    feed, watch, report = FeedLog(), RssWatch(), LiveReport()
    full_speed = not speed or loop_to
    pipeline = new_pipeline(transcriber, options, finals, light=bool(loop_to), on_final=on_final)

    def consumer(block: np.ndarray, start: int) -> None:
        end = start + block.size
        if full_speed:
            pipeline.wait_backlog(FULL_SPEED_BACKLOG_S)
        if end // int(RSS_EVERY_S * SAMPLE_RATE) > start // int(RSS_EVERY_S * SAMPLE_RATE):
            report.rss_timeline.append((round(end / SAMPLE_RATE, 1), round(watch.now_mb(), 1)))
        if not loop_to:
            feed.mark(end)
        pipeline.feed(block, start)

    cpu0, t0 = watch.cpu_seconds(), time.monotonic()
    if full_speed:
        source = LoopSource(audio, loop_to) if loop_to else FileSource(path, speed=0)
        listener = _Direct(consumer)
        source.start(listener)
        listener.ended.wait()
        pipeline.close()
        report.audio_s = listener.next / SAMPLE_RATE
    else:
        report.dropped_blocks, report.audio_s = _paced(path, speed, consumer)
        pipeline.close()
    report.wall_s = round(time.monotonic() - t0, 2)
    report.cpu = round((watch.cpu_seconds() - cpu0) / report.wall_s, 2)
    report.peak_rss_mb = round(watch.stop(), 1)
    report.dropped_blocks += pipeline.gaps
    report.rtf = round(pipeline.decode_seconds / report.audio_s, 3)
    report.utterances = len(finals)
    # a truncated file is scored against the turns it holds
    turns = [t for t in truth["turns"] if t["end"] <= report.audio_s] if truth else None
    lat, report.missed_turns = latencies(finals, feed, turns) if not loop_to else ([], 0)
    report.latencies = [round(x, 3) for x in lat]
    report.latency_p50, report.latency_p95 = percentile(lat, 50), percentile(lat, 95)
    report.latency_max = round(max(lat), 3) if lat else None
    if not loop_to:
        vad_lat, _ = latencies(finals, feed, None)
        report.latency_vad_p50, report.latency_vad_p95 = percentile(vad_lat, 50), percentile(vad_lat, 95)
    report.transcript = " ".join(s.text for f, _ in sorted(finals, key=lambda x: x[0].utterance.start) for s in f.segments)
    if offline:
        off = " ".join(s.text for s in transcriber.transcribe_audio(audio))
        report.wer_live_vs_offline = round(score([(off, report.transcript)])[0], 4)
        if turns:
            ref = " ".join(t["text"] for t in turns)
            report.wer_offline = round(score([(ref, off)])[0], 4)
    if turns:
        report.wer_live = round(score([(" ".join(t["text"] for t in turns), report.transcript)])[0], 4)
    report.load_average = round(os.getloadavg()[0], 2)
    return report


def _paced(path, speed: float, consumer) -> tuple[int, float]:
    """The app's path: FileSource → Recording (journal in a temporary folder) → consumer.
    Returns the blocks lost on the way and the audio seconds recorded."""
    from recorder import FileSource
    from recorder.events import ConsumerDropped
    from recorder.session import Recording

    dropped = {"n": 0}

    def on_event(event) -> None:
        if isinstance(event, ConsumerDropped):
            dropped["n"] = max(dropped["n"], event.dropped)

    with tempfile.TemporaryDirectory(prefix="bienban-bench-") as tmp:
        rec = Recording(Path(tmp), FileSource(path, speed=speed), on_event=on_event)
        rec.add_consumer(consumer, "transcription")
        rec.start()
        rec.wait()
        rec.stop(consumer_timeout=60.0)
        return dropped["n"] + rec.overflow_count, rec.elapsed_seconds
