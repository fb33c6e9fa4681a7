"""The issue's "done when", through the app's keys: the rendered ward dialogue (six espeak-ng
voices) imported with the real Whisper model, opened in review; the secretary names the first
two segments of each voice with the number keys (moving with the arrow keys), and the app then
suggests the right names for most of the other segments of those voices, abstains on the unsure
ones, and she accepts one suggestion with ``g``, every confident one with ``G``, and takes them
back with ``u``."""

from __future__ import annotations

import json

import numpy as np
import pytest
from pilot_steps import open_review

from minutes_tui.meeting import MeetingStore, read_meeting
from minutes_tui.screens.review import ReviewScreen
from minutes_tui.widgets.transcript import TranscriptView, segment_text

pytestmark = pytest.mark.anyio


@pytest.fixture
def dialogue_meeting(meetings_dir, rendered_meeting, transcriber):
    """The rendered dialogue imported as the app imports a recording; its six speakers entered as
    participants; every segment's true speaker (the turn it overlaps most)."""
    from minutes_tui.workflows.importing import create_imported_meeting, transcribe_imported

    truth = json.loads((rendered_meeting / "truth.json").read_text(encoding="utf-8"))
    made = create_imported_meeting(rendered_meeting / "meeting.wav", meetings_dir, title="Hội nghị đối thoại")
    with MeetingStore.open(made.folder) as store:
        people = {key: store.add_participant(s["name"], role=s.get("role", "")) for key, s in truth["speakers"].items()}
        transcribe_imported(store, transcriber)
        segments = store.load().segments
    turns = truth["turns"]
    speaker_of = {}
    for s in segments:
        overlap = [max(0.0, min(s.end, t["end"]) - max(s.start, t["start"])) for t in turns]
        speaker_of[s.id] = people[turns[int(np.argmax(overlap))]["speaker"]].id
    return made.folder, speaker_of


def _speakers(folder) -> dict[int, int | None]:
    """Who speaks in each segment, as stored in the meeting folder."""
    return {s.id: s.speaker_id for s in read_meeting(folder).segments}


async def _go_to(pilot, review: ReviewScreen, segment_id: int) -> None:
    """Move the selection with the arrow keys, as the secretary does."""
    view = review.query_one(TranscriptView)
    order = [s.id for s in review.draft.segments_in_order()]
    here = order.index(view.selected_id)
    there = order.index(segment_id)
    await pilot.press(*(["down"] * (there - here) if there > here else ["up"] * (here - there)))
    await pilot.pause()
    assert view.selected_id == segment_id


async def test_after_two_named_segments_per_voice_the_app_names_most_of_the_rest(make_app, dialogue_meeting):
    folder, speaker_of = dialogue_meeting
    app = make_app(voices=True)
    async with app.run_test(size=(110, 40)) as pilot:
        review = await open_review(app, pilot, settle=True)
        assert review.voice_suggestions  # every segment heard, nothing to suggest yet
        assert not any(s.participant_id for s in review.voice_suggestions.values())
        roster = [p.id for p in review.draft.participants]
        order = [s.id for s in review.draft.segments_in_order()]

        # she names the first two segments of each voice, in the order they come
        named: dict[int, list[int]] = {}
        for segment_id in order:
            who = speaker_of[segment_id]
            if len(named.setdefault(who, [])) < 2:
                await _go_to(pilot, review, segment_id)
                await pilot.press(str(roster.index(who) + 1))
                named[who].append(segment_id)
        await review.workers.wait_for_complete()
        await pilot.pause()
        tagged = {i for ids in named.values() for i in ids}
        assert {i: review.draft.segments[i].speaker_id for i in tagged} == {i: speaker_of[i] for i in tagged}

        # the rest of the voices she named twice: most named right, and the unsure ones left unnamed
        ready = {who for who, ids in named.items() if len(ids) == 2}
        rest = [i for i in order if i not in tagged and speaker_of[i] in ready]
        guesses = review.voice_suggestions
        made = {i: s.participant_id for i, s in guesses.items() if s.participant_id is not None}
        right = [i for i in rest if made.get(i) == speaker_of[i]]
        wrong = [i for i in made if made[i] != speaker_of[i]]
        abstained = [i for i in rest if i not in made]
        kept_out = [i for i in abstained if i in guesses and guesses[i].nearest_id != speaker_of[i]]
        print(f"rest {len(rest)}: {len(made)} suggested, {len(right)} right, {len(wrong)} wrong; {len(abstained)} abstained, "
              f"{len(kept_out)} of them with a wrong nearest voice")  # fmt: skip
        assert len(rest) >= 10
        assert len(right) > len(rest) / 2  # most of the rest named right
        # seven renderings (sox's room noise is unseeded): 17/17, 18/20, 16/17, 13/15, 14/15, 14/14, 21/24 right; the wrong ones
        # mostly between voices of one espeak-ng synthesiser (vi-vn-x-central and its +m1 variant; vi+f2 and vi+f4)
        assert len(right) >= 0.8 * len(made)
        assert kept_out  # abstaining kept a wrong name out of the minutes

        # shown dimmed, not assigned, until she accepts it with one key
        first = right[0]
        await _go_to(pilot, review, first)
        line = segment_text(review.draft.segments[first], review.look(review.draft.segments[first]), False)
        name = review.draft.participant(speaker_of[first]).name
        assert [line.plain[s.start : s.end] for s in line.spans if s.style == "dim" and "?" in line.plain[s.start : s.end]] == [
            f"{name}?"
        ]
        assert _speakers(folder)[first] is None
        await pilot.press("g")
        await review.workers.wait_for_complete()
        await pilot.pause()
        assert _speakers(folder)[first] == speaker_of[first]

        # every confident suggestion at once, then taken back as one undo step
        await pilot.press("G")
        await pilot.pause()
        after = _speakers(folder)
        accepted = {i for i in made if i != first}
        assert all(after[i] == made[i] for i in accepted)
        await pilot.press("u")
        await pilot.pause()
        undone = _speakers(folder)
        assert all(undone[i] is None for i in accepted) and undone[first] == speaker_of[first]
        assert all(undone[i] == speaker_of[i] for i in tagged)
        await review.workers.wait_for_complete()
