"""The body of the minutes: the opening fields, Nội dung by the conference's course, the closing."""

from __future__ import annotations

from datetime import date

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm

from minutes_tui import texts
from minutes_tui.export.minutes import FollowUpRow, Minutes, PetitionEntry
from minutes_tui.export.styles import paragraph, styled_run
from minutes_tui.export.vndate import full_date, moment

#: Follow-up table columns (cm): No., content, asked by, responsible, deadline.
FOLLOW_UP_WIDTHS = [1.4, 6.0, 3.1, 3.3, 2.7]


#: Dotted lines left for a blank field, in "…" (13 pt): a whole line after a short label, or a
#: part of one (a name, an office) so that two parts and their dash still fit on the line.
BLANK_LINE = texts.MINUTES_DOC["blank"] * 26
BLANK_PART = texts.MINUTES_DOC["blank"] * 9


def _labelled(doc: Document, label: str, value: str) -> None:
    par = paragraph(doc)
    styled_run(par, label)
    styled_run(par, value)


def _sentence(*parts: str, blank: str = BLANK_PART) -> str:
    """Parts joined by a dash and closed by a full stop; a blank part is a dotted line, and a line
    that ends dotted takes no stop (never "Địa điểm: ." nor "– .")."""
    text = " – ".join(part.strip() or blank for part in parts)
    return text if text.endswith(blank) else text + "."


def add_opening(doc: Document, minutes: Minutes) -> None:
    """Thời gian bắt đầu, Địa điểm, Thành phần tham dự, Chủ trì, Thư ký (in the decree's order)."""
    t = texts.MINUTES_DOC
    _labelled(doc, t["started"], moment(minutes.started) + ".")
    _labelled(doc, t["place"], _sentence(minutes.place, blank=BLANK_LINE))
    paragraph(doc, t["attendees"])
    for group in minutes.attendees:
        paragraph(doc, f"- {group};")
    if not minutes.attendees:
        paragraph(doc, "- " + BLANK_LINE)
    chair = _sentence(minutes.chair, minutes.chair_title)
    if minutes.co_chair:
        co_chair = t["co_chair"].format(name=minutes.co_chair, title=minutes.co_chair_title or BLANK_PART)
        chair = chair.removesuffix(".") + co_chair + ("" if co_chair.endswith(BLANK_PART) else ".")
    _labelled(doc, t["chair"], chair)
    _labelled(doc, t["secretary"], _sentence(minutes.secretary, minutes.secretary_title))


def _deadline(when: date | None) -> str:
    return full_date(when) if when else texts.MINUTES_DOC["no_deadline"]


def outcome_text(entry: PetitionEntry) -> str:
    """The sentence saying how a petition was settled."""
    template = texts.MINUTES_DOC[f"outcome_{entry.outcome.value}"]
    return template.format(
        responsible=entry.responsible or texts.MINUTES_DOC["no_responsible"], deadline=_deadline(entry.deadline)
    )


def _petition(doc: Document, number: int, entry: PetitionEntry) -> None:
    t = texts.MINUTES_DOC
    head = paragraph(doc, keep_with_next=True)
    styled_run(head, t["petition_head"].format(number=number), bold=True)
    who = entry.asked_by + (f", {entry.group}" if entry.group else "")
    styled_run(head, who + ":", bold=True)
    paragraph(doc, t["question"] + entry.question)
    if entry.answer:
        by = f" ({entry.answered_by})" if entry.answered_by else ""
        paragraph(doc, t["answer"].format(by=by) + entry.answer)
    paragraph(doc, t["outcome"] + outcome_text(entry))


def _follow_up_table(doc: Document, rows: list[FollowUpRow]) -> None:
    table = doc.add_table(rows=1, cols=len(FOLLOW_UP_WIDTHS))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, FOLLOW_UP_WIDTHS):
        column.width = Cm(width)
    cells = [list(table.rows[0].cells)]
    for _ in rows:
        cells.append(list(table.add_row().cells))
    values = [texts.MINUTES_FOLLOW_UP_COLUMNS] + [
        [str(i), r.content, r.asked_by, r.responsible, _deadline(r.deadline)] for i, r in enumerate(rows, 1)
    ]
    for r, (row_cells, row_values) in enumerate(zip(cells, values)):
        for c, (cell, value) in enumerate(zip(row_cells, row_values)):
            cell.width = Cm(FOLLOW_UP_WIDTHS[c])
            par = cell.paragraphs[0]
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 or c in (0, 4) else WD_ALIGN_PARAGRAPH.LEFT
            par.paragraph_format.space_after = Cm(0)
            styled_run(par, value, size=13, bold=r == 0)
    # The column titles repeat on every page the table runs over; no row is torn across two.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def add_content(doc: Document, minutes: Minutes) -> None:
    """Nội dung: the chairman's report, each petition and its outcome, the follow-up table."""
    t = texts.MINUTES_DOC
    paragraph(doc, t["content"], bold=True, keep_with_next=True)
    paragraph(doc, t["report"].format(chair_title=minutes.chair_title or BLANK_PART), bold=True, keep_with_next=True)
    for block in [b.strip() for b in minutes.report_summary.split("\n\n") if b.strip()] or [t["no_report"]]:
        paragraph(doc, " ".join(block.split()))
    paragraph(doc, t["petitions"], bold=True, keep_with_next=True)
    if not minutes.petitions:
        paragraph(doc, t["no_petitions"])
    for number, entry in enumerate(minutes.petitions, 1):
        _petition(doc, number, entry)
    paragraph(doc, t["follow_ups"], bold=True, keep_with_next=True)
    if minutes.follow_ups:
        _follow_up_table(doc, minutes.follow_ups)
        paragraph(doc, after=0)
    else:
        paragraph(doc, t["no_follow_ups"])
    if minutes.notes:
        paragraph(doc, texts.MINUTES_NOTES_HEAD, bold=True, keep_with_next=True)
        for note in minutes.notes:
            paragraph(doc, f"- {note}")


def add_closing(doc: Document, minutes: Minutes) -> None:
    """The integrity line (SHA-256 of the recording) and the closing line with the end time."""
    t = texts.MINUTES_DOC
    if minutes.audio_sha256:
        paragraph(doc, t["integrity"].format(digest=minutes.audio_sha256), size=12, italic=True)
    paragraph(doc, t["closing"].format(moment=moment(minutes.ended)), keep_with_next=True)
