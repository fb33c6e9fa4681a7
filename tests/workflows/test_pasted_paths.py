"""Issue 26 item 7: a path as a terminal or a file manager hands it over means the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from minutes_tui.workflows.paths import pasted_path

FILE = "/home/thu-ky/Ghi âm/Ghi âm hội nghị tháng 12.mp3"


@pytest.mark.parametrize(
    "given",
    [
        FILE,
        f"'{FILE}' ",  # dragged into GNOME Terminal: quoted, then a space
        f'"{FILE}"',
        f"  {FILE}\n",
        "file:///home/thu-ky/Ghi%20%C3%A2m/Ghi%20%C3%A2m%20h%E1%BB%99i%20ngh%E1%BB%8B%20th%C3%A1ng%2012.mp3",
        "'file:///home/thu-ky/Ghi%20%C3%A2m/Ghi%20%C3%A2m%20h%E1%BB%99i%20ngh%E1%BB%8B%20th%C3%A1ng%2012.mp3' ",
        r"/home/thu-ky/Ghi\ âm/Ghi\ âm\ hội\ nghị\ tháng\ 12.mp3",
    ],
)
def test_pasted_forms_of_one_path(given):
    assert pasted_path(given) == Path(FILE)


def test_home_folder_and_a_quote_inside_a_name():
    assert pasted_path("~/hop.mp3") == Path.home() / "hop.mp3"
    assert pasted_path("/tmp/Nhà 'Bà Tư'.mp3") == Path("/tmp/Nhà 'Bà Tư'.mp3")
