"""What one refresh of the voice suggestions costs on the screens, by meeting length.

The live screen refreshes at every final segment and the screens at every tag (a worker thread:
embed the new segments, suggest for every untagged one, judge voice changes inside segments).
Besides the embedding (docs/benchmarks.md, "Cost against the decoder"), each refresh reads the
meeting's voiceprints and compares them; that part grows with the meeting. This measures it on a
made-up meeting of N segments (2-9 s each, random voiceprints, a third of them tagged), with the
voiceprints file opened afresh as the worker does:

    .venv/bin/python bench/voices_refresh_cost.py 200 1500

``all judged``: every segment's change judged again (what every refresh did before
``inside_splits`` kept its judgements); ``refresh``: one refresh with them kept.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minutes_tui.meeting import Meeting, MeetingStore  # noqa: E402
from minutes_tui.meeting.known_voices import KnownVoices  # noqa: E402
from minutes_tui.meeting.model import SegmentWord  # noqa: E402
from minutes_tui.meeting.voiceprints import Voiceprints  # noqa: E402
from minutes_tui.workflows.voices import embed_missing, inside_splits, speaker_changes, suggest_speakers  # noqa: E402
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
            embed_missing(record, prints, None, lambda a, b: np.zeros(0, np.float32))  # nothing left to embed
            suggest_speakers(record, prints, known)
            inside_splits(record, prints, judged)
            best = min(best, time.process_time() - c)
    known.close()
    hours = record.segments[-1].end / 3600
    return {
        "segments": len(record.segments),
        "hours": round(hours, 2),
        "all_judged_s": round(before, 3),
        "refresh_s": round(best, 3),
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
