"""The Thông báo kết luận and the Báo cáo kết quả read back: every rule of Mẫu 1.4 and of issue 14."""

from __future__ import annotations

import subprocess
import zipfile
from datetime import date, datetime

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from tests_export_helpers import all_runs, find_paragraph

from minutes_tui import texts
from minutes_tui.export.after_pipeline import AfterExportRequest, export_after
from minutes_tui.export.errors import ExportError
from minutes_tui.export.from_meeting import audio_sha256
from minutes_tui.workflows import followup_updates as up
from minutes_tui.workflows.sample import create_sample_meeting

FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
ISSUED = date(2026, 12, 5)
HIDDEN = "Võ Thị Tố"


@pytest.fixture
def sample(tmp_path):
    return create_sample_meeting(tmp_path / "meetings", datetime(2026, 12, 2, 9, 0))


@pytest.fixture
def documents(sample):
    from minutes_tui.meeting import MeetingStore
    from minutes_tui.workflows.classify import set_document_text

    with MeetingStore.open(sample) as store:  # the numbers the office's register gave them (not the minutes' 15)
        set_document_text(store, "notice_number", "12")
        set_document_text(store, "report_number", "13/BC-UBND")
    results = export_after(sample, AfterExportRequest(notice=True, report=True, issued=ISSUED))
    notice, report = (docx.Document(str(r.docx)) for r in results)
    return notice, report, results, sample


def _text(doc) -> str:
    """Every paragraph's text, tables included (read from the XML: cell proxies are not stable)."""
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p")))


BLANK = texts.AFTER_DOC["blank_number"]


def check_mau_1_4(doc, kind: str, title: str, issued: str = "ngày 05 tháng 12 năm 2026", number: str = BLANK) -> None:
    """Nghị định 30/2020 Mẫu 1.4: page, fonts, header with the place-and-date line, title and
    summary line with its rule, one signer for the People's Committee, Nơi nhận."""
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert 20 <= round(s.top_margin.mm) <= 25 and 30 <= round(s.left_margin.mm) <= 35 and 15 <= round(s.right_margin.mm) <= 20
    for run in all_runs(doc):
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(slot)) for slot in FONT_SLOTS} == {"Times New Roman"}, run.text
    header = doc.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND THÀNH PHỐ HUẾ",
        "ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA",
        f"Số: {number}/{kind}-UBND",
    ]
    assert left.paragraphs[1].runs[0].bold and not left.paragraphs[0].runs[0].bold
    number = next(p for p in left.paragraphs if p.text.startswith("Số:"))
    assert number.runs[0].font.size == Pt(13)
    right_text = [p for p in right.paragraphs if p.text]
    assert [p.text for p in right_text[:2]] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    place_date = right_text[2]
    assert place_date.text == f"An Hòa, {issued}"
    assert place_date.runs[0].italic and place_date.alignment == WD_ALIGN_PARAGRAPH.CENTER
    rules = [p for p in (*left.paragraphs, *right.paragraphs) if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None]
    assert len(rules) == 2  # under the issuer and under the motto; the place-and-date line below the rule
    order = [p._p for p in right.paragraphs]
    assert order.index(rules[1]._p) < order.index(place_date._p)
    heading = find_paragraph(doc, title, exact=True)
    assert heading.runs[0].bold and heading.runs[0].font.size == Pt(14) and heading.alignment == WD_ALIGN_PARAGRAPH.CENTER
    body = doc.paragraphs
    at = body.index(next(p for p in body if p._p is heading._p))
    summary, summary_rule = body[at + 1], body[at + 2]
    assert summary.runs[0].bold and summary.text
    assert summary_rule._p.pPr.find(qn("w:pBdr")) is not None
    signer = doc.tables[-1]
    recipients, sign = signer.rows[0].cells
    lines = [p.text for p in sign.paragraphs if p.text]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Bình"]
    assert all(p.runs[0].bold for p in sign.paragraphs if p.text)
    label = recipients.paragraphs[0]
    assert label.text == "Nơi nhận:" and label.runs[0].bold and label.runs[0].italic and label.runs[0].font.size == Pt(12)
    assert recipients.paragraphs[-1].text == "- Lưu: VT." and recipients.paragraphs[-1].runs[0].font.size == Pt(11)
    assert signer.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    text = _text(doc)
    assert "CHỦ TỌA" not in text and "THƯ KÝ" not in text and "BIÊN BẢN" not in text
    assert doc.sections[0].different_first_page_header_footer and doc.sections[0].header.paragraphs[0].runs


