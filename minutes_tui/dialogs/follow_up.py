"""Who must resolve a petition and by when: returns (responsible, deadline) or None."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from minutes_tui import texts
from minutes_tui.meeting.deadlines import parse_deadline


class FollowUpDialog(ModalScreen[tuple[str, date | None] | None]):
    """Two fields; Enter in the second (or Ctrl+S) saves, Esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", texts.APP_CANCEL, show=False),
        Binding("ctrl+s", "save", texts.APP_SAVE, show=False),
    ]

    def __init__(self, responsible: str, deadline: date | None, meeting_day: date) -> None:
        super().__init__()
        self.responsible = responsible
        self.deadline = deadline
        self.meeting_day = meeting_day

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(texts.FOLLOW_UP_TITLE, classes="dialog-title")
            yield Label(texts.FOLLOW_UP_RESPONSIBLE)
            yield Input(self.responsible, id="responsible")
            yield Label(texts.FOLLOW_UP_DEADLINE)
            yield Input(self.deadline.strftime("%d/%m/%Y") if self.deadline else "", id="deadline")
            yield Static("", id="problem", classes="error-text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "responsible":
            self.query_one("#deadline", Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        raw = self.query_one("#deadline", Input).value
        try:
            deadline = parse_deadline(raw, self.meeting_day)
        except ValueError:
            self.query_one("#problem", Static).update(texts.FOLLOW_UP_BAD_DATE.format(value=raw))
            return
        self.dismiss((self.query_one("#responsible", Input).value.strip(), deadline))

    def action_cancel(self) -> None:
        self.dismiss(None)
