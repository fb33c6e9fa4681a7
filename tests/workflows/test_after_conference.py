"""Issue 14 in the application layer: classification, the counts, follow-up updates and the register."""

from __future__ import annotations

import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from minutes_tui import texts
from minutes_tui.meeting import Field, MeetingStore, Status, read_meeting
from minutes_tui.meeting.errors import StoreError
from minutes_tui.meeting.model import DEFAULT_FIELDS, Authority, Channel
from minutes_tui.meeting.tally import PENDING, tally
from minutes_tui.workflows import followup_updates as up
from minutes_tui.workflows.classify import classify, field_by_key, parse_attendance, set_attendance, ward_fields
from minutes_tui.workflows.followups import FollowUpFilter, collect
from minutes_tui.workflows.register_xlsx import write_register_xlsx
from minutes_tui.workflows.sample import SAMPLE_ATTENDANCE, create_sample_meeting

NOW = datetime(2026, 12, 2, 9, 0)
MEETING_DAY = date(2026, 12, 1)


@pytest.fixture
def sample(tmp_path) -> Path:
    return create_sample_meeting(tmp_path / "meetings", NOW)


def test_the_sample_has_every_outcome_and_known_counts(sample):
    record = read_meeting(sample)
    t = tally(record)
    kinds = {p.outcome.kind.value for p in record.petitions if p.outcome}
    assert kinds == {"answered", "promised", "transferred", "off_topic"}
    assert record.meeting.audio_file and (sample / record.meeting.audio_file).is_file()
    # two residents spoke once each; five opinions, two of them handed in writing
    assert (t.turns, t.opinions, t.written) == (2, 5, 2)
    assert (t.within_ward, t.higher) == (4, 1)
    assert (t.answered, t.recorded, t.pending, t.closed) == (1, 4, 0, 0)
    assert t.by_field[Field.SECURITY]["promised"] == 1 and t.column_total("promised") == 2
    assert t.column_total(PENDING) == 0
    assert record.meeting.attendance == SAMPLE_ATTENDANCE


def test_turns_count_runs_of_one_resident_not_segments(tmp_path):
    from store_samples import MEETING

    with MeetingStore.create(tmp_path / "m", MEETING) as store:
        resident = store.add_participant("Lê Văn Sơn", "Nhân dân", "Tổ dân phố 2")
        chair = store.add_participant("Trần Văn Bình", "Chủ tịch UBND phường")
        for i, who in enumerate([resident, resident, chair, resident, None, resident]):
            store.add_segment(i, i + 0.9, f"đoạn {i}", speaker_id=who.id if who else None)
        assert tally(store.load()).turns == 3  # (0,1), (3), (5): the untagged one between does not join them


def test_classify_is_one_undoable_edit_and_authority_can_be_left_to_the_outcome(sample):
    with MeetingStore.open(sample) as store:
        petition = store.load().petitions[0]
        changed = classify(store, petition.id, Field.INFRASTRUCTURE, Authority.HIGHER, Channel.WRITTEN)
        assert (changed.field, changed.authority, changed.channel) == (Field.INFRASTRUCTURE, Authority.HIGHER, Channel.WRITTEN)
        assert not changed.within_authority
        store.undo()
        back = store.petition(petition.id)
        assert (back.field, back.authority, back.channel) == (Field.ENVIRONMENT, None, Channel.SPOKEN)
        assert back.within_authority  # promised: the ward's own


def test_ward_field_list_default_and_own(tmp_path):
    fields = ward_fields(tmp_path)
    assert [f for f, _ in fields] == list(DEFAULT_FIELDS)
    assert fields[3][1] == "Hạ tầng – giao thông" and field_by_key(fields, "1") is Field.LAND
    assert field_by_key(fields, "0") is None
    (tmp_path / "linh-vuc.json").write_text('[["security", "An ninh"], ["land", "Đất đai, môi trường"]]', encoding="utf-8")
    assert ward_fields(tmp_path) == [(Field.SECURITY, "An ninh"), (Field.LAND, "Đất đai, môi trường")]


def test_attendance_parses_and_is_undoable(sample):
    assert parse_attendance("Người dân: 45; Tổ trưởng tổ dân phố: 12") == (("Người dân", 45), ("Tổ trưởng tổ dân phố", 12))
    with pytest.raises(ValueError):
        parse_attendance("Người dân 45")
    with MeetingStore.open(sample) as store:
        set_attendance(store, [("Người dân", 50)])
        assert store.meeting().attendance == (("Người dân", 50),)
        store.undo()
        assert store.meeting().attendance == SAMPLE_ATTENDANCE


