"""Correct a long text in a box that wraps, so she sees all of it: returns the text, or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from minutes_tui import texts


class EditTextDialog(ModalScreen[str | None]):
    """A wrapping ``TextArea``; Enter saves (the text is one paragraph), Ctrl+U clears, Esc cancels."""

    BINDINGS = [
        Binding("enter", "save", texts.EDIT_SAVE, priority=True),
        Binding("ctrl+u", "clear", texts.EDIT_CLEAR, priority=True),
        Binding("escape", "cancel", texts.APP_CANCEL, show=False),
    ]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog edit-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextArea(self.value, soft_wrap=True, show_line_numbers=False, id="text")
            yield Static(texts.EDIT_HINT, classes="dim")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        text = " ".join(self.query_one(TextArea).text.split())
        self.dismiss(text or None)

    def action_clear(self) -> None:
        self.query_one(TextArea).clear()

    def action_cancel(self) -> None:
        self.dismiss(None)
