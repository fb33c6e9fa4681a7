"""Fixtures of the meeting store tests: a fresh meeting in a temporary folder."""

from __future__ import annotations

from datetime import datetime

import pytest

from minutes_tui.meeting import Meeting, MeetingStore

MEETING = Meeting(
    title="Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân",
    parent_body="UBND thị xã Hương Thủy",
    issuing_body="Ủy ban nhân dân phường Thủy Dương",
    number="15/BB-UBND",
    place="Nhà sinh hoạt cộng đồng tổ dân phố 5",
    planned_start=datetime(2026, 3, 7, 8, 0),
    chair="Nguyễn Văn Hùng",
    chair_title="Chủ tịch UBND phường",
    secretary="Trần Thị Lan",
    secretary_title="Công chức Văn phòng - Thống kê",
    agenda=("Báo cáo tình hình kinh tế - xã hội", "Đối thoại với Nhân dân"),
)


@pytest.fixture
def store(tmp_path):
    """An open, empty meeting."""
    s = MeetingStore.create(tmp_path / "meeting", MEETING)
    yield s
    s.close()
