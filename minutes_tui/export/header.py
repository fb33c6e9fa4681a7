"""The two-column header (issuer | Quốc hiệu and Tiêu ngữ) and the title, as in Mẫu 1.9."""

from __future__ import annotations

from typing import TypedDict

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from minutes_tui import texts
from minutes_tui.export.minutes import Minutes
from minutes_tui.export.styles import TEXT_WIDTH_CM, paragraph, rule

#: Column widths: the issuer's column is the narrower one, as on every ward document.
LEFT_CM = 6.3
RIGHT_CM = TEXT_WIDTH_CM - LEFT_CM
#: The motto's rule is as long as "Độc lập - Tự do - Hạnh phúc" in 13 pt bold Times (measured
#: on the LibreOffice rendering with Liberation Serif, which has Times New Roman's metrics).
MOTTO_RULE_CM = 5.6
#: The issuer's rule: between a third and a half of its line.
ISSUER_RULE_CM = 2.0
#: "…" in the issuer's column for a body not yet set (13 pt: about 5 cm of its 6.3 cm).
HEADER_BLANK = 11
#: "…" under "BIÊN BẢN" for a conference not yet named (14 pt bold, centred).
TITLE_BLANK = 20


class ParagraphLook(TypedDict, total=False):
    """Layout keywords of ``styles.paragraph`` shared by several paragraphs (``**look``)."""

    align: WD_ALIGN_PARAGRAPH
    indent: bool
    after: float
    keep_with_next: bool


def borderless_table(doc: Document, rows: int, widths: list[float]):
    """A table without borders or cell padding, with fixed column widths in cm."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    # CT_TblPr is a sequence: keep the schema order so Word opens the file without repair.
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.insert_element_before(margins, "w:tblLook")
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    for col, width in zip(table.columns, widths):
        col.width = Cm(width)
    return table


def drop_placeholders(table) -> None:
    """Remove the empty paragraph every new cell starts with, once the cell has content."""
    for row in table.rows:
        for tc in {id(c._tc): c._tc for c in row.cells}.values():
            paragraphs = tc.findall(qn("w:p"))
            if len(paragraphs) > 1 and not paragraphs[0].xpath("string(.)"):
                tc.remove(paragraphs[0])


def add_header(doc: Document, minutes: Minutes) -> None:
    """The header table, then "BIÊN BẢN" and the conference's name."""
    doc_text = texts.MINUTES_DOC
    table = borderless_table(doc, 1, [LEFT_CM, RIGHT_CM])
    left, right = table.rows[0].cells
    centre: ParagraphLook = {"align": WD_ALIGN_PARAGRAPH.CENTER, "indent": False, "after": 0}
    # a body not yet set leaves a dotted line to write by hand, not an empty column
    blank = doc_text["blank"] * HEADER_BLANK
    paragraph(left, minutes.office.parent_body.upper() or blank, size=13, **centre)
    paragraph(left, minutes.office.issuing_body.upper() or blank, size=13, bold=True, **centre)
    rule(left, ISSUER_RULE_CM, LEFT_CM)
    number = minutes.office.number or doc_text["blank_number"]
    paragraph(left, doc_text["number"].format(number=number), size=13, **centre)
    paragraph(right, doc_text["nation"], size=12, bold=True, **centre)
    paragraph(right, doc_text["motto"], size=13, bold=True, **centre)
    rule(right, MOTTO_RULE_CM, RIGHT_CM)
    drop_placeholders(table)
    paragraph(doc, "", indent=False, after=12)
    paragraph(doc, doc_text["title"], size=14, bold=True, **centre)
    title = minutes.conference or doc_text["blank"] * TITLE_BLANK
    paragraph(doc, title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=12)
