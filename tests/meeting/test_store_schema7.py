"""Schema 7 (issue 25): every segment records the model that wrote it, and a proposal its own."""

from __future__ import annotations

import sqlite3

from store_samples import MEETING

from minutes_tui.meeting import MeetingStore, read_meeting
from minutes_tui.meeting.schema import SCHEMA_VERSION, version
from transcribe.decoding import RecognisedSegment as Recognised


def test_a_version_6_meeting_upgrades_keeping_its_segments_with_no_model(tmp_path):
    folder = tmp_path / "m"
    with MeetingStore.create(folder, MEETING) as store:
        who = store.add_participant("Lê Văn Sơn", group="Tổ dân phố 2")
        seg = store.add_segment(0.0, 4.5, "cống bị tắc", 0.8, speaker_id=who.id)
        store.edit_text(seg.id, "Cống bị tắc.")
        store.tag(seg.id, "question")
    conn = sqlite3.connect(folder / "meeting.sqlite")
    conn.executescript(
        "ALTER TABLE segments DROP COLUMN model; ALTER TABLE segments DROP COLUMN proposed_model; PRAGMA user_version = 6;"
    )
    conn.close()
    with MeetingStore.open(folder) as store:
        assert store.can_undo()  # the history survives the upgrade
    conn = sqlite3.connect(folder / "meeting.sqlite")
    assert version(conn) == SCHEMA_VERSION >= 7
    assert conn.execute("SELECT model, proposed_model FROM segments").fetchall() == [(None, None)]
    conn.close()
    (kept,) = read_meeting(folder).segments
    assert (kept.text, kept.original_text, kept.speaker_id, kept.tags) == ("Cống bị tắc.", "cống bị tắc", who.id, ("question",))
    assert kept.model is None and kept.proposed_model is None


def test_a_segment_reads_back_with_its_model(store):
    seg = store.add_recognised(Recognised(0.0, 2.0, " xin chào", -0.3, 0.0), "base-vi")
    assert seg.model == "base-vi" and store.segment(seg.id).model == "base-vi"
    assert store.add_recognised_many([Recognised(2.0, 3.0, "bà con", -0.3, 0.0)], "base") == 1
    assert [s.model for s in store.load().segments] == ["base-vi", "base"]
    assert store.add_segment(3.0, 4.0, "gõ tay").model is None  # no model wrote it


def test_a_re_transcription_records_its_model_and_a_hand_edit_keeps_hers_until_she_accepts(store):
    plain = store.add_recognised(Recognised(0.0, 3.0, "kiến nghị về điện", -0.2, 0.0), "base")
    mine = store.add_recognised(Recognised(3.0, 6.0, "cảm ơn", -0.2, 0.0), "base")
    store.edit_text(mine.id, "Xin cảm ơn chủ tọa")
    new = [Recognised(0.0, 2.9, "Kiến nghị về điện", -0.1, 0.0), Recognised(3.1, 6.0, "xin cảm ơn", -0.1, 0.0)]
    fresh, kept = store.replace_segments(new, model="base-vi")
    assert fresh.id != plain.id and fresh.model == "base-vi" and fresh.proposed_model is None
    assert (kept.id, kept.text, kept.model) == (mine.id, "Xin cảm ơn chủ tọa", "base")
    assert (kept.proposed_text, kept.proposed_model) == ("xin cảm ơn", "base-vi")
    taken = store.accept_proposed(kept.id)
    assert (taken.text, taken.original_text, taken.model, taken.proposed_model) == ("xin cảm ơn", "xin cảm ơn", "base-vi", None)
    assert not taken.edited  # the new model's text now, no longer hers
    store.undo()
    assert store.segment(kept.id) == kept
    assert store.keep_own_text(kept.id).model == "base" and store.segment(kept.id).proposed_model is None


def test_a_merge_names_both_models_and_a_split_keeps_its_model(store):
    a = store.add_recognised(Recognised(0.0, 2.0, "một hai", -0.2, 0.0), "base")
    b = store.add_recognised(Recognised(2.0, 4.0, "ba bốn", -0.2, 0.0), "base-vi")
    merged = store.merge_segments(a.id, b.id)
    assert merged.model == "base + base-vi"
    first, second = store.split_segment(merged.id, len("một hai "))
    assert first.model == second.model == "base + base-vi"
    c = store.add_recognised(Recognised(5.0, 6.0, "năm sáu", -0.2, 0.0), "base-vi")
    d = store.add_recognised(Recognised(6.0, 7.0, "bảy", -0.2, 0.0), "base-vi")
    assert store.merge_segments(c.id, d.id).model == "base-vi"
