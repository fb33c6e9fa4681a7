"""An imported meeting exported at once (issue 26, item 6): the CLI lists what the minutes miss and
asks first (refuses with no terminal, naming --force); the document leaves dotted lines, never
"Địa điểm: ." nor an empty issuer column."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import wave
from datetime import datetime
from pathlib import Path

import docx

from minutes_tui import texts
from minutes_tui.cli import main
from minutes_tui.meeting import MeetingStore
from minutes_tui.workflows.importing import create_imported_meeting
from minutes_tui.workflows.missing import Missing, missing_in_folder
from transcribe.decoding import RecognisedSegment

SAID = ["Xin chào bà con tổ dân phố.", "Đề nghị phường nạo vét cống ở đầu kiệt.", "Phường sẽ làm trong tháng."]


def imported_meeting(tmp_path: Path) -> Path:
    """A phone's recording just imported: a title, a start, the recogniser's text, nothing else."""
    clip = tmp_path / "Ghi âm 0043.wav"
    with wave.open(str(clip), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(16000), w.writeframes(b"\0\0" * 16000)
    folder = create_imported_meeting(clip, tmp_path / "meetings", "Ghi âm 0043", datetime(2026, 12, 2, 8)).folder
    with MeetingStore.open(folder) as store:
        for i, text in enumerate(SAID):
            store.add_recognised(RecognisedSegment(i * 5.0, i * 5.0 + 4, text, -0.2, 0.01), "base")
    return folder


def test_the_list_names_every_blank_of_an_imported_meeting(tmp_path):
    missing = missing_in_folder(imported_meeting(tmp_path))
    assert {m.code for m in missing} >= {"parent_body", "issuing_body", "place", "chair", "secretary", "attendees"}
    assert Missing("speakers", 3) in missing  # counted, not listed one by one
    lines = [m.text() for m in missing]
    assert "Địa điểm" in lines and "3 đoạn chưa rõ người nói" in lines


def test_without_a_terminal_export_refuses_with_the_list_and_names_force(tmp_path, capsys):
    folder = imported_meeting(tmp_path)
    assert main(["export", str(folder)]) == 1
    err = capsys.readouterr().err
    assert texts.EXPORT_MISSING_HEAD in err and "• Địa điểm" in err and "• Họ tên chủ trì (chủ tọa)" in err
    assert "bienban export THƯ_MỤC_HỌP --force" in err
    assert not (folder / "exports").exists()


def test_on_a_terminal_she_is_asked_and_no_is_the_default(tmp_path):
    folder = imported_meeting(tmp_path)

    def export(answer: bytes) -> tuple[int, str]:
        main_end, child_end = pty.openpty()  # a real terminal on stdin: isatty() is true in the child
        os.write(main_end, answer)
        done = subprocess.run([sys.executable, "-m", "minutes_tui", "export", str(folder)], stdin=child_end,
                              capture_output=True, text=True, timeout=120)  # fmt: skip
        os.close(main_end), os.close(child_end)
        return done.returncode, done.stdout + done.stderr

    rc, said = export(b"\n")
    assert rc == 1 and texts.EXPORT_MISSING_ASK.strip() in said and not (folder / "exports").exists()
    rc, said = export(b"c\n")
    assert rc == 0 and (folder / "exports" / "bien-ban.docx").is_file()


def test_forced_export_leaves_dotted_lines_never_dangling_punctuation(tmp_path, capsys):
    folder = imported_meeting(tmp_path)
    minutes = tmp_path / "bien-ban.docx"
    assert main(["export", str(folder), "--docx", str(minutes), "--force"]) == 0
    document = docx.Document(str(minutes))
    body = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for text in body:
        assert not text.endswith((" .", "– .", ": .", "của", ":  ", "–")), text
    blank = texts.MINUTES_DOC["blank"] * 5
    assert any(t.startswith("Địa điểm: " + blank) for t in body)
    assert any(t.startswith("Chủ trì (chủ tọa): " + blank) and " – " + blank in t for t in body)
    assert any(t.startswith("Thư ký (người ghi biên bản): " + blank) for t in body)
    assert any(t.startswith("1. Báo cáo của " + blank) for t in body)
    issuer = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    assert issuer[0].startswith(blank) and issuer[1].startswith(blank)  # the left column: lines to write on
