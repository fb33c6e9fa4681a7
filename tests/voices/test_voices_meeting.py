"""Voices in a meeting folder: voiceprints, suggestions from tagged segments, accepting them as
one undo step, forgetting a voice, and officials' voices kept across meetings only by consent."""

from __future__ import annotations

import csv
import os
import sqlite3
import stat

import numpy as np
import pytest
from recorder_audio import write_wav
from voice_clips import two_voices_in_one_segment

from minutes_tui.meeting import Meeting, MeetingStore
from minutes_tui.meeting.errors import StoreError
from minutes_tui.meeting.known_voices import KnownVoices
from minutes_tui.meeting.voiceprints import VOICES_FILE, Voiceprints
from minutes_tui.workflows.voices import (
    confident_assignments,
    embed_missing,
    forget_voice,
    inside_splits,
    speaker_changes,
    suggest_speakers,
)

SPEAKERS = ("s02", "s03", "s05")


@pytest.fixture(scope="module")
def meeting_audio(eval_dir):
    """Four clips of each of three speakers, interleaved, with 1 s pauses; their spans."""
    from bienban_base.audio import load_audio

    src = eval_dir / "speakers_dev"
    with open(src / "speakers.tsv", encoding="utf-8") as f:
        table = list(csv.DictReader(f, delimiter="\t"))
    clips = {sp: [r["path"] for r in table if r["speaker"] == sp] for sp in SPEAKERS}
    pieces, spans, t = [], [], 0.0
    for k in range(4):
        for sp in SPEAKERS:
            a = load_audio(src / clips[sp][k])
            pieces += [a, np.zeros(16000, np.float32)]
            spans.append((sp, t, t + len(a) / 16000))
            t += len(a) / 16000 + 1.0
    return np.concatenate(pieces), spans


@pytest.fixture
def meeting(tmp_path, meeting_audio, real_encoder):
    audio, spans = meeting_audio
    store = MeetingStore.create(tmp_path / "m", Meeting(title="Hội nghị đối thoại"))
    people = {sp: store.add_participant(f"Người {sp}", role="Cán bộ" if sp == "s02" else "") for sp in SPEAKERS}
    truth = {}
    for sp, a, b in spans:
        truth[store.add_segment(a, b, "…").id] = people[sp].id
    prints = Voiceprints(store.folder)
    embed_missing(store.load(), prints, real_encoder, lambda a, b: audio[int(a * 16000) : int(b * 16000)])
    yield store, prints, people, truth
    prints.close()
    store.close()


def _tag_first_two(store, truth):
    seen = {}
    for segment_id, pid in truth.items():
        if seen.get(pid, 0) < 2:
            store.set_speaker(segment_id, pid)
            seen[pid] = seen.get(pid, 0) + 1


def test_voiceprints_file_is_owner_only(meeting):
    store, prints, _, _ = meeting
    assert stat.S_IMODE(os.stat(store.folder / VOICES_FILE).st_mode) == 0o600


def test_no_suggestion_before_two_tagged_segments(meeting):
    store, prints, _, truth = meeting
    first = next(iter(truth))
    store.set_speaker(first, truth[first])
    assert all(s.participant_id is None for s in suggest_speakers(store.load(), prints).values())


def test_suggests_the_right_speakers_after_two_tagged_segments(meeting):
    store, prints, _, truth = meeting
    _tag_first_two(store, truth)
    suggestions = suggest_speakers(store.load(), prints)
    assert len(suggestions) == 6  # 12 segments, 6 tagged
    made = [s for s in suggestions.values() if s.participant_id is not None]
    assert len(made) >= 4
    assert all(s.participant_id == truth[s.segment_id] for s in made)


def test_accept_all_confident_is_one_undo_step(meeting):
    from minutes_tui.workflows.draft import MinutesDraft

    store, prints, _, truth = meeting
    _tag_first_two(store, truth)
    assignments = confident_assignments(suggest_speakers(store.load(), prints))
    raised_in = next(iter(assignments))
    petition = store.add_petition("Kiến nghị nêu trong đoạn chưa có tên", raised_by=None, segment_ids=[raised_in])
    MinutesDraft(store).set_speakers(assignments)
    assert all(store.segment(i).speaker_id == p for i, p in assignments.items())
    assert store.petition(petition.id).raised_by == assignments[raised_in]  # as if named with one key
    store.undo()
    assert all(store.segment(i).speaker_id is None for i in assignments)
    assert store.petition(petition.id).raised_by is None
    assert store.segment(next(iter(truth))).speaker_id is not None  # the hand tags stay


