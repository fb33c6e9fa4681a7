"""The terminal app: one factory builds it for the command line and for the tests."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from minutes_tui import texts
from minutes_tui.app_base import BienbanAppServices
from minutes_tui.dialogs.confirm import ConfirmDialog
from minutes_tui.dialogs.error import ErrorDialog
from minutes_tui.dialogs.help import HelpDialog, key_lines
from minutes_tui.workflows.config import AppConfig
from transcribe.recogniser import Recogniser
from voices.errors import VoiceError

if TYPE_CHECKING:
    from voices.encoder import VoiceEncoder

log = logging.getLogger(__name__)


class QuitWhileRecording(ConfirmDialog):
    """Quit while a meeting is being recorded? (asked once: a second q or Ctrl+Q does nothing more)."""


class BienbanApp(BienbanAppServices):
    """The secretary's app: home, new meeting, live, review, export."""

    CSS_PATH = "app.tcss"
    TITLE = texts.APP_TITLE
    ENABLE_COMMAND_PALETTE = False  # its commands are English; every action has its own key
    BINDINGS = [
        Binding("question_mark", "help", texts.KEYS_SHORT["help"], tooltip=texts.KEYS["help"]),
        # in a text field ? is a character: F1 opens the help there (the forms show it in the footer)
        Binding("f1", "help", texts.KEYS_SHORT["help"], tooltip=texts.KEYS["help"], show=False),
        Binding("ctrl+q", "quit", texts.KEYS["quit"], show=False, priority=True),
    ]

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config
        self.errors_shown: list[str] = []
        self._recogniser: Recogniser | None = None
        self._recording_recogniser: Recogniser | None = None
        self._recogniser_lock = threading.Lock()
        self._voice_encoder: VoiceEncoder | VoiceError | None = None
        self._voice_lock = threading.Lock()

    def on_mount(self) -> None:
        from minutes_tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self.config.demo:
            self.start_demo()
        self._close_with_the_terminal()

    def _close_with_the_terminal(self) -> None:
        """Closing the terminal window (SIGHUP) cannot ask first: the recording is closed as after q
        and yes, so its audio file is finished and the speech live text had not reached is
        transcribed when the meeting is opened again."""
        if self.is_headless or not hasattr(signal, "SIGHUP"):
            return  # Windows: closing the console ends the process; the journal keeps the audio (bienban recover)
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, lambda: self.call_later(self._quit_now))

    def recogniser(self) -> Recogniser:
        """The speech recogniser, loaded once on first use (called from worker threads)."""
        with self._recogniser_lock:
            if self._recogniser is None:
                if self.config.transcriber_factory is not None:
                    self._recogniser = self.config.transcriber_factory()
                else:
                    from transcribe.engine import Transcriber

                    self._recogniser = Transcriber(self.config.model)
            return self._recogniser

    def recording_recogniser(self) -> Recogniser:
        """The recogniser for a whole recording, loaded once on first use apart from the live one
        (whose single decodings keep both threads); a test's canned recogniser serves both."""
        if self.config.transcriber_factory is not None:
            return self.recogniser()
        with self._recogniser_lock:
            if self._recording_recogniser is None:
                from transcribe.engine import Transcriber

                self._recording_recogniser = Transcriber.for_recordings(self.config.model)
            return self._recording_recogniser

    def voice_encoder(self) -> VoiceEncoder:
        """The speaker encoder, loaded once on first use (called from worker threads): loading
        it again for every segment cost 20-30 ms of CPU each time. A missing or damaged encoder
        is remembered too; installing it takes effect at the next start."""
        with self._voice_lock:
            if self._voice_encoder is None:
                from voices.model import load_encoder

                try:
                    self._voice_encoder = load_encoder()
                except VoiceError as exc:
                    self._voice_encoder = exc
            if isinstance(self._voice_encoder, VoiceError):
                raise self._voice_encoder
            return self._voice_encoder

    def start_demo(self) -> None:
        """Open a scratch meeting and replay the bundled recording into it as if live."""
        from minutes_tui.screens.live import LiveScreen
        from minutes_tui.workflows.config import demo_recording
        from minutes_tui.workflows.demo import create_demo_meeting, demo_root, prune_demos
        from minutes_tui.workflows.recording import CaptureSpec

        try:
            # apart from her meetings: a try-out is not in her list, her register or her next form
            prune_demos(demo_root(self.config.meetings_dir))  # the last few try-outs are kept
            folder = create_demo_meeting(demo_root(self.config.meetings_dir))
        except Exception as exc:  # a read-only or full disk: say so, stay on the home screen
            self.show_error(texts.app_message(exc))
            return
        audio = self.config.demo_audio or demo_recording()
        self.push_screen(LiveScreen(folder, CaptureSpec(folder, replay=audio, speed=self.config.demo_speed), demo=True))

    def show_error(self, message: str) -> None:
        """Show one Vietnamese error message in a dialog (the app's only error path)."""
        self.errors_shown.append(message)
        self.push_screen(ErrorDialog(message))

    @on(Worker.StateChanged)
    def worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every background worker's failure ends here and becomes a readable message."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        log.debug("worker %s failed", event.worker.name, exc_info=error)
        self.show_error(texts.app_message(error) if error is not None else texts.GENERIC_ERROR.format(detail="?"))

    async def action_quit(self) -> None:
        """Quit (q, Ctrl+Q); during a recording she is asked first. A screen that records closes
        its recording before the app ends (its ``stop_for_quit``)."""
        if isinstance(self.screen, QuitWhileRecording):
            return
        if any(getattr(screen, "recording_now", False) for screen in self.screen_stack):

            async def answered(quit_now: bool | None) -> None:
                if quit_now:
                    await self._quit_now()

            self.push_screen(QuitWhileRecording(texts.QUIT_RECORDING_CONFIRM, texts.QUIT_RECORDING_DETAIL), answered)
            return
        await self._quit_now()

    async def _quit_now(self) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "stop_for_quit"):
                await screen.stop_for_quit()
        self.exit()

    def continue_recording(self, folder: Path) -> None:
        """Record on into a meeting: the recorder appends to its audio, the live text follows what
        is there (a demo's meeting replays the demo recording again)."""
        from minutes_tui.screens.live import LiveScreen
        from minutes_tui.workflows.config import demo_recording
        from minutes_tui.workflows.demo import demo_root
        from minutes_tui.workflows.recording import CaptureSpec

        demo = Path(folder).resolve().parent == demo_root(self.config.meetings_dir).resolve()
        if demo:
            spec = CaptureSpec(folder, replay=self.config.demo_audio or demo_recording(), speed=self.config.demo_speed)
        else:
            spec = CaptureSpec(folder, device=self.config.input_device)
        self.push_screen(LiveScreen(folder, spec, demo=demo))

    def action_help(self) -> None:
        """Show every key of the current screen and of the app."""
        if isinstance(self.screen, HelpDialog):
            return
        self.push_screen(HelpDialog(*key_lines(self.screen, self)))


def build_app(config: AppConfig | None = None) -> BienbanApp:
    """The app as the ``bienban`` command and the tests start it."""
    return BienbanApp(config or AppConfig())
