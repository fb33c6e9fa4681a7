"""The same audio gives the same text every time, even where decoding samples at random."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bienban_base.audio import load_audio
from transcribe.engine import DecodeOptions
from transcribe.evaluate import read_transcripts

pytestmark = pytest.mark.model


def test_sampled_decoding_is_the_same_on_every_run(transcriber, eval_dir):
    name, _ = read_transcripts(eval_dir / "fosd_dev")[1]
    audio = load_audio(eval_dir / "fosd_dev" / name)
    hot = replace(DecodeOptions(), temperature=(1.0,), beam_size=1)  # nothing but random draws
    first = [s.text for s in transcriber.decode(audio, hot)]
    transcriber.decode(audio[: audio.size // 2], hot)  # other draws in between must not matter
    assert [s.text for s in transcriber.decode(audio, hot)] == first
    assert [s.text for s in transcriber.segments(audio, hot)] == [s.text for s in transcriber.segments(audio, hot)]
