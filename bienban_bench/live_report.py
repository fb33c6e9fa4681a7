"""Measuring the live pipeline: latency from the end of speech to final text, WER, RTF, memory.

``measure`` plays a file through the recorder's ``FileSource`` into ``LivePipeline`` — the path
the app uses — and ``LiveReport`` holds what ``bienban bench live`` prints. Latency is wall-clock
time from the moment the block holding the end of speech was handed to the pipeline to the
moment its final text arrived.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from bienban_base.audio import SAMPLE_RATE
from transcribe.live import FinalText, LiveOptions, LivePipeline
from transcribe.vocabulary import MeetingVocabulary


@dataclass
class LiveReport:
    """The figures of one benchmark run (``--json`` prints these keys)."""

    latency_p50: float | None = None
    """Median latency, seconds (end of speech to final text)."""
    latency_p95: float | None = None
    """95th percentile latency, seconds."""
    latency_max: float | None = None
    """Worst latency, seconds."""
    latency_vad_p50: float | None = None
    """Median latency from each utterance's VAD end of speech (with ``--truth`` too: a truth
    turn's end can include silence after the speech, which flatters the truth-based figures)."""
    latency_vad_p95: float | None = None
    """95th percentile of the VAD-based latency, seconds."""
    wer_live: float | None = None
    """WER of the live transcript against the truth (None without ``--truth``)."""
    wer_offline: float | None = None
    """WER of the offline transcript (``bienban transcribe``) against the truth."""
    wer_live_vs_offline: float | None = None
    """WER of the live transcript taking the offline one as reference."""
    rtf: float = 0.0
    """Decoding time of final text over audio duration."""
    cpu: float = 0.0
    """Process CPU time over wall time (2.0 = both cores busy)."""
    peak_rss_mb: float = 0.0
    """Peak resident memory of the process, MB."""
    dropped_blocks: int = 0
    """Blocks the pipeline did not get (recorder queue overflow, input overflow, gaps)."""
    audio_s: float = 0.0
    """Audio duration, seconds."""
    wall_s: float = 0.0
    """Wall time from the first block to the last final text, seconds."""
    utterances: int = 0
    """Utterances decoded."""
    missed_turns: int = 0
    """Truth turns no final text overlapped."""
    latencies: list[float] = field(default_factory=list)
    """Every latency measured, seconds."""
    rss_timeline: list[tuple[float, float]] = field(default_factory=list)
    """(audio seconds fed, RSS MB), about every 60 s of audio."""
    load_average: float = 0.0
    """1-minute load average at the end (other work on the machine)."""
    transcript: str = ""
    """The live transcript."""

    def to_dict(self) -> dict:
        """JSON form."""
        return asdict(self)


class FeedLog:
    """When each block reached the pipeline (wall clock), to time the end of speech."""

    def __init__(self) -> None:
        self.ends: list[int] = []
        self.walls: list[float] = []

    def mark(self, end_sample: int) -> None:
        """Record that samples up to ``end_sample`` have been handed over now."""
        self.ends.append(end_sample)
        self.walls.append(time.monotonic())

    def wall_at(self, sample: int) -> float:
        """Wall time at which ``sample`` was handed over."""
        i = min(bisect.bisect_left(self.ends, sample), len(self.ends) - 1)
        return self.walls[i]


def latencies(finals: list[tuple[FinalText, float]], feed: FeedLog, turns: list[dict] | None) -> tuple[list[float], int]:
    """Latencies, and the truth turns that no final text overlapped.

    With truth ``turns`` (``start``/``end`` seconds) a turn's text is final when the last
    utterance overlapping it has arrived; without, each utterance counts from its VAD end."""
    if not turns:
        return [t - feed.wall_at(int(f.utterance.speech_end * SAMPLE_RATE)) for f, t in finals if f.segments], 0
    out, missed = [], 0
    for turn in turns:
        hits = [t for f, t in finals if f.segments and f.utterance.start < turn["end"] and f.utterance.end > turn["start"]]
        if not hits:
            missed += 1
            continue
        out.append(max(hits) - feed.wall_at(int(turn["end"] * SAMPLE_RATE)))
    return out, missed


def percentile(values: list[float], q: float) -> float | None:
    """The ``q`` percentile (0-100), rounded to ms; None for no values."""
    return round(float(np.percentile(values, q)), 3) if values else None


class RssWatch:
    """Samples the process RSS every ``every`` seconds in a thread; keeps the peak."""

    def __init__(self, every: float = 0.5) -> None:
        import psutil

        self._proc = psutil.Process()
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def now_mb(self) -> float:
        """Current RSS, MB."""
        rss = self._proc.memory_info().rss / 2**20
        self.peak = max(self.peak, rss)
        return rss

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            self.now_mb()

    def stop(self) -> float:
        """Stop sampling; the peak in MB."""
        self._stop.set()
        self._thread.join()
        return max(self.peak, self.now_mb())

    def cpu_seconds(self) -> float:
        """User + system CPU time of the process so far."""
        t = self._proc.cpu_times()
        return t.user + t.system


def new_pipeline(
    transcriber, options: LiveOptions, finals: list, light: bool = False, on_final: Callable[[FinalText], None] | None = None
) -> LivePipeline:
    """A pipeline that records each final text with its arrival time; ``light`` keeps only the
    utterance (a long memory test must not measure its own transcript growing); ``on_final``
    also sees every final text (e.g. the voices follower)."""

    def keep(final: FinalText) -> None:
        finals.append((replace(final, segments=[]) if light else final, time.monotonic()))
        if on_final is not None:
            on_final(final)

    return LivePipeline(transcriber, options, on_final=keep)


def vocabulary_of_truth(truth: dict) -> MeetingVocabulary:
    """What the app would know before a scripted meeting (``make_meeting.py``'s truth.json):
    its title, the roster's names and roles, the agencies named in the plan."""
    people = tuple((s["name"], s.get("role", "")) for s in (truth.get("speakers") or {}).values())
    agencies = tuple(sorted({t["agency"] for t in truth.get("turns", []) if t.get("agency")}))
    return MeetingVocabulary(title=truth.get("title") or "", agencies=agencies, people=people)
