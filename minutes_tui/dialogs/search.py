"""Find and replace across the meeting: returns (find, replace) or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from minutes_tui import texts


class SearchDialog(ModalScreen[tuple[str, str] | None]):
    """Two fields; Enter in the second replaces everywhere, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", texts.APP_CANCEL, show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(texts.SEARCH_TITLE, classes="dialog-title")
            yield Label(texts.SEARCH_FIND)
            yield Input(id="find")
            yield Label(texts.SEARCH_REPLACE)
            yield Input(id="replace")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "find":
            self.query_one("#replace", Input).focus()
            return
        find = self.query_one("#find", Input).value
        if find:
            self.dismiss((find, self.query_one("#replace", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