def test_forgetting_a_voice_erases_it_and_never_suggests_her(meeting):
    store, prints, people, truth = meeting
    _tag_first_two(store, truth)
    victim = people["s03"].id
    forget_voice(store.load(), prints, victim)
    record = store.load()
    tagged = [s.id for s in record.segments if s.speaker_id == victim]
    spans = {s.id: (s.start, s.end) for s in record.segments}
    assert not set(tagged) & set(prints.samples(spans))
    assert all(s.nearest_id != victim for s in suggest_speakers(record, prints).values())
    # a segment tagged with her later loses its voiceprint too
    later = next(i for i, p in truth.items() if p == victim and i not in tagged)
    store.set_speaker(later, victim)
    suggest_speakers(store.load(), prints)
    assert later not in prints.samples(spans)
    # and nothing of hers is left in the file's bytes (secure_delete)
    with sqlite3.connect(prints.path) as conn:
        assert (
            conn.execute(
                "SELECT count(*) FROM voiceprints WHERE segment_id IN ({})".format(",".join(map(str, tagged + [later])))
            ).fetchone()[0]
            == 0
        )


def test_an_officials_voice_kept_by_consent_serves_the_next_meeting(meeting, tmp_path, meeting_audio, real_encoder):
    store, prints, people, truth = meeting
    _tag_first_two(store, truth)
    known = KnownVoices(tmp_path / "known.sqlite")
    record = store.load()
    from voices.profiles import build_profile

    spans = {s.id: (s.start, s.end) for s in record.segments}
    samples = prints.samples(spans)
    official = people["s02"]
    profile = build_profile(str(official.id), [samples[s.id] for s in record.segments if s.speaker_id == official.id])
    known.keep(official, profile)
    assert stat.S_IMODE(os.stat(known.path).st_mode) == 0o600
    assert known.names() == [(official.name, official.role)]

    # Next meeting: same official, nobody tagged yet.
    audio, _ = meeting_audio
    nxt = MeetingStore.create(tmp_path / "next", Meeting(title="Hội nghị lần sau"))
    again = nxt.add_participant(official.name, role=official.role)
    for i in truth:
        seg = store.segment(i)
        nxt.add_segment(seg.start, seg.end, "…")
    with Voiceprints(nxt.folder) as prints2:
        embed_missing(nxt.load(), prints2, real_encoder, lambda a, b: audio[int(a * 16000) : int(b * 16000)])
        made = [s for s in suggest_speakers(nxt.load(), prints2, known).values() if s.participant_id is not None]
        assert made and all(s.participant_id == again.id for s in made)
        truth_next = {s.id: truth[old] for s, old in zip(nxt.load().segments, truth)}
        assert all(truth_next[s.segment_id] == official.id for s in made)
    nxt.close()
    known.close()


def test_residents_voices_stay_in_their_meeting_and_anonymous_ones_are_refused(meeting, tmp_path):
    store, prints, people, truth = meeting
    known = KnownVoices(tmp_path / "known.sqlite")
    from voices.profiles import VoiceProfile

    profile = VoiceProfile("x", np.ones(256, np.float32) / 16, 2, 5.0)
    anonymous = store.update_participant(people["s05"].id, anonymous=True)
    with pytest.raises(StoreError) as info:
        known.keep(anonymous, profile)
    assert info.value.code == "voice_keep_anonymous"
    for resident in (people["s03"], store.update_participant(people["s02"].id, group="Tổ dân phố 2")):
        with pytest.raises(StoreError) as info:  # no office, or a residential group: a resident
            known.keep(resident, profile)
        assert info.value.code == "voice_keep_resident"
    assert known.names() == []
    # suggestions never write anything outside the meeting folder
    _tag_first_two(store, truth)
    suggest_speakers(store.load(), prints, known)
    assert known.names() == []
    known.close()


