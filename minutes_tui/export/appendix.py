"""The optional appendix: what was said, verbatim, with the time in the recording and the speaker."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from minutes_tui import texts
from minutes_tui.export.header import ParagraphLook
from minutes_tui.export.minutes import Minutes
from minutes_tui.export.styles import paragraph, styled_run
from minutes_tui.export.vndate import timestamp


def add_appendix(doc: Document, minutes: Minutes) -> None:
    """A new page titled PHỤ LỤC, one paragraph per transcript line: ``[00:12:03] Name: text``."""
    t = texts.MINUTES_DOC
    centre: ParagraphLook = {"align": WD_ALIGN_PARAGRAPH.CENTER, "indent": False, "after": 0}
    title = paragraph(doc, t["appendix_title"], bold=True, **centre)
    title.paragraph_format.page_break_before = True
    paragraph(doc, t["appendix_subtitle"], italic=True, **(centre | {"after": 12}))
    for line in minutes.transcript:
        par = paragraph(doc, size=13, indent=False, after=3)
        styled_run(par, f"[{timestamp(line.start)}] ", size=13)
        if line.speaker:
            styled_run(par, f"{line.speaker}: ", size=13, bold=True)
        styled_run(par, line.text, size=13)
