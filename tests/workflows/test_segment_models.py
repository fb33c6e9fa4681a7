"""Every path that writes a segment's text records the model that wrote it (issue 25): an import, its
resume, a re-transcription (the new segments and the text offered beside a hand edit)."""

from __future__ import annotations

import pytest
from fakes import CannedRecogniser

from minutes_tui.meeting import MeetingStore, read_meeting
from minutes_tui.workflows.config import demo_recording
from minutes_tui.workflows.demo import demo_script
from minutes_tui.workflows.importing import create_imported_meeting, transcribe_imported, unfinished_import
from minutes_tui.workflows.retranscription import retranscribe
from transcribe.decoding import DecodeOptions


def _canned(name: str) -> CannedRecogniser:
    recogniser = CannedRecogniser([t["text"] for t in demo_script()["turns"]])
    recogniser.name = name
    return recogniser


class _CutShort(CannedRecogniser):
    """Stores the first half of the turns, then stops as Ctrl+C would."""

    def decode_long(self, source, options=DecodeOptions(), **how):
        sink = how["sink"]

        def half(segments, done_s):
            cut = segments[len(segments) // 2].start
            sink([s for s in segments if s.start < cut], cut)
            raise KeyboardInterrupt

        return super().decode_long(source, options, **{**how, "sink": half})


def test_a_resumed_import_records_which_model_wrote_each_part(tmp_path):
    made = create_imported_meeting(demo_recording(), tmp_path, "Đối thoại")
    first = _CutShort([t["text"] for t in demo_script()["turns"]])
    first.name = "base"
    with MeetingStore.open(made.folder) as store, pytest.raises(KeyboardInterrupt):
        transcribe_imported(store, first)
    assert unfinished_import(made.folder)
    with MeetingStore.open(made.folder) as store:
        transcribe_imported(store, _canned("base-vi"))  # bienban import --resume, with the new model
    models = [s.model for s in read_meeting(made.folder).segments]
    assert models == sorted(models) and set(models) == {"base", "base-vi"}  # the first part by base, the rest by base-vi


def test_a_re_transcription_records_its_model_beside_her_hand_edit(tmp_path):
    made = create_imported_meeting(demo_recording(), tmp_path, "Đối thoại")
    with MeetingStore.open(made.folder) as store:
        transcribe_imported(store, _canned("base"))
        assert {s.model for s in store.load().segments} == {"base"}
        mine = store.load().segments[1]
        store.edit_text(mine.id, "Lời chị thư ký sửa tay.")
        result = retranscribe(store, _canned("base-vi"), vocabulary=False)
    kept = next(s for s in result.segments if s.id == mine.id)
    assert (kept.text, kept.model, kept.proposed_model) == ("Lời chị thư ký sửa tay.", "base", "base-vi")
    assert kept.proposed_text
    assert {s.model for s in result.segments if s.id != mine.id} == {"base-vi"}
