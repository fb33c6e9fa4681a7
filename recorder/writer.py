"""The writer thread: takes blocks off an unbounded queue and puts them in the journal.

The queue never refuses a block (a slow disk costs memory, never audio). Between blocks the
thread wakes often enough to fsync on time; a failed write or fsync ends the thread and is
handed to ``on_failure`` once.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

import numpy as np

from recorder.errors import RecorderError, write_failed
from recorder.journal import Journal

_STOP = object()


class JournalWriter:
    """Feeds one open ``Journal`` from a thread of its own."""

    def __init__(self, journal: Journal, on_failure: Callable[[RecorderError], None]) -> None:
        self.journal = journal
        self.on_failure = on_failure
        self.thread_id: int | None = None
        """Native id of the thread (for the benchmark's CPU figures)."""
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="bienban-writer", daemon=True)
        self._thread.start()

    def put(self, block: np.ndarray) -> None:
        """Queue a block for the journal (never waits)."""
        self._queue.put((block, time.monotonic()))

    def close(self) -> None:
        """Write everything queued so far, then end the thread."""
        self._queue.put(_STOP)
        if self._thread is not threading.current_thread():
            self._thread.join()

    def _run(self) -> None:
        self.thread_id = threading.get_native_id()
        wake = min(0.1, self.journal.fsync_interval / 2)  # fsync on time even when blocks pause
        while True:
            try:
                item = self._queue.get(timeout=wake)
            except queue.Empty:
                item = None
            if item is _STOP:
                return
            try:
                if item is not None:
                    self.journal.append(*item)
                self.journal.sync_if_due()
            except RecorderError as exc:
                self.on_failure(exc)
                return
            except OSError as exc:  # fsync itself failed (an I/O error on the disk)
                self.on_failure(write_failed(str(self.journal.path), exc.errno, exc.strerror or str(exc)))
                return
