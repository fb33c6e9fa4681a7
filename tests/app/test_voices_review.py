"""Voice suggestions in review: shown dimmed, ``g`` accepts one, ``G`` accepts all confident ones
as one undo step, ``u`` takes them back. Real encoder, real human clips."""

from __future__ import annotations

import csv
import wave

import numpy as np
import pytest
from pilot_steps import open_review
from recorder_audio import write_wav
from voice_clips import two_voices_in_one_segment

from minutes_tui.meeting import Meeting, MeetingStore, read_meeting
from minutes_tui.widgets.transcript import TranscriptView

pytestmark = pytest.mark.anyio


def human_meeting(folder, eval_dir, speakers=("s02", "s03", "s05"), tagged=2):
    """Human voices (speakers_dev): four clips of each speaker, interleaved, a segment each, 1 s
    apart; the first ``tagged`` clips of each speaker already named. Returns the folder and
    every segment's true participant."""
    from bienban_base.audio import load_audio

    src = eval_dir / "speakers_dev"
    with open(src / "speakers.tsv", encoding="utf-8") as f:
        table = list(csv.DictReader(f, delimiter="\t"))
    clips = {sp: [r["path"] for r in table if r["speaker"] == sp] for sp in speakers}
    store = MeetingStore.create(folder, Meeting(title="Hội nghị đối thoại"))
    people = {sp: store.add_participant(f"Người {sp}", role="Chủ tịch UBND phường" if sp == "s02" else "") for sp in speakers}
    pieces, t, truth = [], 0.0, {}
    for k in range(4):
        for sp in speakers:
            a = load_audio(src / clips[sp][k])
            seg = store.add_segment(
                t, t + len(a) / 16000, f"lời của {sp} số {k}", speaker_id=people[sp].id if k < tagged else None
            )
            truth[seg.id] = people[sp].id
            pieces += [a, np.zeros(16000, np.float32)]
            t += len(a) / 16000 + 1.0
    with wave.open(str(folder / "audio.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(16000)
        w.writeframes((np.clip(np.concatenate(pieces), -1, 1) * 32767).astype("<i2").tobytes())
    store.set_audio_file("audio.wav")
    store.close()
    return folder, truth


@pytest.fixture
def voices_meeting(meetings_dir, eval_dir):
    """Three speakers, four clips each, interleaved; the first two clips of each tagged."""
    return human_meeting(meetings_dir / "voices", eval_dir)


async def test_suggestions_dimmed_accept_one_accept_all_and_undo(make_app, voices_meeting):
    folder, truth = voices_meeting
    app = make_app(voices=True)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot, settle=True)
        made = {i: s.participant_id for i, s in review.voice_suggestions.items() if s.participant_id}
        assert len(made) >= 4 and all(truth[i] == p for i, p in made.items())
        view = review.query_one(TranscriptView)
        first = min(made, key=lambda i: review.draft.segments[i].start)
        view.select_id(first)
        await pilot.pause()
        assert review.look(review.draft.segments[first]).suggested  # shown, dimmed, not assigned
        assert review.draft.segments[first].speaker_id is None
        await pilot.press("g")
        assert review.draft.segments[first].speaker_id == truth[first]
        await review.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assigned = {s.id for s in read_meeting(folder).segments if s.speaker_id is not None}
        assert set(made) <= assigned
        await pilot.press("u")  # one undo step takes back all of "G", not the single "g"
        await pilot.pause()
        after = {s.id: s.speaker_id for s in read_meeting(folder).segments}
        assert after[first] == truth[first]
        assert all(after[i] is None for i in made if i != first)
        await review.workers.wait_for_complete()


async def test_no_suggestions_when_turned_off(make_app, voices_meeting):
    app = make_app(voices=False)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot, settle=True)
        assert review.voice_suggestions == {}


async def test_live_demo_embeds_segments_as_they_arrive(make_app, tmp_path):
    """In the live demo the voices worker follows the final text: each segment gets a voiceprint
    (from the journal being written) and untagged ones a suggestion entry, without the decoder
    waiting for it."""
    from bienban_base.audio import load_audio
    from minutes_tui.meeting.voiceprints import Voiceprints
    from minutes_tui.workflows.config import demo_recording

    audio = load_audio(demo_recording())[: 20 * 16000]
    path = tmp_path / "demo-20s.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(16000)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    app = make_app(demo=True, demo_audio=path, demo_speed=0.0, voices=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await screen.capture_worker.wait()
        await pilot.pause()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        record = screen.draft.store.load()
        assert len(record.segments) >= 2
        with Voiceprints(screen.folder) as prints:
            spans = {s.id: (s.start, s.end) for s in record.segments}
            assert len(prints.samples(spans)) >= 1
        await pilot.press("q")


