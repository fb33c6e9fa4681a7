"""The DOCX minutes read back with python-docx: every rule of Mẫu 1.9 and of the design brief."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from export_sample import HIDDEN_GROUP, HIDDEN_NAME
from tests_export_helpers import all_paragraphs, all_runs, find_paragraph

from minutes_tui.export.document import write_docx
from minutes_tui.export.errors import ExportError
from minutes_tui.export.from_meeting import audio_sha256, load_minutes
from minutes_tui.export.pipeline import ExportRequest, export_meeting

FONT = "Times New Roman"
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")


@pytest.fixture
def minutes_docx(meeting_dir) -> tuple[docx.document.Document, Path, Path]:
    result = export_meeting(meeting_dir, ExportRequest(appendix=True))
    return docx.Document(str(result.docx)), result.docx, meeting_dir


def test_a4_and_margins(minutes_docx):
    doc, _, _ = minutes_docx
    s = doc.sections[0]
    # stored in twips: compare in millimetres to a tenth
    assert (round(s.page_width.mm, 1), round(s.page_height.mm, 1)) == (210, 297)
    assert 20 <= round(s.top_margin.mm, 1) <= 25 and 20 <= round(s.bottom_margin.mm, 1) <= 25
    assert 30 <= round(s.left_margin.mm, 1) <= 35 and 15 <= round(s.right_margin.mm, 1) <= 20


def test_times_new_roman_in_all_four_slots_of_every_run_style_and_default(minutes_docx):
    doc, path, _ = minutes_docx
    runs = all_runs(doc)
    assert len(runs) > 60 and doc.sections[0].header.paragraphs[0].runs  # the page-number field too
    for run in runs:
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(slot)) for slot in FONT_SLOTS} == {FONT}, run.text
        assert run.font.color.rgb is not None and str(run.font.color.rgb) == "000000"
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert {defaults.find(qn("w:rFonts")).get(qn(s)) for s in FONT_SLOTS} == {FONT}
    for fonts in doc.styles.element.iter(qn("w:rFonts")):  # no style falls back to theme fonts
        assert not [a for a in fonts.attrib if "Theme" in a or "theme" in a]
    with zipfile.ZipFile(path) as z:
        theme = z.read("word/theme/theme1.xml").decode()
        with_effects = z.read("word/stylesWithEffects.xml").decode()
        document = z.read("word/document.xml").decode()
    assert 'typeface="Calibri"' not in theme and 'typeface="Cambria"' not in theme
    assert 'latin typeface="Times New Roman"' in theme
    assert "Theme=" not in with_effects and "theme=" not in with_effects
    assert "Heading" not in document and "Title" not in {p.style.name for p in doc.paragraphs}


def test_body_paragraph_format(minutes_docx):
    doc, _, _ = minutes_docx
    par = find_paragraph(doc, "Địa điểm:")
    fmt = par.paragraph_format
    assert par.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= fmt.first_line_indent <= Mm(12.7)
    assert fmt.space_after >= Pt(6)
    assert 1.0 <= fmt.line_spacing <= 1.5
    assert all(r.font.size in (Pt(13), Pt(14)) for r in par.runs)


def _run_of(doc, text):
    par = find_paragraph(doc, text, exact=True)
    assert len(par.runs) == 1
    return par.runs[0]


def test_header_texts_sizes_and_weights(minutes_docx):
    doc, _, _ = minutes_docx
    table = doc.tables[0]
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND THỊ XÃ SƠN TÂY",
        "ỦY BAN NHÂN DÂN PHƯỜNG LÊ LỢI",
        "Số: 15/BB-UBND",
    ]
    assert [p.text for p in right.paragraphs if p.text] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    parent, issuer, number = (p.runs[0] for p in left.paragraphs if p.text)
    assert Pt(12) <= parent.font.size <= Pt(13) and not parent.font.bold
    assert issuer.font.bold and issuer.font.size == Pt(13)
    assert number.font.size == Pt(13) and not number.font.bold
    nation, motto = (p.runs[0] for p in right.paragraphs if p.text)
    assert nation.font.bold and Pt(12) <= nation.font.size <= Pt(13)
    assert motto.font.bold and Pt(13) <= motto.font.size <= Pt(14)
    title = _run_of(doc, "BIÊN BẢN")
    assert title.font.bold and title.font.size == Pt(14)
    assert find_paragraph(doc, "BIÊN BẢN", exact=True).alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert find_paragraph(doc, "Hội nghị tiếp xúc, đối thoại", exact=False).alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_header_rules_under_issuer_and_motto(minutes_docx):
    doc, _, _ = minutes_docx
    left, right = doc.tables[0].rows[0].cells

    def rule_after(cell, text):
        pars = cell.paragraphs
        i = next(i for i, p in enumerate(pars) if p.text == text)
        border = pars[i + 1]._p.pPr.find(qn("w:pBdr"))
        assert border is not None and border.find(qn("w:top")).get(qn("w:val")) == "single"
        fmt = pars[i + 1].paragraph_format
        return cell.width - fmt.left_indent - fmt.right_indent

    issuer_rule = rule_after(left, "ỦY BAN NHÂN DÂN PHƯỜNG LÊ LỢI")
    assert Mm(15) <= issuer_rule <= Mm(25)  # a third to a half of "ỦY BAN NHÂN DÂN" (~43 mm at 13 pt bold)
    motto_rule = rule_after(right, "Độc lập - Tự do - Hạnh phúc")
    assert Mm(50) <= motto_rule <= Mm(65)  # the length of the motto at 13 pt bold


def test_opening_fields_in_the_decrees_order(minutes_docx):
    doc, _, _ = minutes_docx
    texts = [p.text for p in doc.paragraphs]
    labels = [
        "Thời gian bắt đầu:",
        "Địa điểm:",
        "Thành phần tham dự:",
        "Chủ trì (chủ tọa):",
        "Thư ký (người ghi biên bản):",
        "Nội dung",
    ]
    positions = [next(i for i, t in enumerate(texts) if t.startswith(label)) for label in labels]
    assert positions == sorted(positions)
    assert texts[positions[0]] == "Thời gian bắt đầu: 8 giờ 00, ngày 07 tháng 3 năm 2026."
    assert texts[positions[3]] == (
        "Chủ trì (chủ tọa): Nguyễn Văn Hùng – Chủ tịch UBND phường; "
        "đồng chủ trì: Lê Thị Hạnh – Chủ tịch Ủy ban MTTQ Việt Nam phường."
    )
    assert _run_of(doc, "Nội dung (theo diễn biến hội nghị):").font.bold


def test_petitions_outcomes_and_follow_up_table(minutes_docx):
    doc, _, _ = minutes_docx
    texts = "\n".join(p.text for p in doc.paragraphs)
    assert "Ý kiến 1: Lê Văn Bình, Tổ dân phố 2:" in texts
    assert "- Trả lời (Nguyễn Văn Hùng, Chủ tịch UBND phường): Phường sẽ thay đèn." in texts
    # promised without a deadline: the store sets the 30-day limit
    assert "Nguyễn Văn Hùng hứa giải quyết sau hội nghị, chậm nhất ngày 06 tháng 4 năm 2026." in texts
    assert "Đã trả lời trực tiếp tại hội nghị." in texts
    assert "chuyển Sở Xây dựng thành phố giải quyết, thời hạn ngày 06 tháng 5 năm 2026." in texts
    assert "Không thuộc nội dung hội nghị; đã tiếp nhận và sẽ trả lời bằng văn bản." in texts
    table = doc.tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Nội dung", "Người kiến nghị", "Trách nhiệm giải quyết", "Thời hạn"]
    assert rows[1] == ["1", "Đề nghị sửa đèn chiếu sáng ngõ 12.", "Lê Văn Bình", "Nguyễn Văn Hùng", "ngày 06 tháng 4 năm 2026"]
    assert rows[2][2:] == ["Phạm Thị Hoa", "Sở Xây dựng thành phố", "ngày 06 tháng 5 năm 2026"]
    assert rows[3][1:4] == ["Hỏi về chế độ người có công.", "Lê Văn Bình", "Phòng Văn hóa - Xã hội"]
    assert len(rows) == 4  # the answered petition needs no follow-up
    assert all(r.font.bold for r in table.rows[0].cells[0].paragraphs[0].runs)


def test_closing_integrity_signatures_and_recipients(minutes_docx):
    doc, path, folder = minutes_docx
    texts = [p.text for p in all_paragraphs(doc)]
    assert "Hội nghị kết thúc vào 11 giờ 05, ngày 07 tháng 3 năm 2026./." in texts
    digest = audio_sha256(folder / "audio.wav")
    assert any(digest in t for t in texts)
    assert digest in doc.core_properties.keywords and digest in doc.core_properties.comments
    sig = doc.tables[2]
    titles = [c.paragraphs[0] for c in sig.rows[0].cells]
    assert [p.text for p in titles] == ["THƯ KÝ", "CHỦ TỌA"]
    assert all(p.runs[0].font.bold for p in titles)
    assert [c.paragraphs[1].text for c in sig.rows[0].cells][0] == "(Chữ ký)"
    assert sig.rows[0].cells[1].paragraphs[1].text.startswith("(Chữ ký của người có thẩm quyền")
    assert [c.text for c in sig.rows[2].cells] == ["Trần Thị Mai", "Nguyễn Văn Hùng"]
    recipients = [p for p in sig.rows[3].cells[0].paragraphs if p.text]
    head = recipients[0].runs[0]
    assert recipients[0].text == "Nơi nhận:" and head.font.bold and head.font.italic and head.font.size == Pt(12)
    assert [p.text for p in recipients[1:]] == ["- Thường trực Đảng ủy phường;", "- UBMTTQ phường;", "- Lưu: VT, Hồ sơ."]
    assert all(p.runs[0].font.size == Pt(11) for p in recipients[1:])


def test_page_numbers_at_the_top_centre_but_not_on_page_one(minutes_docx):
    doc, _, _ = minutes_docx
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.is_linked_to_previous or not "".join(p.text for p in section.first_page_header.paragraphs)
    number = section.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(t.text for t in number._p.iter(qn("w:instrText")))


def test_anonymous_speaker_is_anonymous_everywhere(minutes_docx):
    doc, path, _ = minutes_docx
    texts = "\n".join(p.text for p in all_paragraphs(doc))
    assert "Ý kiến 2: Ẩn danh:" in texts
    assert "Ẩn danh: Tôi là Ẩn danh" in texts  # the appendix: speaker and spoken name both hidden
    with zipfile.ZipFile(path) as z:
        everything = "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml"))
    assert HIDDEN_NAME not in everything and HIDDEN_NAME.lower() not in everything.lower()
    assert HIDDEN_GROUP not in everything


def test_appendix_has_times_and_speakers(minutes_docx):
    doc, _, _ = minutes_docx
    title = find_paragraph(doc, "PHỤ LỤC", exact=True)
    assert title.paragraph_format.page_break_before
    texts = [p.text for p in doc.paragraphs]
    assert "[00:01:00] Nguyễn Văn Hùng: Kính thưa các đồng chí, tôi xin báo cáo." in texts
    assert "[00:30:40] Đinh Công Lực: Công an phường sẽ kiểm tra." in texts


def test_no_appendix_unless_asked(meeting_dir, tmp_path):
    minutes, _ = load_minutes(meeting_dir)
    doc = docx.Document(str(write_docx(minutes, tmp_path / "plain.docx")))
    assert not [p for p in doc.paragraphs if p.text == "PHỤ LỤC"]


def test_existing_export_is_never_overwritten_silently(meeting_dir):
    first = export_meeting(meeting_dir, ExportRequest())
    before = first.docx.read_bytes()
    with pytest.raises(ExportError) as refused:
        export_meeting(meeting_dir, ExportRequest())
    assert refused.value.code == "export_exists"
    assert first.docx.read_bytes() == before
    again = export_meeting(meeting_dir, ExportRequest(force=True))
    assert again.docx == first.docx


def test_a_bare_meeting_exports_with_blanks_to_fill_by_hand(tmp_path):
    from minutes_tui.meeting import Meeting, MeetingStore

    folder = tmp_path / "bare"
    with MeetingStore.create(folder, Meeting(title="Họp tổ dân phố\x0b3\tngày\nthứ bảy")) as store:
        store.add_segment(1.0, 2.0, "lời\x01 nói")
    result = export_meeting(folder, ExportRequest(appendix=True))
    doc = docx.Document(str(result.docx))
    texts = [p.text for p in all_paragraphs(doc)]
    assert "Họp tổ dân phố 3 ngày thứ bảy" in texts  # control characters cannot break the XML
    assert "Thời gian bắt đầu: … giờ …, ngày … tháng … năm …." in texts
    assert "Hội nghị kết thúc vào … giờ …, ngày … tháng … năm …./." in texts
    assert "Không có ý kiến, kiến nghị nào." in texts and "Không có nội dung nào cần tiếp tục giải quyết." in texts
    assert "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BB-UBND" in texts
    assert result.audio is None and not doc.core_properties.keywords
    assert "[00:00:01] lời nói" in texts


def test_anonymity_by_meaning_reaches_every_part_and_the_metadata(tmp_path):
    """Variants of her name in the title, the body, the follow-ups and the appendix are all masked."""
    from export_sample import build_meeting

    from minutes_tui.meeting import MeetingStore, Outcome, OutcomeKind

    folder = build_meeting(tmp_path / "m")
    with MeetingStore.open(folder) as store:
        store.update_meeting(title="Hội nghị đối thoại, đơn của chị Tố")
        hidden = next(p for p in store.load().participants if p.anonymous)
        store.update_participant(hidden.id, aliases=("Tố xôi",))
        seg = store.add_segment(
            2000.0, 2010.0, "Tôi là vợ anh Bình, người ta gọi tôi là Tố xôi; VÕ THỊ TỐ đây.", speaker_id=hidden.id
        )
        p = store.add_petition("Chị tố đề nghị phường đầu tư camera ở chợ.", raised_by=hidden.id, segment_ids=[seg.id])
        store.set_outcome(p.id, Outcome(OutcomeKind.PROMISED, responsible="Công an phường (liên hệ bà Tố)"))
    docx_path = export_meeting(folder, ExportRequest(appendix=True)).docx
    with zipfile.ZipFile(docx_path) as z:
        everything = "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml"))
    for leak in ("chị Tố", "Tố xôi", "VÕ THỊ TỐ", "bà Tố", "Chị tố"):
        assert leak not in everything, leak
    assert "đầu tư camera" in everything  # an ordinary word is left alone
    assert "Ẩn danh" in docx.Document(docx_path).core_properties.title


@pytest.mark.office
def test_the_pdf_its_metadata_and_its_file_names_never_name_her(tmp_path):
    """The rendered PDF's text, /Info and XMP title, and every exported file's name: nothing names her."""
    import subprocess

    from export_sample import build_meeting

    from minutes_tui.meeting import MeetingStore

    folder = build_meeting(tmp_path / "m")
    given = HIDDEN_NAME.split()[-1]
    with MeetingStore.open(folder) as store:
        store.update_meeting(title=f"Đối thoại về đơn của chị {given}")
        store.add_segment(3000.0, 3005.0, f"{HIDDEN_NAME.upper()} xin phát biểu.")
    result = export_meeting(folder, ExportRequest(make_pdf=True, appendix=True))
    assert result.pdf is not None
    info = "".join(
        subprocess.run(["pdfinfo", *flag, str(result.pdf)], capture_output=True, text=True, check=True).stdout
        for flag in ([], ["-meta"])  # /Info, then XMP
    )
    text = subprocess.run(["pdftotext", str(result.pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Ẩn danh" in info  # the title is there, masked
    for shown in (info, text, " ".join(p.name for p in folder.rglob("*"))):
        assert given not in shown and given.upper() not in shown, shown
