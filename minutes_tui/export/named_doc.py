"""The frame of a "văn bản có tên loại" (Nghị định 30/2020, Mẫu 1.4): the notice and the reports.

Like the minutes' header (Mẫu 1.9), but the number carries the document's kind ("…/TB-UBND"),
the place-and-date line sits under the motto, the title has a summary line with a short rule
under it, and one signer signs on behalf of the People's Committee beside Nơi nhận.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm

from minutes_tui import texts
from minutes_tui.export.document import AUDIO_KEYWORD
from minutes_tui.export.header import (
    ISSUER_RULE_CM,
    LEFT_CM,
    MOTTO_RULE_CM,
    RIGHT_CM,
    ParagraphLook,
    borderless_table,
    drop_placeholders,
)
from minutes_tui.export.minutes import Office
from minutes_tui.export.signatures import SECRETARY_CM, SIGNATURE_GAP_LINES
from minutes_tui.export.styles import TEXT_WIDTH_CM, paragraph, rule, styled_run, xml_text
from minutes_tui.export.vndate import full_date

_CENTRE: ParagraphLook = {"align": WD_ALIGN_PARAGRAPH.CENTER, "indent": False, "after": 0}
_KEEP_CENTRE: ParagraphLook = _CENTRE | {"keep_with_next": True}
_KEEP_LEFT: ParagraphLook = {"align": WD_ALIGN_PARAGRAPH.LEFT, "indent": False, "after": 0, "keep_with_next": True}
#: The rule under the summary line.
SUMMARY_RULE_CM = 3.0


def add_named_header(doc: Document, office: Office, kind: str, place: str, issued, title: str, summary: str) -> None:
    """Issuer | Quốc hiệu, Tiêu ngữ and the place-and-date line; then the title and its summary line.

    ``kind`` is ``"notice"`` or ``"report"`` (the number's suffix).
    """
    t, a = texts.MINUTES_DOC, texts.AFTER_DOC
    table = borderless_table(doc, 1, [LEFT_CM, RIGHT_CM])
    left, right = table.rows[0].cells
    paragraph(left, office.parent_body.upper(), size=13, **_CENTRE)
    paragraph(left, office.issuing_body.upper(), size=13, bold=True, **_CENTRE)
    rule(left, ISSUER_RULE_CM, LEFT_CM)
    paragraph(left, a[f"number_{kind}"].format(number=office.number or a["blank_number"]), size=13, **_CENTRE)
    paragraph(right, t["nation"], size=12, bold=True, **_CENTRE)
    paragraph(right, t["motto"], size=13, bold=True, **_CENTRE)
    rule(right, MOTTO_RULE_CM, RIGHT_CM)
    paragraph(right, "", size=6, **_CENTRE)
    paragraph(right, a["place_date"].format(place=place, date=full_date(issued)), size=14, italic=True, **_CENTRE)
    drop_placeholders(table)
    paragraph(doc, "", indent=False, after=12)
    paragraph(doc, title, size=14, bold=True, **_KEEP_CENTRE)
    paragraph(doc, summary, size=14, bold=True, **_KEEP_CENTRE)
    rule(doc, SUMMARY_RULE_CM, TEXT_WIDTH_CM)
    paragraph(doc, "", indent=False, after=6)


def add_signer(doc: Document, chair: str, recipients: list[str]) -> None:
    """Nơi nhận on the left, TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH and the chairman's name on the right.

    One row that refuses to split, every paragraph kept with the next: the block never tears, and
    the body's last paragraph goes with it, so the signature never stands alone on a page.
    """
    a = texts.AFTER_DOC
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    paragraph(doc, "", indent=False, after=0, keep_with_next=True)
    table = borderless_table(doc, 1, [SECRETARY_CM, TEXT_WIDTH_CM - SECRETARY_CM])
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    paragraph(left, a["recipients"], size=12, bold=True, italic=True, **_KEEP_LEFT)
    for line in recipients:
        paragraph(left, line, size=11, **_KEEP_LEFT)
    paragraph(left, a["archive"], size=11, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0)
    paragraph(right, a["signer_tm"], size=13, bold=True, **_KEEP_CENTRE)
    paragraph(right, a["signer_title"], size=13, bold=True, **_KEEP_CENTRE)
    for _ in range(SIGNATURE_GAP_LINES):
        paragraph(right, **_KEEP_CENTRE)
    paragraph(right, chair, bold=True, **_CENTRE)
    drop_placeholders(table)


def grid_table(doc: Document, header: list[str], rows: list[list[str]], widths: list[float], bold_last: bool = False) -> None:
    """A bordered table whose header row repeats on every page and whose rows never split."""
    table = doc.add_table(rows=1 + len(rows), cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for r, (row, values) in enumerate(zip(table.rows, [header, *rows])):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        bold = r == 0 or (bold_last and r == len(rows))
        for c, (cell, value) in enumerate(zip(row.cells, values)):
            cell.width = Cm(widths[c])
            par = cell.paragraphs[0]
            numeric = r > 0 and (c == 0 or value.strip().isdigit() or "/" in value and len(value) <= 10)
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 or numeric else WD_ALIGN_PARAGRAPH.LEFT
            par.paragraph_format.space_after = Cm(0)
            styled_run(par, value, size=12, bold=bold)
    paragraph(doc, after=0)


def set_properties(doc: Document, title: str, author: str, subject: str, audio_sha256: str) -> None:
    """Core properties: title, author, subject, language and the recording's digest."""
    props = doc.core_properties
    props.title = xml_text(title)
    props.author = xml_text(author)
    props.last_modified_by = xml_text(author)
    props.subject = xml_text(subject)
    props.language = "vi-VN"
    props.keywords = f"{AUDIO_KEYWORD}{audio_sha256}" if audio_sha256 else ""
    props.comments = props.keywords


def heading(doc: Document, text: str) -> None:
    """A bold section heading kept with what follows."""
    paragraph(doc, text, bold=True, keep_with_next=True)
