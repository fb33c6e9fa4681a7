"""Review: open, jump, tag with the items panel, search and replace, merge and split, re-transcribe, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_steps import accept_blanks, open_review
from textual.widgets import Input, OptionList, Static

from minutes_tui import messages
from minutes_tui.dialogs.choice import ChoiceDialog
from minutes_tui.meeting import OutcomeKind, read_meeting
from minutes_tui.widgets.items_panel import ItemsPanel
from minutes_tui.widgets.transcript import TranscriptView


def review_draft(app):
    """The draft of the review screen under the dialog on top."""
    return app.screen_stack[-2].draft


#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio


async def test_open_jump_and_tag_with_items_panel(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        view = review.query_one(TranscriptView)
        assert view.option_count == 6 and view.highlighted == 0
        await pilot.press("w")  # the next segment with low-confidence words
        assert view.highlighted == 1
        await pilot.press("3", "p", "down", "1", "a")  # petition by speaker 3, answered by speaker 1
        await pilot.press("down", "4", "p", "down", "h")  # a second one, promised
        await pilot.press("i")
        panel = review.query_one(ItemsPanel)
        shown = str(panel.render())
        assert "#1" in shown and "TRẢ LỜI" in shown and "HỨA" in shown
        assert "Người nói chưa có tên" in shown  # segments 1, 6 have no speaker yet
        await pilot.press("left_curly_bracket")  # back to the previous tagged segment
        assert view.highlighted == 3
    record = read_meeting(reviewed_meeting)
    assert [p.outcome.kind for p in record.petitions] == [OutcomeKind.ANSWERED, OutcomeKind.PROMISED]
    assert record.petitions[0].outcome.answered_by == record.participants[0].id


async def test_search_replace_merge_split_undo(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("slash")
        await pilot.press(*"phường", "tab", *"PHƯỜNG", "enter", "y")  # replace: previewed, then confirmed
        await pilot.pause()
        texts = [s.text for s in review.draft.segments_in_order()]
        assert sum("PHƯỜNG" in t for t in texts) >= 3 and not any("phường" in t for t in texts)
        await pilot.press("m")  # merge the first two
        assert review.query_one(TranscriptView).option_count == 5
        await pilot.press("v")  # split it again, at the cursor the dialog puts in the middle
        field = app.screen.query_one(Input)
        field.cursor_position = review.draft.segments_in_order()[0].text.index("Tôi là")
        await pilot.press("enter")
        await pilot.pause()
        assert review.query_one(TranscriptView).option_count == 6
        assert review.draft.segments_in_order()[1].text.startswith("Tôi là")
        await pilot.press("u")  # undo the split
        assert review.query_one(TranscriptView).option_count == 5
    assert len(read_meeting(reviewed_meeting).segments) == 5


async def test_retranscribe_keeps_tags(make_app, reviewed_meeting, message_log):
    app = make_app()
    async with app.run_test(size=(100, 30), message_hook=message_log) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("down", "p")
        await pilot.press("R", "y")  # asked first
        await review.workers.wait_for_complete()
        await pilot.pause()
        assert message_log.count(messages.Progress) >= 1
        assert review.query_one(TranscriptView).option_count == 6
    record = read_meeting(reviewed_meeting)
    assert len(record.petitions) == 1
    assert any("question" in s.tags for s in record.segments)


async def test_review_names_the_model_that_wrote_a_segment_and_the_one_that_offers_new_text(make_app, reviewed_meeting, canned):
    """Issue 25: a re-transcription by another model shows on the line about the selected segment."""
    from minutes_tui.widgets.status_line import StatusLine

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        line = review.query_one("#selection", StatusLine)
        assert line.text.endswith(" · Mô hình: canned")
        await pilot.press("down", "e", "ctrl+u", *"Lời chị sửa tay.", "enter")
        canned.name = "base-vi"  # the app's recogniser is now the new model
        await pilot.press("R", "y")
        await review.workers.wait_for_complete()
        await pilot.pause()
        assert review.draft.segments_in_order()[1].proposed_text
        assert line.text.endswith(" · Mô hình: canned (lời đề xuất: base-vi)")  # hers, over the old model's text
        await pilot.press("P")  # she takes the new text
        assert line.text.endswith(" · Mô hình: base-vi")
        await pilot.press("up")
        assert line.text.endswith(" · Mô hình: base-vi")
    assert {s.model for s in read_meeting(reviewed_meeting).segments} == {"base-vi"}


async def test_export_writes_the_docx(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(app, pilot)
        await pilot.press("down", "3", "p", "down", "1", "h")
        await pilot.press("E")
        dialog = app.screen
        dialog.query_one("#go").press()
        await accept_blanks(app, pilot)  # the demo's speakers are not named yet
        await dialog.export_worker.wait()
        await pilot.pause()
        assert "bien-ban.docx" in str(dialog.query_one("#export-result").render())
    assert (reviewed_meeting / "exports" / "bien-ban.docx").stat().st_size > 5000


async def test_speaker_search_new_name_follow_up_link_edit_note(make_app, reviewed_meeting):
    from datetime import timedelta

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(app, pilot)
        await pilot.press("down", "s", *"son", "enter")  # diacritics-free search finds "Lê Văn Sơn"
        await pilot.press("p", "down", "s", *"Tô Thị Mới", "enter")  # a name not on the roster
        await pilot.press("h", "r", *"Địa chính phường", "enter", *"15", "enter")
        await pilot.press("down", "p", "down", "a", "l")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        # each petition with who raised it and its text cut at a word, marked where cut; the keys said
        choices = [str(o.prompt) for o in dialog.query_one(OptionList).options]
        assert choices[0].startswith("#1 Lê Văn Sơn: ") and choices[1].startswith("#2 ")
        petitions = list(review_draft(app).petitions.values())
        for shown, petition in zip(choices, petitions):
            text = shown.split(": ", 1)[1]
            assert text == petition.text or (text.endswith("…") and petition.text.startswith(text[:-1]) and len(text) <= 110)
        assert "Enter: chọn" in str(dialog.query_one(".dim", Static).render())
        await pilot.press("up", "enter")  # this answer belongs to petition #1
        await pilot.press("e", "ctrl+u", *"Sửa tay", "enter", "n", *"Ghi chú thử", "enter")
        await pilot.pause()
    record = read_meeting(reviewed_meeting)
    names = {p.id: p.name for p in record.participants}
    first, second = record.petitions
    assert names[first.raised_by] == "Lê Văn Sơn"
    segments = {s.id: s for s in record.segments}
    assert names[segments[first.outcome.segment_ids[0]].speaker_id] == "Tô Thị Mới"
    assert first.outcome.responsible == "Địa chính phường"
    assert first.outcome.deadline == record.meeting.day() + timedelta(days=15)
    assert first.outcome.kind is OutcomeKind.ANSWERED and len(first.outcome.segment_ids) == 2
    assert second.outcome is None
    assert any(s.text == "Sửa tay" and s.edited for s in record.segments)
    assert [n.text for n in record.notes] == ["Ghi chú thử"]


async def test_review_shows_what_export_will_mask(make_app, reviewed_meeting):
    from minutes_tui.meeting import MeetingStore

    with MeetingStore.open(reviewed_meeting) as store:
        seg = store.load().segments[0]
        person = store.add_participant("Võ Thị Tố", anonymous=True)
        store.edit_text(seg.id, "Chị Tố hỏi về dự án đầu tư.")
        assert person.anonymous
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(app, pilot)
        await pilot.press("A")
        await pilot.pause()
        shown = [n.message for n in app._notifications]
    assert any("Chị Tố" in m and "1 chỗ" in m for m in shown), shown


async def test_export_dialog_signs_the_chairmans_own_pdf(make_app, reviewed_meeting, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))
    from export_certs import make_identity

    from minutes_tui.export.pipeline import ExportRequest, export_meeting

    own = export_meeting(
        reviewed_meeting, ExportRequest(make_pdf=True, pdf=tmp_path / "chu-tich.pdf", docx=tmp_path / "x.docx")
    ).pdf
    ident = make_identity(tmp_path / "id")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_review(app, pilot)
        await pilot.press("E")
        dialog = app.screen
        dialog.query_one("#sign-p12").value = True
        dialog.query_one("#key-path").value = str(ident.p12)
        dialog.query_one("#secret").value = ident.password.decode()
        dialog.query_one("#own-pdf").value = str(own)
        dialog.query_one("#go").press()
        await pilot.pause()
        await dialog.export_worker.wait()
        await pilot.pause()
        assert "chu-tich-signed.pdf" in str(dialog.query_one("#export-result").render())
    import asyncio

    from minutes_tui.export.verify import verify_pdf

    # pyHanko's synchronous validation starts its own event loop: run it off this test's loop
    verdict = await asyncio.to_thread(verify_pdf, reviewed_meeting / "exports" / "chu-tich-signed.pdf", None, [ident.cert_pem])
    assert verdict.signature_valid and verdict.recorded_sha256


@pytest.mark.model
def test_a_whole_recording_gets_the_recogniser_with_two_decoders_the_live_one_keeps_its_threads(tmp_path):
    # review's R and import decode the whole recording on two decoders side by side; the live
    # recogniser (one utterance at a time) keeps both threads for its one decoding; each is loaded once
    from minutes_tui.app import BienbanApp
    from minutes_tui.workflows.config import AppConfig
    from transcribe.engine import default_threads, recording_workers

    app = BienbanApp(AppConfig(meetings_dir=tmp_path))
    whole, live = app.recording_recogniser(), app.recogniser()
    assert whole is app.recording_recogniser() and live is app.recogniser() and whole is not live
    cores = default_threads()
    assert whole.workers == recording_workers() == (2 if cores >= 2 else 1)
    assert whole.cpu_threads == max(1, cores // whole.workers)  # on 2 cores: one thread each
    assert live.workers == 1 and live.cpu_threads == cores


async def test_a_number_with_no_one_behind_it_says_why_and_what_to_press(make_app, reviewed_meeting):
    from minutes_tui.meeting import MeetingStore

    with MeetingStore.open(reviewed_meeting) as store:
        count = len(store.load().participants)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("down", "9")  # the demo's roster has fewer than nine people
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert f"Danh sách người tham dự chưa có người số 9 (có {count} người). Nhấn s để tìm tên hoặc gõ tên người mới." in said
        assert review.selected().speaker_id is None


async def test_a_number_key_on_an_empty_list_says_how_to_name_the_speaker(make_app, meetings_dir):
    from store_samples import MEETING

    from minutes_tui.meeting import MeetingStore
    from transcribe.decoding import RecognisedSegment

    with MeetingStore.create(meetings_dir / "hop", MEETING) as store:  # no attendance list yet
        store.add_recognised(RecognisedSegment(0.0, 2.0, "Xin chào bà con.", -0.3, 0.0), "base")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("1")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Danh sách người tham dự đang trống: nhấn s") for m in said), said
        assert review.selected().speaker_id is None
