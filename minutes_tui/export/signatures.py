"""The THƯ KÝ and CHỦ TỌA signature blocks and the Nơi nhận list, kept together on one page."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement

from minutes_tui import texts
from minutes_tui.export.header import ParagraphLook, borderless_table, drop_placeholders
from minutes_tui.export.minutes import Minutes
from minutes_tui.export.styles import TEXT_WIDTH_CM, paragraph

#: Blank lines between the titles and the names: room for the hand signature, the seal and the
#: visible digital signature that ``signing`` places in the CHỦ TỌA column.
SIGNATURE_GAP_LINES = 5
SECRETARY_CM = 6.3
_CENTRE: ParagraphLook = {"align": WD_ALIGN_PARAGRAPH.CENTER, "indent": False, "after": 0, "keep_with_next": True}
_LEFT: ParagraphLook = {"align": WD_ALIGN_PARAGRAPH.LEFT, "indent": False, "after": 0, "keep_with_next": True}


def add_signatures(doc: Document, minutes: Minutes) -> None:
    """Titles and notes, the gap, the names (in rows, so both names line up), then Nơi nhận.

    Every row refuses to split and every paragraph keeps with the next, so the closing line,
    both signatures and Nơi nhận move to a new page together rather than being torn apart.
    """
    t = texts.MINUTES_DOC
    table = borderless_table(doc, 4, [SECRETARY_CM, TEXT_WIDTH_CM - SECRETARY_CM])
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    titles, gap, names, recipients = (row.cells for row in table.rows)
    for cell, title, note in ((titles[0], "secretary_title", "secretary_note"), (titles[1], "chair_title", "chair_note")):
        paragraph(cell, t[title], bold=True, **_CENTRE)
        paragraph(cell, t[note], size=13, italic=True, **_CENTRE)
    for cell in gap:
        for _ in range(SIGNATURE_GAP_LINES):
            paragraph(cell, **_CENTRE)
    paragraph(names[0], minutes.secretary, bold=True, **_CENTRE)
    paragraph(names[1], minutes.chair, bold=True, **_CENTRE)
    box = recipients[0].merge(recipients[1])
    paragraph(box, **_LEFT)
    paragraph(box, t["recipients"], size=12, bold=True, italic=True, **_LEFT)
    for name in minutes.recipients:
        paragraph(box, f"- {name};", size=11, **_LEFT)
    paragraph(box, t["archive"], size=11, **(_LEFT | {"keep_with_next": False}))
    drop_placeholders(table)
