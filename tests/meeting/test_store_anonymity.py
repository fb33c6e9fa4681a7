"""Anonymity by meaning: every way a resident is named is masked, ordinary words are not."""

from __future__ import annotations

import unicodedata

import pytest

from minutes_tui.meeting.anonymity import Anonymizer
from minutes_tui.meeting.model import Participant

HIDDEN = "Ẩn danh"


def _anon(*people: Participant) -> Anonymizer:
    return Anonymizer(people, HIDDEN)


TO = Participant("Võ Thị Tố", anonymous=True, id=1, aliases=("cô Tố bán xôi",))
THUY = Participant("Lê Thị Thủy", anonymous=True, id=2)
TU = Participant("Trần Văn Tư", anonymous=True, id=3)
HOA = Participant("Phạm Thị Hòa", anonymous=True, id=4)
OFFICIAL = Participant("Nguyễn Văn Tư", role="Trưởng Công an phường", id=5)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tôi là Võ Thị Tố, tố cáo việc lấn chiếm.", f"Tôi là {HIDDEN}, tố cáo việc lấn chiếm."),
        ("VÕ THỊ TỐ phát biểu.", f"{HIDDEN} phát biểu."),
        ("võ thị tố phát biểu.", f"{HIDDEN} phát biểu."),
        ("Ý kiến của chị Tố về vỉa hè.", f"Ý kiến của {HIDDEN} về vỉa hè."),
        ("Bà Võ Thị Tố hỏi.", f"{HIDDEN} hỏi."),
        ("Tố nói rằng chợ bị lấn chiếm.", f"{HIDDEN} nói rằng chợ bị lấn chiếm."),
        ("Người bán là cô Tố bán xôi ở đầu ngõ.", f"Người bán là {HIDDEN} ở đầu ngõ."),
        ("bà Thủy và bà Thuỷ là một người.", f"{HIDDEN} và {HIDDEN} là một người."),
        ("Lê Thị Thuỷ kiến nghị.", f"{HIDDEN} kiến nghị."),
        ("Chị Hoà hỏi, chị hòa nói thêm.", f"{HIDDEN} hỏi, {HIDDEN} nói thêm."),
        ("Anh Tư hỏi về dự án đầu tư.", f"{HIDDEN} hỏi về dự án đầu tư."),
        ("Ông Nguyễn Văn Tư trả lời.", "Ông Nguyễn Văn Tư trả lời."),  # an official with the same given name
        (
            "Phường đầu tư đèn; tố cáo được tiếp nhận; hòa giải ở cơ sở.",
            "Phường đầu tư đèn; tố cáo được tiếp nhận; hòa giải ở cơ sở.",
        ),
        ("Tổ dân phố 4, Tốt, Thủy lợi.", f"Tổ dân phố 4, Tốt, {HIDDEN} lợi."),
        # audit of issue 13: upper case, a line break inside the name, marks NFC cannot fold, invisible characters
        ("Ý kiến của TỐ và CHỊ THỦY.", f"Ý kiến của {HIDDEN} và {HIDDEN}."),
        ("Tôi là Võ Thị\nTố, ở tổ 4.", f"Tôi là {HIDDEN}, ở tổ 4."),
        ("Tôi là Võ Thị\r\n  Tố.", f"Tôi là {HIDDEN}."),
        ("Chị To\u0301\u0302 hỏi; T\u00f3\u0302 nói.", f"{HIDDEN} hỏi; {HIDDEN} nói."),  # sắc typed before the mũ
        ("Võ Thị Tố\u0301 hỏi.", f"{HIDDEN} hỏi."),  # the tone typed twice
        ("Chị T\u200bố và Võ Thị T\u00adố, \u200bTố.", f"{HIDDEN} và {HIDDEN}, {HIDDEN}."),
        ("Võ Thị \u200b Tố hỏi.", f"{HIDDEN} hỏi."),
        ("dự án đầu t\u200bư, tố\u00ad cáo", "dự án đầu t\u200bư, tố\u00ad cáo"),  # ordinary words stay ordinary
    ],
)
def test_names_are_masked_by_meaning(text, expected):
    anon = _anon(TO, THUY, TU, HOA, OFFICIAL)
    assert anon.mask(text) == expected
    assert anon.mask(unicodedata.normalize("NFD", text)) == expected


def test_the_review_screen_can_show_what_will_be_masked():
    spans = _anon(TO, THUY).spans("Chị Tố và Lê Thị Thuỷ cùng ký đơn.")
    assert [(s.text, s.participant_id) for s in spans] == [("Chị Tố", 1), ("Lê Thị Thuỷ", 2)]


def test_nobody_anonymous_changes_nothing():
    text = "Võ Thị Tố hỏi."
    assert _anon(Participant("Võ Thị Tố", id=1)).mask(text) == text


def test_what_will_be_masked_lists_every_place_in_a_meeting(tmp_path):
    from dataclasses import replace

    from store_samples import MEETING

    from minutes_tui.meeting import MeetingStore
    from minutes_tui.meeting.anonymity import what_will_be_masked

    with MeetingStore.create(tmp_path / "m", replace(MEETING, title="Đơn của bà Thuỷ")) as store:
        thuy = store.add_participant("Lê Thị Thủy", anonymous=True)
        seg = store.add_segment(0.0, 2.0, "Tôi là Thủy, dự án đầu tư.", speaker_id=thuy.id)
        record = store.load()
    found = [(p.where, p.item_id, [s.text for s in p.spans]) for p in what_will_be_masked(record)]
    assert found == [("title", 0, ["bà Thuỷ"]), ("segment", seg.id, ["Thủy"])]


def test_what_will_be_masked_covers_every_text_export_masks(tmp_path):
    """Review's list reaches the notes, recipients, attendance, her paragraphs, roles and every outcome field."""

    from store_samples import MEETING

    from minutes_tui.meeting import MeetingStore, Outcome, OutcomeKind
    from minutes_tui.meeting.anonymity import what_will_be_masked

    with MeetingStore.create(tmp_path / "m", MEETING) as store:
        to = store.add_participant("Võ Thị Tố", anonymous=True)
        police = store.add_participant("Nguyễn Văn An", role="Công an, người gặp chị Tố")
        store.update_meeting(
            recipients=("Chị Tố (để biết)",),
            attendance=(("Hộ bà Tố", 3),),
            document_texts=(("report_proposals", "Bảo vệ chị Tố."),),
        )
        note = store.add_note("Tố xin giấu tên.")
        p = store.add_petition("Đơn tố cáo.", raised_by=to.id)
        store.set_outcome(p.id, Outcome(OutcomeKind.PROMISED, responsible="Công an", passed_to="Tổ gặp chị Tố"))
        record = store.load()
    found = {(place.where, place.item_id) for place in what_will_be_masked(record)}
    assert found == {
        ("recipient", 0), ("attendance", 0), ("report_proposals", 0), ("role", police.id), ("note", note.id), ("passed_to", p.id),
    }  # fmt: skip
