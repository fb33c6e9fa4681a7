"""Sample data of the meeting store tests (a module with a unique name: test folders share ``sys.path``)."""

from __future__ import annotations

from datetime import datetime

from minutes_tui.meeting import Meeting

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
