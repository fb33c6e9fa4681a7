"""Embedding segments as they arrive, in a background thread that never holds up the live text.

The follower takes finished segments (their audio already cut) through a bounded queue:
``submit`` never blocks, and when the queue is full the segment is skipped (counted in
``dropped``; review embeds it later). The thread lowers its own scheduling priority where the
system allows it (Linux: per-thread nice), so the decoder always comes first.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Callable

import numpy as np

from voices.encoder import Partials

log = logging.getLogger(__name__)
_STOP = object()


class VoiceFollower:
    """Embeds submitted segments one by one; ``on_voice(key, partials)`` gets absolute times."""

    def __init__(self, encoder, on_voice: Callable[[object, Partials], None], max_queue: int = 64, nice: int = 10) -> None:
        self._encoder, self._on_voice, self._nice = encoder, on_voice, nice
        self._queue: queue.Queue = queue.Queue(max_queue)
        self.dropped = 0
        """Segments skipped because the queue was full."""
        self.cpu_s = 0.0
        """CPU seconds the embedding thread spent (its own thread time)."""
        self.audio_s = 0.0
        """Seconds of audio embedded."""
        self.embedded = 0
        """Segments embedded."""
        self._thread = threading.Thread(target=self._run, name="voices", daemon=True)
        self._thread.start()

    def submit(self, key: object, start_s: float, audio: np.ndarray) -> bool:
        """Queue one segment's audio (16 kHz); False when it was skipped."""
        try:
            self._queue.put_nowait((key, start_s, audio))
            return True
        except queue.Full:
            self.dropped += 1
            return False

    def close(self, wait: bool = True) -> None:
        """Stop after the queued segments (``wait``) or at once."""
        if not wait:
            while True:
                try:
                    self._queue.get_nowait()
                except queue.Empty:
                    break
        self._queue.put(_STOP)
        self._thread.join()

    def _run(self) -> None:
        if self._nice and hasattr(os, "setpriority"):
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), self._nice)
            except OSError:
                pass  # not allowed here: run at normal priority
        while (item := self._queue.get()) is not _STOP:
            key, start_s, audio = item
            t0 = time.thread_time()
            try:
                p = self._encoder.partials(audio)
            except Exception:  # one bad segment must not end the follower
                log.exception("embedding a segment failed")
                continue
            finally:
                self.cpu_s += time.thread_time() - t0
            self.audio_s += audio.size / 16000
            self.embedded += 1
            try:
                self._on_voice(key, Partials(p.embeddings, p.starts + start_s, p.ends + start_s, p.speech_s))
            except Exception:
                log.exception("voice callback failed")
