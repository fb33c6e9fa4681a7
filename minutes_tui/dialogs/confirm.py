"""Ask before a change she might not mean (an outcome replaced, a phrase deleted): yes or no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from minutes_tui import texts


class ConfirmDialog(ModalScreen[bool]):
    """A question with what will change; Enter or y says yes, Esc or n says no."""

    BINDINGS = [
        Binding("enter,y", "answer(True)", texts.CONFIRM_YES),
        Binding("escape,n", "answer(False)", texts.CONFIRM_NO),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            if self.detail:
                yield Static(self.detail, id="confirm-detail")
            yield Static(texts.CONFIRM_KEYS, classes="dim")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
