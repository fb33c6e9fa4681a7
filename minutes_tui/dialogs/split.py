"""Where to cut a segment: the text with a cursor; Enter cuts at the cursor. Returns the offset or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from minutes_tui import texts


class SplitDialog(ModalScreen[int | None]):
    """Move the cursor (arrows, Home, End) to where the second segment begins, then Enter."""

    BINDINGS = [Binding("escape", "cancel", texts.APP_CANCEL, show=False)]

    def __init__(self, text: str, at: int | None = None) -> None:
        super().__init__()
        self.text = text
        self.at = at
        """Where the cursor starts (a proposed split, e.g. where the voice changes); None: the middle."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(texts.KEYS["split"], classes="dialog-title")
            yield Input(self.text, id="text")
            yield Static(texts.SPLIT_HINT, classes="dim")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_position = self.at if self.at is not None else len(self.text) // 2

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        at = event.input.cursor_position
        self.dismiss(at if 0 < at < len(self.text) else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
