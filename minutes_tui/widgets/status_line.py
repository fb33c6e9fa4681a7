"""A one-line status that repaints without asking the screen for a new layout (cheap per key)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    """One line of markup text; changing it repaints this line only."""

    DEFAULT_CSS = """
    StatusLine { height: 1; width: 1fr; }
    """

    text: reactive[str] = reactive("", layout=False)
    """The line, in Rich markup."""

    def update(self, text: str) -> None:
        """Show ``text`` (same signature as ``Static.update`` for the callers)."""
        self.text = text

    def render(self) -> Text:
        line = Text.from_markup(self.text, overflow="ellipsis")
        line.no_wrap = True
        return line
