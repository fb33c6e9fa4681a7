"""Review's audio output: the segment really plays through sounddevice (PulseAudio test server)."""

from __future__ import annotations

import numpy as np
import pytest

from minutes_tui.workflows.playback import Player

pytestmark = pytest.mark.audio


def test_plays_a_stretch_and_reports_where_it_is(pulse_server):
    tone = (0.1 * np.sin(np.arange(16000 * 2) * 2 * np.pi * 440 / 16000)).astype(np.float32)
    player = Player(tone, device="pulse")
    player.play(0.5, 1.0)
    assert player.playing
    assert player.finished.wait(10), "the output stream never finished"
    assert player.position == pytest.approx(1.0, abs=0.01)
    player.play(1.5)  # to the end of the recording
    player.stop()
    assert not player.playing and 1.5 <= player.position <= 2.0
