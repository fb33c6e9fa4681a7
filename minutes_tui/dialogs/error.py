"""The one place a failure reaches the secretary: a readable Vietnamese message, never a traceback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from minutes_tui import texts


class ErrorDialog(ModalScreen[None]):
    """Shows one error message; Enter or Esc closes it."""

    BINDINGS = [Binding("escape,enter", "close", texts.APP_OK, show=False)]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error-dialog"):
            yield Label(texts.APP_ERROR_TITLE, classes="dialog-title")
            yield Static(self.message, id="error-message", markup=False)
            yield Static(texts.APP_ERROR_HINT, classes="dim")
            yield Button(texts.APP_OK, id="ok", variant="error")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