def test_speaker_changes_between_interleaved_speakers(meeting):
    store, prints, _, truth = meeting
    changes = speaker_changes(store.load(), prints)
    starts = [store.segment(i).start for i in list(truth)[1:]]  # every segment starts a new voice
    hits = sum(any(abs(c.at - s) <= 1.0 for c in changes) for s in starts)
    assert hits >= 0.7 * len(starts)
    assert len(changes) <= len(starts) + 1


def _cli_meeting(folder, meeting_audio):
    """The fixture's meeting as a folder the commands open: its recording, one participant per
    speaker (s02 the chairman), nothing tagged yet. ``(store, folder, people, spans)``."""
    audio, spans = meeting_audio
    store = MeetingStore.create(folder, Meeting(title="Hội nghị"))
    write_wav(folder / "meeting.wav", audio)
    store.set_audio_file("meeting.wav")
    people = {sp: store.add_participant(f"Người {sp}", role="Chủ tịch" if sp == "s02" else "") for sp in SPEAKERS}
    return store, folder, people, spans


def test_voices_commands_suggest_accept_keep_and_forget(tmp_path, meeting_audio, monkeypatch, capsys):
    from minutes_tui.cli import main

    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path / "data"))
    store, folder, people, spans = _cli_meeting(tmp_path / "cli", meeting_audio)
    truth = {store.add_segment(a, b, "…").id: people[sp].id for sp, a, b in spans}
    _tag_first_two(store, truth)
    store.close()

    assert main(["voices", "suggest", str(folder), "--accept"]) == 0
    out = capsys.readouterr()
    assert "Đã gán người nói" in out.err
    with MeetingStore.open(folder) as st:
        assigned = {s.id: s.speaker_id for s in st.load().segments if s.speaker_id is not None}
    assert len(assigned) > 6 and all(truth[i] == p for i, p in assigned.items())

    chair = people["s02"].id
    assert main(["voices", "keep", str(folder), str(chair)]) == 0
    assert KnownVoices().names() == [("Người s02", "Chủ tịch")]
    assert main(["voices", "forget", str(folder), str(chair)]) == 0
    assert KnownVoices().names() == []
    with Voiceprints(folder) as prints, MeetingStore.open(folder) as st:
        record = st.load()
        spans_now = {s.id: (s.start, s.end) for s in record.segments}
        assert not {s.id for s in record.segments if s.speaker_id == chair} & set(prints.samples(spans_now))
        assert chair in prints.forgotten()


def test_voices_suggest_without_audio_says_so(tmp_path, capsys):
    from minutes_tui.cli import main

    MeetingStore.create(tmp_path / "m", Meeting(title="x")).close()
    assert main(["voices", "suggest", str(tmp_path / "m")]) == 2
    assert "chưa có tệp ghi âm" in capsys.readouterr().err


