"""The register's table and the lines that say which item is which (issue 26: at 100 columns the
type was cut, the petitioner and the meeting were off to the right, and two "#1" looked alike)."""

from __future__ import annotations

from datetime import date

from minutes_tui import texts
from minutes_tui.widgets.row_table import RowTable
from minutes_tui.workflows.followups import FollowUp, register_rows

#: Index of each shown column in ``register_rows``; "Ý kiến" (number and meeting day) comes first.
_DEADLINE, _STATUS, _KIND, _RESPONSIBLE, _TEXT = 0, 1, 3, 4, 6
#: Cells of the fixed columns: Ý kiến, Hạn, Tình trạng, Loại, Trách nhiệm (the content takes the rest).
_WIDTHS = (10, 10, 15, max(len(s) for s in texts.REGISTER_KIND_SHORT.values()), 18)
#: The content column never gets fewer cells than this (narrow terminals scroll sideways).
_MIN_TEXT = 20


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def item_label(item: FollowUp) -> str:
    """ "1 · 28/11": the petition's number and its meeting's day, so that two meetings' "1" differ."""
    return f"{item.number} · {item.meeting_day:%d/%m}" if item.meeting_day else str(item.number)


def item_which(item: FollowUp) -> str:
    """Which item of which meeting, as the register's dialogs name it."""
    day = f" ({item.meeting_day:%d/%m/%Y})" if item.meeting_day else ""
    return texts.REGISTER_WHICH.format(number=item.number, meeting=item.meeting_title, day=day, text=_cut(item.text, 160))


def item_detail(item: FollowUp, today: date) -> str:
    """The highlighted item in full, under the table: its meeting, who raised it, what it is."""
    row = register_rows([item], today)[0]
    who = row[5] or texts.REGISTER_UNKNOWN_PERSON
    if item.group and not item.anonymous:
        who += f" ({item.group})"
    lines = [
        item_which(item),
        texts.REGISTER_DETAIL.format(who=who, kind=row[_KIND], responsible=row[_RESPONSIBLE] or "–", deadline=row[0] or "–"),
    ]
    extra = [x for x in (item.extension_reason and texts.REGISTER_EXTENDED.format(reason=item.extension_reason),
                         item.passed_to and texts.REGISTER_PASSED_ON.format(body=item.passed_to), item.result) if x]  # fmt: skip
    if extra:
        lines.append(" · ".join(extra))
    return "\n".join(lines)


class RegisterTable(RowTable):
    """The follow-ups, one row each, in columns that fit the terminal's width."""

    def show(self, items: list[FollowUp], today: date, width: int) -> None:
        """List ``items``; ``width``: the terminal's columns (the content column takes what is left)."""
        self.clear(columns=True)
        text_width = max(_MIN_TEXT, width - sum(_WIDTHS) - 2 * (len(_WIDTHS) + 1) - 2)  # padding, scroll bar
        widths = (*_WIDTHS, text_width)
        for label, cells in zip(texts.REGISTER_COLUMNS, widths):
            self.add_column(label, width=cells)
        for item, row in zip(items, register_rows(items, today)):
            kind = texts.REGISTER_KIND_SHORT[item.kind.value]
            shown = (item_label(item), row[_DEADLINE], row[_STATUS], kind, row[_RESPONSIBLE], row[_TEXT])
            self.add_row(*(_cut(c, w) for c, w in zip(shown, widths)))
