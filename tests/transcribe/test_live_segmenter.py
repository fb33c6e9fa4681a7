"""Utterance boundaries from VAD probabilities (pure logic, no audio)."""

import numpy as np

from transcribe.utterances import WINDOW, SegmenterOptions, UtteranceSegmenter

W = WINDOW / 16000  # seconds per window


def windows(*spans):
    """Probabilities: ``(seconds, prob)`` spans in order."""
    return np.concatenate([np.full(int(round(s / W)), p, np.float32) for s, p in spans])


def test_an_utterance_ends_after_the_silence():
    seg = UtteranceSegmenter(SegmenterOptions(end_silence_s=0.6, pre_roll_s=0.3, tail_pad_s=0.25))
    cuts = seg.push(windows((2.0, 0.01), (3.0, 0.9), (0.5, 0.01)))
    assert cuts == [] and seg.open_start is not None
    cuts = seg.push(windows((0.2, 0.01)))
    assert len(cuts) == 1
    c = cuts[0]
    assert abs(c.start / 16000 - 1.7) < 0.05 and abs(c.speech_end / 16000 - 5.0) < 0.05
    assert abs(c.end / 16000 - 5.25) < 0.05
    assert seg.open_start is None


def test_short_pauses_do_not_split_and_clicks_are_dropped():
    seg = UtteranceSegmenter(SegmenterOptions(end_silence_s=0.6))
    cuts = seg.push(windows((1.0, 0.9), (0.4, 0.1), (1.0, 0.9), (1.0, 0.0), (0.1, 0.9), (1.0, 0.0)))
    assert len(cuts) == 1 and cuts[0].speech_end / 16000 > 2.3


def test_a_long_utterance_ends_at_a_short_pause_so_its_text_comes_while_the_speaker_goes_on():
    seg = UtteranceSegmenter(SegmenterOptions(end_silence_s=0.6, pause_cut_after_s=5.0, pause_cut_s=0.3))
    cuts = seg.push(windows((0.5, 0.0), (6.0, 0.9), (0.35, 0.1), (3.0, 0.9), (0.35, 0.1), (2.0, 0.9)))
    assert len(cuts) == 1, cuts  # the second pause comes only 3 s into the next utterance
    assert abs(cuts[0].speech_end / 16000 - 6.5) < 0.05
    assert seg.open_start is not None and seg.open_start >= cuts[0].end
    cuts = seg.push(windows((0.7, 0.0)))
    assert len(cuts) == 1 and abs(cuts[0].speech_end / 16000 - 12.2) < 0.05


def test_without_pause_cuts_only_the_end_silence_ends_an_utterance():
    seg = UtteranceSegmenter(SegmenterOptions(end_silence_s=0.6, pause_cut_after_s=None))
    cuts = seg.push(windows((0.5, 0.0), (6.0, 0.9), (0.35, 0.1), (3.0, 0.9), (0.7, 0.0)))
    assert len(cuts) == 1 and abs(cuts[0].speech_end / 16000 - 9.85) < 0.05


def test_a_long_utterance_is_cut_at_a_pause_before_30_s():
    seg = UtteranceSegmenter(SegmenterOptions(max_utterance_s=25.0, pause_cut_after_s=None))
    probs = windows((0.5, 0.0), (17.0, 0.9), (0.3, 0.2), (20.0, 0.9), (1.0, 0.0))
    cuts = seg.push(probs)
    assert len(cuts) == 2
    first, second = cuts
    assert abs(first.end / 16000 - 17.6) < 0.4, first
    assert second.start == first.end
    assert all((c.end - c.start) / 16000 <= 25.5 for c in cuts)


def test_flush_closes_the_open_utterance():
    seg = UtteranceSegmenter()
    assert seg.push(windows((1.0, 0.0), (2.0, 0.9))) == []
    cuts = seg.flush()
    assert len(cuts) == 1 and cuts[0].end / 16000 > 2.9
    assert seg.flush() == []


def test_streaming_vad_matches_one_pass(eval_dir):
    from faster_whisper.vad import get_vad_model

    from bienban_base.audio import load_audio
    from transcribe.utterances import StreamingVad

    audio = load_audio(next((eval_dir / "fosd_dev").glob("*.flac")))
    audio = audio[: audio.size - audio.size % WINDOW]
    whole = get_vad_model()(audio).reshape(-1)
    vad, parts, i = StreamingVad(), [], 0
    for size in [100, 1600, 7, 512, 3000] * 1000:
        if i >= audio.size:
            break
        parts.append(vad.push(audio[i : i + size]))
        i += size
    assert np.allclose(np.concatenate(parts), whole, atol=1e-5)


def test_the_encoder_window_is_the_audio_plus_padding_in_2_s_steps_and_at_most_30_s():
    from transcribe.decoding import encoder_frames

    assert encoder_frames(4.0, 2.0) == 600
    assert encoder_frames(4.005, 2.0) == 800
    assert encoder_frames(27.9, 2.0) == 3000 and encoder_frames(29.0, 2.0) == 3000


def test_a_pause_closes_the_open_utterance_and_the_next_one_starts_after_it():
    seg = UtteranceSegmenter(SegmenterOptions(pre_roll_s=0.4, tail_pad_s=0.4))
    assert seg.push(windows((1.0, 0.01), (2.0, 0.9))) == []  # mid-sentence
    pause = seg.open_start + int(2.4 * 16000)  # the samples reached when she pressed space
    cuts = seg.flush(floor=pause)
    assert len(cuts) == 1 and cuts[0].end <= pause and seg.open_start is None
    cuts = seg.push(windows((0.1, 0.9), (2.0, 0.9), (1.0, 0.01)))  # speech again at once after the resume
    assert len(cuts) == 1 and cuts[0].start >= pause  # no pre-roll into the audio before the pause
