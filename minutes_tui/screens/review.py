"""Review: the meeting after it ended, with its audio, the items panel and the whole-meeting tools."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Label, ProgressBar, Static

from minutes_tui import messages, texts
from minutes_tui.dialogs.search import SearchDialog
from minutes_tui.dialogs.split import SplitDialog
from minutes_tui.meeting import MeetingStore
from minutes_tui.screens import after_keys
from minutes_tui.screens.transcript_screen import TAG_KEYS
from minutes_tui.screens.voice_keys import VoiceSuggestions
from minutes_tui.widgets.items_panel import ItemsPanel, items_text
from minutes_tui.widgets.status_line import StatusLine
from minutes_tui.widgets.transcript import LOW_CONFIDENCE, TranscriptView, clock
from minutes_tui.workflows.checks import lacks
from minutes_tui.workflows.draft import MinutesDraft
from minutes_tui.workflows.playback import Player


class ReviewScreen(VoiceSuggestions):
    """One meeting opened for review; ``transcribe`` runs the full transcription at once (imports)."""

    BINDINGS = [
        Binding("space", "play", texts.KEYS["play"]),
        Binding("right_square_bracket", "jump('speaker', 1)", texts.KEYS["next_speaker"], show=False),
        Binding("left_square_bracket", "jump('speaker', -1)", texts.KEYS["prev_speaker"], show=False),
        Binding("right_curly_bracket", "jump('tag', 1)", texts.KEYS["next_tag"], show=False),
        Binding("left_curly_bracket", "jump('tag', -1)", texts.KEYS["prev_tag"], show=False),
        Binding("w", "jump('low', 1)", texts.KEYS["next_low"], show=False),
        Binding("slash", "search", texts.KEYS["search"]),
        Binding("m", "merge", texts.KEYS["merge"], show=False),
        Binding("v", "split", texts.KEYS["split"], show=False),
        Binding("R", "retranscribe", texts.KEYS["retranscribe"], show=False),
        Binding("g", "accept_voice", texts.KEYS["accept_voice"], show=False),
        Binding("G", "accept_all_voices", texts.KEYS["accept_all_voices"], show=False),
        Binding("K", "voice_consent", texts.KEYS["voice_consent"], show=False),
        Binding("i", "items", texts.KEYS["items"]),
        Binding("E", "export", texts.KEYS["export"]),
        Binding("A", "masked", texts.KEYS_MASKED, show=False),
        *after_keys.AFTER_KEYS,
        *TAG_KEYS,
        Binding("escape", "back", texts.KEYS["back"]),
        Binding("q", "app.quit", texts.KEYS["quit"]),
    ]

    def __init__(self, folder: Path, transcribe: bool = False) -> None:
        super().__init__()
        self.folder = folder
        self.transcribe_now = transcribe
        self.player: Player | None = None
        self.follow_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-status"):
            yield Label(texts.REVIEW_TITLE, id="review-title")
            yield Label("", id="meeting-title")
            yield Label("", id="playing")
        yield ProgressBar(id="progress", show_eta=False)
        with Horizontal(id="review-body"):
            yield TranscriptView(low_words=True, id="transcript")
            yield ItemsPanel(id="items")
        yield StatusLine(id="selection")
        yield Static("", id="roster", classes="roster-keys")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.draft = MinutesDraft(MeetingStore.open(self.folder))
        except Exception as exc:  # not a meeting, locked or damaged: say so and go back
            self.app.pop_screen()
            self.app.show_error(texts.user_message(exc))
            return
        self.query_one("#meeting-title", Label).update(self.draft.meeting.title)
        self.query_one("#progress").display = False
        view = self.transcript()
        view.follow = False
        self.show_everything()
        view.action_first()
        view.focus()
        if self.transcribe_now:
            self.query_one("#progress").display = True
            self.transcribe_import()
        else:
            self.follow_voices()

    def on_unmount(self) -> None:
        if self.player is not None:
            self.player.stop()
        if hasattr(self, "draft"):
            self.draft.store.close()

    def show_selection(self) -> None:
        super().show_selection()
        segment = self.selected()
        if segment is None:
            return
        look = self.look(segment)
        low = sum(w.probability < LOW_CONFIDENCE for w in segment.words) if not segment.edited else 0
        position = self.draft.order.index(segment.id) + 1
        parts = [
            f"{position}/{len(self.draft.order)}",
            f"{clock(segment.start)}–{clock(segment.end)}",
            look.speaker or texts.SPEAKER_UNKNOWN,
            *look.badges,
            *([f"⚠ {low}"] if low else []),
        ]
        self.query_one("#selection", StatusLine).update(" · ".join(parts))
        if self.query_one(ItemsPanel).display:
            self.query_one(ItemsPanel).update(items_text(self.draft, lacks(self.draft)))

    # moving around
    def action_jump(self, kind: str, step: int) -> None:
        """Next/previous speaker change, tagged segment, or segment with low-confidence words."""
        order = self.draft.order
        sid = self.transcript().selected_id
        if sid is None:
            return
        here = order.index(sid)
        current = self.draft.segments[sid]
        i = here + step
        while 0 <= i < len(order):
            s = self.draft.segments[order[i]]
            if (
                (kind == "speaker" and s.speaker_id != current.speaker_id)
                or (kind == "tag" and s.tags)
                or (kind == "low" and not s.edited and any(w.probability < LOW_CONFIDENCE for w in s.words))
            ):
                self.transcript().select_id(s.id)
                return
            i += step
        self.notify(texts.REVIEW_NO_MORE)

    def action_items(self) -> None:
        panel = self.query_one(ItemsPanel)
        panel.display = not panel.display
        self.show_selection()

    def action_back(self) -> None:
        self.app.pop_screen()

    # whole-meeting edits
    def action_search(self) -> None:
        def chosen(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            find, new = result
            changed = self.draft.replace_all(find, new)
            self.redraw(*changed)
            self.notify(texts.SEARCH_RESULT.format(count=len(changed)) if changed else texts.SEARCH_NONE.format(text=find))

        self.app.push_screen(SearchDialog(), chosen)

    def action_merge(self) -> None:
        sid = self.transcript().selected_id
        if sid is None:
            return
        at = self.draft.order.index(sid)
        if at + 1 >= len(self.draft.order):
            self.notify(texts.REVIEW_NOTHING_TO_MERGE)
            return
        self.draft.store.merge_segments(sid, self.draft.order[at + 1])
        self.draft.reload()
        self.show_everything()
        self.transcript().select_id(sid)

    def action_split(self) -> None:
        segment = self.selected()
        if segment is None:
            return

        def chosen(at: int | None) -> None:
            if at is not None:
                first, _second = self.draft.store.split_segment(segment.id, at)
                self.draft.reload()
                self.show_everything()
                self.transcript().select_id(first.id)

        self.app.push_screen(SplitDialog(segment.text, self.proposed_split(segment)), chosen)

    # audio
    def action_play(self) -> None:
        if self.player is not None and self.player.playing:
            self.player.stop()
            self.query_one("#playing", Label).update("")
            return
        segment = self.selected()
        if segment is not None:
            self.play_from(segment.start)

    @work(thread=True, exclusive=True, exit_on_error=False, group="playback")
    def play_from(self, start: float) -> None:
        """Open the meeting audio once, then play from ``start`` and follow along."""
        if self.player is None:
            audio = self.draft_audio_path()
            if audio is None:
                raise FileNotFoundError(texts.REVIEW_NO_AUDIO.format(detail=self.folder))
            self.player = Player.open(audio)
        if not self.app.config.play_audio:
            return
        self.player.play(start)
        self.app.call_from_thread(self._follow_playback)

    def draft_audio_path(self) -> Path | None:
        """The meeting audio file, if any (read on the worker: only the path, not the store)."""
        from minutes_tui.meeting.audio import meeting_audio

        return meeting_audio(self.folder, self.draft.meeting)

    def _follow_playback(self) -> None:
        self.query_one("#playing", Label).update(texts.REVIEW_PLAYING)
        if self.follow_timer is not None:
            self.follow_timer.stop()
        self.follow_timer = self.set_interval(0.25, self._playback_tick)

    def _playback_tick(self) -> None:
        player = self.player
        if player is None or not player.playing:
            self.query_one("#playing", Label).update("")
            if self.follow_timer is not None:
                self.follow_timer.stop()
                self.follow_timer = None
            return
        t = player.position
        for sid in self.draft.order:
            s = self.draft.segments[sid]
            if s.start <= t < s.end and self.transcript().selected_id != sid:
                self.transcript().select_id(sid)
                break

    # the post-meeting pass
    def action_retranscribe(self) -> None:
        if self.draft_audio_path() is None:
            self.app.show_error(texts.REVIEW_NO_AUDIO.format(detail=self.folder))
            return
        self.query_one("#progress").display = True
        self.retranscribe()

    def _progress(self, done: float, total: float) -> None:
        self.post_message(messages.Progress(done, total))

    @work(thread=True, exclusive=True, exit_on_error=False, group="retranscribe")
    def retranscribe(self) -> None:
        """Transcribe the whole recording again with the meeting's vocabulary; tags and hand edits move over."""
        from minutes_tui.workflows.retranscription import retranscribe

        kept = sum(bool(s.tags) for s in self.draft.segments.values())
        retranscribe(self.draft.store, self.app.recogniser(), progress=self._progress)
        self.app.call_from_thread(self._transcribed, texts.REVIEW_RETRANSCRIBE_DONE.format(kept=kept))

    @work(thread=True, exclusive=True, exit_on_error=False, group="retranscribe")
    def transcribe_import(self) -> None:
        """Transcribe an imported recording (the same decoding as ``bienban import``)."""
        from minutes_tui.workflows.importing import transcribe_imported

        count = transcribe_imported(self.draft.store, self.app.recogniser(), self._progress)
        self.app.call_from_thread(self._transcribed, texts.IMPORT_DONE_APP.format(count=count))

    def on_progress(self, event: messages.Progress) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=max(event.total, 0.001), progress=event.done)

    def _transcribed(self, note: str) -> None:
        self.draft.reload()
        self.show_everything()
        self.query_one("#progress").display = False
        self.notify(note)

    def action_export(self) -> None:
        from minutes_tui.dialogs.export import ExportDialog
        from minutes_tui.workflows.followups import notice_due_line

        due = notice_due_line(self.folder, self.draft.meeting.day(), self.app.config.today)
        self.app.push_screen(ExportDialog(self.folder, lacks(self.draft), due))

    def action_attendance(self) -> None:
        after_keys.attendance(self)

    def action_report_paragraph(self) -> None:
        after_keys.paragraph(self)

    def action_masked(self) -> None:
        """Show what export will mask for the anonymous participants."""
        from minutes_tui.meeting.anonymity import what_will_be_masked

        places = what_will_be_masked(self.draft.store.load())
        phrases = sorted({span.text for place in places for span in place.spans})
        self.notify(
            texts.REVIEW_MASKED.format(count=len(places), phrases=", ".join(phrases)) if places else texts.REVIEW_MASKED_NONE
        )
