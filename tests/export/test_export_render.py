"""The DOCX rendered by the real LibreOffice: a sane PDF, PNG pages, headings with their diacritics."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest

from minutes_tui.export.errors import ExportError
from minutes_tui.export.pdf import convert_to_pdf

pytestmark = pytest.mark.office  # LibreOffice renders the minutes; poppler reads them back


def _text(pdf) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFC", out.stdout)


def test_pdf_has_a_sane_page_count_and_the_headings(rendered):
    info = subprocess.run(["pdfinfo", str(rendered["pdf"])], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 2 <= pages <= 5  # two pages of minutes and the appendix page
    text = _text(rendered["pdf"])
    for heading in (
        "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BIÊN BẢN",
        "Thời gian bắt đầu", "Thành phần tham dự", "Nội dung (theo diễn biến hội nghị)",
        "Ý kiến, kiến nghị của Nhân dân", "THƯ KÝ", "CHỦ TỌA", "Nơi nhận:", "Lưu: VT, Hồ sơ.", "PHỤ LỤC",
    ):  # fmt: skip
        assert heading in text, heading
    assert "Võ Thị Tố" not in text


def test_first_page_has_no_number_and_the_second_has_one(rendered):
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(rendered["pdf"]), "-"], capture_output=True, text=True).stdout
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(rendered["pdf"]), "-"], capture_output=True, text=True).stdout
    assert first.lstrip().startswith("UBND")
    assert second.lstrip().splitlines()[0].strip() == "2"


def test_pages_render_to_png(rendered, tmp_path):
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(rendered["pdf"]), str(tmp_path / "page")], check=True
    )
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == 2
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 10_000 for p in pngs)


def test_missing_libreoffice_is_a_clear_message(rendered, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty PATH: no soffice anywhere
    with pytest.raises(ExportError) as missing:
        convert_to_pdf(rendered["docx"], tmp_path / "x.pdf")
    assert missing.value.code == "pdf_no_libreoffice"
    assert not (tmp_path / "x.pdf").exists()


def test_existing_pdf_is_not_overwritten(rendered):
    before = rendered["pdf"].read_bytes()
    with pytest.raises(ExportError) as refused:
        convert_to_pdf(rendered["docx"], rendered["pdf"])
    assert refused.value.code == "export_exists"
    assert rendered["pdf"].read_bytes() == before


def test_every_vietnamese_letter_is_drawn_in_the_minutes_typeface(rendered):
    """No letter falls back to another font (Liberation Serif 1.x lacks ầ, ễ, ị…: fonts-liberation2 has them).

    A fallback shows as a different face inside words on paper and splits words for text tools
    (the signature field is placed from the words' boxes).
    """
    out = subprocess.run(["pdffonts", str(rendered["pdf"])], capture_output=True, text=True, check=True).stdout
    families = {line.split()[0].split("+")[-1].split("-")[0] for line in out.splitlines()[2:] if line.strip()}
    assert families <= {"LiberationSerif", "TimesNewRomanPSMT", "TimesNewRoman"}, families
