"""Consumers of the live audio (transcription, level meter), each on its own thread and queue.

Handing a block to a consumer never waits: when its queue is full the block is skipped for that
consumer only and counted. The journal does not go through here; it never skips anything.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

import numpy as np

BlockConsumer = Callable[[np.ndarray, int], None]
_STOP = object()
log = logging.getLogger(__name__)


class Consumer:
    """One consumer function with its bounded queue and thread."""

    def __init__(self, fn: BlockConsumer, name: str, max_blocks: int, on_drop: Callable[[Consumer], None] | None = None) -> None:
        self.fn = fn
        self.name = name
        self.dropped = 0
        """Blocks skipped because the queue was full."""
        self._on_drop = on_drop
        self._queue: queue.Queue = queue.Queue(maxsize=max_blocks)
        self._thread = threading.Thread(target=self._run, name=f"bienban-consumer-{name}", daemon=True)
        self._thread.start()

    def offer(self, block: np.ndarray, start_sample: int) -> None:
        """Queue a block without waiting; count it as dropped when the queue is full."""
        try:
            self._queue.put_nowait((block, start_sample))
        except queue.Full:
            self.dropped += 1
            if self._on_drop is not None:
                self._on_drop(self)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            try:
                self.fn(*item)
            except Exception:  # one failing consumer must not stop the others or the recording
                log.exception("audio consumer %s failed", self.name)

    def close(self, timeout: float | None = None) -> bool:
        """Let it finish the queued blocks; ``False`` if it had not within ``timeout`` seconds."""
        try:
            self._queue.put(_STOP, timeout=timeout)
        except queue.Full:
            return False
        self._thread.join(timeout)
        return not self._thread.is_alive()
