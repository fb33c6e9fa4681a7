"""Meeting details: the header, titles, times, report summary and roster of an open meeting, editable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Label, Static, TextArea

from minutes_tui import texts
from minutes_tui.dialogs.confirm import ConfirmDialog
from minutes_tui.meeting import MeetingStore
from minutes_tui.screens.base import BienbanScreen
from minutes_tui.workflows.details import (
    LINE_FIELDS,
    TIME_FIELDS,
    DetailsProblem,
    MeetingDetails,
    read_details,
    save_details,
)

#: Boxes of several lines, by ``MeetingDetails`` attribute.
AREAS = ("report_summary", "recipients", "roster")


class DetailsScreen(BienbanScreen):
    """Ctrl+S saves (one undo step); Esc goes back, asking first when something typed is not saved."""

    BINDINGS = [
        Binding("ctrl+s", "save", texts.KEYS_SHORT["save"], tooltip=texts.KEYS["save"]),
        Binding("escape", "back", texts.KEYS_SHORT["back"], tooltip=texts.KEYS["back"]),
        # ? is a character in the fields: F1 opens the help here, and the footer says so
        Binding("f1", "app.help", texts.HELP_TITLE, tooltip=texts.KEYS["help"]),
    ]

    def __init__(self, store: MeetingStore, owns_store: bool) -> None:
        super().__init__()
        self.store = store
        self.owns_store = owns_store
        """Opened for this screen (from home): closed when it closes."""
        self.shown = read_details(store)

    def compose(self) -> ComposeResult:
        yield Label(texts.DETAILS_TITLE, classes="screen-title")
        with VerticalScroll(id="details-form"):
            for name in (*LINE_FIELDS, *TIME_FIELDS):
                with Horizontal(classes="field"):
                    yield Label(texts.DETAILS_FIELDS[name], classes="field-label")
                    hint = texts.DETAILS_TIME_HINT if name in TIME_FIELDS else ""
                    yield Input(self.shown.fields[name], placeholder=hint, id=name, select_on_focus=False)
            for name in AREAS:
                yield Label(texts.DETAILS_FIELDS[name])
                yield TextArea(getattr(self.shown, name), soft_wrap=True, id=name, classes="lines")
            yield Static("", id="problem", classes="error-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self.call_after_refresh(self._from_the_start)

    def _from_the_start(self) -> None:
        for box in self.query(Input):
            box.cursor_position = 0  # long titles read from their start
            box.scroll_home(animate=False)

    def on_unmount(self) -> None:
        if self.owns_store:
            self.store.close()

    def typed(self) -> MeetingDetails:
        """What the form holds now."""
        fields = {name: self.query_one(f"#{name}", Input).value for name in (*LINE_FIELDS, *TIME_FIELDS)}
        areas = {name: self.query_one(f"#{name}", TextArea).text for name in AREAS}
        return MeetingDetails(fields=fields, **areas)

    def action_save(self) -> None:
        try:
            save_details(self.store, self.typed())
        except DetailsProblem as problem:
            self.query_one("#problem", Static).update(str(problem))
            return
        self.shown = read_details(self.store)
        self.query_one("#roster", TextArea).text = self.shown.roster  # new people get their #id
        self.query_one("#problem", Static).update("")
        self.notify(texts.DETAILS_SAVED)

    def action_back(self) -> None:
        if self.typed() == self.shown:
            self.dismiss()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss()

        self.app.push_screen(ConfirmDialog(texts.DETAILS_DISCARD), answered)
