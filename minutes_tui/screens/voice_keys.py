"""Voice suggestions on the live and review screens: shown dimmed beside untagged segments,
``g`` accepts the selected one, ``G`` (review) accepts every confident one as one undo step.

The encoder runs in a worker thread that never touches the store (it gets the record loaded on
the UI thread and writes only the meeting's voiceprints file); the screen redraws when its
suggestions arrive.
"""

from __future__ import annotations

import logging
from pathlib import Path

from textual import work

from minutes_tui import texts
from minutes_tui.meeting.model import MeetingRecord
from minutes_tui.screens.transcript_screen import TranscriptScreen

log = logging.getLogger(__name__)


class VoiceSuggestions(TranscriptScreen):
    """A transcript screen with voice suggestions (live and review)."""

    folder: Path
    """The meeting folder."""

    voice_suggestions: dict = {}
    voice_splits: dict = {}
    """``{segment id: seconds}``: where the voice changes inside a segment (a proposed split)."""
    voice_refresher = None
    """The ``VoiceRefresher`` of this screen (made at the first refresh): what the refreshes keep,
    so that each costs about the same however long the meeting."""

    def draft_audio_path(self) -> Path | None:
        """The meeting's audio file as far as it is written (each screen knows where)."""
        raise NotImplementedError

    def follow_voices(self) -> None:
        """Embed what still needs it and refresh the suggestions (in the background)."""
        if not self.app.config.voices:
            return
        audio = self.draft_audio_path()
        if audio is not None:
            d = self.draft
            # built from what the screen already holds: no store read on the UI thread
            record = MeetingRecord(d.meeting, tuple(d.participants), tuple(d.segments_in_order()))
            if self.voice_refresher is None:
                from minutes_tui.workflows.voices import VoiceRefresher

                self.voice_refresher = VoiceRefresher()
            self._voices_worker(record, audio, self.voice_refresher)

    @work(thread=True, exclusive=True, exit_on_error=False, group="voices")
    def _voices_worker(self, record: MeetingRecord, audio: Path, follower) -> None:
        from textual.worker import get_current_worker

        from minutes_tui.meeting.known_voices import KnownVoices
        from minutes_tui.meeting.voiceprints import Voiceprints
        from minutes_tui.workflows.voices import audio_cutter
        from voices.errors import VoiceError

        worker = get_current_worker()
        import os
        import threading

        try:  # the decoder and the UI come first (Linux: per-thread nice)
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (AttributeError, OSError):
            pass
        try:
            encoder = self.app.voice_encoder()
        except VoiceError as exc:  # no encoder: one line, once, and everything else goes on
            self.app.call_from_thread(self._warn_no_encoder, texts.app_message(exc))
            return
        try:
            known = KnownVoices()
            try:
                with Voiceprints(self.folder) as prints:
                    got = follower.refresh(
                        record, prints, encoder, audio_cutter(audio), known, cancelled=lambda: worker.is_cancelled
                    )
            finally:
                known.close()
        except Exception:  # suggestions are a help: a failure must not interrupt the secretary
            log.exception("voice suggestions failed")
            return
        if got is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._show_voices, *got)

    def _warn_no_encoder(self, message: str) -> None:
        if not self.app.voice_warning_shown:
            self.app.voice_warning_shown = True
            self.notify(message, severity="warning")

    def _show_voices(self, suggestions: dict, splits: dict) -> None:
        shown = any(s.participant_id for s in self.voice_suggestions.values()) or self.voice_splits
        self.voice_suggestions, self.voice_splits = suggestions, splits
        if shown or splits or any(s.participant_id for s in suggestions.values()):
            self.show_everything()

    def suggested_name(self, segment_id: int) -> str:
        """The dimmed name shown beside an untagged segment ('' when the voice abstains)."""
        s = self.voice_suggestions.get(segment_id)
        person = self.draft.participant(s.participant_id) if s and s.participant_id else None
        return person.name if person else ""

    def proposed_split(self, segment) -> int | None:
        """Character offset of the word where the voice changes inside ``segment`` (None: no change)."""
        at = self.voice_splits.get(segment.id)
        if at is None or segment.edited or not segment.words:
            return None
        before = "".join(w.text for w in segment.words if w.start < at).strip()
        return len(before) + 1 if 0 < len(before) < len(segment.text) - 1 else None

    def action_accept_voice(self) -> None:
        segment = self.selected()
        if segment is None or segment.speaker_id is not None:
            return
        s = self.voice_suggestions.get(segment.id)
        if s is not None and s.participant_id is not None:
            self.draft.set_speaker(segment.id, s.participant_id)
            self.redraw(segment.id)
            self.follow_voices()

    def action_accept_all_voices(self) -> None:
        from minutes_tui.workflows.voices import confident_assignments

        untagged = {s.id for s in self.draft.segments.values() if s.speaker_id is None}
        chosen = {i: p for i, p in confident_assignments(self.voice_suggestions).items() if i in untagged}
        if chosen:
            self.draft.set_speakers(chosen)
            self.show_everything()
        self.notify(texts.VOICES_ACCEPTED.format(count=len(chosen)))
        self.follow_voices()

    def action_voice_consent(self) -> None:
        """Keep the selected speaker's voice for the next meetings (consent), or forget it."""
        from minutes_tui.dialogs.choice import ChoiceDialog

        segment = self.selected()
        person = self.draft.participant(segment.speaker_id) if segment is not None else None
        if person is None:
            self.notify(texts.VOICE_NO_SPEAKER)
            return
        items = [
            ("cancel", texts.VOICE_CHOICES["cancel"]),
            ("keep", texts.VOICE_CHOICES["keep"].format(name=person.name)),
            ("forget", texts.VOICE_CHOICES["forget"].format(name=person.name)),
        ]

        def chosen(choice: str | None) -> None:
            if choice in ("keep", "forget"):
                self.voice_consent(person.id, choice)

        self.app.push_screen(ChoiceDialog(texts.VOICE_CHOICE_TITLE, items, 0), chosen)

    def voice_consent(self, participant_id: int, choice: str) -> None:
        """Carry out the secretary's choice (a few small file writes: fine on the UI thread)."""
        from minutes_tui.workflows.voices import voice_consent

        try:
            name = voice_consent(self.draft.store, participant_id, keep=choice == "keep")
        except Exception as exc:  # an anonymous resident, too little speech: say why
            self.notify(texts.app_message(exc), severity="warning")
            return
        self.notify((texts.VOICE_KEPT if choice == "keep" else texts.VOICE_FORGOTTEN).format(name=name))
        self.follow_voices()
