"""Where the visible signature goes, from the words' boxes poppler reports (no LibreOffice needed:
the boxes are given as ``pdftotext -bbox`` prints them)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from minutes_tui.export import sigfield
from minutes_tui.export.signatures import SECRETARY_CM
from minutes_tui.export.styles import PAGE_MM

COLUMN = (PAGE_MM["left"] + SECRETARY_CM * 10) * 72 / 25.4  # the chair's column starts here (263.6 pt)
RIGHT = (PAGE_MM["width"] - PAGE_MM["right"]) * 72 / 25.4


def _bbox(words: list[tuple[float, float, float, float, str]]) -> str:
    body = "".join(f'<word xMin="{a}" yMin="{b}" xMax="{c}" yMax="{d}">{w}</word>\n' for a, b, c, d, w in words)
    return f'<doc>\n<page width="595.28" height="841.89">\n{body}</page>\n</doc>\n'


def _locate(monkeypatch, words, anchor: str = "") -> sigfield.FieldPlace:
    out = _bbox(words)
    monkeypatch.setattr(sigfield.shutil, "which", lambda name: "/usr/bin/pdftotext")
    monkeypatch.setattr(sigfield.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, out, ""))
    return sigfield.locate_chair_block(Path("minutes.pdf"), anchor)


# The chair's block as LibreOffice lays it out: the title, its note, room to sign, the chair's name.
TITLE_Y, NOTE_Y, NAME_Y = 600.0, 614.0, 700.0


def _block(title: list[tuple[float, float, str]]) -> list[tuple[float, float, float, float, str]]:
    words = [(x0, TITLE_Y, x1, TITLE_Y + 12, w) for x0, x1, w in title]
    words += [(350.0, NOTE_Y, 380.0, NOTE_Y + 11, "(Ký,"), (383.0, NOTE_Y, 430.0, NOTE_Y + 11, "tên)")]
    words += [
        (340.0, NAME_Y, 375.0, NAME_Y + 12, "Nguyễn"),
        (378.0, NAME_Y, 400.0, NAME_Y + 12, "Văn"),
        (403.0, NAME_Y, 430.0, NAME_Y + 12, "Hùng"),
    ]
    return [(110.0, 300.0, 160.0, 312.0, "THƯ"), (163.0, 300.0, 180.0, 312.0, "KÝ"), *words]  # the secretary's, left


@pytest.mark.parametrize(
    "title",
    [
        [(355.0, 380.0, "CHỦ"), (383.0, 420.0, "TỌA")],
        # a letter drawn from a fallback font: poppler cuts the word where the font changes
        [(355.0, 372.0, "CH"), (372.0, 380.0, "Ủ"), (383.0, 392.0, "T"), (392.0, 402.0, "Ọ"), (402.0, 420.0, "A")],
    ],
    ids=["one-font", "split-at-a-font-change"],
)
def test_the_field_sits_in_the_chairs_column_between_note_and_name(monkeypatch, title):
    place = _locate(monkeypatch, _block(title))
    x1, y1, x2, y2 = place.box
    assert place.page == 0 and place != sigfield._fallback()
    assert COLUMN <= x1 and x2 <= RIGHT
    height = 841.89
    assert height - NAME_Y < y1 < y2 < height - (NOTE_Y + 11)  # under the note, above the name
    assert y2 - y1 >= 40 and x2 - x1 >= 150  # room for the stamp


def test_without_the_block_the_field_still_lies_in_the_chairs_column(monkeypatch):
    place = _locate(monkeypatch, _block([(355.0, 380.0, "CHỦ"), (383.0, 420.0, "TỌA")]), anchor="KHÔNG CÓ")
    x1, y1, x2, y2 = place.box
    assert place == sigfield._fallback() and place.page == -1
    assert COLUMN <= x1 and x2 <= RIGHT and y2 - y1 >= 40 and x2 - x1 >= 150
