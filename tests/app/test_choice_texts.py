"""How a long text is shown in one line of a list (the petitions `l` offers to link to)."""

from __future__ import annotations

import pytest

from minutes_tui.texts import shortened


@pytest.mark.parametrize(
    ("text", "width", "shown"),
    [
        ("Đề nghị sửa đường", 40, "Đề nghị sửa đường"),
        ("Đề nghị  sửa\nđường", 40, "Đề nghị sửa đường"),
        ("Đề nghị phường sửa đường Nguyễn Trãi, đoạn trước chợ", 30, "Đề nghị phường sửa đường…"),
        ("Đề nghị phường sửa đường. Và", 26, "Đề nghị phường sửa đường…"),
        ("Mộtchữrấtdàikhôngcókhoảngtrắng", 10, "Mộtchữrất…"),
    ],
)
def test_a_long_text_is_cut_at_a_word_and_marked(text, width, shown):
    out = shortened(text, width)
    assert out == shown and len(out) <= width
