"""A file played as if it were the microphone: the demo, the tests and ``bienban bench live``."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import numpy as np

from bienban_base.audio import SAMPLE_RATE
from recorder.sources import SourceListener


class FileSource:
    """Any file PyAV decodes, delivered like a microphone: in real time × ``speed`` (0 or None: at once)."""

    def __init__(self, path: str | os.PathLike[str], speed: float | None = 1.0, block_seconds: float = 0.1) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.native_rate = SAMPLE_RATE
        self.channels = 1
        self.overflows = 0
        self.speed = speed or 0.0
        self._block = max(1, int(block_seconds * SAMPLE_RATE))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, listener: SourceListener) -> None:
        """Decode the whole file (errors surface here) and start delivering it."""
        from bienban_base.audio import load_audio

        audio = load_audio(self.path)
        self._stop.clear()
        self._thread = threading.Thread(target=self._play, args=(audio, listener), name="bienban-file-source", daemon=True)
        self._thread.start()

    def _play(self, audio: np.ndarray, listener: SourceListener) -> None:
        began = time.monotonic()
        for pos in range(0, audio.size, self._block):
            if self.speed > 0:
                due = began + pos / SAMPLE_RATE / self.speed
                if self._stop.wait(max(0.0, due - time.monotonic())):
                    return
            elif self._stop.is_set():
                return
            listener.on_audio(audio[pos : pos + self._block].copy())
        if self.speed > 0:  # the last block ends a block's duration after it began
            self._stop.wait(self._block / SAMPLE_RATE / self.speed)
        if not self._stop.is_set():
            listener.on_end()

    def stop(self) -> None:
        """Stop playing (the position is not kept)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
