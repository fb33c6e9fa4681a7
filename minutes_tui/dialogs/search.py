"""Find (and, if she asks, replace) across the meeting: returns a ``SearchRequest`` or None."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from minutes_tui import texts


@dataclass(frozen=True)
class SearchRequest:
    """What she asked for."""

    find: str
    """The phrase to look for."""
    replace: str | None = None
    """What to put instead (None: only find; "" deletes, after a confirmation)."""


class SearchDialog(ModalScreen[SearchRequest | None]):
    """Enter in "Tìm" only finds; Enter in "Thay bằng" asks to replace (a preview follows); Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", texts.APP_CANCEL, show=False)]

    def __init__(self, find: str = "") -> None:
        super().__init__()
        self.last_find = find

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(texts.SEARCH_TITLE, classes="dialog-title")
            yield Label(texts.SEARCH_FIND)
            yield Input(self.last_find, id="find")
            yield Label(texts.SEARCH_REPLACE)
            yield Input(id="replace")
            yield Static(texts.SEARCH_HINT, classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        find = self.query_one("#find", Input).value
        if not find:
            return
        self.dismiss(SearchRequest(find, None if event.input.id == "find" else event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
