"""The vocabulary pass with the real model: on the rendered ward meeting the meeting's terms come
out spelled right and the text is closer to what was said; speech it does not describe is left
as the plain decoding wrote it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bienban_base.audio import SAMPLE_RATE, load_audio
from bienban_bench.live_report import vocabulary_of_truth
from transcribe.decoding import DecodeOptions
from transcribe.evaluate import read_transcripts, score
from transcribe.normalize import normalize
from transcribe.repass import post_meeting_pass
from transcribe.vocabulary import VocabularyPass, tokenizer_counter

pytestmark = pytest.mark.model
STEADY = DecodeOptions(temperature=(0.0,))
"""No temperature retries: they sample at random, and both runs must decode the same way."""


def _text(segments) -> str:
    return " ".join(s.text for s in segments)


def test_the_meeting_vocabulary_lowers_wer_on_the_rendered_meeting(transcriber, rendered_meeting):
    truth = json.loads((rendered_meeting / "truth.json").read_text(encoding="utf-8"))
    audio = load_audio(rendered_meeting / "meeting.wav")
    reference = " ".join(t["text"] for t in truth["turns"])
    vocabulary = VocabularyPass.of(vocabulary_of_truth(truth), tokenizer_counter(transcriber))
    plain, _ = post_meeting_pass(transcriber, audio, [], options=STEADY)
    merged, _ = post_meeting_pass(transcriber, audio, [], options=STEADY, vocabulary=vocabulary)
    assert score([(reference, _text(merged))])[0] < score([(reference, _text(plain))])[0]
    lent = [p for p in vocabulary.phrases if len(p) >= 3 and " ".join(p) in normalize(_text(merged))]
    assert any(" ".join(p) not in normalize(_text(plain)) for p in lent)


def test_the_meeting_vocabulary_leaves_other_speech_alone(transcriber, eval_dir, rendered_meeting):
    truth = json.loads((rendered_meeting / "truth.json").read_text(encoding="utf-8"))
    vocabulary = VocabularyPass.of(vocabulary_of_truth(truth), tokenizer_counter(transcriber))
    gap = np.zeros(SAMPLE_RATE, np.float32)
    rows = read_transcripts(eval_dir / "fosd_dev")[:8]
    audio = np.concatenate([gap] + [np.concatenate([load_audio(eval_dir / "fosd_dev" / name), gap]) for name, _ in rows])
    plain, _ = post_meeting_pass(transcriber, audio, [], options=STEADY)
    merged, _ = post_meeting_pass(transcriber, audio, [], options=STEADY, vocabulary=vocabulary)
    assert _text(merged) == _text(plain)
