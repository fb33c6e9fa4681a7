"""The docx walker the export tests read documents with sees every cell once (a skipped cell hid text from them)."""

from __future__ import annotations

import docx

from tests.export.tests_export_helpers import all_paragraphs


def test_every_cell_of_a_long_table_is_walked_once_and_a_merged_cell_once():
    doc = docx.Document()
    table = doc.add_table(rows=30, cols=4)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"r{i}c{j}"
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "gộp"
    texts = [p.text for p in all_paragraphs(doc) if p.text]
    expected = ["gộp", "r0c2", "r0c3"] + [f"r{i}c{j}" for i in range(1, 30) for j in range(4)]
    assert texts == expected
