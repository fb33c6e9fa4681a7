"""Review: the meeting after it ended, with its audio, the items panel and the whole-meeting tools."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Label, ProgressBar, Static

from minutes_tui import messages, texts
from minutes_tui.dialogs.choice import ChoiceDialog
from minutes_tui.dialogs.confirm import ConfirmDialog
from minutes_tui.dialogs.search import SearchDialog, SearchRequest
from minutes_tui.dialogs.split import SplitDialog
from minutes_tui.meeting import MeetingStore
from minutes_tui.meeting.replacing import words_describe_text
from minutes_tui.screens import after_keys
from minutes_tui.screens.transcript_screen import TAG_KEYS
from minutes_tui.screens.voice_keys import VoiceSuggestions
from minutes_tui.widgets.items_panel import ItemsPanel, items_text
from minutes_tui.widgets.status_line import StatusLine
from minutes_tui.widgets.transcript import LOW_CONFIDENCE, TranscriptView, clock, model_parts
from minutes_tui.workflows.checks import lacks
from minutes_tui.workflows.draft import MinutesDraft
from minutes_tui.workflows.item_editing import ItemEdit
from minutes_tui.workflows.missing import missing_in_draft
from minutes_tui.workflows.playback import Player

#: The replace preview lists this many segments (then a count).
PREVIEW_LINES = 6


class ReviewScreen(VoiceSuggestions):
    """One meeting opened for review; ``transcribe`` runs the full transcription at once (imports)."""

    BINDINGS = [
        Binding("space", "play", texts.KEYS_SHORT["play"], tooltip=texts.KEYS["play"]),
        Binding("right_square_bracket", "jump('speaker', 1)", texts.KEYS["next_speaker"], show=False),
        Binding("left_square_bracket", "jump('speaker', -1)", texts.KEYS["prev_speaker"], show=False),
        Binding("right_curly_bracket", "jump('tag', 1)", texts.KEYS["next_tag"], show=False),
        Binding("left_curly_bracket", "jump('tag', -1)", texts.KEYS["prev_tag"], show=False),
        Binding("w", "jump('low', 1)", texts.KEYS["next_low"], show=False),
        Binding("slash", "search", texts.KEYS_SHORT["search"], tooltip=texts.KEYS["search"]),
        Binding("m", "merge", texts.KEYS["merge"], show=False),
        Binding("v", "split", texts.KEYS["split"], show=False),
        Binding("R", "retranscribe", texts.KEYS["retranscribe"], show=False),
        Binding("P", "proposed(True)", texts.KEYS["proposed_accept"], show=False),
        Binding("O", "proposed(False)", texts.KEYS["proposed_keep"], show=False),
        Binding("T", "edit_item", texts.KEYS["edit_item"], show=False),
        Binding("D", "details", texts.KEYS["details"], show=False),
        Binding("g", "accept_voice", texts.KEYS["accept_voice"], show=False),
        Binding("G", "accept_all_voices", texts.KEYS["accept_all_voices"], show=False),
        Binding("K", "voice_consent", texts.KEYS["voice_consent"], show=False),
        Binding("i", "items", texts.KEYS_SHORT["items"], tooltip=texts.KEYS["items"]),
        Binding("E", "export", texts.KEYS_SHORT["export"], tooltip=texts.KEYS["export"]),
        # shown in the status bar above (the footer is full at 100 columns)
        Binding("C", "continue_recording", texts.KEYS["continue_recording"], show=False),
        Binding("A", "masked", texts.KEYS_MASKED, show=False),
        *after_keys.AFTER_KEYS,
        *TAG_KEYS,
        Binding("escape", "back", texts.KEYS["back"], show=False),
        Binding("q", "app.quit", texts.KEYS["quit"], show=False),
    ]

    def __init__(self, folder: Path, transcribe: bool = False) -> None:
        super().__init__()
        self.folder = folder
        self.transcribe_now = transcribe
        self.player: Player | None = None
        self.follow_timer: Timer | None = None
        self.last_find = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-status"):
            yield Label(texts.REVIEW_TITLE, id="review-title")
            yield Label("", id="meeting-title")
            yield Label("", id="playing")
            yield Label(texts.REVIEW_CONTINUE_KEY, id="continue-key", classes="dim")
        with Horizontal(id="progress"):
            yield Label("", id="progress-label")
            yield ProgressBar(id="progress-bar", show_eta=False)
        with Horizontal(id="review-body"):
            yield TranscriptView(low_words=True, id="transcript")
            with VerticalScroll(id="items"):  # Tab reaches it; its keys scroll it, not the transcript
                yield ItemsPanel(id="items-text")
        yield StatusLine(id="selection")
        yield Static("", id="roster", classes="roster-keys")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.draft = MinutesDraft(MeetingStore.open(self.folder))
        except Exception as exc:  # not a meeting, locked or damaged: say so and go back
            self.app.pop_screen()
            self.app.show_error(texts.app_message(exc))
            return
        self.query_one("#meeting-title", Label).update(self.draft.meeting.title)
        self.query_one("#progress").display = False
        view = self.transcript()
        view.follow = False
        self.show_everything()
        view.action_first()
        view.focus()
        if self.transcribe_now:
            self._start_import()
        elif not self._offer_to_resume_import():
            self.follow_voices()

    def _start_import(self, label: str = texts.PROGRESS_IMPORT) -> None:
        self.query_one("#progress-label", Label).update(label)
        self.query_one("#progress").display = True
        self.transcribe_import()

    def _offer_to_resume_import(self) -> bool:
        """An import interrupted (the app closed, the laptop slept): offer to go on where it stopped."""
        from minutes_tui.workflows.importing import import_progress

        try:
            progress = import_progress(self.folder, self.draft.meeting)
        except Exception:  # the recording is unreadable: retranscribe and export say so
            return False
        if progress is None:
            return False
        if progress.recorded:  # the app was closed while it recorded: her text is not complete without it
            self._start_import(texts.PROGRESS_RECORDED_REST)
            return True

        def answered(resume: bool | None) -> None:
            if resume:
                self._start_import()
            else:
                self.follow_voices()

        detail = texts.IMPORT_RESUME_DETAIL.format(done=clock(progress.done_s), total=clock(progress.total_s))
        self.app.push_screen(ConfirmDialog(texts.IMPORT_RESUME_CONFIRM, detail), answered)
        return True

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
        low = sum(w.probability < LOW_CONFIDENCE for w in segment.words) if words_describe_text(segment) else 0
        position = self.draft.order.index(segment.id) + 1
        parts = [
            f"{position}/{len(self.draft.order)}",
            f"{clock(segment.start)}–{clock(segment.end)}",
            look.speaker or texts.SPEAKER_UNKNOWN,
            *look.badges,
            *([f"⚠ {low}"] if low else []),
            *model_parts(segment),
        ]
        self.query_one("#selection", StatusLine).update(" · ".join(parts))
        if self.query_one("#items").display:
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
        ahead = order[here + 1 :] if step > 0 else order[:here][::-1]
        if kind == "low":  # w goes round to the top: she works through the uncertain words in one pass
            ahead += order[: here + 1] if step > 0 else order[here:][::-1]
        for s in (self.draft.segments[i] for i in ahead):
            if (
                (kind == "speaker" and s.speaker_id != current.speaker_id)
                or (kind == "tag" and s.tags)
                or (kind == "low" and words_describe_text(s) and any(w.probability < LOW_CONFIDENCE for w in s.words))
            ):
                self.transcript().select_id(s.id)
                return
        self.notify(texts.REVIEW_NO_MORE)

    def action_items(self) -> None:
        panel = self.query_one("#items")
        panel.display = not panel.display
        self.show_selection()

    def action_edit_item(self) -> None:
        """Edit every field of the item of the selected segment (opens the items panel too)."""
        from bienban_base.clock import today  # the module's name is taken here by the transcript's time format
        from minutes_tui.dialogs.item import ItemDialog
        from minutes_tui.workflows.item_editing import edit_item, item_of

        segment = self.selected()
        d = self.draft
        petition = segment and (
            d.petition_raised_in(segment.id) or d.petition_answered_in(segment.id) or d.petition_before(segment.id)
        )
        if not petition:
            self.notify(texts.LINK_NONE)
            return
        self.query_one("#items").display = True

        def edited(edit: ItemEdit | None) -> None:
            if edit is not None:
                edit_item(d, petition.id, edit)
                self.redraw(*self._petition_segments(petition.id))

        dialog = ItemDialog(d.petition_number(petition.id), item_of(petition), d.meeting.day() or today())
        self.app.push_screen(dialog, edited)

    def action_details(self) -> None:
        """The meeting's details on the store review holds (one writer); the transcript follows the roster."""
        from minutes_tui.screens.details import DetailsScreen

        def closed(_: None) -> None:
            self.draft.reload()
            self.query_one("#meeting-title", Label).update(self.draft.meeting.title)
            self.show_everything()

        self.app.push_screen(DetailsScreen(self.draft.store, owns_store=False), closed)

    def action_back(self) -> None:
        self.app.pop_screen()

    # whole-meeting edits
    def action_search(self) -> None:
        def chosen(request: SearchRequest | None) -> None:
            if request is None:
                return
            self.last_find = request.find
            found = self.draft.find(request.find)
            own = self.draft.own_texts_with(request.find) if request.replace is not None else []
            if not found and not own:
                self.notify(texts.SEARCH_NONE.format(text=request.find))
            elif request.replace is None:
                self._show_next_match(request.find, found)
            elif found:
                self._confirm_replace(request.find, request.replace, found)
            else:  # only in texts she wrote herself
                self._confirm_replace_in_petitions(request.find, request.replace, {})

        self.app.push_screen(SearchDialog(self.last_find), chosen)

    def _show_next_match(self, find: str, found: dict[int, int]) -> None:
        """Select the next segment holding ``find`` after the selected one (round to the top)."""
        ids = list(found)
        here = self.draft.order.index(self.transcript().selected_id or self.draft.order[0])
        later = [sid for sid in ids if self.draft.order.index(sid) > here]
        target = later[0] if later else ids[0]
        self.transcript().select_id(target)
        self.notify(
            texts.SEARCH_FOUND.format(text=find, count=sum(found.values()), segments=len(ids), position=ids.index(target) + 1)
        )

    def _confirm_replace(self, find: str, new: str, found: dict[int, int]) -> None:
        """A preview of every change, then replace on yes (one undo step)."""
        count, segments = sum(found.values()), len(found)
        title = (texts.SEARCH_REPLACE_TITLE if new else texts.SEARCH_DELETE_TITLE).format(
            find=find, new=new, count=count, segments=segments
        )
        lines = []
        for sid in list(found)[:PREVIEW_LINES]:
            text = self.draft.segments[sid].text
            at = text.index(find)
            before, after = text[max(0, at - 20) : at], text[at + len(find) : at + len(find) + 20]
            when = clock(self.draft.segments[sid].start)
            lines.append(f"{when} …{escape(before)}[strike]{escape(find)}[/strike][b]{escape(new)}[/b]{escape(after)}…")
        if segments > PREVIEW_LINES:
            lines.append(texts.SEARCH_MORE.format(count=segments - PREVIEW_LINES))
        hand = sum(self.draft.segments[sid].edited for sid in found)
        if hand:
            lines.append(texts.SEARCH_HAND_EDITED.format(count=hand))

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._confirm_replace_in_petitions(find, new, found)

        self.app.push_screen(ConfirmDialog(title, "\n".join(lines)), confirmed)

    def _confirm_replace_in_petitions(self, find: str, new: str, found: dict[int, int]) -> None:
        """The minutes print the petition texts and answers she wrote herself, which the transcript's
        replace does not reach: ask whether to replace there too (no: the transcript only)."""
        own = self.draft.own_texts_with(find)

        def replace_all(petitions: bool | None) -> None:
            if not found and not petitions:
                return
            changed = self.draft.replace_all(find, new, petitions=bool(petitions))
            pids = own if petitions else []
            self.redraw(
                *changed, *self._segments_of_petitions_in(changed), *(s for p in pids for s in self._petition_segments(p))
            )
            said = [texts.SEARCH_REPLACED.format(count=sum(found.values()), segments=len(changed))] if changed else []
            said += [texts.SEARCH_REPLACED_PETITIONS.format(count=len(pids))] if pids else []
            self.notify(" ".join(said))

        if not own:
            replace_all(False)
            return
        numbers = ", ".join(f"#{self.draft.petition_number(pid)}" for pid in own)
        question = texts.SEARCH_PETITIONS_TITLE.format(find=find, new=new, count=len(own), numbers=numbers)
        self.app.push_screen(ConfirmDialog(question, texts.SEARCH_PETITIONS_DETAIL), replace_all)

    def _segments_of_petitions_in(self, segment_ids: list[int]) -> list[int]:
        petitions = {
            p.id for sid in segment_ids for p in (self.draft.petition_raised_in(sid), self.draft.petition_answered_in(sid)) if p
        }
        return [s for pid in petitions for s in self._petition_segments(pid)]

    def action_merge(self) -> None:
        sid = self.transcript().selected_id
        if sid is None:
            return
        following = self.draft.next_segment(sid)
        if following is None:
            self.notify(texts.REVIEW_NOTHING_TO_MERGE)
            return

        def merge(yes: bool | None = True) -> None:
            if yes:
                self.draft.merge(sid, following)
                self.show_everything()
                self.transcript().select_id(sid)

        differences = self.draft.merge_differences(sid, following)
        if not differences:
            merge()
            return
        detail = "\n".join(texts.MERGE_DIFFERS[d] for d in differences)
        self.app.push_screen(ConfirmDialog(texts.MERGE_TITLE, detail), merge)

    def action_split(self) -> None:
        segment = self.selected()
        if segment is None:
            return

        def split(at: int, keeps: str | None) -> None:
            if keeps is not None:
                first, _second = self.draft.split(segment.id, at, keeps)
                self.show_everything()
                self.transcript().select_id(first.id)

        def chosen(at: int | None) -> None:
            if at is None:
                return
            if segment.speaker_id is None and not segment.tags:
                split(at, "both")
                return
            options = [(k, texts.SPLIT_KEEPS[k]) for k in ("first", "second", "both")]
            self.app.push_screen(ChoiceDialog(texts.SPLIT_KEEPS_TITLE, options), lambda keeps: split(at, keeps))

        self.app.push_screen(SplitDialog(segment.text, self.proposed_split(segment)), chosen)

    # audio
    def action_play(self) -> None:
        if self.player is not None and self.player.playing:
            self.player.stop()
            self.query_one("#playing", Label).update("")
            return
        segment = self.selected()
        if segment is not None:
            self.play_from(segment.start, segment.end)

    @work(thread=True, exclusive=True, exit_on_error=False, group="playback")
    def play_from(self, start: float, end: float | None = None) -> None:
        """Open the meeting audio once, then play ``start``–``end`` (the segment) and follow along."""
        if self.player is None:
            audio = self.draft_audio_path()
            if audio is None:
                raise FileNotFoundError(texts.REVIEW_NO_AUDIO.format(detail=self.folder))
            self.player = Player.open(audio)
        if not self.app.config.play_audio:
            return
        self.player.play(start, end)
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

        def start(yes: bool | None) -> None:
            if yes:
                self.query_one("#progress-label", Label).update(texts.PROGRESS_RETRANSCRIBE)
                self.query_one("#progress").display = True
                self.retranscribe()

        self.app.push_screen(ConfirmDialog(texts.RETRANSCRIBE_CONFIRM, texts.RETRANSCRIBE_DETAIL), start)

    def action_proposed(self, accept: bool) -> None:
        """Take the re-transcription's text offered beside her hand edit, or keep hers."""
        segment = self.selected()
        if segment is None or segment.proposed_text is None:
            self.notify(texts.PROPOSED_NONE)
            return
        self.draft.settle_proposed(segment.id, accept)
        self.redraw(segment.id, *self._segments_of_petitions_in([segment.id]))

    def _progress(self, done: float, total: float) -> None:
        self.post_message(messages.Progress(done, total))

    @work(thread=True, exclusive=True, exit_on_error=False, group="retranscribe")
    def retranscribe(self) -> None:
        """Transcribe the whole recording again with the meeting's vocabulary; tags and hand edits move over."""
        from minutes_tui.workflows.retranscription import retranscribe

        kept = sum(bool(s.tags) for s in self.draft.segments.values())
        retranscribe(self.draft.store, self.app.recording_recogniser(), progress=self._progress)
        proposed = sum(s.proposed_text is not None for s in self.draft.store.load().segments)
        done = texts.REVIEW_RETRANSCRIBE_DONE.format(kept=kept)
        if proposed:
            done += " " + texts.RETRANSCRIBE_PROPOSED.format(count=proposed)
        self.app.call_from_thread(self._transcribed, done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="retranscribe")
    def transcribe_import(self) -> None:
        """Transcribe an imported recording (the same decoding as ``bienban import``)."""
        from minutes_tui.workflows.importing import transcribe_imported

        count = transcribe_imported(self.draft.store, self.app.recording_recogniser(), self._progress)
        total = len(self.draft.store.load().segments)
        if total > count:  # the rest of a recording whose first part already had its text
            note = texts.IMPORT_DONE_MORE_APP.format(count=count, total=total)
        else:
            note = texts.IMPORT_DONE_APP.format(count=count)
        self.app.call_from_thread(self._transcribed, note)

    def on_progress(self, event: messages.Progress) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=max(event.total, 0.001), progress=event.done)

    def _transcribed(self, note: str) -> None:
        self.draft.reload()
        self.show_everything()
        self.query_one("#progress").display = False
        self.notify(note, timeout=10)

    def action_continue_recording(self) -> None:
        """Record on into this meeting (the recorder appends to its audio), live from where it ended."""
        if any(w.group == "retranscribe" and w.is_running for w in self.workers):
            self.notify(texts.CONTINUE_BUSY, severity="warning")
            return
        if self.player is not None:
            self.player.stop()
            self.player = None
        self.draft.store.close()  # one writer: the live screen opens the meeting next
        folder = self.folder
        self.app.pop_screen()
        self.app.continue_recording(folder)

    def action_export(self) -> None:
        from minutes_tui.dialogs.export import ExportDialog
        from minutes_tui.workflows.followups import notice_due_line

        due = notice_due_line(self.folder, self.draft.meeting.day())
        self.app.push_screen(ExportDialog(self.folder, missing_in_draft(self.draft), due))

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
