"""Issue 14's findings in the minutes: the closing time without an explicit end; table rows that never split."""

from __future__ import annotations

from datetime import datetime, timedelta

import docx
from docx.oxml.ns import qn

from minutes_tui.export.from_meeting import minutes_from_record
from minutes_tui.export.pipeline import ExportRequest, export_meeting
from minutes_tui.meeting import read_meeting
from minutes_tui.workflows.sample import create_sample_meeting


def test_closing_takes_the_recordings_end_when_the_meeting_has_no_explicit_end(tmp_path):
    folder = create_sample_meeting(tmp_path / "meetings", datetime(2026, 12, 2, 9, 0))
    record = read_meeting(folder)
    assert record.meeting.actual_end is None and record.meeting.planned_end is None
    minutes = minutes_from_record(record)
    last = max(s.end for s in record.segments)
    assert minutes.ended == datetime(2026, 12, 1, 8, 0) + timedelta(seconds=round(last))
    text = "\n".join(p.text for p in docx.Document(str(export_meeting(folder, ExportRequest()).docx)).paragraphs)
    assert "Hội nghị kết thúc vào 8 giờ 00, ngày 01 tháng 12 năm 2026./." in text  # 53 s of recording
    assert "kết thúc vào … giờ" not in text


def test_follow_up_table_rows_never_split_and_the_header_repeats(tmp_path):
    folder = create_sample_meeting(tmp_path / "meetings", datetime(2026, 12, 2, 9, 0))
    doc = docx.Document(str(export_meeting(folder, ExportRequest()).docx))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
