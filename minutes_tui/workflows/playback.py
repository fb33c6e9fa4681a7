"""Playing the meeting audio from a moment, with the position to follow along. No Textual here."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import sounddevice

from bienban_base.audio import SAMPLE_RATE


class Player:
    """Plays a 16 kHz mono recording through sounddevice; ``position`` says where it is."""

    def __init__(self, audio: np.ndarray, device: str | int | None = None) -> None:
        self.audio = audio
        self.device = device
        self._stream: sounddevice.OutputStream | None = None
        self._frame = 0
        self._end = 0
        self.finished = threading.Event()
        self.finished.set()
        self._release = lambda: None

    @classmethod
    def open(cls, path: Path, device: str | int | None = None) -> Player:
        """Decode the meeting audio (raises the audio error with its code when it cannot)."""
        from bienban_base.audio import load_audio

        return cls(load_audio(path), device)

    @property
    def duration(self) -> float:
        """Length of the recording, seconds."""
        return self.audio.size / SAMPLE_RATE

    @property
    def position(self) -> float:
        """Seconds on the meeting's axis of what is playing now."""
        return self._frame / SAMPLE_RATE

    @property
    def playing(self) -> bool:
        """Whether sound is going out."""
        return not self.finished.is_set()

    def play(self, start: float, end: float | None = None) -> None:
        """Play from ``start`` to ``end`` seconds (None: to the end of the recording)."""
        import sounddevice as sd

        self.stop()
        self._frame = max(0, int(start * SAMPLE_RATE))
        self._end = self.audio.size if end is None else min(self.audio.size, int(end * SAMPLE_RATE))
        from recorder.devices import claim_portaudio

        self.finished.clear()
        self._release = claim_portaudio()  # a recorder's device re-scan must not cut this stream
        try:
            self._stream = sd.OutputStream(
                samplerate=SAMPLE_RATE,
                channels=1,
                dtype="float32",
                device=self.device,
                callback=self._fill,
                finished_callback=self._finished,
            )
            self._stream.start()
        except BaseException:
            self._finished()
            raise

    def _fill(self, out: np.ndarray, frames: int, time_info: object, status: object) -> None:
        import sounddevice as sd

        chunk = self.audio[self._frame : min(self._end, self._frame + frames)]
        out[: chunk.size, 0] = chunk
        out[chunk.size :, 0] = 0.0
        self._frame += chunk.size
        if self._frame >= self._end:
            raise sd.CallbackStop

    def _finished(self) -> None:
        self._release()
        self.finished.set()

    def stop(self) -> None:
        """Stop playing (keeps the position)."""
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        self._finished()
