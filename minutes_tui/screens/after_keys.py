"""Review's keys for what the notice and the report are drafted from: attendance, the secretary's paragraphs.

Functions of the review screen rather than methods, so that review itself changes by a few lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from minutes_tui import texts
from minutes_tui.dialogs.choice import ChoiceDialog
from minutes_tui.dialogs.prompt import PromptDialog
from minutes_tui.workflows.classify import PARAGRAPH_KEYS, parse_attendance, set_attendance, set_document_text

if TYPE_CHECKING:
    from minutes_tui.screens.transcript_screen import TranscriptScreen

#: The keys review binds to ``attendance`` and ``paragraph``.
AFTER_KEYS = [
    Binding("d", "attendance", texts.KEYS_ATTENDANCE, show=False),  # "g" is the voices' accept key
    Binding("b", "report_paragraph", texts.KEYS_PARAGRAPH, show=False),
]


def attendance(screen: TranscriptScreen) -> None:
    """Ask for the attendance counts by group and keep them (one undoable edit)."""
    current = "; ".join(f"{g}: {n}" for g, n in screen.draft.meeting.attendance)

    def given(text: str | None) -> None:
        if text is None:
            return
        try:
            screen.draft.meeting = set_attendance(screen.draft.store, parse_attendance(text))
        except ValueError as exc:
            screen.notify(texts.ERRORS["attendance_bad"].format(part=exc), severity="error")

    screen.app.push_screen(PromptDialog(texts.ATTENDANCE_PROMPT, current), given)


def paragraph(screen: TranscriptScreen) -> None:
    """Pick one of the secretary's paragraphs (assessment, proposals, …), then write it."""

    def picked(key: str | None) -> None:
        if key is None:
            return

        def written(text: str | None) -> None:
            if text is not None:
                screen.draft.meeting = set_document_text(screen.draft.store, key, text)
                screen.notify(texts.PARAGRAPH_SET)

        current = screen.draft.meeting.document_text(key)
        screen.app.push_screen(PromptDialog(texts.PARAGRAPH_LABELS[key], current), written)

    items = [(key, texts.PARAGRAPH_LABELS[key]) for key in PARAGRAPH_KEYS]
    screen.app.push_screen(ChoiceDialog(texts.PARAGRAPH_TITLE, items), picked)
