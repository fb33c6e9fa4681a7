"""``?``: every key of the current screen and of the app, with what it does."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from minutes_tui import texts


@dataclass(frozen=True)
class KeyLine:
    """One line of the help: the key as shown and its description."""

    key: str
    """The key as the terminal names it (``ctrl+q``, ``1–9``…)."""
    description: str
    """What it does, in Vietnamese."""


class HelpDialog(ModalScreen[None]):
    """Lists the keys; Esc or ? closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", texts.APP_OK, show=False)]

    def __init__(self, screen_keys: list[KeyLine], app_keys: list[KeyLine]) -> None:
        super().__init__()
        self.screen_keys = screen_keys
        self.app_keys = app_keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help-dialog"):
            yield Label(texts.HELP_TITLE, classes="dialog-title")
            for heading, lines in ((texts.HELP_SCREEN, self.screen_keys), (texts.HELP_EVERYWHERE, self.app_keys)):
                if not lines:
                    continue
                yield Label(heading, classes="help-heading")
                for line in lines:
                    yield Static(Text.assemble((line.key.rjust(12), "bold"), "  ", line.description), classes="help-line")
            yield Static(texts.HELP_CLOSE, classes="dim")

    def action_close(self) -> None:
        self.dismiss()
