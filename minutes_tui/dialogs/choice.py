"""Pick one item from a list (a petition to link to…): returns its key, or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from minutes_tui import texts


class ChoiceDialog(ModalScreen[str | None]):
    """A titled list; Enter picks, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, items: list[tuple[str, str]], selected: int = 0) -> None:
        super().__init__()
        self.title_text = title
        self.items = items
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(*(Option(label, id=key) for key, label in self.items), id="choices")
            yield Static(texts.CHOICE_HINT, classes="dim")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = min(self.selected, len(self.items) - 1) if self.items else None
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
