"""What one refresh of the voice suggestions costs on the screens, by meeting length.

The live screen refreshes at every final segment and the screens at every tag (a worker thread:
embed the new segments, suggest for every untagged one, judge voice changes inside segments).
Besides the embedding (docs/benchmarks.md, "Cost against the decoder"), each refresh reads the
meeting's voiceprints and compares them; that part grows with the meeting. This measures it on a
made-up meeting of N segments (2-9 s each, random voiceprints, a third of them tagged), with the
voiceprints file opened afresh as the worker does:

    .venv/bin/python bench/voices_refresh_cost.py 200 1500

``all judged``: every segment's change judged again (what every refresh did before
``inside_splits`` kept its judgements); ``full_refresh``: everything recomputed but those
judgements (``suggest_speakers`` and ``inside_splits``: what a refresh cost before
``VoiceRefresher``); ``new_segment``: the screens' refresh now (``VoiceRefresher.refresh``) when
one untagged final segment was added since the last (median and max over the last 20 segments of
the meeting, each with its voiceprints file opened afresh as the worker does);
``new_tagged_segment``: the same when the new segment came tagged (a third of them here);
``after_a_tag``: when the secretary tagged one segment since (profiles rebuilt, every untagged
segment scored again).
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minutes_tui.meeting import Meeting, MeetingStore  # noqa: E402
from minutes_tui.meeting.known_voices import KnownVoices  # noqa: E402
from minutes_tui.meeting.model import (
    MeetingRecord,  # noqa: E402
    SegmentWord,  # noqa: E402
)
from minutes_tui.meeting.voiceprints import Voiceprints  # noqa: E402
from minutes_tui.workflows.voices import (  # noqa: E402
    VoiceRefresher,
    embed_missing,
    inside_splits,
    speaker_changes,
    suggest_speakers,
)
from voices.encoder import Partials  # noqa: E402


def made_up_meeting(folder: Path, n: int) -> None:
    rng = np.random.default_rng(0)
    with MeetingStore.create(folder, Meeting(title="x")) as store:
        people = [store.add_participant(f"P{i}", role="r") for i in range(8)]
        t = 0.0
        with Voiceprints(folder) as prints:
            for i in range(n):
                d = float(rng.uniform(2, 9))
                words = tuple(SegmentWord(t + k * 0.4, t + k * 0.4 + 0.35, f" w{k}", 0.9) for k in range(int(d / 0.4)))
                who = people[i % 8].id if i % 3 == 0 else None
                s = store.add_segment(t, t + d, "".join(w.text for w in words).strip(), words=words, speaker_id=who)
                k = max(1, int(d * 1.3) - 1)
                e = np.abs(rng.standard_normal((k, 256))).astype(np.float32)
                e /= np.linalg.norm(e, axis=1, keepdims=True)
                starts = s.start + np.arange(k) * 0.77
                prints.put(s.id, s.start, s.end, Partials(e, starts, starts + 1.6, d * 0.8))
                t += d + 0.5


def _no_audio(a: float, b: float) -> np.ndarray:
    return np.zeros(0, np.float32)


def measure(folder: Path) -> dict:
    with MeetingStore.open(folder) as store:
        record = store.load()
    known = KnownVoices(folder / "known.sqlite")
    with Voiceprints(folder) as prints:
        c = time.process_time()
        speaker_changes(record, prints)
        before = time.process_time() - c
        judged = inside_splits(record, prints)
    best = float("inf")
    for _ in range(3):
        with Voiceprints(folder) as prints:
            c = time.process_time()
            embed_missing(record, prints, None, _no_audio)  # nothing left to embed
            suggest_speakers(record, prints, known)
            inside_splits(record, prints, judged)
            best = min(best, time.process_time() - c)
    # the follower, as the live screen uses it: one refresh per new final segment
    follower = VoiceRefresher()
    n = len(record.segments)
    per_segment: dict[bool, list[float]] = {False: [], True: []}  # by: was the new segment tagged
    with Voiceprints(folder) as prints:
        follower.refresh(
            MeetingRecord(record.meeting, record.participants, record.segments[: n - 20]), prints, None, _no_audio, known
        )
    for k in range(n - 19, n + 1):
        part = MeetingRecord(record.meeting, record.participants, record.segments[:k])
        c = time.process_time()
        with Voiceprints(folder) as prints:
            follower.refresh(part, prints, None, _no_audio, known)
        per_segment[part.segments[-1].speaker_id is not None].append(time.process_time() - c)
    untagged = next(s for s in reversed(record.segments) if s.speaker_id is None)
    retagged = MeetingRecord(
        record.meeting,
        record.participants,
        tuple(replace(s, speaker_id=record.participants[0].id) if s.id == untagged.id else s for s in record.segments),
    )
    c = time.process_time()
    with Voiceprints(folder) as prints:
        follower.refresh(retagged, prints, None, _no_audio, known)
    after_tag = time.process_time() - c
    known.close()
    hours = record.segments[-1].end / 3600
    return {
        "segments": len(record.segments),
        "hours": round(hours, 2),
        "all_judged_s": round(before, 4),
        "full_refresh_s": round(best, 4),
        "new_segment_s": round(float(np.median(per_segment[False])), 4),
        "new_segment_max_s": round(max(per_segment[False]), 4),
        "new_tagged_segment_s": round(float(np.median(per_segment[True])), 4),
        "after_a_tag_s": round(after_tag, 4),
        "seconds_per_segment": round(record.segments[-1].end / len(record.segments), 1),
    }


def main() -> None:
    for n in [int(a) for a in sys.argv[1:]] or [200, 1500]:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "m"
            made_up_meeting(folder, n)
            print(measure(folder))


if __name__ == "__main__":
    main()