async def test_rejecting_a_suggestion_by_naming_someone_else(make_app, voices_meeting):
    folder, truth = voices_meeting
    app = make_app(voices=True)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot, settle=True)
        made = {i: s.participant_id for i, s in review.voice_suggestions.items() if s.participant_id}
        target = min(made, key=lambda i: review.draft.segments[i].start)
        roster = [p.id for p in review.draft.participants]
        other = next(n for n, pid in enumerate(roster, 1) if pid != made[target])
        review.query_one(TranscriptView).select_id(target)
        await pilot.pause()
        await pilot.press(str(other))  # the secretary knows better: her name wins
        await review.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert {s.id: s.speaker_id for s in read_meeting(folder).segments}[target] == roster[other - 1]
        await review.workers.wait_for_complete()


async def test_keeping_an_officials_voice_needs_her_consent_and_can_be_undone(make_app, voices_meeting, tmp_path, monkeypatch):
    from minutes_tui.meeting.known_voices import KnownVoices
    from minutes_tui.meeting.voiceprints import Voiceprints

    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path / "data"))
    folder, truth = voices_meeting
    with MeetingStore.open(folder) as store:  # a denouncer: her voice must never be kept
        anonymous = store.update_participant(store.load().participants[2].id, anonymous=True)
    app = make_app(voices=True)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot, settle=True)
        view = review.query_one(TranscriptView)
        chair = review.draft.participants[0]
        view.select_id(next(i for i, p in truth.items() if p == chair.id))
        await pilot.pause()
        await pilot.press("K", "enter")  # the dialog opens on "no change": nothing is kept by accident
        await pilot.pause()
        assert KnownVoices().names() == []
        await pilot.press("K", "down", "enter")  # consent: keep
        await pilot.pause()
        assert KnownVoices().names() == [(chair.name, chair.role)]
        view.select_id(next(i for i, p in truth.items() if p == anonymous.id))
        await pilot.pause()
        await pilot.press("K", "down", "enter")  # refused for an anonymous participant
        await pilot.pause()
        assert KnownVoices().names() == [(chair.name, chair.role)]
        resident = review.draft.participants[1]  # no office: a resident, whose voice stays here
        view.select_id(next(i for i, p in truth.items() if p == resident.id))
        await pilot.pause()
        await pilot.press("K", "down", "enter")
        await pilot.pause()
        assert KnownVoices().names() == [(chair.name, chair.role)]
        assert any(n.message.startswith(f"Không lưu giọng nói của {resident.name}") for n in app._notifications)
        view.select_id(next(i for i, p in truth.items() if p == chair.id))
        await pilot.pause()
        await pilot.press("K", "down", "down", "enter")  # forget: here and across meetings
        await pilot.pause()
        assert KnownVoices().names() == []
        await review.workers.wait_for_complete()
        record = review.draft.store.load()
    with Voiceprints(folder) as prints:
        spans = {s.id: (s.start, s.end) for s in record.segments}
        assert not {s.id for s in record.segments if s.speaker_id == chair.id} & set(prints.samples(spans))


async def test_without_the_encoder_one_warning_and_tagging_goes_on(make_app, voices_meeting, tmp_path, monkeypatch):
    """No encoder installed: one Vietnamese line with the command that installs it, said once
    (not at every tag), and naming speakers works as before."""
    import importlib.util
    import sys

    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path / "empty-data"))
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "resemblyzer" else real(name, *a))
    folder, truth = voices_meeting
    app = make_app(voices=True)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot, settle=True)
        view = review.query_one(TranscriptView)
        roster = [p.id for p in review.draft.participants]
        untagged = [i for i in truth if review.draft.segments[i].speaker_id is None][:3]
        for segment_id in untagged:
            view.select_id(segment_id)
            await pilot.pause()
            await pilot.press(str(roster.index(truth[segment_id]) + 1))
            await review.workers.wait_for_complete()
            await pilot.pause()
        assert {i: review.draft.segments[i].speaker_id for i in untagged} == {i: truth[i] for i in untagged}
        assert review.voice_suggestions == {}
        warnings = [n.message for n in app._notifications if "bộ nhận giọng nói" in n.message.lower()]
        assert warnings == [
            "Chưa có bộ nhận giọng nói nên không gợi ý được người nói (phần còn lại vẫn dùng được). "
            f"Cài bằng: {sys.executable} -m pip install --no-deps resemblyzer==0.1.4"
        ]


