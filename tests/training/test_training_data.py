"""The recipe's draw of training clips and its split of the dev set (no torch needed)."""

from collections import Counter
from pathlib import Path

import pytest

from training.data import Clip, balanced, dev_halves, eval_clips, training_clips

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _clips(counts: dict[str, int]) -> list[Clip]:
    return [Clip(Path(f"{s}_{i:04d}.opus"), f"câu {i}", s, 3.0) for s, n in counts.items() for i in range(n)]


def test_no_voice_has_more_than_its_cap_and_every_prefix_is_mixed():
    clips = _clips({"v001": 4000, "v002": 2000, "v003": 1000, **{f"v{i:03d}": 5 for i in range(4, 60)}})
    drawn = balanced(clips, per_speaker=300)
    counts = Counter(c.speaker for c in drawn)
    assert max(counts.values()) == 300 and counts["v010"] == 5
    assert len(drawn) == 3 * 300 + 56 * 5
    first = Counter(c.speaker for c in drawn[:200])  # what an interrupted cache holds is balanced too
    assert first["v001"] < 80 and len(first) > 10
    assert balanced(clips, per_speaker=300) == drawn  # the same draw on every machine


def test_dev_halves_cut_between_sessions_and_cover_the_set():
    names = [f"common_voice_vi_{n}.mp3" for n in (*range(100, 110), *range(500, 506), *range(900, 912))]
    clips = [Clip(Path(n), "x", "dev", 0.0) for n in names]
    tune, held = dev_halves(clips)
    assert tune + held == sorted(clips, key=lambda c: c.path.name)
    assert tune[-1].path.name == "common_voice_vi_505.mp3"  # the widest gap near the middle, not inside a session


@pytest.mark.skipif(not (SHARED / "train" / "cv_vi").is_dir(), reason="needs ../shared/train")
def test_the_shared_material_keeps_evaluation_sentences_out_of_training():
    train = {c.text.lower().strip(" .,!?") for c in training_clips(SHARED / "train" / "cv_vi")}
    for folder in ("cv_vi_unseen", "cv_vi_dev"):
        dev = {c.text.lower().strip(" .,!?") for c in eval_clips(SHARED / "eval" / folder)}
        assert not dev & train, folder
