"""Page, font and paragraph primitives for minutes in the Nghị định 30/2020 format.

python-docx sets only the ``ascii`` and ``hAnsi`` font slots and its default template points
everything else at theme fonts (Calibri/Cambria): Vietnamese text would then fall back to another
face in Word. So every run, every style, the document defaults and the theme name Times New Roman.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
#: Body text size (the decree allows 13–14 pt).
BODY_PT = 14
#: The four font slots Word looks at, depending on the characters of a run.
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
_THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")
#: A4 and margins within the decree's ranges (top/bottom 20–25, left 30–35, right 15–20 mm).
PAGE_MM = {"width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15}
#: Width of the text block, which the header and signature tables split between their columns.
TEXT_WIDTH_CM = (PAGE_MM["width"] - PAGE_MM["left"] - PAGE_MM["right"]) / 10
FIRST_LINE_INDENT = Cm(1.27)
BLACK = RGBColor(0, 0, 0)
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr")


def set_font_slots(rpr) -> None:
    """Name Times New Roman in all four slots of ``rpr`` and drop theme references."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_SLOTS:
        fonts.attrib.pop(qn(attr), None)
    for attr in FONT_SLOTS:
        fonts.set(qn(attr), FONT)


def _retheme(xml: bytes) -> bytes:
    """The theme part with Times New Roman for its major and minor latin, east-asian and cs faces."""
    root = parse_xml(xml)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for tag in ("a:latin", "a:ea", "a:cs"):
        for node in root.xpath(f"//a:majorFont/{tag} | //a:minorFont/{tag}", namespaces=ns):
            node.set("typeface", FONT)
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def apply_document_fonts(doc: Document) -> None:
    """Times New Roman everywhere a font can be inherited from: defaults, styles, theme."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font_slots(rpr)
    for fonts in styles.iter(qn("w:rFonts")):
        set_font_slots(fonts.getparent())
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = BLACK
    set_font_slots(normal.element.get_or_add_rPr())
    for part in doc.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            part._blob = _retheme(part.blob)


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
    _field(number, "PAGE", "2")


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (here the page number) built from runs that carry the fonts too."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), (None, shown), ("end", None)):
        run = styled_run(paragraph, "", size=13)
        if kind is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        elif text == shown:
            run.text = shown
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def styled_run(paragraph: Paragraph, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False):
    """A run in Times New Roman (all slots), black, with the given size and weight."""
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = BLACK
    set_font_slots(run._r.get_or_add_rPr())
    return run


def paragraph(
    container,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    after: float = 6,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph with one run; body defaults: justified, first-line indent, 6 pt after."""
    par = container.add_paragraph()
    fmt = par.paragraph_format
    par.alignment = align
    fmt.first_line_indent = FIRST_LINE_INDENT if indent else Cm(0)
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    fmt.line_spacing = 1.15 if after else 1.0
    fmt.keep_with_next = keep_with_next
    if text:
        styled_run(par, text, size=size, bold=bold, italic=italic)
    return par


def rule(container, width_cm: float, column_cm: float) -> Paragraph:
    """A centred horizontal line ``width_cm`` long: the top border of an empty, tiny paragraph."""
    par = paragraph(container, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    side = Cm(max(0.0, (column_cm - width_cm) / 2))
    par.paragraph_format.left_indent = par.paragraph_format.right_indent = side
    par.paragraph_format.line_spacing = Pt(4)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    # CT_PPr is a sequence: the border must precede spacing, indentation and alignment.
    par._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
    return par
