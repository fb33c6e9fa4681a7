"""A clip or utterance decoded whole, without timestamp tokens (``CLIP_DECODE``, issue 18)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bienban_base.audio import SAMPLE_RATE, load_audio
from transcribe.decoding import CLIP_DECODE, DecodeOptions
from transcribe.engine import first_decoding
from transcribe.live_types import LIVE_DECODE
from transcribe.normalize import normalize


def _raw(*seeks: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(seek=s, text=f"s{i}") for i, s in enumerate(seeks)]


def test_only_the_first_decoding_of_a_window_without_timestamps_is_kept():
    raw = _raw(0, 380, 420)  # without timestamp tokens a decoding is one segment
    assert [s.text for s in first_decoding(raw, CLIP_DECODE, 4.0)] == ["s0"]
    assert list(first_decoding(_raw(380), CLIP_DECODE, 4.0)) == []  # the first one came to nothing


def test_later_windows_and_timestamped_decodings_are_kept_whole():
    raw = _raw(0, 380, 3000)
    assert len(list(first_decoding(raw, CLIP_DECODE, 31.0))) == 3  # more than one window
    assert len(list(first_decoding(raw, DecodeOptions(), 4.0))) == 3  # timestamps: Whisper's own seeks


def test_the_first_decoding_is_not_decoded_past():
    def lazy():
        yield SimpleNamespace(seek=0, text="speech")
        raise AssertionError("the rest of the window was decoded")

    assert [s.text for s in first_decoding(lazy(), CLIP_DECODE, 4.0)] == ["speech"]


# Clips of cv_vi_dev on which the decoding without timestamps went on into the clip's
# trailing silence and wrote "Cảm ơn" or a YouTube outro there (bench/decoding_study.py).
TAIL_CLIPS = ["common_voice_vi_39660454.mp3", "common_voice_vi_27279573.mp3", "common_voice_vi_39434955.mp3"]


@pytest.mark.model
@pytest.mark.parametrize("name", TAIL_CLIPS)
@pytest.mark.parametrize("path", ["clip", "live"])
def test_a_clip_gets_its_words_timed_and_nothing_after_its_speech(transcriber, eval_dir, name, path):
    """``bienban eval``'s decoding and a live utterance's (short encoder window, token cap)."""
    audio = load_audio(eval_dir / "cv_vi_dev" / name)
    segments = transcriber.decode(audio, {"clip": CLIP_DECODE, "live": LIVE_DECODE}[path])
    text = normalize(" ".join(s.text for s in segments))
    assert text and not text.endswith("cảm ơn") and "video" not in text, text
    assert all(s.words for s in segments)  # word times come from the alignment
    words = [w for s in segments for w in s.words]
    assert all(0 <= w.start <= w.end <= audio.size / SAMPLE_RATE + 0.05 for w in words)
    assert [w.start for w in words] == sorted(w.start for w in words)
