"""``bienban sample DIR``: a complete, tagged sample meeting to open and export every document from.

The bundled demo recording and its script give the spoken part (the script's turns become the
transcript, spread over the recording by their length); petitions handed in writing complete the
four outcomes: answered, promised, transferred to a higher level, answered later in writing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bienban_base import clock
from bienban_base.audio import audio_duration
from minutes_tui.meeting import Meeting, MeetingStore, Outcome, OutcomeKind
from minutes_tui.meeting.model import Authority, Channel, Field
from minutes_tui.workflows.classify import set_attendance, set_document_text
from minutes_tui.workflows.config import demo_recording
from minutes_tui.workflows.demo import demo_script
from minutes_tui.workflows.meetings import new_meeting_folder
from recorder.importing import import_recording

#: Attendance of the sample conference by group.
SAMPLE_ATTENDANCE = (
    ("Lãnh đạo Đảng ủy, HĐND, UBND, UBMTTQ phường", 6),
    ("Đại diện các đoàn thể chính trị - xã hội", 5),
    ("Tổ trưởng, tổ phó các tổ dân phố", 8),
    ("Người dân", 45),
)
#: The sample's officials and the residents who petitioned in writing.
_OFFICIALS = (
    ("Hồ Văn Tâm", "Trưởng Công an phường"),
    ("Ngô Thị Mai", "Công chức Địa chính - Xây dựng"),
    ("Đỗ Văn Nam", "Công chức Văn hóa - Xã hội"),
)
_WRITERS = (("Hoàng Văn Minh", "Tổ dân phố 3", False), ("Võ Thị Tố", "Tổ dân phố 4", True))


def _transcript(store: MeetingStore, people: dict[str, int], duration: float) -> list[int]:
    """The script's turns as segments, each given a share of the recording by its length (no model
    wrote them: their model is not recorded, and review names none)."""
    turns = demo_script()["turns"]
    total = sum(len(t["text"]) for t in turns)
    ids, at = [], 0.5
    for turn in turns:
        span = (duration - 1.0) * len(turn["text"]) / total
        ids.append(store.add_segment(at, at + span - 0.2, turn["text"], 0.9, speaker_id=people[turn["speaker"]]).id)
        at += span
    return ids


def create_sample_meeting(root: Path, now: datetime | None = None) -> Path:
    """Make the sample meeting (held at 8:00 the day before ``now``, default: the clock's) in a new folder under ``root``; return it."""
    script = demo_script()
    start = (now or clock.local_now()).replace(second=0, microsecond=0) - timedelta(days=1)
    start = start.replace(hour=8, minute=0)
    speakers = script["speakers"]
    folder = new_meeting_folder(root, f"mau-{start:%Y%m%d}")
    meeting = Meeting(
        title="Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân phường An Hòa năm 2026",
        parent_body="UBND thành phố Huế",
        issuing_body="Ủy ban nhân dân phường An Hòa",
        number="15/BB-UBND",
        place="Nhà sinh hoạt cộng đồng tổ dân phố 2",
        actual_start=start,
        chair=speakers["chutich"]["name"],
        chair_title=speakers["chutich"]["role"],
        co_chair=speakers["mttq"]["name"],
        co_chair_title=speakers["mttq"]["role"],
        secretary="Đặng Thị Ngọc",
        secretary_title="Công chức Văn phòng - Thống kê",
        agenda=("Chủ tịch UBND phường báo cáo tình hình", "Nhân dân phát biểu ý kiến, kiến nghị", "Chủ tịch trả lời"),
        report_summary="Năm 2026, tình hình kinh tế - xã hội của phường ổn định; an ninh chính trị, trật tự an toàn xã hội được giữ vững.",
        recipients=("Thường trực Đảng ủy phường", "Ủy ban MTTQ Việt Nam phường"),
    )
    with MeetingStore.create(folder, meeting) as store:
        audio = import_recording(folder, demo_recording())
        store.set_audio_file(audio.name)
        people = {}
        for key, person in speakers.items():
            role, group = person["role"], ""
            if role.startswith("Nhân dân "):
                role, group = "Nhân dân", role.removeprefix("Nhân dân ").capitalize()
            people[key] = store.add_participant(person["name"], role, group).id
        officials = {role: store.add_participant(name, role).id for name, role in _OFFICIALS}
        writers = [store.add_participant(n, "Nhân dân", g, anonymous=a).id for n, g, a in _WRITERS]
        seg = _transcript(store, people, audio_duration(audio))
        _petitions(store, start, people, officials, writers, seg)
        set_attendance(store, SAMPLE_ATTENDANCE)
        set_document_text(
            store, "report_assessment",
            "Hội nghị được tổ chức đúng kế hoạch, dân chủ, thẳng thắn; các ý kiến của Nhân dân được "
            "lãnh đạo phường tiếp thu, trả lời cụ thể.",
        )  # fmt: skip
        set_document_text(
            store, "report_proposals",
            "Đề nghị UBND thành phố chỉ đạo Văn phòng Đăng ký đất đai sớm giải quyết hồ sơ cấp giấy chứng nhận "
            "quyền sử dụng đất của hộ ông Hoàng Văn Minh, tổ dân phố 3.",
        )  # fmt: skip
        store.settle_history()  # u in the sample undoes her own edits, never the sample itself
    return folder


def _petitions(store: MeetingStore, start: datetime, people, officials, writers, seg: list[int]) -> None:
    day = start.date()
    chair = people["chutich"]
    drain = store.add_petition(
        "Cống thoát nước ở đầu kiệt bị tắc, mỗi khi mưa lớn nước tràn vào nhà dân; đề nghị phường sớm nạo vét.",
        raised_by=people["dan1"], field=Field.ENVIRONMENT, segment_ids=[seg[1]],
    )  # fmt: skip
    store.set_outcome(drain.id, Outcome(
        OutcomeKind.PROMISED, answer="Phường cử cán bộ kiểm tra và nạo vét cống.", answered_by=chair,
        responsible="Công chức Địa chính - Xây dựng", deadline=day + timedelta(days=30), segment_ids=(seg[2],),
    ))  # fmt: skip
    playground = store.add_petition(
        "Sân chơi cho trẻ em của tổ dân phố 4 đã xuống cấp; đề nghị phường sửa chữa.",
        raised_by=people["dan2"], field=Field.CULTURE, segment_ids=[seg[3]],
    )  # fmt: skip
    store.set_outcome(playground.id, Outcome(
        OutcomeKind.ANSWERED, answer="Phường đã bố trí kinh phí trong năm nay; tháng sau khởi công sửa chữa.",
        answered_by=chair, segment_ids=(seg[4],),
    ))  # fmt: skip
    land = store.add_petition(
        "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa đất gia đình sử dụng ổn định từ năm 1990.",
        raised_by=writers[0], field=Field.LAND,
    )  # fmt: skip
    store.update_petition(land.id, channel=Channel.WRITTEN, authority=Authority.HIGHER)
    store.set_outcome(land.id, Outcome(
        OutcomeKind.TRANSFERRED, answer="Hồ sơ thuộc thẩm quyền cấp thành phố; phường hướng dẫn và chuyển hồ sơ.",
        answered_by=officials["Công chức Địa chính - Xây dựng"], agency="Văn phòng Đăng ký đất đai thành phố Huế",
        deadline=day + timedelta(days=45), notify=True,
    ))  # fmt: skip
    noise = store.add_petition(
        "Tôi là Võ Thị Tố, phản ánh quán karaoke ở kiệt 12, tổ dân phố 4 hát sau 23 giờ gây mất trật tự.",
        raised_by=writers[1], field=Field.SECURITY,
    )  # fmt: skip
    store.update_petition(noise.id, channel=Channel.WRITTEN)
    store.set_outcome(noise.id, Outcome(
        OutcomeKind.PROMISED, answer="Công an phường kiểm tra, xử lý theo quy định.",
        answered_by=officials["Trưởng Công an phường"], responsible="Công an phường",
        deadline=day + timedelta(days=15),
    ))  # fmt: skip
    pension = store.add_petition(
        "Hỏi về chế độ hưu trí của cá nhân khi chuyển công tác từ tỉnh khác về.",
        raised_by=people["dan1"], field=Field.SOCIETY,
    )  # fmt: skip
    store.set_outcome(pension.id, Outcome(
        OutcomeKind.OFF_TOPIC, answer="Không thuộc nội dung hội nghị; phường sẽ trả lời bằng văn bản.",
        responsible="Công chức Văn hóa - Xã hội", deadline=day + timedelta(days=15),
    ))  # fmt: skip
