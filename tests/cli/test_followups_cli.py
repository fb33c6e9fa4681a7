"""``bienban sample``, ``bienban followups`` and its updates from the command line."""

from __future__ import annotations

from openpyxl import load_workbook

from minutes_tui.cli import main


def test_sample_then_done_removes_it_from_the_open_list_and_excel_and_undo_brings_it_back(tmp_path, capsys):
    root = tmp_path / "meetings"
    assert main(["sample", str(root)]) == 0
    meeting = next(root.iterdir())
    capsys.readouterr()
    assert main(["followups", "--root", str(root)]) == 0
    assert "Cống thoát nước" in capsys.readouterr().out
    assert main(["followups", "done", str(meeting), "1", "--result", "Đã nạo vét", "--on", "2026-12-10",
                 "--reference", "125/UBND-VP"]) == 0  # fmt: skip
    xlsx = tmp_path / "so.xlsx"
    assert main(["followups", "--root", str(root), "--xlsx", str(xlsx)]) == 0
    out = capsys.readouterr().out
    assert "Cống thoát nước" not in out.split("Đã cập nhật")[-1]
    assert "Cống thoát nước" not in str([c.value for r in load_workbook(xlsx).active.iter_rows() for c in r])
    assert main(["followups", "undo", str(meeting)]) == 0
    assert main(["followups", "--root", str(root), "--xlsx", str(xlsx)]) == 0
    assert "Cống thoát nước" in capsys.readouterr().out
    assert "Cống thoát nước" in str([c.value for r in load_workbook(xlsx).active.iter_rows() for c in r])


def test_updates_and_filters_and_clear_refusals(tmp_path, capsys):
    root = tmp_path / "meetings"
    main(["sample", str(root)])
    meeting = next(root.iterdir())
    assert main(["followups", "extend", str(meeting), "4", "--to", "2027-02-01", "--reason", "Chờ xác minh"]) == 0
    assert main(["followups", "pass-on", str(meeting), "5", "--to", "Bảo hiểm xã hội thành phố"]) == 0
    assert main(["followups", "progress", str(meeting), "3"]) == 0
    capsys.readouterr()
    assert main(["followups", "--root", str(root), "--field", "land"]) == 0
    out = capsys.readouterr().out
    assert "quyền sử dụng đất" in out and "Cống" not in out
    assert main(["followups", "--root", str(root), "--responsible", "bảo hiểm"]) == 0
    assert "hưu trí" in capsys.readouterr().out
    assert main(["followups", "done", str(meeting), "2", "--result", "x"]) == 2  # answered at the conference
    assert main(["followups", "done", str(meeting), "1", "--result", "x", "--on", "10/12"]) == 2
    assert "Ngày không hợp lệ" in capsys.readouterr().err


def test_classify_attendance_and_paragraphs_reach_the_report(tmp_path, capsys):
    import docx

    from minutes_tui.meeting import read_meeting
    from minutes_tui.meeting.model import Authority, Channel, Field

    root = tmp_path / "meetings"
    main(["sample", str(root)])
    meeting = next(root.iterdir())
    assert (
        main(["classify", str(meeting), "1", "--field", "infrastructure", "--authority", "higher", "--channel", "written"]) == 0
    )
    petition = read_meeting(meeting).petitions[0]
    assert (petition.field, petition.authority, petition.channel) == (Field.INFRASTRUCTURE, Authority.HIGHER, Channel.WRITTEN)
    assert main(["attendance", str(meeting), "Người dân: 60; Đại biểu: 10"]) == 0
    assert main(["attendance", str(meeting), "Người dân 60"]) == 2
    assert main(["paragraph", str(meeting), "assessment", "Hội nghị thành công tốt đẹp."]) == 0
    assert main(["export", str(meeting), "--report", "--date", "2026-12-05"]) == 0
    doc = docx.Document(str(meeting / "exports" / "bao-cao-ket-qua.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "+ Người dân: 60 người;" in text and "Hội nghị thành công tốt đẹp." in text
    assert "03 ý kiến thuộc thẩm quyền của phường và 02 ý kiến thuộc thẩm quyền của cấp trên); 03 ý kiến gửi bằng văn bản" in text


def test_report_on_every_open_item_before_a_date(tmp_path, capsys):
    from datetime import datetime

    import docx

    from minutes_tui.workflows.sample import create_sample_meeting

    root = tmp_path / "meetings"
    old = create_sample_meeting(root, datetime(2026, 6, 2, 9))
    older = create_sample_meeting(root, datetime(2026, 3, 2, 9))
    now = create_sample_meeting(root, datetime(2026, 12, 2, 9))
    assert main(["followups", "done", str(old), "1", "--result", "Đã nạo vét", "--on", "2026-06-20"]) == 0
    assert main(["followups", "done", str(older), "3", "--result", "Đã cấp giấy", "--on", "2026-04-01"]) == 0
    assert main(["export", str(now), "--open-before", "2026-12-01", "--root", str(root), "--date", "2026-12-01"]) == 0
    doc = docx.Document(str(now / "exports" / "bao-cao-ky-truoc.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "các hội nghị đối thoại tổ chức trước ngày 01 tháng 12 năm 2026" in text
    assert "02/08 ý kiến đã giải quyết, đạt tỷ lệ 25%; còn lại 06 ý kiến đang được giải quyết." in text
    assert len(doc.tables[1].rows) == 1 + 8


def test_the_wards_own_field_labels_reach_the_notice_the_report_and_the_excel_register(tmp_path):
    import docx

    root = tmp_path / "meetings"
    main(["sample", str(root)])
    meeting = next(root.iterdir())
    (root / "linh-vuc.json").write_text('[["land", "Quản lý đất đai và tài nguyên"]]', encoding="utf-8")
    assert main(["export", str(meeting), "--notice", "--report", "--date", "2026-12-05"]) == 0
    notice = "\n".join(p.text for p in docx.Document(str(meeting / "exports" / "thong-bao-ket-luan.docx")).paragraphs)
    assert "Lĩnh vực quản lý đất đai và tài nguyên:" in notice
    report = docx.Document(str(meeting / "exports" / "bao-cao-ket-qua.docx"))
    assert "Quản lý đất đai và tài nguyên" in [r.cells[0].text for r in report.tables[1].rows]
    xlsx = tmp_path / "so.xlsx"
    assert main(["followups", "--root", str(root), "--xlsx", str(xlsx)]) == 0
    assert "Quản lý đất đai và tài nguyên" in str([c.value for r in load_workbook(xlsx).active.iter_rows() for c in r])


def test_csv_has_the_same_columns_and_cells_as_excel(tmp_path, capsys):
    import csv

    root = tmp_path / "meetings"
    main(["sample", str(root)])
    meeting = next(root.iterdir())
    main(["followups", "done", str(meeting), "1", "--result", "Đã nạo vét", "--on", "2026-12-10", "--reference", "125/UBND-VP"])
    xlsx, csv_file = tmp_path / "so.xlsx", tmp_path / "so.csv"
    assert main(["followups", "--root", str(root), "--all", "--xlsx", str(xlsx), "--csv", str(csv_file)]) == 0
    sheet = [[c.value if c.value is not None else "" for c in r] for r in load_workbook(xlsx).active.iter_rows(min_row=3)]
    with csv_file.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table == [[str(cell) for cell in row] for row in sheet]
    done = next(row for row in table if "Cống thoát nước" in " ".join(row))
    assert "Đã nạo vét; 10/12/2026; 125/UBND-VP" in done  # result, date and reference
    assert "Ý kiến số" in table[0] and done[table[0].index("Ý kiến số")] == "1"  # the petition's number
