"""Ask for one line of text (a path, a name); returns it, or None when cancelled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from minutes_tui import texts


class PromptDialog(ModalScreen[str | None]):
    """One question, one ``Input``; Enter answers, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", texts.APP_CANCEL, show=False)]

    def __init__(self, title: str, value: str = "", hint: str = "", allow_empty: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint
        self.allow_empty = allow_empty
        """Enter on an empty field answers "" (not None, which only Esc then means)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.value, id="answer")
            if self.hint:
                yield Static(self.hint, classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value.strip()
        self.dismiss(answer if answer or self.allow_empty else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