def test_notice_follows_mau_1_4_and_is_grouped_by_outcome_then_field(documents):
    notice, _, _, _ = documents
    check_mau_1_4(notice, "TB", "THÔNG BÁO", number="12")
    text = _text(notice)
    assert "Kết luận của Chủ tịch Ủy ban nhân dân phường tại Hội nghị đối thoại" in text
    sections = [
        "1. Các nội dung đã được giải quyết",
        "2. Các nội dung giao",
        "3. Các nội dung chuyển",
        "4. Các nội dung trả lời bằng văn bản",
    ]
    positions = [text.index(s) for s in sections]
    assert positions == sorted(positions)
    assert text.index("Lĩnh vực đất đai:") > positions[2] and text.index("Lĩnh vực vệ sinh môi trường:") > positions[1]
    assert "giao Công an phường giải quyết, hoàn thành trước ngày 16 tháng 12 năm 2026" in text
    assert "chuyển Văn phòng Đăng ký đất đai thành phố Huế" in text
    assert "02 lượt phát biểu với 05 ý kiến" in text and "Người dân (45 người)" in text
    recipients = [p.text for p in notice.tables[-1].rows[0].cells[0].paragraphs]
    assert "- Tổ trưởng các tổ dân phố;" in recipients and "- Niêm yết tại trụ sở UBND phường;" in recipients


def test_report_counts_equal_what_was_tagged(documents):
    _, report, _, _ = documents
    check_mau_1_4(report, "BC", "BÁO CÁO", number="13")
    text = _text(report)
    assert (
        "Tại hội nghị có 02 lượt phát biểu với 05 ý kiến (trong đó 04 ý kiến thuộc thẩm quyền của phường "
        "và 01 ý kiến thuộc thẩm quyền của cấp trên); 02 ý kiến gửi bằng văn bản." in text
    )
    assert "trả lời trực tiếp 01 ý kiến (đạt 20%), đồng thời ghi nhận 04 ý kiến (80%)" in text
    assert "+ Người dân: 45 người;" in text and "+ Tổ trưởng, tổ phó các tổ dân phố: 08 người;" in text
    fields = report.tables[1]
    rows = [[c.text for c in r.cells] for r in fields.rows]
    assert rows[0][0] == "Lĩnh vực" and rows[-1] == ["Tổng cộng", "1", "2", "1", "1", "0", "5"]
    assert ["An ninh trật tự", "0", "1", "0", "0", "0", "1"] in rows
    pending = report.tables[2]
    assert len(pending.rows) == 1 + 4
    for table in (fields, pending):  # rows never split; the header row repeats on every page
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    assert "Hội nghị được tổ chức đúng kế hoạch" in text and "Đề nghị UBND thành phố chỉ đạo" in text


def test_anonymity_audio_hash_and_metadata(documents):
    notice, report, results, sample = documents
    digest = audio_sha256(next(sample.glob("*.flac")))
    for doc, result in zip((notice, report), results):
        assert HIDDEN not in _text(doc) and "Ẩn danh" in _text(doc)
        with zipfile.ZipFile(result.docx) as z:
            assert all(HIDDEN not in z.read(n).decode("utf-8", "replace") for n in z.namelist())
        assert doc.core_properties.keywords == f"audio-sha256 {digest}" and result.audio_sha256 == digest


def test_previous_round_report_shows_the_rate(sample):
    up.mark_done(sample, 1, "Đã nạo vét cống", date(2026, 12, 10), "125/UBND-VP")
    [result] = export_after(sample, AfterExportRequest(previous=sample, issued=date(2027, 1, 5)))
    doc = docx.Document(str(result.docx))
    check_mau_1_4(doc, "BC", "BÁO CÁO", "ngày 05 tháng 01 năm 2027")
    text = _text(doc)
    assert "01/04 ý kiến đã giải quyết, đạt tỷ lệ 25%; còn lại 03 ý kiến đang được giải quyết." in text
    assert "Đã giải quyết: Đã nạo vét cống; ngày 10/12/2026; 125/UBND-VP" in text


def test_existing_documents_are_not_overwritten_silently(documents):
    _, _, _, sample = documents
    with pytest.raises(ExportError) as refused:
        export_after(sample, AfterExportRequest(notice=True, issued=ISSUED))
    assert refused.value.code == "export_exists"
    export_after(sample, AfterExportRequest(notice=True, issued=ISSUED, force=True))


@pytest.mark.office
def test_cli_renders_notice_and_report_to_pdf_and_png(sample, tmp_path, capsys):
    from minutes_tui.cli import main

    assert main(["export", str(sample), "--notice", "--report", "--pdf", "--date", "2026-12-05"]) == 0
    for stem in ("thong-bao-ket-luan", "bao-cao-ket-qua"):
        pdf = sample / "exports" / f"{stem}.pdf"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "TM. ỦY BAN NHÂN DÂN" in text and "An Hòa, ngày 05 tháng 12 năm 2026" in text and HIDDEN not in text
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / stem)], check=True)
        assert list(tmp_path.glob(f"{stem}-*.png"))


