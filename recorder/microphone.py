"""The microphone source: sounddevice at the device's native rate, converted to 16 kHz mono.

The PortAudio callback only copies the frames into a queue (and counts overflows); a worker
thread mixes them down, resamples with soxr and hands them on. When the stream dies (the device
was unplugged, the sound server stopped) or stops delivering, the worker reports the loss and
tries to reopen the device every ``retry_seconds`` until it comes back or the source is stopped.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from typing import TYPE_CHECKING

import numpy as np

from recorder.devices import InputDevice, find_input_device, portaudio, refresh
from recorder.errors import RecorderError, no_input_device
from recorder.sources import SourceListener

if TYPE_CHECKING:
    import sounddevice
    import soxr

from bienban_base.audio import SAMPLE_RATE

_STOP = object()
log = logging.getLogger(__name__)


class MicSource:
    """An input device by index, (part of) its name, or ``None`` for the default input."""

    def __init__(
        self, device: int | str | None = None, retry_seconds: float = 2.0, stall_seconds: float = 5.0, block_seconds: float = 0.1
    ) -> None:
        self.spec = device
        self.name = "" if device is None else str(device)
        self.native_rate = 0
        self.channels = 0
        self.overflows = 0
        self.retry_seconds = retry_seconds
        self.stall_seconds = stall_seconds
        self.block_seconds = block_seconds
        self.callback_thread_id: int | None = None
        """Native id of the PortAudio callback thread (for the benchmark's CPU figures)."""
        self.worker_thread_id: int | None = None
        """Native id of the conversion thread."""
        self._raw: queue.SimpleQueue = queue.SimpleQueue()
        self._stop = threading.Event()
        self._stream = None
        self._generation = 0
        self._resampler: soxr.ResampleStream | None = None
        self._thread: threading.Thread | None = None

    def start(self, listener: SourceListener) -> None:
        """Open the device; raise ``no_input_device`` (or ``device_not_found``) when it cannot be."""
        device = find_input_device(self.spec)
        self._open(device)
        self._stop.clear()
        self._thread = threading.Thread(target=self._work, args=(listener,), name="bienban-mic", daemon=True)
        self._thread.start()

    def _open(self, device: InputDevice) -> None:
        import soxr

        sd = portaudio()
        self._generation += 1
        generation = self._generation
        self.callback_thread_id = None  # a new stream gets a new callback thread
        try:
            stream = sd.InputStream(
                device=device.index,
                samplerate=device.native_rate,
                channels=device.capture_channels,
                dtype="float32",
                blocksize=max(1, int(device.native_rate * self.block_seconds)),
                callback=self._callback,
                finished_callback=lambda: self._raw.put(generation),
            )
            stream.start()
        except sd.PortAudioError as exc:
            raise no_input_device(f"{device.name}: {exc}") from exc
        self._stream = stream
        self.name, self.native_rate, self.channels = device.name, device.native_rate, device.capture_channels
        self._resampler = soxr.ResampleStream(device.native_rate, SAMPLE_RATE, 1, dtype="float32")

    def _callback(self, indata: np.ndarray, frames: int, time_info: object, status: sounddevice.CallbackFlags) -> None:
        # Runs on PortAudio's real-time thread: copy and hand off, nothing else.
        if self.callback_thread_id is None:
            self.callback_thread_id = threading.get_native_id()
        if status and status.input_overflow:
            self.overflows += 1
        self._raw.put(indata.copy())

    def _convert(self, frames: np.ndarray) -> np.ndarray:
        mono = frames.mean(axis=1) if frames.shape[1] > 1 else frames[:, 0]
        assert self._resampler is not None  # _open sets it before the worker starts
        return self._resampler.resample_chunk(np.ascontiguousarray(mono, dtype=np.float32))

    def _flush(self, listener: SourceListener) -> None:
        """Deliver the few samples the resampler still holds (before a stop or a reopen)."""
        assert self._resampler is not None  # _open sets it before the worker starts
        tail = self._resampler.resample_chunk(np.zeros(0, np.float32), last=True)
        if tail.size:
            listener.on_audio(tail)

    def _work(self, listener: SourceListener) -> None:
        self.worker_thread_id = threading.get_native_id()
        seen_overflows, last_audio, lost_at = 0, None, None
        while True:
            try:
                item = self._raw.get(timeout=0.25)
            except queue.Empty:
                stalled = last_audio is not None and time.monotonic() - last_audio > self.stall_seconds
                item = self._generation if stalled and not self._stop.is_set() else None
            if self.overflows != seen_overflows:
                seen_overflows = self.overflows
                listener.on_overflow(seen_overflows)
            if item is _STOP:
                self._flush(listener)
                return
            if item is None or (isinstance(item, int) and (item != self._generation or self._stop.is_set())):
                continue
            if isinstance(item, int):  # the current stream finished or stalled: the device is gone
                self._close()
                self._flush(listener)
                listener.on_lost()
                lost_at, last_audio = time.monotonic(), None
                if not self._reopen():
                    return
                continue
            block = self._convert(item)
            last_audio = time.monotonic()
            if lost_at is not None:
                listener.on_back(last_audio - lost_at)
                lost_at = None
            if block.size:
                listener.on_audio(block)

    def _reopen(self) -> bool:
        """Retry until the device opens again; ``False`` when the source was stopped meanwhile."""
        while not self._stop.wait(self.retry_seconds):
            try:
                refresh()
                self._open(find_input_device(self.name or self.spec))
            except RecorderError as exc:
                log.debug("device still unavailable: %s", exc)
                continue
            if self._stop.is_set():  # stopped while the device was opening
                self._close()
                return False
            return True
        return False

    def _close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.close(ignore_errors=True)
            except Exception:  # a dead stream may fail to close; it is released either way
                log.debug("closing the stream failed", exc_info=True)

    def stop(self) -> None:
        """Close the device, deliver what was captured up to now, and stop the worker."""
        self._stop.set()
        self._close()
        self._raw.put(_STOP)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
