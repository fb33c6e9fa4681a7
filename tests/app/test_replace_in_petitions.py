"""Search and replace reaches the petition texts and answers the minutes print (issue 26, item 17):
"kiệt" → "hẻm" in review left "đầu kiệt" in the minutes; now she is asked, and `u` undoes both."""

from __future__ import annotations

import pytest
from pilot_steps import open_review

from minutes_tui.dialogs.confirm import ConfirmDialog
from minutes_tui.dialogs.item import ItemDialog
from minutes_tui.dialogs.search import SearchDialog
from minutes_tui.export.from_meeting import minutes_from_record
from minutes_tui.meeting import read_meeting

pytestmark = pytest.mark.anyio

OWN_TEXT = "Cống ở đầu kiệt bị tắc, đề nghị nạo vét."
OWN_ANSWER = "Phường nạo vét cống đầu kiệt trong tháng."


def _minutes_texts(folder) -> tuple[str, str, str]:
    """The petition, its answer and the transcript as the minutes print them."""
    minutes = minutes_from_record(read_meeting(folder))
    petition = minutes.petitions[0]
    return petition.question, petition.answer, " ".join(line.text for line in minutes.transcript)


async def _replace(app, pilot, find: str, new: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    assert isinstance(app.screen, SearchDialog)
    await pilot.press("ctrl+u", *find, "tab", *new, "enter")
    await pilot.pause()


async def test_replace_offers_the_petition_texts_and_undo_restores_both(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(app, pilot)
        await pilot.press("down", "3", "p", "down", "1", "h", "T")  # petition, promise, then her own words
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)
        if app.focused.id != "text":  # the form's scroll box holds the focus first
            await pilot.press("tab")
        assert app.focused.id == "text"
        await pilot.press("ctrl+u", *OWN_TEXT, "tab", "ctrl+u", *OWN_ANSWER, "ctrl+s")
        await pilot.pause()
        assert _minutes_texts(reviewed_meeting)[:2] == (OWN_TEXT, OWN_ANSWER)

        await _replace(app, pilot, "kiệt", "hẻm")
        assert isinstance(app.screen, ConfirmDialog)  # the transcript's preview
        await pilot.press("y")
        await pilot.pause()
        asked = app.screen
        assert isinstance(asked, ConfirmDialog) and "1 nội dung kiến nghị" in asked.question and "#1" in asked.question
        await pilot.press("y")
        await pilot.pause()
        question, answer, transcript = _minutes_texts(reviewed_meeting)
        assert "đầu hẻm" in question and "đầu hẻm" in answer and "đầu hẻm" in transcript
        assert "kiệt" not in question + answer + transcript

        await pilot.press("u")  # one step: transcript and petition texts together
        await pilot.pause()
        assert _minutes_texts(reviewed_meeting)[:2] == (OWN_TEXT, OWN_ANSWER)
        assert "đầu kiệt" in _minutes_texts(reviewed_meeting)[2]


async def test_no_to_the_petitions_replaces_the_transcript_only(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("down", "3", "p")
        review.draft.edit_petition(next(iter(review.draft.petitions)), text=OWN_TEXT)
        await _replace(app, pilot, "kiệt", "hẻm")
        await pilot.press("y", "n")
        await pilot.pause()
    question, _, transcript = _minutes_texts(reviewed_meeting)
    assert question == OWN_TEXT and "đầu hẻm" in transcript
