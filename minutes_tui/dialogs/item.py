"""Every field of one item of the minutes (petition, answer, field, outcome, who, by when, status)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from minutes_tui import texts
from minutes_tui.meeting import Field, OutcomeKind, Status
from minutes_tui.meeting.deadlines import parse_deadline
from minutes_tui.workflows.item_editing import ItemEdit


class ItemDialog(ModalScreen[ItemEdit | None]):
    """A form; Enter goes to the next field, Ctrl+S saves, Esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", texts.APP_CANCEL, show=False),
        Binding("ctrl+s", "save", texts.APP_SAVE, show=False),
    ]

    def __init__(self, number: int, item: ItemEdit, meeting_day: date) -> None:
        super().__init__()
        self.number = number
        self.item = item
        self.meeting_day = meeting_day

    def _row(self, label: str, widget: Input | Select) -> Horizontal:
        return Horizontal(Label(label, classes="item-label"), widget, classes="item-row")

    def compose(self) -> ComposeResult:
        i = self.item
        t = texts.ITEM_FIELDS
        with VerticalScroll(classes="dialog item-dialog"):
            yield Label(texts.ITEM_TITLE.format(number=self.number), classes="dialog-title")
            yield self._row(t["text"], Input(i.text, placeholder=texts.ITEM_FOLLOWS, id="text", select_on_focus=False))
            yield self._row(t["answer"], Input(i.answer, placeholder=texts.ITEM_FOLLOWS, id="answer", select_on_focus=False))
            fields = [(texts.PETITION_FIELDS[f.value], f) for f in Field]
            yield self._row(t["field"], Select(fields, value=i.field, allow_blank=False, id="field"))
            outcomes = [(texts.OUTCOME_LABELS[k.value], k) for k in OutcomeKind]
            outcome = Select(outcomes, value=i.outcome if i.outcome else Select.BLANK, prompt=texts.ITEMS_NO_OUTCOME)
            outcome.id = "outcome"
            yield self._row(t["outcome"], outcome)
            yield self._row(t["responsible"], Input(i.responsible, id="responsible", select_on_focus=False))
            yield self._row(t["agency"], Input(i.agency, id="agency", select_on_focus=False))
            deadline = i.deadline.strftime("%d/%m/%Y") if i.deadline else ""
            yield self._row(
                t["deadline"], Input(deadline, placeholder=texts.FOLLOW_UP_DEADLINE, id="deadline", select_on_focus=False)
            )
            statuses = [(texts.ITEM_STATUS[s.value], s) for s in Status]
            yield self._row(t["status"], Select(statuses, value=i.status, allow_blank=False, id="status"))
            yield Static("", id="problem", classes="error-text")
            yield Static(texts.ITEM_HINT, classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        raw = self.query_one("#deadline", Input).value
        try:
            deadline = parse_deadline(raw, self.meeting_day) if raw.strip() else None
        except ValueError:
            self.query_one("#problem", Static).update(texts.FOLLOW_UP_BAD_DATE.format(value=raw))
            return
        outcome = self.query_one("#outcome", Select).value
        self.dismiss(
            ItemEdit(
                text=self.query_one("#text", Input).value,
                answer=self.query_one("#answer", Input).value,
                field=Field(str(self.query_one("#field", Select).value)),
                outcome=OutcomeKind(outcome) if isinstance(outcome, str) else None,
                responsible=self.query_one("#responsible", Input).value,
                agency=self.query_one("#agency", Input).value,
                deadline=deadline,
                status=Status(str(self.query_one("#status", Select).value)),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