def test_done_closes_a_follow_up_and_undo_brings_it_back(sample, tmp_path):
    root = sample.parent
    before, _ = collect(root, NOW.date())
    assert len(before) == 4
    up.mark_done(sample, 1, "Đã nạo vét xong cống", date(2026, 12, 10), "125/UBND-VP ngày 10/12/2026")
    after, _ = collect(root, NOW.date())
    assert len(after) == 3 and 1 not in {f.number for f in after}
    closed, _ = collect(root, NOW.date(), only=FollowUpFilter(include_closed=True))
    done = next(f for f in closed if f.number == 1)
    assert (done.status, done.result, done.done_on) == (Status.DONE, "Đã nạo vét xong cống", date(2026, 12, 10))
    history = MeetingStore.open(sample)
    try:
        assert history.history()[-1].action == "follow_up_done"
    finally:
        history.close()
    assert up.undo_follow_up(sample) == "follow_up_done"
    assert len(collect(root, NOW.date())[0]) == 4
    with pytest.raises(StoreError) as refused:  # the latest edit now is not a follow-up update
        up.undo_follow_up(sample)
    assert refused.value.code == "followup_nothing_to_undo"


def test_extend_pass_on_progress_and_bad_numbers(sample):
    new = MEETING_DAY + timedelta(days=60)
    p = up.extend(sample, 1, new, "Chờ kinh phí")
    assert p.outcome.deadline == new and p.outcome.extension_reason == "Chờ kinh phí"
    p = up.pass_on(sample, 5, "Bảo hiểm xã hội thành phố")
    assert p.outcome.passed_to == "Bảo hiểm xã hội thành phố" and p.outcome.status is Status.IN_PROGRESS
    assert up.mark_progress(sample, 4).outcome.status is Status.IN_PROGRESS
    items, _ = collect(sample.parent, NOW.date(), only=FollowUpFilter(responsible="bảo hiểm"))
    assert [i.number for i in items] == [5]
    with pytest.raises(StoreError) as e:
        up.mark_done(sample, 9, "x", NOW.date())
    assert e.value.code == "followup_no_number"
    with pytest.raises(StoreError):
        up.extend(sample, 1, new, "  ")


def test_filters(sample):
    today = MEETING_DAY + timedelta(days=20)  # the two 15-day items are overdue by then
    overdue, _ = collect(sample.parent, today, only=FollowUpFilter(overdue=True))
    assert sorted(i.number for i in overdue) == [4, 5]
    soon, _ = collect(sample.parent, today, only=FollowUpFilter(due_within=12))
    assert sorted(i.number for i in soon) == [1, 4, 5]
    land, _ = collect(sample.parent, today, only=FollowUpFilter(fields=(Field.LAND,)))
    assert [i.number for i in land] == [3]
    assert collect(sample.parent, today, only=FollowUpFilter(meetings=(sample / "elsewhere",)))[0] == []


def test_excel_register_has_the_so_tiep_cong_dan_columns_masks_names_and_is_owner_only(sample, tmp_path):
    items, _ = collect(sample.parent, NOW.date())
    path = write_register_xlsx(tmp_path / "so.xlsx", items, NOW.date())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    sheet = load_workbook(path).active
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=3)]
    assert tuple(rows[0]) == texts.REGISTER_XLSX_COLUMNS
    assert [r[0] for r in rows[1:]] == [1, 2, 3, 4]
    text = str(rows)
    assert "Võ Thị Tố" not in text and "Ẩn danh" in text
    assert "Văn phòng Đăng ký đất đai thành phố Huế" in text
    up.mark_done(sample, 1, "Đã nạo vét", NOW.date())
    items, _ = collect(sample.parent, NOW.date())
    sheet = load_workbook(write_register_xlsx(tmp_path / "so2.xlsx", items, NOW.date())).active
    assert sheet.max_row == 3 + 3
    everything, _ = collect(sample.parent, NOW.date(), only=FollowUpFilter(include_closed=True))
    sheet = load_workbook(write_register_xlsx(tmp_path / "so3.xlsx", everything, NOW.date())).active
    assert sheet.max_row == 3 + 4 and "Đã nạo vét" in str([c.value for r in sheet.iter_rows() for c in r])
