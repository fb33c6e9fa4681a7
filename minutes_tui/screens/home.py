"""Home: the meetings kept on this machine, and the ways to start a new one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Label, Static

from minutes_tui import texts
from minutes_tui.dialogs.path_picker import PathDialog
from minutes_tui.dialogs.prompt import PromptDialog
from minutes_tui.screens.base import BienbanScreen
from minutes_tui.widgets.row_table import RowTable
from minutes_tui.widgets.transcript import clock
from minutes_tui.workflows.meetings import MeetingSummary, list_meetings
from minutes_tui.workflows.paths import pasted_path

#: Titles are cut to this many characters so the other columns stay visible at 80 columns.
TITLE_CELLS = 30
#: Cells the columns other than the title take, with their padding and the scroll bar.
OTHER_COLUMNS_CELLS = 66


class HomeScreen(BienbanScreen):
    """The list of meetings (newest first) and the keys to start or open one."""

    BINDINGS = [
        Binding("n", "new_meeting", texts.KEYS_SHORT["new_meeting"], tooltip=texts.KEYS["new_meeting"]),
        Binding("d", "demo", texts.KEYS_SHORT["demo"], tooltip=texts.KEYS["demo"]),
        Binding("o", "open_folder", texts.KEYS_SHORT["open_folder"], tooltip=texts.KEYS["open_folder"]),
        Binding("t", "details", texts.KEYS_SHORT["details"], tooltip=texts.KEYS["details"]),
        Binding("i", "import_audio", texts.KEYS_SHORT["import_audio"], tooltip=texts.KEYS["import_audio"]),
        Binding("c", "continue_recording", texts.KEYS_SHORT["continue_recording"], tooltip=texts.KEYS["continue_recording"]),
        Binding("s", "sample", texts.KEYS_SAMPLE, show=False),  # both named on the line under the table
        Binding("g", "register", texts.KEYS_REGISTER, show=False),
        Binding("q", "app.quit", texts.KEYS_SHORT["quit"], tooltip=texts.KEYS["quit"]),
    ]

    class Listed(Message):
        """The meetings were read from disk."""

        def __init__(self, meetings: list[MeetingSummary]) -> None:
            super().__init__()
            self.meetings = meetings

    def __init__(self) -> None:
        super().__init__()
        self.meetings: list[MeetingSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(texts.HOME_TITLE, classes="screen-title")
        table: DataTable = RowTable(id="meetings", cursor_type="row", zebra_stripes=True)
        table.add_columns(*texts.HOME_COLUMNS_TIMED)
        yield table
        yield Static(texts.HOME_EMPTY, id="empty")
        yield Static("", id="followups-due")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.load_meetings()

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-list")
    def load_meetings(self) -> None:
        """Read the meeting folders in the background."""
        from minutes_tui.workflows.followups import due_summary

        self.post_message(self.Listed(list_meetings(self.app.config.meetings_dir)))
        self.app.call_from_thread(self.query_one("#followups-due", Static).update, due_summary(self.app.config.meetings_dir))

    def on_home_screen_listed(self, event: Listed) -> None:
        self.meetings = event.meetings
        table = self.query_one(DataTable)
        table.clear()
        # the title takes what the other columns leave (two meetings a day are told apart by the time)
        title_cells = max(TITLE_CELLS, self.app.size.width - OTHER_COLUMNS_CELLS)
        for m in event.meetings:
            table.add_row(
                m.day.strftime("%d/%m/%Y") if m.day else "–",
                m.start.strftime("%H:%M") if m.start else "–",
                m.title if len(m.title) <= title_cells else m.title[: title_cells - 1] + "…",
                clock(m.duration_s),
                str(m.open_follow_ups) if m.open_follow_ups else "–",
                m.nearest_deadline.strftime("%d/%m/%Y") if m.nearest_deadline else "–",
                key=str(m.folder),
            )
        self.query_one("#empty").display = not event.meetings
        if event.meetings:
            table.focus()

    @on(DataTable.RowSelected)
    def _open_selected(self, event: DataTable.RowSelected) -> None:
        self.open_meeting(Path(str(event.row_key.value)))

    def open_meeting(self, folder: Path, transcribe: bool = False) -> None:
        """Open a meeting folder in review."""
        from minutes_tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(folder, transcribe=transcribe))

    def action_details(self) -> None:
        """The selected meeting's details (title, date, titles, roster…), also after an import."""
        from minutes_tui.meeting import MeetingStore
        from minutes_tui.screens.details import DetailsScreen

        table = self.query_one(DataTable)
        if not self.meetings or table.cursor_row is None:
            return
        folder = self.meetings[table.cursor_row].folder
        try:
            store = MeetingStore.open(folder)
        except Exception as exc:  # locked by a recorder, or damaged: say so
            self.app.show_error(texts.app_message(exc))
            return

        def closed(_: None) -> None:
            self.load_meetings()

        self.app.push_screen(DetailsScreen(store, owns_store=True), closed)

    def action_continue_recording(self) -> None:
        """Record on into the selected meeting (its audio continues; nothing is overwritten)."""
        table = self.query_one(DataTable)
        if self.meetings and table.cursor_row is not None:
            self.app.continue_recording(self.meetings[table.cursor_row].folder)

    def action_new_meeting(self) -> None:
        from minutes_tui.screens.setup import SetupScreen

        self.app.push_screen(SetupScreen())

    def action_demo(self) -> None:
        self.app.start_demo()

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-sample")
    def action_sample(self) -> None:
        """Make the sample meeting (``bienban sample``) and open it."""
        from minutes_tui.workflows.sample import create_sample_meeting

        folder = create_sample_meeting(self.app.config.meetings_dir)
        self.app.call_from_thread(self.open_meeting, folder)

    def action_register(self) -> None:
        from minutes_tui.screens.register import RegisterScreen

        self.app.push_screen(RegisterScreen())

    def action_open_folder(self) -> None:
        def opened(path: str | None) -> None:
            if path:
                self.open_meeting(pasted_path(path))

        self.app.push_screen(PathDialog(texts.HOME_OPEN_FOLDER, self.app.config.meetings_dir, folders=True), opened)

    def action_import_audio(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self._ask_title_and_start(pasted_path(path))

        self.app.push_screen(PathDialog(texts.HOME_IMPORT_AUDIO, Path.home()), chosen)

    def _ask_title_and_start(self, source: Path) -> None:
        """The meeting's title and start, with the file's name and time as defaults (as ``bienban import``)."""
        from bienban_base.audio import audio_duration
        from minutes_tui.workflows.details import TIME_FORMAT
        from minutes_tui.workflows.importing import imported_start

        try:
            start = imported_start(source, audio_duration(source))
        except Exception as exc:  # not a file, or not audio: say so
            self.app.show_error(texts.app_message(exc))
            return

        def titled(title: str | None) -> None:
            if title is None:
                return

            def dated(when: str | None) -> None:
                if when is None:
                    return
                if when == start.strftime(TIME_FORMAT):  # the default: the file's own time, to the second
                    self.import_audio(source, title, None)
                    return
                try:
                    chosen = datetime.strptime(when, TIME_FORMAT)
                except ValueError:
                    self.app.show_error(texts.DETAILS_BAD_TIME.format(field=texts.DETAILS_FIELDS["actual_start"], value=when))
                    return
                self.import_audio(source, title, chosen)

            dialog = PromptDialog(texts.IMPORT_START_PROMPT, start.strftime(TIME_FORMAT), texts.DETAILS_TIME_HINT)
            self.app.push_screen(dialog, dated)

        self.app.push_screen(PromptDialog(texts.IMPORT_TITLE_PROMPT, source.stem, texts.IMPORT_TITLE_HINT), titled)

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-import")
    def import_audio(self, source: Path, title: str = "", start: datetime | None = None) -> None:
        """Make a meeting from an audio file (the same copy as ``bienban import``), then transcribe it in review."""
        from minutes_tui.workflows.importing import create_imported_meeting

        made = create_imported_meeting(source, self.app.config.meetings_dir, title=title, start=start)
        self.app.call_from_thread(self.open_meeting, made.folder, True)
