"""New meeting: the header, the roster (typed, pasted or from CSV), the agenda, the input device."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea
from textual.worker import get_current_worker

from minutes_tui import messages, texts
from minutes_tui.meeting import Meeting
from minutes_tui.meeting.roster import format_lines, join_person, parse_lines, read_csv, split_person
from minutes_tui.screens.base import BienbanScreen
from minutes_tui.widgets.level_meter import LevelMeter
from minutes_tui.workflows.classify import parse_attendance
from minutes_tui.workflows.meetings import MeetingForm, create_meeting, last_meeting_defaults
from minutes_tui.workflows.recording import CaptureSpec, LevelProbe

#: Header fields as (form key, ``Meeting`` field).
HEADER_FIELDS = [
    ("title", "title"),
    ("parent_body", "parent_body"),
    ("body", "issuing_body"),
    ("number", "number"),
    ("place", "place"),
    ("chair", "chair"),
    ("co_chair", "co_chair"),
    ("secretary", "secretary"),
]
#: The person boxes, typed "Họ tên, chức vụ" as the roster's lines are, and where each title goes.
PERSON_TITLES = {"chair": "chair_title", "co_chair": "co_chair_title", "secretary": "secretary_title"}


class SetupScreen(BienbanScreen):
    """The form; Ctrl+S starts the meeting. The level of the chosen device is shown live."""

    BINDINGS = [
        Binding("ctrl+s", "start", texts.KEYS_SHORT["start"], tooltip=texts.KEYS["start"]),
        Binding("ctrl+l", "load_roster", texts.KEYS_SHORT["load_roster"], tooltip=texts.KEYS["load_roster"]),
        Binding("escape", "back", texts.KEYS_SHORT["back"], tooltip=texts.KEYS["back"]),
        # ? is a character in the fields: F1 opens the help here, and the footer says so
        Binding("f1", "app.help", texts.HELP_TITLE, tooltip=texts.KEYS["help"]),
    ]

    def compose(self) -> ComposeResult:
        yield Label(texts.SETUP_TITLE, classes="screen-title")
        with VerticalScroll(id="setup-form"):
            yield Static("", id="defaults-note", classes="dim")
            for key, _field in HEADER_FIELDS:
                with Horizontal(classes="field"):
                    yield Label(texts.SETUP_FIELDS[key], classes="field-label")
                    hint = texts.SETUP_PERSON_HINT if key in PERSON_TITLES else ""
                    yield Input(id=key, placeholder=hint, select_on_focus=False)  # one key must not erase a filled field
            yield Label(texts.SETUP_FIELDS["roster"])
            yield TextArea(id="roster", classes="lines")
            with Horizontal(classes="field"):
                yield Label(texts.SETUP_FIELDS["roster_csv"], classes="field-label")
                yield Input(id="roster_csv", placeholder="danh-sach.csv", select_on_focus=False)
            yield Static("", id="roster-count", classes="dim")
            with Horizontal(classes="field"):  # counted at the door; the report gives them by group
                yield Label(texts.SETUP_FIELDS["attendance"], classes="field-label")
                yield Input(id="attendance", placeholder=texts.SETUP_ATTENDANCE_HINT, select_on_focus=False)
            yield Label(texts.SETUP_FIELDS["agenda"])
            yield TextArea(id="agenda", classes="lines")
            with Horizontal(classes="field"):
                yield Label(texts.SETUP_FIELDS["device"], classes="field-label")
                yield Select([], id="device", prompt=texts.SETUP_NO_DEVICE)
            with Horizontal(classes="field"):
                yield Label(texts.SETUP_LEVEL, classes="field-label")
                yield LevelMeter(id="setup-level")
            yield Button(texts.KEYS["start"], id="start", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.filled = self._form_text()
        self.query_one("#title", Input).focus()
        self.defaults_worker = self.fill_defaults()
        self.devices_worker = self.list_devices()

    @work(thread=True, exclusive=True, exit_on_error=False, group="setup-defaults")
    def fill_defaults(self) -> None:
        """Read the last meeting's values in the background."""
        form = last_meeting_defaults(self.app.config.meetings_dir)
        self.app.call_from_thread(self._show_form, form)

    def _show_form(self, form: MeetingForm) -> None:
        for key, field in HEADER_FIELDS:
            box = self.query_one(f"#{key}", Input)
            if not box.value:
                box.value = str(getattr(form.meeting, field) or "")
                if key in PERSON_TITLES:
                    box.value = join_person(box.value, getattr(form.meeting, PERSON_TITLES[key]))
        if form.roster and not self.query_one("#roster", TextArea).text:
            self.query_one("#roster", TextArea).text = format_lines(form.roster)
            self.query_one("#defaults-note", Static).update(texts.SETUP_DEFAULTS_NOTE)
        if form.meeting.agenda and not self.query_one("#agenda", TextArea).text:
            self.query_one("#agenda", TextArea).text = "\n".join(form.meeting.agenda)
        self._count_roster()
        self.filled = self._form_text()  # the form as the defaults left it: Esc asks only after a change

    @work(thread=True, exclusive=True, exit_on_error=False, group="setup-devices")
    def list_devices(self) -> None:
        """Ask PortAudio for the input devices (none is fine: the meeting can still be set up)."""
        from recorder.devices import input_devices

        try:
            devices = input_devices()
        except Exception:  # no PortAudio or no device: the select stays empty
            devices = []
        self.app.call_from_thread(self._show_devices, devices)

    def _show_devices(self, devices: list) -> None:
        select = self.query_one("#device", Select)
        # PortAudio calls the system's choice "default": she reads Vietnamese
        select.set_options([(texts.DEVICE_DEFAULT if d.name == "default" else d.name, d.index) for d in devices])
        default = next((d.index for d in devices if d.is_default), None)
        if default is not None:
            select.value = default

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            self.probe_level(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="setup-level")
    def probe_level(self, device: int) -> None:
        """Show the chosen device's level until another is chosen or the screen closes."""
        probe = LevelProbe(device, lambda db: self.post_message(messages.LevelChanged(db)))
        probe.start()
        try:
            get_current_worker().cancelled_event.wait()  # the worker is cancelled by the next choice
        finally:
            probe.stop()

    def on_level_changed(self, event: messages.LevelChanged) -> None:
        self.query_one("#setup-level", LevelMeter).dbfs = event.dbfs if math.isfinite(event.dbfs) else -math.inf

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "setup-level")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "roster":
            self._count_roster()

    def _count_roster(self) -> None:
        people = parse_lines(self.query_one("#roster", TextArea).text)
        self.query_one("#roster-count", Static).update(texts.SETUP_ROSTER_COUNT.format(count=len(people)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "roster_csv":
            self.action_load_roster()

    def action_load_roster(self) -> None:
        """Add the people of the CSV file to the roster (names already there are kept once)."""
        path = self.query_one("#roster_csv", Input).value.strip()
        if not path:
            self.query_one("#roster_csv", Input).focus()
            return
        try:
            people = read_csv(Path(path))
        except Exception as exc:
            self.app.show_error(texts.app_message(exc))
            return
        area = self.query_one("#roster", TextArea)
        merged = parse_lines(area.text + "\n" + format_lines(people))
        area.text = format_lines(merged)
        self._count_roster()

    def form(self) -> MeetingForm:
        """The form's values (ValueError naming the part of the attendance counts not understood)."""
        values: dict[str, Any] = {field: self.query_one(f"#{key}", Input).value.strip() for key, field in HEADER_FIELDS}
        for field, title_field in PERSON_TITLES.items():
            values[field], values[title_field] = split_person(values[field])
        agenda = tuple(line.strip() for line in self.query_one("#agenda", TextArea).text.splitlines() if line.strip())
        attendance = parse_attendance(self.query_one("#attendance", Input).value)
        meeting = Meeting(**values, agenda=agenda, attendance=attendance)
        return MeetingForm(meeting, parse_lines(self.query_one("#roster", TextArea).text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_start()

    def action_start(self) -> None:
        """Create the meeting and start recording it."""
        from minutes_tui.screens.live import LiveScreen

        try:
            form = self.form()
        except ValueError as bad:
            self.query_one("#attendance", Input).focus()
            self.notify(texts.ERRORS["attendance_bad"].format(part=str(bad).strip()), severity="error")
            return
        if not form.meeting.title:
            self.query_one("#title", Input).focus()
            self.notify(texts.SETUP_NEED_TITLE, severity="warning")
            return
        try:
            folder = create_meeting(self.app.config.meetings_dir, form)
        except Exception as exc:
            self.app.show_error(texts.app_message(exc))
            return
        device = self.query_one("#device", Select).value
        self.workers.cancel_group(self, "setup-level")
        spec = CaptureSpec(folder, device=device if isinstance(device, int) else None)
        self.app.switch_screen(LiveScreen(folder, spec))

    def _form_text(self) -> tuple[str, ...]:
        boxes = [self.query_one(f"#{key}", Input).value for key, _field in HEADER_FIELDS]
        typed = (self.query_one("#roster", TextArea).text, self.query_one("#agenda", TextArea).text)
        return (*boxes, *typed, self.query_one("#attendance", Input).value)

    def action_back(self) -> None:
        """Go home; what she typed (a roster of fifty names…) is not dropped without asking."""
        from minutes_tui.dialogs.confirm import ConfirmDialog

        if self._form_text() == self.filled:
            self.app.pop_screen()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()

        self.app.push_screen(ConfirmDialog(texts.DETAILS_DISCARD), answered)
