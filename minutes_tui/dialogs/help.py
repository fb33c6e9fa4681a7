"""``?``: every key of the current screen and of the app, with what it does."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from minutes_tui import texts


@dataclass(frozen=True)
class KeyLine:
    """One line of the help: the key as shown and its description."""

    key: str
    """The key as the terminal names it (``ctrl+q``, ``1–9``…)."""
    description: str
    """What it does, in Vietnamese."""


def _own_actions(node: DOMNode) -> set[tuple[str, str]]:
    """(key, action) of the bindings this project's classes give ``node`` (not Textual's own,
    whose English navigation the help lists in Vietnamese from ``texts.HELP_NAVIGATION``)."""
    own: set[tuple[str, str]] = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("minutes_tui"):
            for binding in cls.__dict__.get("BINDINGS", []):
                own.update((key.strip(), binding.action) for key in binding.key.split(","))
    return own


def key_lines(screen: Screen, app: App) -> tuple[list[KeyLine], list[KeyLine]]:
    """The help's lines for ``screen``, read off its active bindings so that they cannot drift
    from the keys: (this screen's keys, the keys that work everywhere)."""
    seen: dict[str, list[str]] = {}
    own: dict[int, set[tuple[str, str]]] = {}
    for active in screen.active_bindings.values():
        b = active.binding
        description = b.tooltip or b.description  # the footer shows a short label, the help the full one
        ours = own.setdefault(id(active.node), _own_actions(active.node))
        if not description or (b.key, b.action) not in ours:
            continue
        keys = seen.setdefault(description, [])
        shown = app.get_key_display(b)
        if shown not in keys:
            keys.append(shown)
    screen_keys: list[KeyLine] = []
    app_keys: list[KeyLine] = []
    for description, keys in seen.items():
        shown = f"{keys[0]}–{keys[-1]}" if len(keys) > 3 else " ".join(keys)
        everywhere = description in (texts.KEYS["help"], texts.KEYS["quit"])
        (app_keys if everywhere else screen_keys).append(KeyLine(shown, description))
    app_keys.extend(KeyLine(keys, description) for keys, description in texts.HELP_NAVIGATION)
    return screen_keys, app_keys


class HelpDialog(ModalScreen[None]):
    """Lists the keys; Esc or ? closes it."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "close", texts.APP_OK, show=False)]

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
