"""``bienban retranscribe``: the whole recording decoded again, the secretary's work kept."""

from __future__ import annotations

import wave

import numpy as np
import pytest

from bienban_base.audio import SAMPLE_RATE, load_audio
from minutes_tui.cli import main
from minutes_tui.meeting.model import Meeting
from minutes_tui.meeting.store import MeetingStore
from transcribe.evaluate import read_transcripts

pytestmark = pytest.mark.model


@pytest.fixture
def meeting(tmp_path, eval_dir):
    """A meeting whose live transcript has speakers, tags, a petition link and one hand edit."""
    rows = read_transcripts(eval_dir / "fosd_dev")[:3]
    gap = np.zeros(int(1.5 * SAMPLE_RATE), np.float32)
    parts, spans, pos = [gap], [], gap.size
    for name, ref in rows:
        clip = load_audio(eval_dir / "fosd_dev" / name)
        spans.append((pos / SAMPLE_RATE, (pos + clip.size) / SAMPLE_RATE, ref))
        parts += [clip, gap]
        pos += clip.size + gap.size
    with wave.open(str(tmp_path / "meeting.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SAMPLE_RATE)
        w.writeframes((np.concatenate(parts) * 32767).astype("<i2").tobytes())
    with MeetingStore.create(tmp_path, Meeting(title="Hội nghị thử")) as store:
        store.set_audio_file("meeting.wav")
        a, b = store.add_participant("Phạm Văn Tư"), store.add_participant("Hoàng Thị Mai")
        segs = [store.add_segment(s, e, "bản nháp trực tiếp") for s, e, _ in spans]
        store.set_speaker([segs[0].id, segs[2].id], a.id)
        store.set_speaker(segs[1].id, b.id)
        store.tag(segs[0].id, "question")
        store.tag(segs[2].id, "promise")
        store.edit_text(segs[1].id, "Chị Mai sửa câu này bằng tay.")
        store.add_petition("Sửa đường kiệt", a.id, segment_ids=[segs[0].id])
    return tmp_path, spans, (a.id, b.id)


@pytest.mark.parametrize("mode", ["batched", "utterances"])
def test_retranscribe_keeps_speakers_tags_links_and_hand_edits(meeting, mode):
    folder, spans, (a, b) = meeting
    assert main(["retranscribe", str(folder), "--mode", mode]) == 0
    with MeetingStore.open(folder) as store:
        record = store.load()
    segs = record.segments
    edited = [s for s in segs if s.edited]
    assert [s.text for s in edited] == ["Chị Mai sửa câu này bằng tay."]
    assert edited[0].speaker_id == b
    fresh = [s for s in segs if not s.edited]
    assert fresh and any(s.text != "bản nháp trực tiếp" for s in fresh)
    first = [s for s in fresh if s.start < spans[0][1]]
    last = [s for s in fresh if s.end > spans[2][0]]
    assert first and all(s.speaker_id == a for s in first) and all(s.speaker_id == a for s in last)
    # no tag is ever lost: where the new decoding heard nothing the tagged live segment stays
    assert any("question" in s.tags for s in first) and any("promise" in s.tags for s in last)
    petition = record.petitions[0]
    assert {s.id for s in first} & set(petition.segment_ids)


def test_the_new_text_is_offered_beside_a_hand_edit(meeting, transcriber):
    """Decoded without the temperature fallback (it samples at random), so the result never depends on chance."""
    from dataclasses import replace

    from minutes_tui.workflows.retranscription import retranscribe
    from transcribe.decoding import DecodeOptions

    folder, _spans, _people = meeting
    with MeetingStore.open(folder) as store:
        result = retranscribe(
            store, transcriber, "utterances", vocabulary=False, options=replace(DecodeOptions(), temperature=(0.0,))
        )
    (edited,) = [s for s in result.segments if s.edited]
    assert result.kept_edits == 1 and edited.text == "Chị Mai sửa câu này bằng tay."
    assert edited.proposed_text and edited.proposed_text != "bản nháp trực tiếp"


def test_retranscribe_without_audio_says_so(tmp_path, capsys):
    MeetingStore.create(tmp_path, Meeting(title="Không có âm thanh")).close()
    assert main(["retranscribe", str(tmp_path)]) == 2
    assert "chưa có tệp ghi âm" in capsys.readouterr().err
