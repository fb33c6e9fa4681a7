"""The follow-up register as files: an Excel workbook laid out like the Sổ tiếp công dân (Mẫu số 03), and a CSV.

Both take their columns from ``register_table``: one definition, so the CSV never lacks what Excel has.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from bienban_base.files import atomic_write
from minutes_tui import texts
from minutes_tui.meeting.model import OutcomeKind, Status
from minutes_tui.workflows.followups import FollowUp

#: Column widths in characters, in ``texts.REGISTER_XLSX_COLUMNS`` order.
_WIDTHS = (6, 12, 26, 48, 22, 24, 30, 36, 20, 8, 30)


def _person(item: FollowUp) -> str:
    who = texts.ANONYMOUS_NAME if item.anonymous else (item.raised_by or texts.REGISTER_UNKNOWN_PERSON)
    return f"{who}, {item.group}" if item.group else who


def _handling(item: FollowUp) -> str:
    due = f"{item.deadline:%d/%m/%Y}" if item.deadline else texts.FOLLOWUPS_NO_DEADLINE
    return texts.REGISTER_HANDLING[item.kind.value].format(responsible=item.responsible or "…", deadline=due)


def _tracking(item: FollowUp) -> str:
    if item.status is Status.DONE:
        parts = [item.result, f"{item.done_on:%d/%m/%Y}" if item.done_on else "", item.reference]
        return "; ".join(p for p in parts if p)
    return texts.REGISTER_STATUS[item.status.value]


def _note(item: FollowUp) -> str:
    notes = []
    if item.extension_reason:
        notes.append(texts.REGISTER_EXTENDED.format(reason=item.extension_reason))
    if item.passed_to:
        notes.append(texts.REGISTER_PASSED_ON.format(body=item.passed_to))
    return "; ".join(notes)


def register_table(items: list[FollowUp], labels: dict[str, str] | None = None) -> list[list[object]]:
    """One numbered row per follow-up in the Sổ tiếp công dân's columns (names already masked)."""
    labels = {**texts.PETITION_FIELDS, **(labels or {})}
    return [
        [
            number,
            item.meeting_day.strftime("%d/%m/%Y") if item.meeting_day else "",
            _person(item),
            item.text,
            labels[item.field.value],
            item.passed_to or (item.responsible if item.kind is OutcomeKind.TRANSFERRED else ""),
            _handling(item),
            _tracking(item),
            _note(item),
            item.number,
            item.meeting_title,
        ]
        for number, item in enumerate(items, 1)
    ]


def write_register_csv(path: Path, items: list[FollowUp], labels: dict[str, str] | None = None) -> Path:
    """The register as a CSV file Excel opens with its accents (UTF-8 with BOM), owner-only: Excel's columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(texts.REGISTER_XLSX_COLUMNS)
    writer.writerows(register_table(items, labels))
    return atomic_write(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def write_register_xlsx(path: Path, items: list[FollowUp], today: date, labels: dict[str, str] | None = None) -> Path:
    """Write the register workbook, owner-only (it may hold residents' names)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = texts.REGISTER_SHEET
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append([texts.REGISTER_TITLE])
    sheet.append([texts.REGISTER_AS_OF.format(day=f"{today:%d/%m/%Y}")])
    sheet.append(list(texts.REGISTER_XLSX_COLUMNS))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(_WIDTHS))
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(_WIDTHS))
    sheet["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet["A2"].font = Font(name="Times New Roman", size=12, italic=True)
    sheet["A2"].alignment = Alignment(horizontal="center")
    for row in register_table(items, labels):
        sheet.append(row)
    for row_cells in sheet.iter_rows(min_row=3):
        for cell in row_cells:
            cell.border = box
            cell.font = Font(name="Times New Roman", size=12, bold=cell.row == 3)
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if cell.row == 3 else None)
    for index, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.print_title_rows = "3:3"
    sheet.freeze_panes = "A4"
    book.properties.title = texts.REGISTER_TITLE
    book.properties.creator = ""
    return atomic_write(path, lambda tmp: book.save(str(tmp)))
