"""Scoring normalisation: both sides of a WER comparison are made comparable the same way."""

import pytest

from transcribe.evaluate import clip_wer, score
from transcribe.normalize import normalize, spell_numbers, unify_tone_placement


@pytest.mark.parametrize(
    "old, new",
    [("hòa", "hoà"), ("Thủy lợi", "Thuỷ lợi"), ("khỏe", "khoẻ"), ("tọa đàm", "toạ đàm"), ("thúy", "thuý")],
)
def test_tone_placement_styles_are_unified(old, new):
    assert unify_tone_placement(old) == unify_tone_placement(new) == new


@pytest.mark.parametrize("word", ["hoàng", "quý", "quà", "toàn", "huyền", "thuyết", "khoa", "oà"])
def test_tone_placement_leaves_other_syllables_alone(word):
    assert unify_tone_placement(word) == word


def test_numbers_become_vietnamese_words():
    assert normalize("Đạt 70% kế hoạch") == "đạt bảy mươi phần trăm kế hoạch"
    assert normalize("1.000.000 đồng") == "một triệu đồng"
    assert normalize("tổ 3") == "tổ ba"
    assert normalize("2,5 ha") == "hai phẩy năm ha"
    assert "phẩy" not in spell_numbers("ngày 15")


def test_punctuation_case_and_unicode_forms():
    decomposed = "Ho\u0300a bi\u0300nh"  # NFD input
    assert normalize("Hòa bình, thủy lợi!") == normalize(decomposed + " thuỷ lợi") == "hoà bình thuỷ lợi"
    assert normalize("  «Xin chào» — các bạn…  ") == "xin chào các bạn"


def test_wer_counts_syllables_after_normalisation():
    assert clip_wer("Hòa bình 3 tổ", "hoà bình ba tổ.") == 0.0
    assert clip_wer("một hai ba bốn", "một hai ba") == pytest.approx(0.25)
    wer, cer = score([("một hai", "một hai"), ("ba bốn", "ba năm")])
    assert wer == pytest.approx(0.25)
    assert 0 < cer < wer
