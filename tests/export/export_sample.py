"""The sample ward meeting the export tests build through the store.

A uniquely named module: ``from conftest import`` picks whichever test folder's conftest was
imported first when the whole suite runs."""

from __future__ import annotations

import struct
from datetime import date, datetime
from pathlib import Path

from minutes_tui.meeting import Meeting, MeetingStore, Outcome, OutcomeKind

#: The anonymous denouncer: her name must appear nowhere in the exported minutes.
HIDDEN_NAME = "Võ Thị Tố"
HIDDEN_GROUP = "Tổ dân phố 4"


def write_wav(path: Path, seconds: float, tone: int = 0) -> None:
    """A small 16 kHz mono 16-bit WAV (``tone`` varies its samples so recordings differ)."""
    frames = int(16000 * seconds)
    data = b"".join(struct.pack("<h", ((i * (tone + 7)) % 2000) - 1000) for i in range(frames))
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(data), b"WAVE", b"fmt ", 16, 1, 1, 16000, 32000, 2, 16, b"data", len(data)
    )
    path.write_bytes(header + data)


def build_meeting(folder: Path) -> Path:
    """The Lê Lợi ward dialogue of 7 March 2026: four petitions, one of them anonymous."""
    meeting = Meeting(
        title="Hội nghị tiếp xúc, đối thoại giữa Chủ tịch UBND phường với Nhân dân năm 2026",
        parent_body="UBND thị xã Sơn Tây",
        issuing_body="Ủy ban nhân dân phường Lê Lợi",
        number="15/BB-UBND",
        place="Nhà sinh hoạt cộng đồng tổ dân phố 3, phường Lê Lợi",
        actual_start=datetime(2026, 3, 7, 8, 0),
        actual_end=datetime(2026, 3, 7, 11, 5),
        chair="Nguyễn Văn Hùng",
        chair_title="Chủ tịch UBND phường",
        co_chair="Lê Thị Hạnh",
        co_chair_title="Chủ tịch Ủy ban MTTQ Việt Nam phường",
        secretary="Trần Thị Mai",
        secretary_title="Công chức Văn phòng - Thống kê",
        report_summary="Chủ tịch UBND phường báo cáo tình hình kinh tế - xã hội, quốc phòng, an ninh năm 2025.\n\n"
        "Năm 2026 phường tập trung chỉnh trang đô thị và cải cách hành chính.",
        recipients=("Thường trực Đảng ủy phường", "UBMTTQ phường"),
    )
    with MeetingStore.create(folder, meeting) as store:
        chair = store.add_participant("Nguyễn Văn Hùng", role="Chủ tịch UBND phường")
        police = store.add_participant("Đinh Công Lực", role="Trưởng Công an phường")
        binh = store.add_participant("Lê Văn Bình", group="Tổ dân phố 2")
        hoa = store.add_participant("Phạm Thị Hoa", group="Tổ dân phố 5")
        hidden = store.add_participant(HIDDEN_NAME, group=HIDDEN_GROUP, anonymous=True)
        s1 = store.add_segment(60.0, 70.0, "Kính thưa các đồng chí, tôi xin báo cáo.", speaker_id=chair.id)
        s2 = store.add_segment(900.0, 915.0, "Đèn ngõ 12 hỏng đã ba tháng.", speaker_id=binh.id)
        s3 = store.add_segment(1800.0, 1830.0, f"Tôi là {HIDDEN_NAME}, tố cáo việc lấn chiếm vỉa hè ở chợ.", speaker_id=hidden.id)
        store.add_segment(1840.0, 1850.0, "Công an phường sẽ kiểm tra.", speaker_id=police.id)
        p1 = store.add_petition("Đề nghị sửa đèn chiếu sáng ngõ 12.", raised_by=binh.id, segment_ids=[s2.id])
        store.set_outcome(
            p1.id,
            Outcome(OutcomeKind.PROMISED, answer="Phường sẽ thay đèn.", answered_by=chair.id, responsible="Nguyễn Văn Hùng"),
        )
        p2 = store.add_petition(f"Bà {HIDDEN_NAME} tố cáo việc lấn chiếm vỉa hè ở chợ.", raised_by=hidden.id, segment_ids=[s3.id])
        store.set_outcome(
            p2.id, Outcome(OutcomeKind.ANSWERED, answer="Công an phường sẽ kiểm tra, xử lý.", answered_by=police.id)
        )
        p3 = store.add_petition("Kiến nghị nâng cấp quốc lộ 32 đoạn qua phường.", raised_by=hoa.id)
        store.set_outcome(
            p3.id,
            Outcome(OutcomeKind.TRANSFERRED, answer="Thuộc thẩm quyền Sở Xây dựng.", answered_by=chair.id,
                    agency="Sở Xây dựng thành phố", deadline=date(2026, 5, 6), notify=True),
        )  # fmt: skip
        p4 = store.add_petition("Hỏi về chế độ người có công.", raised_by=binh.id)
        store.set_outcome(p4.id, Outcome(OutcomeKind.OFF_TOPIC, responsible="Phòng Văn hóa - Xã hội"))
        assert s1.id
        write_wav(folder / "audio.wav", 2.0)
        store.set_audio_file("audio.wav")
    return folder
