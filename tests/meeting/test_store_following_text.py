"""Issue 17: a petition's text and its answer follow the corrected transcript until she writes them."""

from __future__ import annotations

import sqlite3

from store_samples import MEETING

from minutes_tui.meeting import MeetingStore, Outcome, OutcomeKind, read_meeting, schema


def test_petition_and_answer_follow_corrections_until_written(store):
    asked = store.add_segment(0, 3, "tụi là lẽ văn sơn cống tắc")
    answered = store.add_segment(3, 6, "phường sẽ lạo vét")
    p = store.add_petition(asked.text, segment_ids=[asked.id], text_follows=True)
    store.set_outcome(p.id, Outcome(OutcomeKind.PROMISED, segment_ids=(answered.id,), answer_follows=True))
    store.edit_text(asked.id, "Tôi là Lê Văn Sơn, cống bị tắc")
    store.edit_text(answered.id, "Phường sẽ nạo vét")
    p = store.petition(p.id)
    assert (p.text, p.outcome.answer) == ("Tôi là Lê Văn Sơn, cống bị tắc", "Phường sẽ nạo vét")
    assert read_meeting(store.folder).petitions[0].text == "Tôi là Lê Văn Sơn, cống bị tắc"
    store.update_petition(p.id, text="Cống kiệt 12 bị tắc")  # her own words stay hers
    store.edit_text(asked.id, "Tôi là Lê Văn Sơn")
    assert store.petition(p.id).text == "Cống kiệt 12 bị tắc" and not store.petition(p.id).text_follows
    store.undo()  # the correction, then her own words: the petition follows the segment again
    store.undo()
    assert store.petition(p.id).text == "Tôi là Lê Văn Sơn, cống bị tắc" and store.petition(p.id).text_follows


def test_a_version_4_store_follows_texts_that_were_copied(tmp_path):
    folder = tmp_path / "m"
    with MeetingStore.create(folder, MEETING) as store:
        copied = store.add_segment(0, 3, "máy viết")
        written = store.add_segment(3, 6, "máy viết nữa")
        store.add_petition("máy viết", segment_ids=[copied.id])
        store.add_petition("chị ấy tự viết", segment_ids=[written.id])
        store.edit_text(copied.id, "đã sửa")
    conn = sqlite3.connect(folder / "meeting.sqlite")
    conn.executescript(
        "ALTER TABLE petitions DROP COLUMN text_follows; ALTER TABLE petitions DROP COLUMN answer_follows;"
        "ALTER TABLE petitions DROP COLUMN conference_deadline;"
        "ALTER TABLE segments DROP COLUMN model; ALTER TABLE segments DROP COLUMN proposed_model;"
        "PRAGMA user_version = 4;"
    )
    conn.close()
    with MeetingStore.open(folder) as store:
        assert [p.text for p in store.petitions()] == ["đã sửa", "chị ấy tự viết"]
    assert schema.SCHEMA_VERSION >= 5  # later migrations add to it