async def test_live_screen_shows_a_suggestion_dimmed_and_g_accepts_it(make_app, rendered_meeting):
    """On the live screen (the rendered dialogue replayed as if from a microphone, the screen still
    open when it ends): the secretary names the chairman's first two segments with the number
    key; his later segments then show the name dimmed with a '?', and ``g`` assigns one."""
    import json

    from minutes_tui.screens.live import LiveScreen

    truth = json.loads((rendered_meeting / "truth.json").read_text(encoding="utf-8"))
    app = make_app(demo=True, demo_audio=rendered_meeting / "meeting.wav", demo_speed=0.0, voices=True)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await screen.capture_worker.wait()
        await pilot.pause()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        order = [s.id for s in screen.draft.segments_in_order()]

        def speaker(segment_id: int) -> str:
            seg = screen.draft.segments[segment_id]
            overlap = [max(0.0, min(seg.end, t["end"]) - max(seg.start, t["start"])) for t in truth["turns"]]
            return truth["turns"][int(np.argmax(overlap))]["speaker"]

        chair_segments = [i for i in order if speaker(i) == "chutich"]
        assert len(chair_segments) >= 5
        chair = screen.draft.participants[0]  # any name: the key "1" stands for the chairman here
        view = screen.query_one(TranscriptView)
        for segment_id in chair_segments[:2]:
            await pilot.press("home", *["down"] * order.index(segment_id))
            assert view.selected_id == segment_id
            await pilot.press("1")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        later = [i for i in chair_segments[2:] if screen.voice_suggestions.get(i) and screen.voice_suggestions[i].participant_id]
        assert len(later) >= len(chair_segments[2:]) / 2
        assert all(screen.voice_suggestions[i].participant_id == chair.id for i in later)
        target = later[0]
        look = screen.look(screen.draft.segments[target])
        assert look.suggested == chair.name and look.speaker == ""
        await pilot.press("home", *["down"] * order.index(target))
        assert view.selected_id == target and screen.draft.segments[target].speaker_id is None
        await pilot.press("g")
        await pilot.pause()
        assert screen.draft.segments[target].speaker_id == chair.id
        await screen.workers.wait_for_complete()
        await pilot.press("q")


async def test_a_voice_change_inside_a_segment_is_marked_and_v_enter_splits_there(make_app, meetings_dir, eval_dir):
    """One segment holds two voices (three clips of one speaker, then three of another: as when
    the recogniser runs two turns together): review marks it ĐỔI GIỌNG, ``v`` opens the split at
    the word where the second voice starts, Enter cuts it there (within 1 s of the true change)."""
    from minutes_tui.texts import VOICE_CHANGE_BADGE

    folder = meetings_dir / "two-voices"
    store, audio, joined, change = two_voices_in_one_segment(folder, eval_dir)
    write_wav(folder / "audio.wav", audio)
    store.set_audio_file("audio.wav")
    store.close()

    app = make_app(voices=True)
    async with app.run_test(size=(110, 36)) as pilot:
        review = await open_review(app, pilot, settle=True)
        assert list(review.voice_splits) == [joined]
        assert VOICE_CHANGE_BADGE in review.look(review.draft.segments[joined]).badges
        others_marked = [i for i in review.draft.segments if i != joined and review.look(review.draft.segments[i]).badges]
        assert others_marked == []
        order = [s.id for s in review.draft.segments_in_order()]
        await pilot.press("home", *["down"] * order.index(joined))
        assert review.query_one(TranscriptView).selected_id == joined
        span = (review.draft.segments[joined].start, review.draft.segments[joined].end)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")  # the cursor already stands where the second voice starts
        await pilot.pause()
        segments = sorted(read_meeting(folder).segments, key=lambda s: s.start)
        assert len(segments) == 6
        halves = [s for s in segments if span[0] - 0.01 <= s.start and s.end <= span[1] + 0.01]
        assert len(halves) == 2 and halves[0].text.startswith("từ0") and abs(halves[1].start - change) <= 1.0
        await review.workers.wait_for_complete()


async def test_human_voices_named_twice_with_the_keys_are_suggested_for_the_rest(make_app, meetings_dir, eval_dir):
    """Human voices (six Common Voice speakers, four clips each): the secretary names the first two
    clips of each speaker with the number keys; the app suggests the right name for most of the
    other twelve and no wrong one (``bench speakers`` on all 19 speakers: 33 of 38, all right)."""
    folder, truth = human_meeting(meetings_dir / "human", eval_dir, ("s01", "s02", "s03", "s05", "s07", "s14"), tagged=0)
    app = make_app(voices=True)
    async with app.run_test(size=(100, 40)) as pilot:
        review = await open_review(app, pilot, settle=True)
        assert not any(s.participant_id for s in review.voice_suggestions.values())
        roster = [p.id for p in review.draft.participants]
        order = [s.id for s in review.draft.segments_in_order()]
        named: dict[int, int] = {}
        await pilot.press("home")
        for k, segment_id in enumerate(order):
            if k:
                await pilot.press("down")
            if named.get(truth[segment_id], 0) < 2:
                await pilot.press(str(roster.index(truth[segment_id]) + 1))
                named[truth[segment_id]] = named.get(truth[segment_id], 0) + 1
        await review.workers.wait_for_complete()
        await pilot.pause()
        rest = [i for i in order if review.draft.segments[i].speaker_id is None]
        assert len(rest) == 12
        made = {i: s.participant_id for i, s in review.voice_suggestions.items() if s.participant_id is not None}
        assert set(made) <= set(rest)
        assert len(made) > len(rest) / 2 and all(made[i] == truth[i] for i in made)
        await review.workers.wait_for_complete()
