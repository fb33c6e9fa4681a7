"""The meeting store: everything the minutes need is representable, edits are undoable, errors are coded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from store_samples import MEETING

from minutes_tui import texts
from minutes_tui.meeting import Field, MeetingStore, Outcome, OutcomeKind, SegmentWord, Status, Tag, read_meeting
from minutes_tui.meeting.errors import StoreError


def _words(start: float, text: str) -> list[SegmentWord]:
    return [SegmentWord(start + i, start + i + 1, " " + w, 0.8) for i, w in enumerate(text.split())]


def test_everything_the_minutes_need_survives_reopening(store):
    folder = store.folder
    store.update_meeting(
        co_chair="Lê Văn Bình",
        co_chair_title="Chủ tịch UBMTTQ phường",
        actual_start=datetime(2026, 3, 7, 8, 10),
        actual_end=datetime(2026, 3, 7, 11, 5),
        report_summary="Tình hình kinh tế - xã hội ổn định.",
        recipients=("UBND thị xã", "Đảng ủy phường"),
    )
    chair = store.add_participant("Nguyễn Văn Hùng", role="Chủ tịch UBND phường")
    resident = store.add_participant("Phạm Thị Hoa", group="Tổ dân phố 3", anonymous=True)
    q = store.add_segment(10.0, 14.0, "đề nghị phường xử lý việc lấn chiếm đất", 0.7, _words(10, "đề nghị phường xử lý"))
    a = store.add_segment(14.0, 18.0, "phường sẽ kiểm tra trong tháng này", 0.8)
    store.set_speaker(q.id, resident.id)
    store.set_speaker(a.id, chair.id)
    store.tag(q.id, Tag.QUESTION)
    petition = store.add_petition("Lấn chiếm đất công ở tổ 3", raised_by=resident.id, field=Field.LAND, segment_ids=[q.id])
    store.set_outcome(
        petition.id,
        Outcome(
            OutcomeKind.PROMISED,
            answer="Kiểm tra, xử lý",
            answered_by=chair.id,
            responsible="Công chức Địa chính",
            segment_ids=(a.id,),
        ),
    )
    transfer = store.add_petition("Cấp giấy chứng nhận quyền sử dụng đất", field=Field.LAND)
    store.set_outcome(
        transfer.id,
        Outcome(
            OutcomeKind.TRANSFERRED, agency="Chi nhánh Văn phòng đăng ký đất đai thị xã", deadline=date(2026, 5, 1), notify=True
        ),
    )
    store.add_note("Bà Hoa đề nghị giữ kín danh tính", time=12.0)
    store.close()

    record = read_meeting(folder)
    m = record.meeting
    assert (m.number, m.parent_body, m.co_chair, m.agenda) == (
        "15/BB-UBND",
        "UBND thị xã Hương Thủy",
        "Lê Văn Bình",
        MEETING.agenda,
    )
    assert m.actual_end == datetime(2026, 3, 7, 11, 5) and m.recipients == ("UBND thị xã", "Đảng ủy phường")
    assert record.participant(resident.id).anonymous and record.participant(resident.id).group == "Tổ dân phố 3"
    seg = record.segments[0]
    assert seg.words == tuple(_words(10, "đề nghị phường xử lý")) and seg.confidence == 0.7 and seg.tags == ("question",)
    promised, transferred = record.petitions
    assert promised.segment_ids == (q.id,) and promised.field is Field.LAND
    # a promise without a deadline gets the longest the plan allows: the meeting date + 30 days
    assert promised.outcome.deadline == date(2026, 4, 6) and promised.outcome.segment_ids == (a.id,)
    assert promised.outcome.status is Status.OPEN and promised.outcome.within_authority
    assert not transferred.outcome.within_authority and transferred.outcome.notify
    assert [p.id for p in record.follow_ups()] == [promised.id, transferred.id]
    assert record.notes[0].time == 12.0


def test_the_original_text_is_always_recoverable(store):
    seg = store.add_segment(0, 3, "xin chào bà con tổ dân phố", 0.6, _words(0, "xin chào bà con tổ dân phố"))
    edited = store.edit_text(seg.id, "Xin chào bà con Tổ dân phố 5")
    assert edited.edited and edited.original_text == "xin chào bà con tổ dân phố"
    first, second = store.split_segment(seg.id, 16)
    assert (first.text, second.text) == ("Xin chào bà con", "Tổ dân phố 5")
    assert f"{first.original_text} {second.original_text}" == "xin chào bà con tổ dân phố"
    merged = store.merge_segments(second.id, first.id)
    assert merged.id == first.id and merged.text == "Xin chào bà con Tổ dân phố 5"
    assert store.restore_original(merged.id).text == "xin chào bà con tổ dân phố"
    assert not store.segment(merged.id).edited


def test_split_of_recogniser_text_cuts_at_the_word_time(store):
    seg = store.add_segment(0, 4, "một hai ba bốn", 0.9, _words(0, "một hai ba bốn"))
    first, second = store.split_segment(seg.id, len("một hai "))
    assert (first.end, second.start) == (2, 2)
    assert [w.text for w in second.words] == [" ba", " bốn"]
    with pytest.raises(StoreError) as err:
        store.split_segment(seg.id, 0)
    assert "Không tách được" in texts.user_message(err.value)


def test_merge_and_split_keep_petition_links(store):
    a = store.add_segment(0, 2, "đường ngập nước")
    b = store.add_segment(2, 4, "mỗi khi mưa to")
    petition = store.add_petition("Đường ngập", segment_ids=[b.id])
    store.merge_segments(a.id, b.id)
    assert store.load().petitions[0].segment_ids == (a.id,)
    _, tail = store.split_segment(a.id, 5)
    assert store.load().petitions[0].segment_ids == (a.id, tail.id)
    store.undo()
    store.undo()
    assert store.load().petitions[0].segment_ids == (b.id,)
    assert petition.id == store.load().petitions[0].id


def test_undo_redo_and_history(store):
    seg = store.add_segment(0, 1, "ý kiến")
    store.edit_text(seg.id, "Ý kiến thứ nhất")
    store.tag(seg.id, "question")
    assert store.undo().action == "tag"
    assert store.segment(seg.id).tags == ()
    assert store.redo().action == "tag"
    assert store.undo() and store.undo()
    assert store.segment(seg.id).text == "ý kiến"
    assert store.undo() is None  # the recogniser's segment is not the secretary's edit
    store.redo()
    store.edit_text(seg.id, "Ý kiến khác")  # a new edit drops what could be redone
    assert not store.can_redo()
    history = store.history()
    assert [h.action for h in history] == ["edit_text", "tag", "edit_text"]
    assert [h.undone for h in history] == [False, True, False]


def test_an_edit_that_changes_nothing_leaves_no_trace(store):
    seg = store.add_segment(0, 1, "ý kiến")
    store.edit_text(seg.id, "ý kiến")
    store.tag(seg.id, "x", on=False)
    assert store.history() == [] and not store.can_undo()


def test_undo_survives_a_restart(store):
    folder = store.folder
    p = store.add_participant("Lê Thị Mai")
    store.update_participant(p.id, anonymous=True)
    store.close()
    with MeetingStore.open(folder) as again:
        again.undo()
        assert not again.participant(p.id).anonymous


def test_unknown_ids_and_fields_are_clear_errors(store):
    for call, word in [
        (lambda: store.edit_text(99, "x"), "đoạn số 99"),
        (lambda: store.set_speaker(store.add_segment(0, 1, "a").id, 7), "người tham dự số 7"),
        (lambda: store.set_outcome(5, None), "kiến nghị số 5"),
        (lambda: store.update_meeting(colour="red"), "colour"),
    ]:
        with pytest.raises(StoreError) as err:
            call()
        assert word in texts.user_message(err.value)


def test_one_writer_at_a_time_but_readers_welcome(store):
    store.add_segment(0, 1, "đang họp")
    with pytest.raises(StoreError) as err:
        MeetingStore.open(store.folder)
    assert err.value.code == "store_locked"
    assert "đang được mở ở một chương trình khác" in texts.user_message(err.value)
    assert read_meeting(store.folder).segments[0].text == "đang họp"


def test_create_refuses_an_existing_meeting(store):
    with pytest.raises(StoreError) as err:
        MeetingStore.create(store.folder, MEETING)
    assert err.value.code == "store_exists"


def test_re_transcription_keeps_the_secretarys_work(store):
    from transcribe.decoding import RecognisedSegment as Recognised

    speaker = store.add_participant("Võ Văn Tâm", group="Tổ dân phố 1")
    live = [
        store.add_segment(0, 3, "kiến nghị về điện"),
        store.add_segment(3, 6, "chiếu sáng"),
        store.add_segment(6, 9, "cảm ơn"),
    ]
    store.set_speaker([live[0].id, live[1].id], speaker.id)
    store.tag(live[0].id, "question")
    store.edit_text(live[2].id, "Xin cảm ơn chủ tọa")
    petition = store.add_petition("Điện chiếu sáng", raised_by=speaker.id, segment_ids=[live[0].id, live[1].id])
    repass = [Recognised(0, 5.9, "Kiến nghị về điện chiếu sáng", -0.1, 0.0), Recognised(6.1, 9, "xin cảm ơn", -0.2, 0.0)]
    segments = store.replace_segments(repass, model="base")
    assert [s.text for s in segments] == ["Kiến nghị về điện chiếu sáng", "Xin cảm ơn chủ tọa"]
    new, kept = segments
    assert new.speaker_id == speaker.id and new.tags == ("question",)
    assert kept.id == live[2].id and kept.proposed_text == "xin cảm ơn"
    assert store.petition(petition.id).segment_ids == (new.id,)
    assert not store.can_undo()
    assert store.accept_proposed(kept.id).text == "xin cảm ơn"


def test_add_recognised_is_one_line(store):
    from transcribe.decoding import RecognisedSegment as Recognised
    from transcribe.decoding import Word as RecognisedWord

    seg = store.add_recognised(Recognised(1.0, 2.0, " xin chào", -0.5, 0.1, [RecognisedWord(1.0, 2.0, " xin", 0.7)]), "base")
    assert seg.text == seg.original_text == "xin chào"
    assert seg.words == (SegmentWord(1.0, 2.0, " xin", 0.7),) and seg.confidence == pytest.approx(0.6065, abs=1e-4)
    assert replace(store.segment(seg.id)) == seg


def test_the_meeting_package_loads_no_textual():
    import subprocess
    import sys

    code = "import sys, minutes_tui.workflows.followups, minutes_tui.meeting\nprint(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_the_recogniser_thread_and_the_secretary_share_the_store(store):
    import threading

    def recogniser():
        for i in range(100):
            store.add_segment(i, i + 1, f"r{i}")

    worker = threading.Thread(target=recogniser)
    worker.start()
    edits = 0
    while worker.is_alive() or edits == 0:
        segments = store.load().segments
        if segments:
            store.edit_text(segments[-1].id, f"sửa {edits}")
            edits += 1
    worker.join()
    assert len(store.load().segments) == 100 and len(store.history()) == edits


def test_a_new_meeting_is_readable_by_its_owner_only(store):
    import stat

    store.add_segment(0, 1, "tố cáo")
    for path in (store.folder, store.path, store.path.with_name("meeting.sqlite-wal")):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_any_folder_name_and_no_half_made_store(tmp_path):
    folder = tmp_path / "Hội nghị #5 ?tổ 3 100%"
    with MeetingStore.create(folder, MEETING) as store:
        store.add_segment(0, 1, "a")
    assert read_meeting(folder).segments[0].text == "a"
    broken = tmp_path / "broken"
    with pytest.raises(TypeError):
        MeetingStore.create(broken, replace(MEETING, agenda=object()))
    assert not (broken / "meeting.sqlite").exists()
    MeetingStore.create(broken, MEETING).close()


def test_retranscription_never_drops_a_tagged_segment_it_heard_nothing_in(store):
    """The new decoding found no speech over a tagged live segment: the segment and its tag stay."""
    from transcribe.decoding import RecognisedSegment as Recognised

    a = store.add_segment(1.0, 4.0, "câu một")
    b = store.add_segment(5.0, 8.0, "lời hứa nghe trực tiếp")
    store.tag(b.id, "promise")
    result = store.replace_segments([Recognised(1.0, 4.0, "câu một mới", -0.2, 0.01, [])], model="base")
    assert [s.text for s in result] == ["câu một mới", "lời hứa nghe trực tiếp"]
    assert "promise" in result[1].tags and a.id not in {s.id for s in result}
