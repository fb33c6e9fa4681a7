"""Classify a petition with one key: a digit for its field, a letter for authority or channel."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from minutes_tui import texts
from minutes_tui.meeting.model import Field
from minutes_tui.workflows.classify import QUICK_LETTERS


class ClassifyDialog(ModalScreen[str | None]):
    """The ward's fields numbered 1–9 and the letters; the key pressed is returned, Esc cancels."""

    def __init__(self, number: int, fields: list[tuple[Field, str]], current: str) -> None:
        super().__init__()
        self.number = number
        self.fields = fields
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(texts.CLASSIFY_TITLE.format(number=self.number), classes="dialog-title")
            yield Static(self.current)
            yield Static("\n".join(f"[b]{i}[/b] {label}" for i, (_, label) in enumerate(self.fields[:9], 1)))
            yield Static(texts.CLASSIFY_LETTERS)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        key = (event.character or "").lower()
        if event.key == "escape":
            self.dismiss(None)
        elif key.isdigit() or key in QUICK_LETTERS:
            self.dismiss(key)
