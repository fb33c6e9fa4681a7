"""The recent meeting audio the live pipeline may still need, addressed by absolute sample."""

from __future__ import annotations

import threading

import numpy as np


class AudioBuffer:
    """Blocks kept as a list (appending never copies the whole buffer); safe between threads."""

    def __init__(self) -> None:
        self._blocks: list[tuple[int, np.ndarray]] = []
        self._lock = threading.Lock()
        self.start: int | None = None
        """First sample ever appended (``None`` before the first block)."""
        self.end = 0
        """One past the last sample appended."""

    def append(self, block: np.ndarray, start: int) -> np.ndarray:
        """Add a block starting at ``start``; return the samples that are new (a gap is filled with
        silence so that times stay right; samples already held are skipped)."""
        with self._lock:
            if self.start is None:
                self.start = self.end = start
            if start > self.end:
                block = np.concatenate([np.zeros(start - self.end, np.float32), block])
            elif start < self.end:
                block = block[self.end - start :]
            if block.size:
                self._blocks.append((self.end, block))
                self.end += block.size
            return block

    def slice(self, start: int, end: int) -> np.ndarray:
        """Samples ``[start, end)`` (clipped to what is held)."""
        with self._lock:
            parts = [b[max(0, start - s) : max(0, end - s)] for s, b in self._blocks if s < end and s + b.size > start]
        return np.concatenate(parts) if parts else np.zeros(0, np.float32)

    def trim(self, keep_from: int) -> None:
        """Forget whole blocks that end before ``keep_from``."""
        with self._lock:
            drop = 0
            while drop < len(self._blocks) and self._blocks[drop][0] + self._blocks[drop][1].size <= keep_from:
                drop += 1
            del self._blocks[:drop]
