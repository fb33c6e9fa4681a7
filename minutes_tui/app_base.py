"""The app as its screens and dialogs see it: the services ``minutes_tui.app.BienbanApp`` provides.

It sits below the screens so that they can type ``self.app`` without importing the app module
(the app imports the screens, never the other way).
"""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.worker import Worker

from minutes_tui.workflows.config import AppConfig
from transcribe.recogniser import Recogniser

if TYPE_CHECKING:
    from voices.encoder import VoiceEncoder


class BienbanAppServices(App[None]):
    """What screens may ask of the app (``minutes_tui.app.BienbanApp`` provides it)."""

    config: AppConfig
    """How this run of the app was set up."""

    @abstractmethod
    def recogniser(self) -> Recogniser:
        """The speech recogniser, loaded once on first use (call from worker threads)."""

    @abstractmethod
    def recording_recogniser(self) -> Recogniser:
        """The recogniser for a whole recording (import, re-transcription): several decoders side
        by side (``Transcriber.for_recordings``), loaded once on first use (call from worker threads)."""

    @abstractmethod
    def voice_encoder(self) -> VoiceEncoder:
        """The speaker encoder, loaded once on first use (call from worker threads). Raises the
        ``VoiceError`` of a missing or damaged encoder, the same one each time."""

    voice_warning_shown: bool = False
    """The missing-encoder line was shown (it is said once per run, not at every tag)."""

    @abstractmethod
    def show_error(self, message: str) -> None:
        """Show one Vietnamese error message."""

    @abstractmethod
    def start_demo(self) -> None:
        """Open a scratch meeting and replay the bundled recording into it as if live."""

    @abstractmethod
    def continue_recording(self, folder: Path) -> None:
        """Record on into a meeting (the recorder appends to its audio)."""

    @abstractmethod
    def worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Turn a worker's failure into a readable message."""
