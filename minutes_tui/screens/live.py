"""Live: the recording's state, the growing transcript, and single keys to tag it as people speak."""

from __future__ import annotations

import math
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Label, Static
from textual.worker import Worker

from minutes_tui import messages, texts
from minutes_tui.meeting import Meeting, MeetingStore
from minutes_tui.screens.transcript_screen import TAG_KEYS
from minutes_tui.screens.voice_keys import VoiceSuggestions
from minutes_tui.widgets.level_meter import LevelMeter
from minutes_tui.widgets.status_line import StatusLine
from minutes_tui.widgets.transcript import TranscriptView, clock
from minutes_tui.workflows.draft import MinutesDraft
from minutes_tui.workflows.recording import CaptureCallbacks, CaptureSpec, LiveCapture


def event_text(event: object) -> str:
    """The Vietnamese line for a recorder event (the same as ``bienban record`` prints)."""
    from minutes_tui.workflows.recording import event_line

    return event_line(event)


class LiveScreen(VoiceSuggestions):
    """The meeting as it happens. The capture runs in a thread worker that only posts messages."""

    BINDINGS = [
        Binding("space", "pause", texts.KEYS_SHORT["pause"], tooltip=texts.KEYS["pause"]),
        Binding("x", "stop", texts.KEYS_SHORT["stop"], tooltip=texts.KEYS["stop"]),
        Binding("f", "follow", texts.KEYS["follow"], show=False),
        # live has room for undo in the footer; review's tools take that place there
        Binding("u", "undo", texts.KEYS_SHORT["undo"], tooltip=texts.KEYS["undo"]),
        Binding("g", "accept_voice", texts.KEYS["accept_voice"], show=False),
        *TAG_KEYS,
        Binding("q", "app.quit", texts.KEYS["quit"], show=False),  # asks first while it records
    ]

    def __init__(self, folder: Path, spec: CaptureSpec, demo: bool = False) -> None:
        super().__init__()
        self.folder = folder
        self.spec = spec
        self.demo = demo
        self.state = "starting"
        self.capture: LiveCapture | None = None
        self.capture_worker: Worker | None = None
        self.quitting = False
        self.closed = False
        self.ending = False
        """The screen is being unmounted under a recording (the app ended without asking)."""
        self.reached = 0.0
        """Where the stored text ends (read by the capture's thread when the app ends under it)."""
        self.meeting_at_start: Meeting | None = None
        self.review_requested = False
        self.paused_at: tuple[int | None, bool] = (None, True)
        """The selection and whether it followed new text, when she paused."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="live-status"):
            yield Label(texts.LIVE_STATE["starting"], id="state")
            yield StatusLine(id="elapsed")
            yield LevelMeter(id="level")
            yield Label(self._device_name(), id="device")
        yield TranscriptView(id="transcript")
        yield Static("", id="interim")
        yield StatusLine(id="selection")
        yield Static("", id="roster", classes="roster-keys")
        yield Footer()

    class DeviceOpened(Message):
        """The recorder opened the microphone: its name, as the system calls it."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def _device_name(self, opened: str = "") -> str:
        if self.spec.replay is not None:
            return f"{texts.LIVE_DEMO if self.demo else texts.LIVE_DEVICE}: {self.spec.replay.name}"
        device = opened or self.spec.device
        if device in (None, "", "default"):
            named = texts.DEVICE_DEFAULT
        elif isinstance(device, int):  # a number means nothing to her: the name comes when it is open
            named = "…"
        else:
            named = str(device)  # PortAudio's (often English) name
        return f"{texts.LIVE_DEVICE}: {named}"

    def on_live_screen_device_opened(self, event: DeviceOpened) -> None:
        self.query_one("#device", Label).update(self._device_name(event.name))

    def on_mount(self) -> None:
        try:
            self.draft = MinutesDraft(MeetingStore.open(self.folder))
        except Exception as exc:  # locked or damaged store: say so and go back
            self.closed = True
            self.app.pop_screen()
            self.app.show_error(texts.app_message(exc))
            return
        self.meeting_at_start = self.draft.store.meeting()
        self.reached = self._text_end()
        self.show_everything()
        self.query_one("#interim", Static).update(texts.LIVE_LOADING_MODEL)
        self.transcript().focus()
        self.capture = LiveCapture(self.spec, self.app.recogniser, self._capture_callbacks())
        self.capture_worker = self.run_capture()

    def _text_end(self) -> float:
        return max((s.end for s in self.draft.segments.values()), default=0.0)

    def on_unmount(self) -> None:
        self.ending = True
        if self.capture is not None:
            self.capture.stop(flush=False)
        if not self.closed:
            self.closed = True
            self.draft.store.close()

    def _capture_callbacks(self) -> CaptureCallbacks:
        post = self.post_message  # thread-safe
        return CaptureCallbacks(
            level=lambda db, s: (post(messages.LevelChanged(db)), post(messages.ElapsedChanged(s))),
            final=lambda seg, model: post(messages.FinalSegment(seg, model)),
            interim=lambda text: post(messages.InterimUpdated(text)),
            event=self._recorder_event,
            status=lambda state: post(messages.RecordingStateChanged(state)),
        )

    def _recorder_event(self, event: object) -> None:
        code = getattr(event, "code", "")
        if code == "rec_started":
            self.post_message(self.DeviceOpened(str(getattr(event, "device", ""))))
        elif code in ("rec_paused", "rec_resumed"):
            self.post_message(messages.RecordingStateChanged("paused" if code == "rec_paused" else "recording"))
        elif code in ("rec_device_lost", "rec_write_failed", "rec_consumer_dropped"):
            line = event_text(event)
            self.post_message(messages.RecorderTrouble(line, fatal=code == "rec_write_failed"))

    @property
    def recording_now(self) -> bool:
        """A recording is open (quitting asks first)."""
        return self.capture is not None and not self.closed

    @work(thread=True, exclusive=True, exit_on_error=False, group="capture")
    def run_capture(self) -> Path | None:
        """Record and transcribe in the background until stopped."""
        assert self.capture is not None
        try:
            self._catch_up()
            audio = self.capture.run()
        except Exception:
            # the error dialog comes from the worker-error path; here the screen only stops waiting
            self.app.call_from_thread(self._capture_finished, None)
            self.post_message(messages.RecordingStateChanged("stopped"))
            raise
        if audio is not None and self.ending and self.meeting_at_start is not None:
            # the app ended under the recording (a closed terminal can end it before the SIGHUP
            # handler asks it to quit): the screen's store is closed and the UI loop may be gone,
            # so the rest is marked from here; no text can be stored after this point
            from minutes_tui.workflows.importing import mark_untranscribed

            mark_untranscribed(self.folder, self.meeting_at_start, self.reached)
        self.app.call_from_thread(self._capture_finished, audio)
        return audio

    def _catch_up(self) -> None:
        """Recording on into a meeting whose last recording was closed before its live text caught
        up: that rest is transcribed first (the import's resume), so the new text follows it."""
        from minutes_tui.workflows.importing import import_progress, transcribe_imported

        progress = import_progress(self.folder, self.draft.store.meeting())
        if progress is None or not progress.recorded:
            return
        self.post_message(messages.InterimUpdated(texts.PROGRESS_RECORDED_REST))
        transcribe_imported(self.draft.store, self.app.recording_recogniser())
        self.app.call_from_thread(self._caught_up)

    def _caught_up(self) -> None:
        self.draft.reload()
        self.reached = self._text_end()
        self.show_everything()

    def _capture_finished(self, audio: Path | None) -> None:
        """The recording is closed: note its file in the store; review if the secretary asked to.
        After a quit, what the live transcription had not reached is marked to be transcribed
        when the meeting is opened again."""
        from minutes_tui.workflows.importing import mark_untranscribed

        self.capture = None
        if self.closed:
            return
        if audio is not None and audio.parent.resolve() == self.folder.resolve():
            self.draft.store.set_audio_file(audio.name)
        if audio is not None and self.quitting:
            reached = max((s.end for s in self.draft.segments.values()), default=0.0)
            mark_untranscribed(self.folder, self.draft.store.meeting(), reached)
        if self.review_requested and not self.quitting:
            self.open_review()

    def open_review(self) -> None:
        """Hand the meeting to the review screen (the store is closed here first: one writer)."""
        from minutes_tui.screens.review import ReviewScreen

        if not self.closed:
            self.closed = True
            self.draft.store.close()
        self.app.switch_screen(ReviewScreen(self.folder))

    # messages from the capture
    def on_level_changed(self, event: messages.LevelChanged) -> None:
        self.query_one(LevelMeter).dbfs = event.dbfs if math.isfinite(event.dbfs) else -math.inf

    def on_elapsed_changed(self, event: messages.ElapsedChanged) -> None:
        self.query_one("#elapsed", StatusLine).update(clock(event.seconds))

    def on_interim_updated(self, event: messages.InterimUpdated) -> None:
        self.query_one("#interim", Static).update(event.text or (texts.LIVE_WAITING if self.state == "recording" else ""))

    def on_final_segment(self, event: messages.FinalSegment) -> None:
        stored = self.draft.add_recognised(event.segment, event.model)
        self.reached = max(self.reached, stored.end)
        self.transcript().append(stored, self.look(stored))
        self.show_selection()
        self.follow_voices()  # in a worker, at low priority: never ahead of the decoder

    def draft_audio_path(self) -> Path | None:
        """The recording as it is being written (the journal), or the finished file."""
        from recorder.journal import AUDIO_NAME, JOURNAL_NAME

        found = [self.folder / n for n in (JOURNAL_NAME, AUDIO_NAME) if (self.folder / n).exists()]
        return found[0] if found else None

    def on_recording_state_changed(self, event: messages.RecordingStateChanged) -> None:
        self.state = "starting" if event.state == "loading" else event.state
        self.query_one("#state", Label).update(texts.LIVE_STATE[self.state])
        self.set_class(self.state == "paused", "paused")
        if event.state == "recording":
            self.query_one("#interim", Static).update(texts.LIVE_WAITING)
        elif event.state == "stopped":
            self.query_one("#interim", Static).update(texts.LIVE_FINISHED)

    def on_recorder_trouble(self, event: messages.RecorderTrouble) -> None:
        if event.fatal:
            self.app.show_error(event.message)
        else:
            self.notify(texts.LIVE_TROUBLE.format(message=event.message), severity="warning")

    # keys
    def action_pause(self) -> None:
        if self.capture is not None and self.state in ("recording", "paused"):
            view = self.transcript()
            if self.state == "recording":
                # the utterance cut by the pause still arrives: it must not move her selection
                self.paused_at = (view.selected_id, view.follow)
                view.follow = False
            else:
                selected, following = self.paused_at
                if following and view.selected_id == selected:
                    view.follow = True  # she had not moved: follow the meeting again
                    view.action_last()
            self.capture.pause(self.state == "recording")

    def action_follow(self) -> None:
        view = self.transcript()
        view.action_last()
        view.scroll_end(animate=False)

    def action_stop(self) -> None:
        """Stop recording (what was heard is still decoded), then review."""
        self.review_requested = True
        if self.capture is not None:
            self.capture.stop(flush=True)
        elif self.state == "stopped":
            self.open_review()

    async def stop_for_quit(self) -> None:
        """Close the recording (the audio file is finished; undecoded speech is left for review)."""
        self.quitting = True
        if self.capture is not None:
            self.capture.stop(flush=False)
        if self.capture_worker is None:
            return
        try:
            await self.capture_worker.wait()
        except Exception:  # already reported through the worker-error path
            pass

    def show_selection(self) -> None:
        super().show_selection()
        segment = self.selected()
        follow = texts.LIVE_FOLLOWING if self.transcript().follow else texts.LIVE_BROWSING
        if segment is None:
            self.query_one("#selection", StatusLine).update(follow)
            return
        look = self.look(segment)
        who = look.speaker or texts.SPEAKER_UNKNOWN
        self.query_one("#selection", StatusLine).update(
            " · ".join([clock(segment.start), who, *look.badges]) + f"  [dim]({follow})[/dim]"
        )
