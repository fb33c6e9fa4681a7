"""Quick search of the roster: returns a participant id, a new name to add, or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from minutes_tui import texts
from minutes_tui.meeting import Participant
from minutes_tui.meeting.roster import search


class SpeakerDialog(ModalScreen[int | str | None]):
    """Type to filter; Enter picks the highlighted person, or adds the typed name when none matches."""

    BINDINGS = [
        Binding("escape", "cancel", texts.APP_CANCEL, show=False),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, people: list[Participant]) -> None:
        super().__init__()
        self.people = people

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(texts.SPEAKER_SEARCH_TITLE, classes="dialog-title")
            yield Input(id="query")
            yield OptionList(id="matches")
            yield Static(texts.SPEAKER_SEARCH_HINT, classes="dim")

    def on_mount(self) -> None:
        self._show("")

    def _show(self, query: str) -> None:
        found = search(self.people, query)
        matches = self.query_one("#matches", OptionList)
        matches.clear_options()
        for p in found.people:
            label = p.name + (f" — {p.role}" if p.role else "")
            matches.add_option(Option(label, id=str(p.id)))
        if found.new_name:
            matches.add_option(Option(texts.SPEAKER_NEW.format(name=found.new_name), id="new"))
        matches.highlighted = 0 if matches.option_count else None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def action_move(self, step: int) -> None:
        matches = self.query_one("#matches", OptionList)
        if matches.option_count:
            matches.highlighted = ((matches.highlighted or 0) + step) % matches.option_count

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one("#matches", OptionList).highlighted_option)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option | None) -> None:
        if option is None:
            return
        if option.id == "new":
            self.dismiss(self.query_one(Input).value.strip())
        else:
            self.dismiss(int(option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
