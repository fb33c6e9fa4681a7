"""Ask for one line of text (a path, a name); returns it, or None when cancelled."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from minutes_tui import texts


class PromptDialog(ModalScreen[str | None]):
    """One question, one ``Input``; Enter answers, Esc cancels. ``check`` (the answer → a Vietnamese
    reason it is wrong, or None) keeps the dialog open with her text and the reason under it."""

    BINDINGS = [Binding("escape", "cancel", texts.APP_CANCEL, show=False)]

    def __init__(
        self,
        title: str,
        value: str = "",
        hint: str = "",
        allow_empty: bool = False,
        detail: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.detail = detail
        """What the question is about (which item of which meeting), under the title."""
        self.check = check
        self.value = value
        self.hint = hint
        self.allow_empty = allow_empty
        """Enter on an empty field answers "" (not None, which only Esc then means)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.detail:
                yield Static(self.detail, classes="prompt-detail")
            yield Input(self.value, id="answer")
            if self.hint:
                yield Static(self.hint, classes="dim")
            yield Static("", id="problem", classes="error-text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value.strip()
        if self.check is not None and (answer or self.allow_empty):
            problem = self.check(answer)
            if problem:
                self.query_one("#problem", Static).update(problem)
                return
        self.dismiss(answer if answer or self.allow_empty else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
