"""Page setup and inherited fonts: A4, the decree's margins, page numbers from page 2, and
Times New Roman in the document defaults, every style and the theme.

python-docx's default template points its defaults and styles at theme fonts (Calibri/Cambria);
text without an explicit font in some slot would show in those in Word.
"""

from __future__ import annotations

from typing import cast

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from minutes_tui.export.styles import BLACK, BODY_PT, FONT, PAGE_MM, set_font_slots, styled_run

_DRAWING_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def _retheme(xml: bytes) -> bytes:
    """The theme part with Times New Roman for its major and minor latin, east-asian and cs faces."""
    root = cast(etree._Element, parse_xml(xml))  # python-docx: DrawingML parses to plain lxml, not BaseOxmlElement
    for tag in ("a:latin", "a:ea", "a:cs"):
        for node in root.xpath(f"//a:majorFont/{tag} | //a:minorFont/{tag}", namespaces=_DRAWING_NS):
            node.set("typeface", FONT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _restyle(xml: bytes) -> bytes:
    """A styles part (``stylesWithEffects`` kept for Word 2010) with every font slot named."""
    root = parse_xml(xml)
    for fonts in root.iter(qn("w:rFonts")):
        set_font_slots(fonts.getparent())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def apply_document_fonts(doc: Document) -> None:
    """Times New Roman everywhere a font can be inherited from: defaults, styles, theme."""
    styles = doc.styles.element
    set_font_slots(styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for fonts in styles.iter(qn("w:rFonts")):
        set_font_slots(fonts.getparent())
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = BLACK
    set_font_slots(normal.element.get_or_add_rPr())
    for part in doc.part.package.iter_parts():
        name = str(part.partname)
        if name.startswith("/word/theme/"):
            part._blob = _retheme(part.blob)
        elif name == "/word/stylesWithEffects.xml":
            part._blob = _restyle(part.blob)


def apply_page_setup(doc: Document) -> None:
    """A4 portrait with the decree's margins, a different first page (no number on page 1)."""
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_MM["width"]), Mm(PAGE_MM["height"])
    section.top_margin, section.bottom_margin = Mm(PAGE_MM["top"]), Mm(PAGE_MM["bottom"])
    section.left_margin, section.right_margin = Mm(PAGE_MM["left"]), Mm(PAGE_MM["right"])
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(number)


def _page_number_field(paragraph: Paragraph) -> None:
    """The PAGE field, as runs that carry the fonts too: begin, instruction, shown value, end."""
    for kind in ("begin", "instruction", "separate", "shown", "end"):
        run = styled_run(paragraph, "2" if kind == "shown" else "", size=13)
        if kind == "instruction":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        elif kind != "shown":
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)


def new_document() -> Document:
    """An empty A4 document with the decree's fonts, margins and page numbers."""
    doc = docx.Document()
    apply_document_fonts(doc)
    apply_page_setup(doc)
    body = doc.element.body
    for par in list(body.iterchildren()):
        if par.tag.endswith("}p"):  # the template's one empty paragraph
            body.remove(par)
    return doc
