"""The device re-scan after a loss never tears PortAudio down under an open playback stream."""

from __future__ import annotations

from types import SimpleNamespace

from recorder import devices


def _fake_portaudio(monkeypatch) -> list[str]:
    calls: list[str] = []
    fake = SimpleNamespace(_terminate=lambda: calls.append("terminate"), _initialize=lambda: calls.append("initialize"))
    monkeypatch.setattr(devices, "portaudio", lambda: fake)
    return calls


def test_rescan_waits_while_playback_holds_portaudio(monkeypatch):
    calls = _fake_portaudio(monkeypatch)
    release = devices.claim_portaudio()
    assert devices.refresh() is False and calls == []
    release()
    release()  # twice is harmless
    assert devices.refresh() is True and calls == ["terminate", "initialize"]


def test_the_player_claims_portaudio_while_it_plays(monkeypatch):
    import numpy as np
    import sounddevice

    from minutes_tui.workflows.playback import Player

    calls = _fake_portaudio(monkeypatch)

    class Stream:  # no sound card needed: the claim is what is under test
        def __init__(self, finished_callback, **kw):
            self.finished_callback = finished_callback

        def start(self):
            pass

        def close(self):
            self.finished_callback()

    monkeypatch.setattr(sounddevice, "OutputStream", Stream)
    player = Player(np.zeros(16000, dtype="float32"))
    player.play(0.0)
    assert devices.refresh() is False and calls == []
    player.stop()
    assert devices.refresh() is True