@pytest.mark.office
def test_notice_signed_with_the_visible_field_in_the_chairmans_block(sample, tmp_path):
    from export_certs import make_identity

    from minutes_tui.export.sigfield import locate_chair_block
    from minutes_tui.export.signing import Pkcs12Key
    from minutes_tui.export.verify import verify_pdf

    ident = make_identity(tmp_path / "id", "Trần Văn Bình")
    [result] = export_after(sample, AfterExportRequest(notice=True, issued=ISSUED, key=Pkcs12Key(ident.p12, ident.password)))
    assert result.signed is not None and result.signed.name == "thong-bao-ket-luan-signed.pdf"
    place = locate_chair_block(result.pdf, "CHỦ TỊCH")
    fallback = locate_chair_block(result.pdf, "KHÔNG CÓ")
    assert place != fallback and place.box[0] > 200  # found in the right column, not guessed
    verdict = verify_pdf(result.signed, next(sample.glob("*.flac")), [ident.cert_pem])
    assert verdict.passed


def test_attack_the_denouncer_named_by_alias_everywhere_stays_hidden(sample, tmp_path):
    """Her nickname in an answer, a pass-on, the secretary's paragraphs and the title: masked in
    the notice, the report, the previous-round report, the Excel register and their metadata."""
    from openpyxl import load_workbook

    from minutes_tui.meeting import MeetingStore
    from minutes_tui.workflows.classify import set_document_text
    from minutes_tui.workflows.followups import FollowUpFilter, collect
    from minutes_tui.workflows.register_xlsx import write_register_xlsx

    alias = "Tố karaoke"
    with MeetingStore.open(sample) as store:
        record = store.load()
        her = next(p for p in record.participants if p.anonymous)
        store.update_participant(her.id, aliases=(alias,))
        store.update_meeting(title=store.meeting().title + f" (có {HIDDEN} dự)")
        set_document_text(store, "report_assessment", f"Cảm ơn {alias} đã mạnh dạn phản ánh.")
        set_document_text(store, "report_proposals", f"Bảo vệ {HIDDEN}.")
    up.pass_on(sample, 4, f"Công an thành phố (theo yêu cầu của {alias})")
    results = export_after(sample, AfterExportRequest(notice=True, report=True, previous=sample, issued=ISSUED))
    for result in results:
        with zipfile.ZipFile(result.docx) as z:
            everything = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        assert HIDDEN not in everything and alias not in everything, result.docx.name
    items, _ = collect(sample.parent, ISSUED, only=FollowUpFilter(include_closed=True))
    book = write_register_xlsx(tmp_path / "so.xlsx", items, ISSUED)
    with zipfile.ZipFile(book) as z:
        everything = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    assert HIDDEN not in everything and alias not in everything
    assert "Ẩn danh" in str([c.value for r in load_workbook(book).active.iter_rows() for c in r])


def test_previous_round_read_at_the_next_conference_is_that_conferences_document(tmp_path):
    """``--previous OLD`` exported into the new meeting: the new chairman signs it, with the new
    meeting's number for it and its recording's digest; the old petitions and their states are listed."""
    from minutes_tui.meeting import MeetingStore
    from minutes_tui.workflows.classify import set_document_text

    old = create_sample_meeting(tmp_path / "meetings", datetime(2025, 12, 2, 9, 0))
    new = create_sample_meeting(tmp_path / "meetings", datetime(2026, 12, 2, 9, 0))
    with MeetingStore.open(old) as store:
        store.update_meeting(chair="Lê Quang Cũ", recipients=("Nơi nhận cũ",))
    with MeetingStore.open(new) as store:
        set_document_text(store, "previous_number", "07")
    up.mark_done(old, 1, "Đã nạo vét", date(2025, 12, 20))
    [result] = export_after(new, AfterExportRequest(previous=old, issued=ISSUED))
    assert result.docx.parent == new / "exports"
    doc = docx.Document(str(result.docx))
    check_mau_1_4(doc, "BC", "BÁO CÁO", number="07")
    text = _text(doc)
    assert "Lê Quang Cũ" not in text and "Nơi nhận cũ" not in text
    assert "01/04 ý kiến đã giải quyết, đạt tỷ lệ 25%" in text and "ngày 01 tháng 12 năm 2025" in text
    assert result.audio_sha256 == audio_sha256(next(new.glob("*.flac")))


