"""Run and paragraph primitives for minutes in the Nghị định 30/2020 format.

python-docx sets only the ``ascii`` and ``hAnsi`` font slots; Word picks the slot by the
characters of a run, so Vietnamese text could fall back to another face. Every run made here
names Times New Roman in all four slots (``page`` does the same for styles, defaults and theme).
"""

from __future__ import annotations

import copy
import functools
import re

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

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
_BREAKS = re.compile(r"[\t\n\r\v\f]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
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


@functools.cache
def _run_props(size: float, bold: bool, italic: bool):
    """Run properties for one look, built once and copied into each run.

    python-docx's per-property setters each search the schema's long successor lists; a 3-hour
    appendix has ~8,000 runs, and setting them one by one took most of the export's time.
    """
    half_points = int(round(size * 2))
    fonts = " ".join(f'{slot}="{FONT}"' for slot in FONT_SLOTS)
    parts = [f"<w:rFonts {fonts}/>"]
    parts += ["<w:b/>", "<w:bCs/>"] if bold else []
    parts += ["<w:i/>", "<w:iCs/>"] if italic else []
    parts += ['<w:color w:val="000000"/>', f'<w:sz w:val="{half_points}"/>', f'<w:szCs w:val="{half_points}"/>']
    return parse_xml(f"<w:rPr {nsdecls('w')}>{''.join(parts)}</w:rPr>")


@functools.cache
def _paragraph_props(align: str, indent: bool, after: float, keep_with_next: bool):
    """Paragraph properties for one look (same reason as ``_run_props``), in schema order."""
    parts = ["<w:keepNext/>"] if keep_with_next else []
    line = 276 if after else 240  # 1.15 lines for body text, single where there is no gap
    parts.append(f'<w:spacing w:before="0" w:after="{int(after * 20)}" w:line="{line}" w:lineRule="auto"/>')
    parts.append(f'<w:ind w:firstLine="{FIRST_LINE_INDENT.twips if indent else 0}"/>')
    parts.append(f'<w:jc w:val="{align}"/>')
    return parse_xml(f"<w:pPr {nsdecls('w')}>{''.join(parts)}</w:pPr>")


def _make(tag: str):
    """A new element of python-docx's own class for ``tag`` (OxmlElement re-parses a string each time)."""
    return oxml_parser.makeelement(qn(tag))


def xml_text(text: str) -> str:
    """Text safe for a ``w:t``: line breaks and tabs as spaces, other control characters dropped."""
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


def styled_run(paragraph: Paragraph, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False) -> Run:
    """A run in Times New Roman (all slots), black, with the given size and weight."""
    r = _make("w:r")
    r.append(copy.deepcopy(_run_props(size, bold, italic)))
    if text:
        t = _make("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = xml_text(text)
        r.append(t)
    paragraph._p.append(r)
    return Run(r, paragraph)


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
    p = _make("w:p")
    p.append(copy.deepcopy(_paragraph_props(align.xml_value, indent, after, keep_with_next)))
    if isinstance(container, Document):
        # python-docx looks for the section properties from the body's first child on every
        # paragraph, which grows quadratic with a long appendix; they are always the last child
        body = container.element.body
        last = body[-1]  # lxml finds the last child at once (len() would count them all)
        if last.tag == qn("w:sectPr"):
            last.addprevious(p)
        else:
            body.append(p)
        par = Paragraph(p, container._body)
    else:
        container._element.append(p)
        par = Paragraph(p, container)
    if text:
        styled_run(par, text, size=size, bold=bold, italic=italic)
    return par


def rule(container, width_cm: float, column_cm: float) -> Paragraph:
    """A centred horizontal line ``width_cm`` long: the top border of an empty, tiny paragraph."""
    par = paragraph(container, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
    side = Cm(max(0.0, (column_cm - width_cm) / 2))
    par.paragraph_format.left_indent = par.paragraph_format.right_indent = side
    par.paragraph_format.line_spacing = Pt(4)
    par.paragraph_format.space_before = Pt(3)  # clear of the descenders and diacritics above it
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    # CT_PPr is a sequence: the border must precede spacing, indentation and alignment.
    par._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
    return par
