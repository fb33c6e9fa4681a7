"""The minutes record the conference: what the register learns afterwards never changes them (issue 26, item 2)."""

from __future__ import annotations

import docx

from minutes_tui.cli import main
from tests.export.tests_export_helpers import all_paragraphs


def _text(path) -> str:
    return "\n".join(p.text for p in all_paragraphs(docx.Document(str(path))))


def _follow_up_rows(path) -> int:
    """Rows of the table that lists what is left to do (section 3), the one that names petition 1."""
    tables = [t for t in docx.Document(str(path)).tables if "Cống thoát nước" in str([c.text for r in t.rows for c in r.cells])]
    return len(tables[-1].rows) if tables else 0


def test_register_updates_between_two_exports_leave_the_minutes_text_unchanged(tmp_path, capsys):
    root = tmp_path / "meetings"
    assert main(["sample", str(root)]) == 0
    meeting = next(root.iterdir())
    assert main(["export", str(meeting), "--docx", str(tmp_path / "first.docx")]) == 0
    first = _text(tmp_path / "first.docx")
    assert _follow_up_rows(tmp_path / "first.docx") == 5  # section 3: a header and the four promises
    assert main(["followups", "done", str(meeting), "1", "--result", "Đã nạo vét", "--on", "2026-12-10"]) == 0
    assert main(["followups", "extend", str(meeting), "4", "--to", "2027-02-01", "--reason", "Chờ xác minh"]) == 0
    assert main(["followups", "pass-on", str(meeting), "5", "--to", "Bảo hiểm xã hội thành phố"]) == 0
    assert main(["followups", "progress", str(meeting), "3"]) == 0
    assert main(["export", str(meeting), "--docx", str(tmp_path / "again.docx")]) == 0
    assert _text(tmp_path / "again.docx") == first
    assert _follow_up_rows(tmp_path / "again.docx") == 5
