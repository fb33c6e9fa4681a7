"""Finding utterances in a stream: faster-whisper's Silero VAD run incrementally, and the rules
that close an utterance (a short silence) or cut a long one at a quiet point.

``StreamingVad`` keeps the model's recurrent state between calls, so feeding audio in any block
sizes gives exactly the probabilities of one pass over the whole recording.
``UtteranceSegmenter`` is plain logic over those probabilities (testable without audio).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bienban_base.audio import SAMPLE_RATE

WINDOW = 512
"""Silero VAD window, samples (32 ms at 16 kHz)."""
_CONTEXT = 64


class StreamingVad:
    """Speech probability per 512-sample window, fed block by block."""

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session
        self._h = np.zeros((1, 1, 128), np.float32)
        self._c = np.zeros((1, 1, 128), np.float32)
        self._context = np.zeros(_CONTEXT, np.float32)
        self._rest = np.zeros(0, np.float32)

    def push(self, samples: np.ndarray) -> np.ndarray:
        """Probabilities for every whole window completed by ``samples`` (leftovers wait)."""
        audio = np.concatenate([self._rest, samples.astype(np.float32, copy=False)])
        whole = audio.size - audio.size % WINDOW
        self._rest = audio[whole:]
        if whole == 0:
            return np.zeros(0, np.float32)
        windows = audio[:whole].reshape(-1, WINDOW)
        contexts = np.concatenate([self._context[None, :], windows[:-1, -_CONTEXT:]])
        batch = np.concatenate([contexts, windows], axis=1)
        out, self._h, self._c = self._session.run(None, {"input": batch, "h": self._h, "c": self._c})
        self._context = windows[-1, -_CONTEXT:].copy()
        return np.asarray(out, np.float32).reshape(-1)


@dataclass(frozen=True)
class Cut:
    """One closed utterance, in samples from the start of the meeting."""

    start: int
    """First sample to decode (includes the pre-roll)."""
    end: int
    """Last sample to decode, exclusive (includes the tail pad)."""
    speech_end: int
    """End of the last voiced window: where the speaker stopped."""


@dataclass(frozen=True)
class SegmenterOptions:
    """When an utterance starts, ends, or is cut."""

    threshold: float = 0.5
    """Speech probability that opens an utterance."""
    neg_threshold: float = 0.35
    """Below this a window counts as silence."""
    end_silence_s: float = 0.6
    """Silence that closes an utterance."""
    pause_cut_after_s: float | None = 5.0
    """An utterance at least this long also ends at a shorter pause (``pause_cut_s``): its text
    is decoded while the speaker goes on, so at the end of a long turn only the last phrase is
    left to decode. ``None``: only ``end_silence_s`` ends an utterance."""
    pause_cut_s: float = 0.3
    """The pause that ends an utterance longer than ``pause_cut_after_s``."""
    max_utterance_s: float = 25.0
    """A longer utterance is cut at its quietest recent point (Whisper sees 30 s at most)."""
    min_speech_s: float = 0.25
    """Utterances with less voiced audio than this are clicks or coughs: dropped."""
    pre_roll_s: float = 0.4
    """Audio kept before the first voiced window (faster-whisper pads its VAD chunks by 0.4 s too)."""
    tail_pad_s: float = 0.4
    """Audio kept after the last voiced window (already heard when the utterance closes: no delay)."""


class UtteranceSegmenter:
    """Turns window probabilities into ``Cut``s; ``open_start`` is the open utterance, if any."""

    def __init__(self, options: SegmenterOptions = SegmenterOptions()) -> None:
        self.o = options
        self.open_start: int | None = None
        self.trailing_silence = 0
        """Silent windows at the end of the open utterance."""
        self._window = 0  # index of the next window
        self._last_voiced = 0  # sample just after the last voiced window
        self._voiced = 0  # voiced windows in the open utterance
        self._floor = 0  # no pre-roll before the end of the previous utterance
        self._probs: list[float] = []

    def push(self, probs: np.ndarray) -> list[Cut]:
        """Consume window probabilities; return the utterances they close."""
        o, cuts = self.o, []
        end_windows = int(o.end_silence_s * SAMPLE_RATE / WINDOW)
        pause_windows = int(o.pause_cut_s * SAMPLE_RATE / WINDOW)
        long_windows = None if o.pause_cut_after_s is None else int(o.pause_cut_after_s * SAMPLE_RATE / WINDOW)
        max_windows = int(o.max_utterance_s * SAMPLE_RATE / WINDOW)
        for p in probs:
            i, self._window = self._window, self._window + 1
            if self.open_start is None:
                if p >= o.threshold:
                    self.open_start = max(self._floor, i * WINDOW - int(o.pre_roll_s * SAMPLE_RATE))
                    self._probs, self._voiced, self.trailing_silence = [], 0, 0
                    self._last_voiced = (i + 1) * WINDOW
                else:
                    continue
            self._probs.append(float(p))
            if p >= o.neg_threshold:
                self._voiced += 1
                self.trailing_silence = 0
                self._last_voiced = (i + 1) * WINDOW
            else:
                self.trailing_silence += 1
            if self.trailing_silence >= end_windows or (
                long_windows is not None
                and self.trailing_silence >= pause_windows
                and self._last_voiced - self.open_start >= long_windows * WINDOW
            ):
                cuts.extend(self._close(self._last_voiced))
            elif (self._window * WINDOW - self.open_start) >= max_windows * WINDOW:
                cuts.extend(self._cut_quiet())
        return cuts

    def flush(self, floor: int | None = None) -> list[Cut]:
        """Close the open utterance at the end of the stream or at a pause; with ``floor`` (a
        pause's sample) the next utterance's pre-roll reaches no further back than it."""
        cuts = self._close(self._last_voiced) if self.open_start is not None else []
        if floor is not None:
            self._floor = max(self._floor, floor)
        return cuts

    def _close(self, speech_end: int) -> list[Cut]:
        start, voiced = self.open_start, self._voiced
        assert start is not None  # only called with an utterance open
        end = min(speech_end + int(self.o.tail_pad_s * SAMPLE_RATE), self._window * WINDOW)
        self.open_start, self.trailing_silence, self._floor = None, 0, end
        if voiced * WINDOW < self.o.min_speech_s * SAMPLE_RATE:
            return []
        return [Cut(start, end, speech_end)]

    def _cut_quiet(self) -> list[Cut]:
        """Cut at the least voiced window of the utterance's second half; keep the rest open."""
        assert self.open_start is not None  # only called with an utterance open
        half = len(self._probs) // 2
        # smooth over ~160 ms so the cut lands in a pause, not in one quiet window inside a word
        smooth = np.convolve(np.asarray(self._probs[half:]), np.ones(5) / 5, mode="same")
        quiet = half + int(np.argmin(smooth))
        first_window = self._window - len(self._probs)
        cut_at = (first_window + quiet) * WINDOW
        cut = Cut(self.open_start, cut_at, cut_at)
        self.open_start, self._probs = cut_at, self._probs[quiet:]
        self._voiced = sum(1 for p in self._probs if p >= self.o.neg_threshold)
        return [cut]
