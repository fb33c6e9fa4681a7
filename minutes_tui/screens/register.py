"""The follow-up register across meetings: list, filter, and record what became of each, with undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Label, Static

from bienban_base import clock
from minutes_tui import texts
from minutes_tui.dialogs.prompt import PromptDialog
from minutes_tui.screens.base import BienbanScreen
from minutes_tui.widgets.row_table import RowTable
from minutes_tui.workflows.followups import FollowUp, FollowUpFilter, collect, register_rows

#: The columns the screen shows (index in ``texts.FOLLOWUPS_COLUMNS``, widest text): what each
#: item is and who must act come before the meeting's long name, so that 100 columns show them.
SCREEN_COLUMNS = ((0, 10), (1, 14), (4, 22), (6, 36), (3, 28), (5, 24), (2, 60))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class RegisterScreen(BienbanScreen):
    """Every follow-up of every meeting, overdue first; keys update the highlighted one."""

    BINDINGS = [
        Binding("d", "done", texts.REGISTER_KEYS_SHORT["done"], tooltip=texts.REGISTER_KEYS["done"]),
        Binding("p", "progress", texts.REGISTER_KEYS_SHORT["progress"], tooltip=texts.REGISTER_KEYS["progress"]),
        Binding("x", "extend", texts.REGISTER_KEYS_SHORT["extend"], tooltip=texts.REGISTER_KEYS["extend"]),
        Binding("c", "pass_on", texts.REGISTER_KEYS_SHORT["pass_on"], tooltip=texts.REGISTER_KEYS["pass_on"]),
        Binding("u", "undo", texts.REGISTER_KEYS_SHORT["undo"], tooltip=texts.REGISTER_KEYS["undo"]),
        Binding("o", "overdue", texts.REGISTER_KEYS_SHORT["overdue"], tooltip=texts.REGISTER_KEYS["overdue"]),
        Binding("a", "closed_too", texts.REGISTER_KEYS_SHORT["all"], tooltip=texts.REGISTER_KEYS["all"]),
        Binding("escape", "app.pop_screen", texts.KEYS["back"]),
    ]

    class Listed(Message):
        """The register was read."""

        def __init__(self, items: list[FollowUp]) -> None:
            super().__init__()
            self.items = items

    def __init__(self) -> None:
        super().__init__()
        self.items: list[FollowUp] = []
        self.only = FollowUpFilter()
        self.last_folder: Path | None = None
        """The meeting of the latest update made here (what undo undoes)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(texts.REGISTER_TITLE, classes="screen-title")
        table: DataTable = RowTable(id="register", cursor_type="row", zebra_stripes=True)
        table.add_columns("#", *(texts.FOLLOWUPS_COLUMNS[i] for i, _ in SCREEN_COLUMNS))
        yield table
        yield Static("", id="register-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="register")
    def load(self) -> None:
        """Read every meeting's follow-ups in the background."""
        self.post_message(self.Listed(collect(self.app.config.meetings_dir, self._today(), only=self.only)[0]))

    def on_register_screen_listed(self, event: Listed) -> None:
        self.items = event.items
        table = self.query_one(DataTable)
        table.clear()
        for item, row in zip(event.items, register_rows(event.items, self._today())):
            table.add_row(str(item.number), *(_cut(row[i], width) for i, width in SCREEN_COLUMNS))
        self.query_one("#register-empty", Static).update("" if event.items else texts.FOLLOWUPS_NONE)
        if event.items:
            table.focus()

    def _today(self) -> date:
        return clock.today()

    def _current(self) -> FollowUp | None:
        row = self.query_one(DataTable).cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    def action_overdue(self) -> None:
        self.only = replace(self.only, overdue=not self.only.overdue)
        self.load()

    def action_closed_too(self) -> None:
        self.only = replace(self.only, include_closed=not self.only.include_closed)
        self.load()

    def action_done(self) -> None:
        item = self._current()
        if item is None:
            return

        def answered(result: str | None) -> None:
            if result:
                when = PromptDialog(  # empty: today, no written answer (a prefilled date would be typed over)
                    texts.REGISTER_DONE_WHEN_PROMPT.format(number=item.number),
                    hint=texts.REGISTER_DONE_WHEN_HINT.format(today=f"{self._today():%d/%m/%Y}"),
                    allow_empty=True,
                )
                self.app.push_screen(when, lambda text: dated(result, text))

        def dated(result: str, text: str | None) -> None:
            from minutes_tui.meeting.deadlines import parse_deadline

            if text is None:
                return
            day_text, _, reference = text.partition(";")
            try:
                day = parse_deadline(day_text, self._today()) or self._today()
            except ValueError:
                self.notify(texts.REGISTER_BAD_DONE_DATE.format(value=day_text.strip()), severity="error")
                return
            self.update(item, "done", result, day, reference.strip())

        self.app.push_screen(PromptDialog(texts.REGISTER_DONE_PROMPT.format(number=item.number)), answered)

    def action_extend(self) -> None:
        item = self._current()
        if item is None:
            return

        def answered(text: str | None) -> None:
            from minutes_tui.meeting.deadlines import parse_deadline

            new, _, reason = (text or "").partition(";")
            try:
                day = parse_deadline(new, item.meeting_day or self._today())
            except ValueError:
                day = None
            if text and (day is None or not reason.strip()):
                self.notify(texts.REGISTER_BAD_EXTEND, severity="error")
            elif day is not None:
                self.update(item, "extend", reason.strip(), day)

        self.app.push_screen(PromptDialog(texts.REGISTER_EXTEND_PROMPT.format(number=item.number)), answered)

    def action_pass_on(self) -> None:
        item = self._current()
        if item is None:
            return

        def answered(body: str | None) -> None:
            if body:
                self.update(item, "pass_on", body)

        self.app.push_screen(PromptDialog(texts.REGISTER_PASS_ON_PROMPT.format(number=item.number)), answered)

    def action_progress(self) -> None:
        item = self._current()
        if item is not None:
            self.update(item, "progress", "")

    @work(thread=True, exclusive=True, exit_on_error=False, group="register-update")
    def update(self, item: FollowUp, action: str, text: str, day: date | None = None, reference: str = "") -> None:
        """Record the update in the item's meeting (one undoable edit), then list again."""
        from minutes_tui.workflows import followup_updates as up

        if action == "done":
            up.mark_done(item.folder, item.number, text, day or self._today(), reference)
        elif action == "extend" and day is not None:
            up.extend(item.folder, item.number, day, text)
        elif action == "pass_on":
            up.pass_on(item.folder, item.number, text)
        else:
            up.mark_progress(item.folder, item.number)
        self.last_folder = item.folder
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="register-update")
    def action_undo(self) -> None:
        """Undo the latest update made here."""
        from minutes_tui.workflows.followup_updates import undo_follow_up

        if self.last_folder is not None:
            undo_follow_up(self.last_folder)
            self.load()
