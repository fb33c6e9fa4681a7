"""Recorder fixtures: speech clips to play, a correlation helper, a scripted source, the server."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest


class ScriptedSource:
    """A source the test drives by hand (the seam the ``AudioSource`` interface is for)."""

    name, native_rate, channels, overflows = "scripted", 16000, 1, 0

    def __init__(self) -> None:
        self.listener = None
        self.stopped = threading.Event()

    def start(self, listener) -> None:
        self.listener = listener

    def push(self, block: np.ndarray) -> None:
        self.listener.on_audio(block)

    def stop(self) -> None:
        self.stopped.set()


@pytest.fixture
def scripted() -> ScriptedSource:
    """A fresh scripted source."""
    return ScriptedSource()


class PrivatePulse:
    """A PulseAudio server of our own with the null sink ``meet``: stopping it disturbs no one else.

    The tests of other areas share the server of ``scripts/audio-server.sh``; the device-lost and
    no-server tests stop this one instead. ``PULSE_SERVER`` points libpulse (paplay, and the ALSA
    ``pulse`` device inside PortAudio) at it.
    """

    def __init__(self, runtime: Path) -> None:
        server = f"unix:{runtime}/native"
        self.env = {**os.environ, "PULSE_RUNTIME_PATH": str(runtime), "PULSE_SERVER": server}

    def up(self) -> bool:
        return subprocess.run(["pactl", "info"], env=self.env, capture_output=True).returncode == 0

    def start(self) -> None:
        if self.up():
            return
        subprocess.run(
            [
                "pulseaudio",
                "--daemonize=yes",
                "--exit-idle-time=-1",
                "-n",
                "--load=module-native-protocol-unix",
                "--load=module-null-sink sink_name=meet",
            ],
            env=self.env,
            check=True,
            capture_output=True,
        )
        self._wait(True)
        subprocess.run(["pactl", "set-default-source", "meet.monitor"], env=self.env, check=True)

    def kill(self) -> None:
        subprocess.run(["pulseaudio", "--kill"], env=self.env, capture_output=True)
        self._wait(False)

    def _wait(self, up: bool) -> None:
        for _ in range(100):
            if self.up() == up:
                return
            time.sleep(0.05)
        raise AssertionError(f"the private PulseAudio server did not {'start' if up else 'stop'}")

    def play(self, path: Path) -> subprocess.Popen:
        """Play a file into the sink, as a speaker in the room."""
        return subprocess.Popen(["paplay", "--device=meet", str(path)], env=self.env)


@pytest.fixture(scope="module")
def pulse(pulse_server, tmp_path_factory):
    """The private server, running; this process's PortAudio talks to it while the module runs."""
    server = PrivatePulse(tmp_path_factory.mktemp("pulse"))
    server.start()
    saved = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = server.env["PULSE_SERVER"]
    yield server
    if saved is None:
        os.environ.pop("PULSE_SERVER", None)
    else:
        os.environ["PULSE_SERVER"] = saved
    server.kill()


@pytest.fixture
def server_control(pulse):
    """The private server for a test that stops it; it runs again after the test."""
    yield pulse
    pulse.start()
