"""A meeting whose third segment holds two voices (as when the recogniser runs two turns
together), built from speakers_dev's clips: for the tests of speaker changes inside a segment."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from minutes_tui.meeting import Meeting, MeetingStore


def two_voices_in_one_segment(
    folder: Path, eval_dir: Path, title: str = "Hội nghị đối thoại", word: str = "từ"
) -> tuple[MeetingStore, np.ndarray, int, float]:
    """``(store, audio, joined_id, change_s)``: two segments of other speakers, one segment of three
    clips of s14 then three of s16 (speakers_dev's most distinct pair, profile cosine 0.49) whose
    words lie only where there is speech, then two more; 1 s of silence after each. The store is
    open; ``change_s`` is where the second voice starts."""
    from bienban_base.audio import load_audio
    from minutes_tui.meeting.model import SegmentWord
    from voices.features import speech_regions

    src = eval_dir / "speakers_dev"
    with open(src / "speakers.tsv", encoding="utf-8") as f:
        table = list(csv.DictReader(f, delimiter="\t"))
    clip = {
        sp: [load_audio(src / r["path"]) for r in table if r["speaker"] == sp]
        for sp in ("s14", "s16", "s07", "s03", "s05", "s02")
    }
    first = np.concatenate([clip["s14"][k] for k in (0, 1, 3)])
    second = np.concatenate([clip["s16"][k] for k in (0, 1, 2)])
    others = [np.concatenate(clip[sp][:2]) for sp in ("s07", "s03", "s05", "s02")]
    store = MeetingStore.create(folder, Meeting(title=title))
    pieces, t, joined, change = [], 0.0, 0, 0.0
    for k, piece in enumerate(others[:2] + [np.concatenate([first, second])] + others[2:]):
        words: tuple = ()
        if k == 2:  # the recogniser's words: only where there is speech
            words = tuple(
                SegmentWord(t + a / 16000 + i * 0.5, t + a / 16000 + i * 0.5 + 0.45, f" {word}{i}", 0.9)
                for a, b in speech_regions(piece)
                for i in range(int((b - a) / 8000))
            )
            change = t + len(first) / 16000
        seg = store.add_segment(t, t + len(piece) / 16000, "".join(w.text for w in words).strip() or "…", words=words)
        joined = seg.id if k == 2 else joined
        pieces += [piece, np.zeros(16000, np.float32)]
        t += len(piece) / 16000 + 1.0
    return store, np.concatenate(pieces), joined, change
