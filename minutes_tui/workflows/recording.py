"""A live meeting's background work: recorder → live transcription, reported through callbacks.

Knows nothing of widgets (toolong style): the live screen runs ``LiveCapture.run`` in a thread
worker and turns the callbacks into messages. Stopping goes through a ``threading.Event``.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bienban_base.audio import SAMPLE_RATE, dbfs
from minutes_tui import texts
from recorder import AudioSource, FileSource, MicSource, Recording
from transcribe.decoding import RecognisedSegment
from transcribe.live_types import FinalText, InterimText

if TYPE_CHECKING:
    from transcribe.live import LivePipeline


def audio_source(replay: Path | None = None, speed: float | None = 1.0, device: str | int | None = None) -> AudioSource:
    """Where a recording's audio comes from: a file replayed as if live (the demo, tests), else the microphone."""
    if replay is not None:
        return FileSource(replay, speed=speed)
    return MicSource(device)


def event_line(event: object) -> str:
    """The Vietnamese line for a ``recorder.events`` event (the live screen's status, ``bienban record``'s stderr)."""
    values = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}  # type: ignore[arg-type]  # every recorder event is a dataclass
    at = values.get("at_seconds")
    if at is not None:
        values["at_clock"] = f"{int(at // 60):02d}:{int(at % 60):02d}"
    return texts.RECORDER_EVENTS.get(values["code"], values["code"]).format(**values)


@dataclass(frozen=True)
class CaptureSpec:
    """Where the audio comes from and where it goes."""

    meeting_dir: Path
    """The meeting folder (audio journal and file are written there)."""
    replay: Path | None = None
    """Replay this file as if live (the demo); None: the microphone."""
    speed: float = 1.0
    """Replay pace (1.0 = real time)."""
    device: str | int | None = None
    """Input device for the microphone (None: the system default)."""


@dataclass
class CaptureCallbacks:
    """What the capture reports, always from background threads (return values are ignored)."""

    level: Callable[[float, float], object]
    """(dBFS of the latest block, seconds recorded so far)."""
    final: Callable[[RecognisedSegment, str], object]
    """A final segment, absolute times, and the model that wrote it (``Recogniser.name``)."""
    interim: Callable[[str], object]
    """Provisional text of the open utterance ('' clears it)."""
    event: Callable[[Any], object]
    """A ``recorder.events`` dataclass (started, paused, device lost…)."""
    status: Callable[[str], object]
    """A state word: 'loading', 'recording', 'stopped'."""


class LiveCapture:
    """One recording with its live transcription; ``run`` blocks until stopped or the source ends."""

    def __init__(self, spec: CaptureSpec, load_transcriber: Callable[[], Any], report: CaptureCallbacks) -> None:
        self.spec = spec
        self.load_transcriber = load_transcriber
        self.report = report
        self.stop_requested = threading.Event()
        self.flush = True
        """Decode what was heard before stopping (off when quitting the app)."""
        self.recording: Recording | None = None
        self.pipeline: LivePipeline | None = None
        self.model = ""
        """The loaded recogniser's model name (set by ``run``)."""

    def _level(self, block: np.ndarray, start_sample: int) -> None:
        self.report.level(dbfs(block), (start_sample + block.size) / SAMPLE_RATE)

    def run(self) -> Path | None:
        """Load the model, record and transcribe until ``stop()``; returns the meeting audio file."""
        from transcribe.live import LivePipeline

        self.report.status("loading")
        transcriber = self.load_transcriber()
        self.model = transcriber.name
        pipeline = LivePipeline(
            transcriber,
            on_final=self._final,
            on_interim=self._interim,
        )
        recording = Recording(
            self.spec.meeting_dir,
            audio_source(self.spec.replay, self.spec.speed, self.spec.device),
            on_event=self._event,
            append=True,
        )
        self.pipeline = pipeline
        recording.add_consumer(pipeline.feed, "transcription")
        recording.add_consumer(self._level, "level")
        try:
            recording.start()
        except BaseException:
            pipeline.close(flush=False)
            raise
        self.recording = recording
        self.report.status("recording")
        while not self.stop_requested.wait(1.0) and not recording.ended.is_set():
            pass  # woken at once by stop() or by the end of the source (see _event)
        audio = recording.stop()
        self.recording = None
        self._close(pipeline)
        self.report.interim("")
        self.report.status("stopped")
        return audio

    def _interim(self, interim: InterimText) -> None:
        self.report.interim(interim.text)

    def _final(self, final: FinalText) -> None:
        for segment in final.segments:
            self.report.final(segment, self.model)

    def _close(self, pipeline: Any) -> None:
        """Decode what was heard, unless the app quits meanwhile: then drop what is left."""
        if not self.flush:
            pipeline.close(flush=False)
            return
        self.report.status("finishing")
        finished = threading.Event()
        errors: list[BaseException] = []

        def finish() -> None:
            try:
                pipeline.close(flush=True)
            except BaseException as exc:  # re-raised below, on the worker's thread
                errors.append(exc)
            finally:
                finished.set()

        threading.Thread(target=finish, name="bienban-live-finish", daemon=True).start()
        # Checked twice a second: a quit during the final decoding must not wait for the model.
        while not finished.wait(0.5):
            if not self.flush:
                pipeline.close(flush=False)  # a second close abandons the utterances still queued
                break
        if errors:
            raise errors[0]

    def _event(self, event: Any) -> None:
        self.report.event(event)
        if getattr(event, "code", "") in ("rec_source_ended", "rec_write_failed"):
            self.stop_requested.set()

    def pause(self, paused: bool) -> None:
        """Pause or resume keeping audio (a no-op before the recording has started). At a pause the
        utterance being spoken ends: its text comes now and is not joined to what follows."""
        recording = self.recording
        if recording is None:
            return
        if not paused:
            recording.resume()
            return
        recording.pause()
        if self.pipeline is not None:
            self.pipeline.pause_at(round(recording.elapsed_seconds * SAMPLE_RATE))

    def stop(self, flush: bool = True) -> None:
        """Ask ``run`` to finish (with ``flush``: after decoding what was already heard)."""
        self.flush = flush
        self.stop_requested.set()


class LevelProbe:
    """The microphone's level before the meeting starts (nothing is recorded)."""

    def __init__(self, device: str | int | None, on_level: Callable[[float], object]) -> None:
        self.source = MicSource(device)
        self.on_level = on_level

    def start(self) -> None:
        """Open the device (raises the recorder's coded error when it cannot)."""
        self.source.start(self)

    def stop(self) -> None:
        """Close the device."""
        self.source.stop()

    # the source's listener
    def on_audio(self, block: np.ndarray) -> None:
        self.on_level(dbfs(block))

    def on_lost(self) -> None:
        self.on_level(-math.inf)

    def on_back(self, gap_seconds: float) -> None:
        pass

    def on_overflow(self, count: int) -> None:
        pass

    def on_end(self) -> None:
        pass