@pytest.mark.office
def test_the_signature_never_stands_alone_on_the_last_page(sample, tmp_path):
    """The previous-round report's table fills page 1: the rate line goes over with the signer."""
    [result] = export_after(sample, AfterExportRequest(previous=sample, issued=ISSUED, make_pdf=True))
    rate = next(p for p in docx.Document(str(result.docx)).paragraphs if "đạt tỷ lệ" in p.text)
    assert rate.paragraph_format.keep_with_next
    out = subprocess.run(["pdftotext", "-layout", str(result.pdf), "-"], capture_output=True, text=True, check=True)
    pages = [page for page in out.stdout.split("\f") if page.strip()]
    assert len(pages) == 2  # the table fills the first page (the case that left the signature alone)
    assert "TM. ỦY BAN NHÂN DÂN" in pages[1] and "đạt tỷ lệ 0%" in pages[1]


def test_report_counts_on_a_meeting_with_known_numbers(tmp_path):
    """The design's own example: 10 lượt phát biểu, 20 ý kiến, 18 the ward's and 02 the city's;
    every cell of the fields × outcomes table against a distribution laid out by hand."""
    from store_samples import MEETING

    from minutes_tui.meeting import Field, MeetingStore, Outcome, OutcomeKind
    from minutes_tui.meeting.model import Channel

    A, P, T, K = OutcomeKind.ANSWERED, OutcomeKind.PROMISED, OutcomeKind.TRANSFERRED, OutcomeKind.OFF_TOPIC
    layout = {  # field: outcomes of its petitions (None: not concluded)
        Field.LAND: [A, A, A, T, T],
        Field.ENVIRONMENT: [P, P, P, P, A],
        Field.SECURITY: [P, P, K],
        Field.INFRASTRUCTURE: [A, A, A],
        Field.SOCIETY: [A, A, None],
        Field.ADMIN_REFORM: [K],
    }
    with MeetingStore.create(tmp_path / "m", MEETING) as store:
        chair = store.add_participant("Nguyễn Văn Hùng", "Chủ tịch UBND phường").id
        people = [store.add_participant(f"Người dân {i}", "Nhân dân", f"Tổ dân phố {i}").id for i in range(1, 5)]
        r1, r2, r3, r4 = people
        speakers = [r1, r1, chair, r2, chair, r3, r3, chair, r1, chair, r4, r4, chair, r2, chair, r3, chair, r4,
                    chair, r1, chair, r2]  # fmt: skip
        for i, who in enumerate(speakers):
            store.add_segment(i * 10, i * 10 + 9, f"đoạn {i}", speaker_id=who)
        n = 0
        for field, outcomes in layout.items():
            for kind in outcomes:
                p = store.add_petition(f"Ý kiến {n}", raised_by=people[n % 4], field=field)
                if n in (0, 7, 13):
                    store.update_petition(p.id, channel=Channel.WRITTEN)
                if kind is not None:
                    store.set_outcome(p.id, Outcome(kind, answer="Trả lời", responsible="Văn phòng", agency="Sở"))
                n += 1
        store.update_meeting(attendance=(("Người dân", 120),))
    [result] = export_after(tmp_path / "m", AfterExportRequest(report=True, issued=ISSUED))
    doc = docx.Document(str(result.docx))
    text = _text(doc)
    assert (
        "Tại hội nghị có 10 lượt phát biểu với 20 ý kiến (trong đó 18 ý kiến thuộc thẩm quyền của phường và "
        "02 ý kiến thuộc thẩm quyền của cấp trên); 03 ý kiến gửi bằng văn bản." in text
    )
    assert (
        "đã trả lời trực tiếp 09 ý kiến (đạt 45%), đồng thời ghi nhận 10 ý kiến (50%) để đôn đốc giải quyết; "
        "01 ý kiến chưa có kết luận." in text
    )
    assert "+ Người dân: 120 người;" in text
    rows = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert rows[1:] == [  # answered, promised, transferred, in writing, not concluded, total
        ["Đất đai", "3", "0", "2", "0", "0", "5"],
        ["Vệ sinh môi trường", "1", "4", "0", "0", "0", "5"],
        ["Hạ tầng – giao thông", "3", "0", "0", "0", "0", "3"],
        ["An ninh trật tự", "0", "2", "0", "1", "0", "3"],
        ["An sinh xã hội – chính sách", "2", "0", "0", "0", "1", "3"],
        ["Cải cách thủ tục hành chính", "0", "0", "0", "1", "0", "1"],
        ["Tổng cộng", "9", "6", "2", "2", "1", "20"],
    ]
    assert len(doc.tables[2].rows) == 1 + 10  # every follow-up pending, numbered
