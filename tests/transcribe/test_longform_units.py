"""Pure parts of the windowed decoder: streaming a file from a point, packing speech into
chunks, grouping a chunk's speech into utterances (no model)."""

from __future__ import annotations

import wave

import numpy as np

from bienban_base.audio import SAMPLE_RATE, audio_duration, load_audio, stream_audio
from transcribe.longform import CHUNK_S, ChunkPacker, pack_chunks, utterance_pieces


def _wav(path, seconds: float) -> np.ndarray:
    rng = np.random.default_rng(3)
    pcm = (rng.uniform(-0.5, 0.5, int(seconds * SAMPLE_RATE)) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SAMPLE_RATE), w.writeframes(pcm.tobytes())
    return pcm.astype(np.float32) / 32768.0


def test_a_file_streams_in_blocks_from_any_point(tmp_path):
    expected = _wav(tmp_path / "a.wav", 70.0)
    blocks = list(stream_audio(tmp_path / "a.wav", block_s=20.0))
    assert all(b.size >= 20 * SAMPLE_RATE for b in blocks[:-1]) and len(blocks) == 4
    assert np.array_equal(np.concatenate(blocks), load_audio(tmp_path / "a.wav"))
    rest = np.concatenate(list(stream_audio(tmp_path / "a.wav", start_s=33.25)))
    assert np.array_equal(rest, expected[int(33.25 * SAMPLE_RATE) :])
    assert audio_duration(tmp_path / "a.wav") == 70.0


def _spans(*pairs):
    return [{"start": int(a * SAMPLE_RATE), "end": int(b * SAMPLE_RATE)} for a, b in pairs]


def test_speech_is_packed_in_chunks_of_at_most_30_s_keeping_every_span():
    audio = np.zeros(100 * SAMPLE_RATE, np.float32)
    spans = _spans((1, 12), (13, 25), (26, 40), (41, 50), (60, 61))
    chunks = list(
        pack_chunks(
            spans, audio, origin=5 * SAMPLE_RATE, feature_extractor=lambda a: np.zeros((80, a.size // 160 + 1), np.float32)
        )
    )
    assert [c.duration for c in chunks] == [23.0, 24.0]  # 11+12 | 14+9+1 (a third span would pass 30 s)
    assert [s for c in chunks for s in c.spans] == [
        {"start": s["start"] + 5 * SAMPLE_RATE, "end": s["end"] + 5 * SAMPLE_RATE} for s in spans
    ]
    assert all(c.duration <= CHUNK_S and c.features.shape == (80, 3000) for c in chunks)


def test_a_chunks_speech_forms_utterances_like_the_live_segmenters():
    # spans 0.1 s apart join until the utterance is 5 s long; a longer gap always cuts
    pieces = utterance_pieces(_spans((0, 2), (2.1, 4), (4.1, 6), (6.1, 7), (9, 10)))
    assert [(a / SAMPLE_RATE, b / SAMPLE_RATE) for a, b in pieces] == [(0, 6), (6.1, 7), (9, 10)]


def test_a_chunk_not_full_at_a_windows_end_takes_the_next_windows_speech():
    extract = lambda a: np.zeros((80, a.size // 160 + 1), np.float32)  # noqa: E731
    first = np.arange(60 * SAMPLE_RATE, dtype=np.float32)
    second = np.arange(60 * SAMPLE_RATE, 120 * SAMPLE_RATE, dtype=np.float32)
    packer = ChunkPacker(extract, with_pieces=True)
    assert list(packer.push(_spans((1, 11), (20, 25)), first, origin=0)) == []  # 15 s: waits
    chunks = list(packer.push(_spans((1, 11), (12, 30)), second, origin=60 * SAMPLE_RATE)) + list(packer.flush())
    assert [c.duration for c in chunks] == [25.0, 18.0]
    assert chunks[0].spans == _spans((1, 11), (20, 25), (61, 71))
    # the utterances keep their own audio, taken from the window each was heard in
    assert [(p.start / SAMPLE_RATE, p.duration) for p in chunks[0].pieces] == [(1, 10), (20, 5), (61, 10)]
    assert all(p.audio[0] == p.start for p in chunks[0].pieces)