def test_audio_cutter_reads_a_stretch_of_the_recorders_wav(tmp_path):
    import wave

    from minutes_tui.workflows.voices import audio_cutter

    ramp = (np.arange(48000) % 1000).astype("<i2")
    with wave.open(str(tmp_path / "audio.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(16000)
        w.writeframes(ramp.tobytes())
    got = audio_cutter(tmp_path / "audio.wav")(1.0, 1.5)
    np.testing.assert_array_equal(got, ramp[16000:24000].astype(np.float32) / 32768.0)


def test_a_voice_change_inside_a_segment_is_found_at_a_word(tmp_path, eval_dir, real_encoder):
    """Three clips of one speaker then three of another in ONE segment, among other speakers'
    segments: the split falls at the word where the second voice starts (within 1 s). The two are
    speakers_dev's most distinct pair (profile cosine 0.49); on average pairs the split is found
    less often (bench/speaker_splits.py, docs/benchmarks.md)."""
    store, audio, joined, change = two_voices_in_one_segment(tmp_path / "m", eval_dir, title="x", word="w")
    with Voiceprints(store.folder) as prints:
        embed_missing(store.load(), prints, real_encoder, lambda a, b: audio[int(a * 16000) : int(b * 16000)])
        record = store.load()
        inside = [c for c in speaker_changes(record, prints) if c.inside]
        # what the screens use: the same splits, per segment, each judged once while the meeting
        # has grown less than twice since
        judged = inside_splits(record, prints)
        assert joined == record.segments[2].id
        assert {i: at for i, (at, _) in judged.items() if at is not None} == {joined: inside[0].at}
        assert {n for _, n in judged.values()} == {5}
        stale = {i: (123.0, 3) for i in judged}  # judged when the meeting had 3 segments: 5 < 6, kept
        assert inside_splits(record, prints, stale) == stale
        older = {i: (123.0, 2) for i in judged}  # judged at 2 segments: 5 >= 4, judged again
        assert inside_splits(record, prints, older) == judged
    store.close()
    assert len(inside) == 1 and abs(inside[0].at - change) <= 1.0


def test_the_cutter_follows_the_journal_when_the_recording_stops(tmp_path):
    """Live, voices are cut from the journal being written; when the recording stops it is renamed to the
    meeting's audio file, and a cut made after that must still read the same samples."""
    import wave

    from minutes_tui.workflows.voices import audio_cutter
    from recorder import audio_path, journal_path

    samples = (np.sin(np.arange(32000) / 10) * 12000).astype("<i2")
    journal = journal_path(tmp_path)
    with wave.open(str(journal), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(16000)
        w.writeframes(samples.tobytes())
    cut = audio_cutter(journal)
    before = cut(0.5, 1.0)
    journal.rename(audio_path(tmp_path))  # the recorder finishes the file
    np.testing.assert_array_equal(cut(0.5, 1.0), before)
    np.testing.assert_array_equal(audio_cutter(journal)(0.5, 1.0), before)  # a worker started just before the rename


def test_voices_list_gives_the_numbers_and_keep_forget_take_a_name(tmp_path, meeting_audio, monkeypatch, capsys):
    """`keep` and `forget` take a participant's number: `voices list` shows them, with what is
    known of each voice; a name (any letter case) works too, an unknown or shared one is refused."""
    from minutes_tui.cli import main

    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path / "data"))
    store, folder, people, spans = _cli_meeting(tmp_path / "cli", meeting_audio)
    twin = store.add_participant("Người s05", role="Tổ trưởng")  # same name as another participant
    truth = {store.add_segment(a, b, "…").id: people[sp].id for sp, a, b in spans}
    _tag_first_two(store, truth)
    store.close()

    assert main(["voices", "list", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[0] == "Số" and len(lines) == 1 + 4
    rows = {int(line.split("\t")[0]): line.split("\t") for line in lines[1:]}
    chair = people["s02"].id
    assert rows[chair][1:4] == ["Người s02", "Chủ tịch", "2"]
    assert rows[chair][4] == "chưa nghe được giọng" and rows[chair][5] == "chưa lưu"  # nothing embedded yet

    assert main(["voices", "suggest", str(folder)]) == 0  # embeds the segments
    capsys.readouterr()
    assert main(["voices", "keep", str(folder), "  người S02 "]) == 0
    assert KnownVoices().names() == [("Người s02", "Chủ tịch")]
    assert main(["voices", "list", str(folder)]) == 0
    rows = {int(line.split("\t")[0]): line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows[chair][4].startswith("đủ để gợi ý (2 đoạn,") and rows[chair][5] == "đã lưu"
    assert rows[twin.id][3:] == ["0", "chưa nghe được giọng", "chưa lưu"]

    assert main(["voices", "forget", str(folder), "Người s05"]) == 2  # two participants answer to it
    assert "số 3, 4" in capsys.readouterr().err
    assert main(["voices", "forget", str(folder), "Bà Không Có"]) == 2
    assert "bienban voices list" in capsys.readouterr().err
    assert main(["voices", "forget", str(folder), "99"]) == 2
    assert "số 99" in capsys.readouterr().err
    assert main(["voices", "forget", str(folder), str(people["s05"].id)]) == 0
    assert main(["voices", "forget", str(folder), "người s02"]) == 0
    assert KnownVoices().names() == []
    capsys.readouterr()
    assert main(["voices", "list", str(folder)]) == 0
    rows = {int(line.split("\t")[0]): line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows[chair][4:] == ["đã xoá", "chưa lưu"] and rows[people["s05"].id][4] == "đã xoá"
    assert rows[people["s03"].id][4].startswith("đủ để gợi ý")
