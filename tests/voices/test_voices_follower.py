"""The live follower: embeds off the caller's thread, never blocks it, times made absolute."""

from __future__ import annotations

import threading

import numpy as np

from voices.encoder import Partials
from voices.live import VoiceFollower


class _SlowEncoder:
    def __init__(self) -> None:
        self.gate = threading.Event()
        self.threads = set()

    def partials(self, audio):
        self.threads.add(threading.current_thread().name)
        self.gate.wait(5)
        return Partials(np.ones((1, 256), np.float32) / 16, np.array([0.0]), np.array([1.6]), audio.size / 16000)


def test_follower_embeds_in_its_own_thread_and_drops_when_full():
    encoder = _SlowEncoder()
    got = []
    follower = VoiceFollower(encoder, lambda key, p: got.append((key, float(p.starts[0]), float(p.ends[0]))), max_queue=2)
    audio = np.zeros(32000, np.float32)
    results = [follower.submit(k, 10.0 * k, audio) for k in range(6)]  # the first blocks in the encoder
    assert results.count(False) >= 2 and follower.dropped == results.count(False)
    encoder.gate.set()
    follower.close()
    assert encoder.threads == {"voices"}
    assert got[0] == (0, 0.0, 1.6) and all(start == 10.0 * key for key, start, _ in got)
    assert follower.embedded == len(got) and follower.audio_s == 2.0 * len(got)


def test_a_failing_segment_does_not_stop_the_follower():
    class Flaky:
        calls = 0

        def partials(self, audio):
            Flaky.calls += 1
            if Flaky.calls == 1:
                raise ValueError("bad audio")
            return Partials(np.ones((1, 256), np.float32), np.zeros(1), np.ones(1), 1.0)

    got = []
    follower = VoiceFollower(Flaky(), lambda key, p: got.append(key))
    for k in range(3):
        follower.submit(k, 0.0, np.zeros(16000, np.float32))
    follower.close()
    assert got == [1, 2]
