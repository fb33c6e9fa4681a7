"""Issue 17: what the secretary corrects is what the minutes say; every key is one visible undo step."""

from __future__ import annotations

import pytest
from docx import Document
from pilot_steps import accept_blanks, open_review

from minutes_tui.meeting import OutcomeKind, read_meeting
from minutes_tui.widgets.items_panel import ItemsPanel

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio

CORRECTED_PETITION = "Cống thoát nước ở đầu kiệt bị tắc, đề nghị phường nạo vét."
CORRECTED_ANSWER = "Phường sẽ nạo vét cống trong ba mươi ngày."


async def export_docx(app, pilot) -> None:
    await pilot.press("E")
    dialog = app.screen
    dialog.query_one("#go").press()
    await accept_blanks(app, pilot)  # the demo's speakers are not named yet
    await dialog.export_worker.wait()
    await pilot.pause()


async def test_tagged_then_corrected_petition_exports_the_correction(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("down", "3", "p", "down", "1", "h")  # petition, then the chairman's promise
        await pilot.press("up", "e", "ctrl+u", *CORRECTED_PETITION, "enter")
        await pilot.press("down", "e", "ctrl+u", *CORRECTED_ANSWER, "enter")
        await pilot.press("i")
        shown = str(review.query_one(ItemsPanel).render())
        assert "đề nghị phường nạo vét" in shown
        await export_docx(app, pilot)
    petition = read_meeting(reviewed_meeting).petitions[0]
    assert petition.text == CORRECTED_PETITION and petition.outcome.answer == CORRECTED_ANSWER
    body = "\n".join(p.text for p in Document(str(reviewed_meeting / "exports" / "bien-ban.docx")).paragraphs)
    assert CORRECTED_PETITION in body and CORRECTED_ANSWER in body
    assert "Tôi là Lê Văn Sơn, tổ dân phố hai. Cống" not in body


async def test_text_she_writes_herself_stays_hers(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("down", "3", "p")
        petition = next(iter(review.draft.petitions.values()))
        review.draft.edit_petition(petition.id, text="Nạo vét cống kiệt 12")
        await pilot.press("e", "ctrl+u", *CORRECTED_PETITION, "enter")
        await pilot.pause()
    assert read_meeting(reviewed_meeting).petitions[0].text == "Nạo vét cống kiệt 12"


def _badges(review, index: int) -> str:
    segment = review.draft.segments_in_order()[index]
    return " ".join(review.look(segment).badges)


def _notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_changing_an_outcome_asks_first_and_transfer_asks_for_the_body(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("down", "3", "p", "down", "1", "h")  # #1 promised by the chairman
        await pilot.press("down", "c")  # a transfer on another segment would overwrite it: she is asked
        await pilot.press("n")
        assert "HỨA #1" in _badges(review, 2) and "CHUYỂN" not in _badges(review, 3)
        await pilot.press("c", "y", "ctrl+u", *"Sở Tài nguyên và Môi trường", "enter")
        await pilot.pause()
        outcome = next(iter(review.draft.petitions.values())).outcome
        assert outcome.kind is OutcomeKind.TRANSFERRED and outcome.agency == "Sở Tài nguyên và Môi trường"
        await pilot.press("k", "y")  # off-topic: answered in writing, no deadline unless she gives one
        await pilot.pause()
        outcome = next(iter(review.draft.petitions.values())).outcome
        assert outcome.kind is OutcomeKind.OFF_TOPIC and outcome.deadline is None
        assert "NGOÀI NỘI DUNG #1" in _badges(review, 3) and "CHUYỂN" not in _badges(review, 3)


async def test_every_key_is_one_undo_step_and_undo_says_what(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        store = review.draft.store

        def steps() -> int:
            return sum(not e.undone for e in store.history()) - before

        before = 0
        before = steps()

        keys = [
            ("down", "3"),
            ("p",),
            ("down", "h"),
            ("c", "y", "enter"),
            ("k", "y"),
            ("s", *"Tô Thị Mới", "enter"),
            ("m",),
        ]
        for n, press in enumerate(keys, 1):
            await pilot.press(*press)
            await pilot.pause()
            assert steps() == n, press
        await pilot.press("u")  # the merge
        await pilot.press("u")  # the new name and speaker, together
        assert steps() == len(keys) - 2 and len(review.draft.participants) == 4
        await pilot.press("u")  # the off-topic mark: the transfer is back on screen
        assert "CHUYỂN #1" in _badges(review, 2)
        assert _notes(app)[-1] == "Đã hoàn tác: Đánh dấu"
        await pilot.press("U")
        assert _notes(app)[-1] == "Đã làm lại: Đánh dấu" and "NGOÀI NỘI DUNG #1" in _badges(review, 2)


async def test_off_topic_and_notes_are_shown_everywhere(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("k")  # no petition before it: the opinion is received as an off-topic one
        await pilot.press("down", "n", *"Ông Sơn nộp đơn kèm ảnh", "enter")
        await pilot.pause()
        assert "NGOÀI NỘI DUNG" in _badges(review, 0)
        assert "GHI CHÚ: Ông Sơn nộp đơn kèm ảnh" in _badges(review, 1)
        await pilot.press("i")
        shown = str(review.query_one(ItemsPanel).render())
        assert "Ông Sơn nộp đơn kèm ảnh" in shown and "NGOÀI NỘI DUNG" in shown
        await export_docx(app, pilot)
    record = read_meeting(reviewed_meeting)
    assert record.petitions[0].outcome.kind is OutcomeKind.OFF_TOPIC and record.petitions[0].outcome.deadline is None
    body = "\n".join(p.text for p in Document(str(reviewed_meeting / "exports" / "bien-ban.docx")).paragraphs)
    assert "Ông Sơn nộp đơn kèm ảnh" in body and "Kính thưa các vị đại biểu" in body


async def test_search_finds_first_and_replaces_only_after_a_preview(make_app, reviewed_meeting):
    from minutes_tui.dialogs.confirm import ConfirmDialog
    from minutes_tui.meeting.replacing import words_describe_text
    from minutes_tui.widgets.transcript import LOW_CONFIDENCE, TranscriptView

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        before = [s.text for s in review.draft.segments_in_order()]
        await pilot.press("slash", *"Sơn", "enter")  # find only
        await pilot.pause()
        assert [s.text for s in review.draft.segments_in_order()] == before
        assert review.query_one(TranscriptView).highlighted == 1
        assert _notes(app)[-1].startswith("“Sơn”: 2 chỗ trong 2 đoạn")
        await pilot.press("slash", "ctrl+u", *"Sơn", "tab", "enter")  # an empty replacement deletes: asked
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "XÓA" in app.screen.question
        await pilot.press("n")
        assert [s.text for s in review.draft.segments_in_order()] == before
        await pilot.press("slash", "ctrl+u", *"nước", "tab", *"NƯỚC", "enter")
        await pilot.pause()
        assert "2 chỗ trong 1 đoạn" in app.screen.question  # occurrences, not segments
        await pilot.press("y")
        await pilot.pause()
        changed = review.draft.segments_in_order()[1]
        assert changed.text.count("NƯỚC") == 2 and words_describe_text(changed)
        assert any(w.probability < LOW_CONFIDENCE for w in changed.words)  # marks kept on the other words


async def test_merge_warns_and_split_lets_her_choose_the_half_that_keeps_marks(make_app, reviewed_meeting):
    from textual.widgets import Input

    from minutes_tui.dialogs.confirm import ConfirmDialog
    from minutes_tui.widgets.transcript import TranscriptView

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        view = review.query_one(TranscriptView)
        await pilot.press("down", "3", "p", "down", "1", "h", "up")
        await pilot.press("m")  # a resident's petition and the chairman's promise: she is warned
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "người nói" in app.screen.detail
        await pilot.press("n")
        assert view.option_count == 6
        await pilot.press("m", "y")
        await pilot.pause()
        assert view.option_count == 5
        merged = review.draft.segments_in_order()[1]
        await pilot.press("v")
        field = app.screen.query_one(Input)
        field.cursor_position = merged.text.index("Cảm ơn ông Sơn")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the first half keeps speaker and marks
        await pilot.pause()
        first, second = review.draft.segments_in_order()[1:3]
        assert first.speaker_id is not None and first.tags
        assert second.speaker_id is None and not second.tags and second.text.startswith("Cảm ơn ông Sơn")
        petition = next(iter(review.draft.petitions.values()))
        assert second.id not in petition.segment_ids and "Cảm ơn" not in petition.text
        await pilot.press("u")  # the split with its choice is one step
        assert view.option_count == 5


async def test_w_wraps_and_the_edit_box_shows_long_text_whole(make_app, reviewed_meeting):
    from textual.widgets import TextArea

    from minutes_tui.widgets.transcript import LOW_CONFIDENCE, TranscriptView

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        view = review.query_one(TranscriptView)
        low = [i for i, s in enumerate(review.draft.segments_in_order()) if any(w.probability < LOW_CONFIDENCE for w in s.words)]
        for _ in low if low[0] != 0 else low[1:]:  # the first segment is selected already
            await pilot.press("w")
        assert view.highlighted == low[-1]
        await pilot.press("w")  # round to the top
        assert view.highlighted == low[0]
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.soft_wrap and area.text == review.draft.segments_in_order()[low[0]].text
        assert area.size.height > 1
        await pilot.press("escape")


async def test_pause_keeps_the_selection_where_she_left_it(make_app, message_log):
    from types import SimpleNamespace

    from minutes_tui import messages
    from minutes_tui.widgets.transcript import TranscriptView

    log = message_log
    app = make_app(demo=True, demo_speed=6.0)
    async with app.run_test(size=(100, 30), message_hook=log) as pilot:
        live = app.screen
        view = live.query_one(TranscriptView)
        await log.wait_until(lambda: view.option_count >= 2)
        await pilot.press("space")
        selected = view.selected_id
        await log.wait_until(lambda: live.state == "paused")
        # the utterance the pause cut arrives as a segment after the pause
        cut = SimpleNamespace(start=90.0, end=92.0, text="mỗi khi nếu lần nước tràn vào nhà", words=(), avg_logprob=-0.2)
        live.post_message(messages.FinalSegment(cut, "canned"))
        await pilot.pause()
        assert view.selected_id == selected
        assert live.state == "paused"
        await pilot.press("space")  # resume: she had not moved, so the transcript follows again
        await pilot.pause()
        assert view.follow
        await pilot.press("q")


async def test_pause_mid_speech_brings_the_words_heard_before_it_while_paused(make_app, message_log):
    # The real live pipeline (VAD, segmenter) on the demo recording, only the model canned: the
    # utterance open when she presses space ends at the pause and its text arrives while paused,
    # instead of waiting for the resume and being joined to what is said after it.
    from minutes_tui import messages

    log = message_log

    def finals():
        return [m.segment for m in log.seen if isinstance(m, messages.FinalSegment)]

    app = make_app(demo=True, demo_speed=1.0)
    async with app.run_test(size=(100, 30), message_hook=log) as pilot:
        live = app.screen
        await log.wait_until(lambda: any(isinstance(m, messages.InterimUpdated) and m.text for m in log.seen))
        await pilot.press("space")  # while the speaker is still talking (the interim text just came)
        await log.wait_until(lambda: live.state == "paused")
        recording = live.capture.recording
        assert recording is not None and recording.paused
        paused_at = recording.elapsed_seconds
        await log.wait_until(lambda: any(s.end >= paused_at - 1.0 for s in finals()), timeout=20)
        assert live.state == "paused"
        await pilot.press("space")
        await log.wait_until(lambda: live.state == "recording")
        await log.wait_until(lambda: any(s.start >= paused_at for s in finals()), timeout=60)
        assert all(s.end <= paused_at + 0.05 or s.start >= paused_at for s in finals())  # nothing straddles it
        await pilot.press("q")


async def test_retranscription_asks_labels_reports_and_offers_new_text_beside_hers(make_app, reviewed_meeting):
    from textual.widgets import Label

    from minutes_tui.dialogs.confirm import ConfirmDialog
    from minutes_tui.widgets.transcript import TranscriptView

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("down", "e", "ctrl+u", *"Tôi là Lê Văn Sơn, tổ dân phố 2.", "enter")
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert "nhận dạng lại" in str(review.query_one("#progress-label", Label).render())
        await review.workers.wait_for_complete()
        await pilot.pause()
        assert "lời mới đề xuất" in _notes(app)[-1]
        view = review.query_one(TranscriptView)
        segment = review.draft.segments_in_order()[1]
        assert segment.text == "Tôi là Lê Văn Sơn, tổ dân phố 2." and segment.proposed_text
        assert "lời mới đề xuất" in str(view.get_option_at_index(view.highlighted).prompt)
        await pilot.press("O")  # keep hers
        segment = review.draft.segments_in_order()[1]
        assert segment.text == "Tôi là Lê Văn Sơn, tổ dân phố 2." and segment.proposed_text is None
        await pilot.press("u", "P")  # the offer is back; this time take the new text
        segment = review.draft.segments_in_order()[1]
        assert segment.text != "Tôi là Lê Văn Sơn, tổ dân phố 2." and segment.proposed_text is None


def _footer_width(screen) -> tuple[int, list[str]]:
    shown = [a.binding for a in screen.active_bindings.values() if a.binding.show]
    width = 1 + sum(len(screen.app.get_key_display(b)) + 1 + len(b.description) + 2 for b in shown)
    return width, [b.key for b in shown]


async def test_footers_fit_100_columns_with_help_and_undo_in_live(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        width, keys = _footer_width(app.screen)  # home
        assert width <= 100 and "question_mark" in keys
        review = await open_review(app, pilot)
        width, keys = _footer_width(review)
        assert width <= 100 and {"p", "a", "h", "c", "k", "question_mark"} <= set(keys)
    app = make_app(demo=True, demo_speed=8.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        width, keys = _footer_width(app.screen)
        assert width <= 100 and {"p", "a", "h", "c", "k", "u", "question_mark"} <= set(keys)
        await pilot.press("q")


async def test_the_items_panel_edits_every_field_of_an_item(make_app, reviewed_meeting):
    from datetime import date

    from textual.widgets import Input, Select

    from minutes_tui.dialogs.item import ItemDialog
    from minutes_tui.meeting import Field, Status

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("down", "3", "p", "down", "1", "h", "T")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ItemDialog)
        dialog.query_one("#text", Input).value = "Nạo vét cống kiệt 12"
        dialog.query_one("#answer", Input).value = "Phường nạo vét trong 30 ngày"
        dialog.query_one("#field", Select).value = Field.ENVIRONMENT
        dialog.query_one("#outcome", Select).value = OutcomeKind.TRANSFERRED
        dialog.query_one("#agency", Input).value = "Công ty Môi trường đô thị"
        dialog.query_one("#deadline", Input).value = "31/12/2026"
        dialog.query_one("#status", Select).value = Status.IN_PROGRESS
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Nạo vét cống kiệt 12" in str(review.query_one(ItemsPanel).render())
        await pilot.press("u")  # the whole form is one step
        assert next(iter(review.draft.petitions.values())).outcome.kind is OutcomeKind.PROMISED
        await pilot.press("U")
    p = read_meeting(reviewed_meeting).petitions[0]
    assert (p.text, p.field, p.outcome.answer) == ("Nạo vét cống kiệt 12", Field.ENVIRONMENT, "Phường nạo vét trong 30 ngày")
    o = p.outcome
    assert (o.kind, o.agency, o.deadline, o.status) == (
        OutcomeKind.TRANSFERRED,
        "Công ty Môi trường đô thị",
        date(2026, 12, 31),
        Status.IN_PROGRESS,
    )


async def test_meeting_details_from_review_and_home(make_app, reviewed_meeting):
    from datetime import datetime

    from textual.widgets import Input, TextArea

    from minutes_tui.screens.details import DetailsScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("D")
        await pilot.pause()
        details = app.screen
        assert isinstance(details, DetailsScreen)
        details.query_one("#secretary_title", Input).value = "Công chức Văn phòng - Thống kê"
        details.query_one("#actual_end", Input).value = "05/12/2026 11:30"
        details.query_one("#report_summary", TextArea).text = "Kinh tế tăng trưởng khá."
        roster = details.query_one("#roster", TextArea)
        roster.text = roster.text.replace(
            "Lê Văn Sơn; Nhân dân; Tổ dân phố 2; công khai;", "Lê Văn Sơn; Nhân dân; Tổ dân phố 2; ẩn danh; Sơn tạp hóa"
        )
        roster.text += "\nNguyễn Văn Mới; Nhân dân; Tổ dân phố 5; công khai;"
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert app.screen is review and len(review.draft.participants) == 5
        await pilot.press("u")  # the whole form was one step
        assert len(review.draft.participants) == 4
        await pilot.press("U", "escape")  # back home: the details are there too
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        app.screen.query_one("#title", Input).value = "Đổi tên mà chưa lưu"
        await pilot.press("escape")  # something typed and not saved: she is asked
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    record = read_meeting(reviewed_meeting)
    m = record.meeting
    assert m.secretary_title == "Công chức Văn phòng - Thống kê" and m.actual_end == datetime(2026, 12, 5, 11, 30)
    assert m.report_summary == "Kinh tế tăng trưởng khá." and "Đổi tên" not in m.title
    son = next(p for p in record.participants if p.name == "Lê Văn Sơn")
    assert son.anonymous and son.aliases == ("Sơn tạp hóa",)


async def test_export_dialog_fits_shows_its_result_and_names_the_box_not_a_flag(make_app, reviewed_meeting):
    from textual.widgets import Button, Checkbox

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(app, pilot)
        for attempt in range(2):
            await pilot.press("E")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(app.focused, Button)  # Enter exports at once
            assert str(dialog.query_one("#pdf", Checkbox).label).endswith(": không")
            await pilot.press("enter")
            await accept_blanks(app, pilot)  # asked in each new dialog
            await dialog.export_worker.wait()
            await pilot.pause()
            result = dialog.query_one("#export-result")
            assert result.region.bottom <= 30 and result.region.height >= 1  # seen without scrolling
            shown = str(result.render())
            if attempt == 0:
                assert "bien-ban.docx" in shown
            else:
                assert "đánh dấu ô “Ghi đè DOCX/PDF đã có”" in shown and "--force" not in shown
            await pilot.press("escape")
        assert app.errors_shown == []


async def test_esc_in_setup_asks_before_dropping_a_typed_roster(make_app):
    from textual.widgets import TextArea

    from minutes_tui.dialogs.confirm import ConfirmDialog
    from minutes_tui.screens.setup import SetupScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        await setup.defaults_worker.wait()  # the last meeting's values, if any
        await pilot.pause()
        setup.query_one("#roster", TextArea).text = "Lê Văn Sơn; Nhân dân; Tổ 2"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is setup and "Lê Văn Sơn" in setup.query_one("#roster", TextArea).text
