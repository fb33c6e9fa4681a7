"""Walk a python-docx document: every paragraph and run, in the body, tables, headers and footers."""

from __future__ import annotations


def _cell_paragraphs(table):
    # merged cells appear once per grid column: each cell element is walked once. The elements are kept
    # here, not their id()s: python-docx makes a fresh lxml proxy per access, and a freed proxy's id() is
    # reused by the next row's, which skipped whole cells (a deadline read as a petitioner's name)
    seen: dict[int, object] = {}
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen[id(cell._tc)] = cell._tc
            yield from cell.paragraphs
            for inner in cell.tables:
                yield from _cell_paragraphs(inner)


def all_paragraphs(doc):
    """Every paragraph of the document, tables and headers included."""
    yield from doc.paragraphs
    for table in doc.tables:
        yield from _cell_paragraphs(table)
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            if not part.is_linked_to_previous:
                yield from part.paragraphs


def all_runs(doc):
    """Every run with text or a field, everywhere."""
    return [r for p in all_paragraphs(doc) for r in p.runs]


def find_paragraph(doc, text: str, exact: bool = False):
    """The first paragraph equal to (or starting with) ``text``."""
    for p in all_paragraphs(doc):
        if p.text == text or (not exact and p.text.startswith(text)):
            return p
    raise AssertionError(f"no paragraph {text!r}")
