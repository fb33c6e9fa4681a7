"""Issue 26 item 7: ``bienban import`` reads a pasted path as the app does (one function, ``pasted_path``)."""

from __future__ import annotations

import shutil

import pytest

from minutes_tui.cli import main
from minutes_tui.workflows.config import demo_recording


@pytest.mark.parametrize("form", ["quoted", "uri"])
def test_import_reads_a_quoted_path_or_a_file_uri(tmp_path, capsys, form):
    source = shutil.copy(demo_recording(), tmp_path / "Ghi âm hội nghị tháng 12.flac")
    given = f"'{source}' " if form == "quoted" else source.as_uri()
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "audio.wav").write_bytes(b"RIFF the meeting's own recording")
    # the file is found and read: the import stops only at the recording it must never replace
    assert main(["import", given, "--title", "x", "--meeting", str(folder), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "Không tìm thấy tệp âm thanh" not in err
    assert "không bao giờ bị ghi đè" in err
