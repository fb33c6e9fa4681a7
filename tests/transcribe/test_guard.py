"""The hallucination guard, on text and on real audio with the real model."""

import functools
from types import SimpleNamespace

import numpy as np
import pytest

from transcribe.decoding import CLIP_DECODE, DecodeOptions
from transcribe.guard import clean_text, collapse_loops, is_invented, without_silent_tail
from transcribe.live_types import LIVE_DECODE


@pytest.mark.parametrize(
    "text",
    [
        "Hãy subscribe cho kênh Ghiền Mì Gõ để không bỏ lỡ những video hấp dẫn",
        "Cảm ơn các bạn đã theo dõi và hẹn gặp lại.",
        "Hẹn gặp lại các bạn trong những video tiếp theo",
        "Chúc các em học tốt tại La La School",
        "Đăng ký kênh để ủng hộ mình nhé",
    ],
)
def test_known_outros_are_dropped(text):
    assert is_invented(text)
    assert clean_text(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "Đề nghị phường sớm sửa chữa đường kiệt vào tổ ba.",
        "Cảm ơn ông Tư, phường sẽ trả lời bằng văn bản.",
        "Tôi đăng ký hộ khẩu ở tổ năm.",
    ],
)
def test_real_speech_is_kept(text):
    assert clean_text(text) == text


def test_repetition_loops_collapse_to_one_copy():
    assert collapse_loops("xin cảm ơn xin cảm ơn xin cảm ơn xin cảm ơn") == "xin cảm ơn"
    assert collapse_loops("đi đi đi đi đi thôi") == "đi thôi"
    assert collapse_loops("từ từ mà đi") == "từ từ mà đi"  # two copies are ordinary Vietnamese


def test_unlikely_and_low_confidence_text_is_dropped():
    assert clean_text("ừ", no_speech_prob=0.9, avg_logprob=-1.5) == ""
    assert clean_text("ừ", no_speech_prob=0.9, avg_logprob=-0.2) == "ừ"


def _noise(seconds: float, seed: int = 1) -> np.ndarray:
    # Pink-ish room noise at about -38 dBFS: white noise through a one-pole low-pass.
    rng = np.random.default_rng(seed)
    white = rng.standard_normal(int(16000 * seconds)).astype(np.float32)
    out = np.empty_like(white)
    acc = 0.0
    for i in range(0, white.size, 1):
        acc = 0.97 * acc + 0.03 * white[i]
        out[i] = acc
    return out / (np.abs(out).max() + 1e-9) * 0.0126


@functools.cache
def _transcriber(model: str):
    from transcribe.engine import Transcriber

    return Transcriber(model)


@pytest.mark.model
@pytest.mark.parametrize(
    "kind",
    ["silence", "noise", "tone", "hum"],
)
@pytest.mark.parametrize("path", ["default", "clip", "live"])
@pytest.mark.parametrize("model", ["base", "base-vi"])
def test_no_text_from_silence_noise_or_tones(model, kind, path):
    """Every path's decoding options: the file's, a clip's (no VAD, no timestamps), live's; both bundled models."""
    transcriber = _transcriber(model)
    t = np.arange(16000 * 12) / 16000
    audio = {
        "silence": np.zeros(t.size, np.float32),
        "noise": _noise(12),
        "tone": (0.3 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32),
        "hum": (0.2 * np.sin(2 * np.pi * 50 * t) + 0.05 * np.sin(2 * np.pi * 150 * t)).astype(np.float32),
    }[kind]
    options = {"default": DecodeOptions(), "clip": CLIP_DECODE, "live": LIVE_DECODE}[path]
    assert [s.text for s in transcriber.decode(audio, options)] == []


def test_a_whole_sentence_looped_collapses_too():
    sentence = (
        "thế nhưng đối với vượng thì khác chỉ vài tiếng thích xáo hình đã thu phục được cả hai chú chó rồi vào nhà. Hoàng Hùng,"
    )
    looped = " ".join([sentence] * 3) + " thế nhưng đối với"
    assert collapse_loops(looped) == sentence + " thế nhưng đối với"
    twice = sentence + " " + sentence  # said twice on purpose: kept
    assert collapse_loops(twice) == twice


def _seg(start, end, no_speech_prob):
    return SimpleNamespace(start=start, end=end, no_speech_prob=no_speech_prob)


def test_a_last_segment_written_into_the_silence_after_speech_is_dropped():
    speech = _seg(0.4, 3.6, 0.2)
    # "Cảm ơn các bạn" timed 3.57-3.97 after a speaker who stopped at 3.6
    assert without_silent_tail([speech, _seg(3.57, 3.97, 0.66)], speech_end=3.6) == [speech]
    # Whisper rates it speech: kept
    assert len(without_silent_tail([speech, _seg(3.57, 3.97, 0.2)], speech_end=3.6)) == 2
    # a last word spoken before the end of speech: kept, however unsure Whisper is
    assert len(without_silent_tail([speech, _seg(3.0, 3.55, 0.7)], speech_end=3.6)) == 2
    # only the last segment is judged
    assert without_silent_tail([_seg(3.57, 3.97, 0.66), speech], speech_end=3.6)[0].start == 3.57
    assert without_silent_tail([], speech_end=1.0) == []


def test_words_the_alignment_piles_into_no_time_are_dropped():
    from transcribe.guard import unpiled_indices

    # "vân. Cảm ơn các bạn": the last three at one instant at the end of the audio
    spans = [(1.0, 1.3), (1.3, 1.6), (1.9, 1.9), (1.9, 1.9), (1.9, 1.91)]
    assert unpiled_indices(spans) == [0, 1]
    # one short word (a clipped syllable) is kept
    assert unpiled_indices([(1.0, 1.3), (1.3, 1.3), (1.3, 1.6)]) == [0, 1, 2]
    assert unpiled_indices([]) == []
