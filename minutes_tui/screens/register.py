"""The follow-up register across meetings: list, filter, and record what became of each, with undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Label, Static

from bienban_base import clock
from bienban_base.errors import CodedError
from minutes_tui import texts
from minutes_tui.dialogs.prompt import PromptDialog
from minutes_tui.screens.base import BienbanScreen
from minutes_tui.widgets.register_table import RegisterTable, item_detail, item_which
from minutes_tui.workflows.followups import FollowUp, FollowUpFilter, collect


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
        self.last_update: FollowUp | None = None
        """The item of the latest update made here (undo undoes its meeting's latest edit)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(texts.REGISTER_TITLE, classes="screen-title")
        yield RegisterTable(id="register", cursor_type="row", zebra_stripes=True)
        yield Static("", id="register-empty")
        yield Static("", id="register-detail")  # the highlighted item whole: its meeting, who, what
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="register")
    def load(self) -> None:
        """Read every meeting's follow-ups in the background."""
        self.post_message(self.Listed(collect(self.app.config.meetings_dir, self._today(), only=self.only)[0]))

    def on_register_screen_listed(self, event: Listed) -> None:
        self.items = event.items
        table = self.query_one(RegisterTable)
        at = table.cursor_row
        table.show(event.items, self._today(), self.app.size.width)
        self.query_one("#register-empty", Static).update("" if event.items else texts.FOLLOWUPS_NONE)
        self.query_one("#register-detail", Static).update("")
        if event.items:
            table.move_cursor(row=min(at, len(event.items) - 1))  # the item just updated stays in view
            table.focus()
            self._show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        item = self._current()
        self.query_one("#register-detail", Static).update(item_detail(item, self._today()) if item else "")

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
                    detail=item_which(item),
                    check=lambda text: _problem(lambda: _done_when(text, self._today())),
                )
                self.app.push_screen(when, lambda text: dated(result, text))

        def dated(result: str, text: str | None) -> None:
            if text is not None:
                day, reference = _done_when(text, self._today())
                self.update(item, "done", result, day, reference)

        dialog = PromptDialog(texts.REGISTER_DONE_PROMPT.format(number=item.number), detail=item_which(item))
        self.app.push_screen(dialog, answered)

    def action_extend(self) -> None:
        item = self._current()
        if item is None:
            return

        def answered(text: str | None) -> None:
            if text:
                day, reason = _extension(text, item)
                self.update(item, "extend", reason, day)

        dialog = PromptDialog(
            texts.REGISTER_EXTEND_PROMPT.format(number=item.number),
            detail=item_which(item),
            check=lambda text: _problem(lambda: _extension(text, item)),
        )
        self.app.push_screen(dialog, answered)

    def action_pass_on(self) -> None:
        item = self._current()
        if item is None:
            return

        def answered(body: str | None) -> None:
            if body:
                self.update(item, "pass_on", body)

        dialog = PromptDialog(texts.REGISTER_PASS_ON_PROMPT.format(number=item.number), detail=item_which(item))
        self.app.push_screen(dialog, answered)

    def action_progress(self) -> None:
        item = self._current()
        if item is not None:
            self.update(item, "progress", "")

    @work(thread=True, exclusive=True, exit_on_error=False, group="register-update")
    def update(self, item: FollowUp, action: str, text: str, day: date | None = None, reference: str = "") -> None:
        """Record the update in the item's meeting (one undoable edit), say what was done, list again."""
        from minutes_tui.workflows import followup_updates as up

        meeting = _meeting(item)
        if action == "done":
            on = day or self._today()
            up.mark_done(item.folder, item.number, text, on, reference)
            said = texts.REGISTER_DONE_OK.format(number=item.number, meeting=meeting, day=f"{on:%d/%m/%Y}")
        elif action == "extend" and day is not None:
            up.extend(item.folder, item.number, day, text)
            said = texts.REGISTER_EXTEND_OK.format(number=item.number, meeting=meeting, day=f"{day:%d/%m/%Y}")
        elif action == "pass_on":
            up.pass_on(item.folder, item.number, text)
            said = texts.REGISTER_PASS_ON_OK.format(number=item.number, meeting=meeting, body=text)
        else:
            up.mark_progress(item.folder, item.number)
            said = texts.REGISTER_PROGRESS_OK.format(number=item.number, meeting=meeting)
        self.last_update = item
        self.app.call_from_thread(self.notify, said)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="register-update")
    def action_undo(self) -> None:
        """Undo the latest update made here, and say which."""
        from minutes_tui.workflows.followup_updates import undo_follow_up

        item = self.last_update
        if item is None:
            self.app.call_from_thread(self.notify, texts.REGISTER_NOTHING_TO_UNDO, severity="warning")
            return
        action = undo_follow_up(item.folder)
        said = texts.REGISTER_UNDO_OK.format(action=texts.EDIT_ACTIONS.get(action, action), number=item.number,
                                             meeting=_meeting(item))  # fmt: skip
        self.app.call_from_thread(self.notify, said)
        self.load()


def _meeting(item: FollowUp) -> str:
    """The meeting in a few words, for a one-line message."""
    title = item.meeting_title if len(item.meeting_title) <= 40 else item.meeting_title[:39] + "…"
    return f"{title} {item.meeting_day:%d/%m/%Y}" if item.meeting_day else title


def _problem(parse: Callable[[], object]) -> str | None:
    """The Vietnamese reason ``parse`` refuses her text, or None when it reads."""
    try:
        parse()
    except CodedError as exc:
        return texts.app_message(exc)
    except ValueError:
        return texts.REGISTER_BAD_EXTEND
    return None


def _done_when(text: str, today: date) -> tuple[date, str]:
    """ "10/12/2026; 125/UBND-VP" → (the day, the written answer's reference); an empty day is today."""
    from minutes_tui.workflows.dates import parse_day

    day_text, _, reference = text.partition(";")
    return (parse_day(day_text) if day_text.strip() else today), reference.strip()


def _extension(text: str, item: FollowUp) -> tuple[date, str]:
    """ "15/01/2027; chờ kinh phí" → (the new deadline, the reason), checked as ``bienban followups
    extend`` checks it: a real date, after the meeting and after the current deadline, with a reason."""
    from minutes_tui.workflows.dates import check_extension, parse_day

    new, _, reason = text.partition(";")
    if not reason.strip():
        raise ValueError("no reason")  # the form itself: said with an example
    day = parse_day(new)
    check_extension(day, item.meeting_day, item.deadline)
    return day, reason.strip()
