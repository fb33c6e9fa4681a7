"""Input devices through PortAudio (sounddevice): listing them and finding one by index or name."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from recorder.errors import RecorderError, no_input_device, portaudio_missing


def portaudio() -> ModuleType:
    """The ``sounddevice`` module, or ``portaudio_missing`` when PortAudio cannot be loaded."""
    try:
        import sounddevice
    except OSError as exc:  # sounddevice raises OSError when libportaudio2 is absent
        raise portaudio_missing(str(exc)) from exc
    return sounddevice


@dataclass(frozen=True)
class InputDevice:
    """An input device as PortAudio reports it."""

    index: int
    """PortAudio device index (changes when devices come and go)."""
    name: str
    """Device name."""
    native_rate: int
    """The device's default sample rate."""
    channels: int
    """Maximum input channels."""
    hostapi: str
    """Host API (ALSA, ...)."""
    is_default: bool
    """Whether it is the system's default input."""

    @property
    def capture_channels(self) -> int:
        """Channels to open: the device's own, capped at 2 (ALSA plug-ins report up to 32)."""
        return max(1, min(self.channels, 2))


_streams_lock = threading.Lock()
_other_streams = 0  # streams of this process that a re-scan would cut (review playback)


def claim_portaudio() -> Callable[[], None]:
    """Say that a stream (playback) is open; call the returned function, once, when it closes.

    sounddevice has no public way to re-enumerate devices: the only one, ``_terminate`` then
    ``_initialize``, tears down PortAudio under every open stream. ``refresh`` skips it while a
    claim is held, so reviewing audio during a recording is never cut off.
    """
    global _other_streams
    with _streams_lock:
        _other_streams += 1
    released = threading.Event()

    def release() -> None:
        global _other_streams
        if released.is_set():
            return
        released.set()
        with _streams_lock:
            _other_streams -= 1

    return release


def refresh() -> bool:
    """Make PortAudio scan the devices again (after one was unplugged or a server restarted).

    Returns ``False`` (and leaves PortAudio alone) while another stream of this process is open:
    the device is then reopened from the list PortAudio already has, by name.
    """
    sd = portaudio()
    with _streams_lock:
        if _other_streams:
            return False
        sd._terminate()  # private, but sounddevice's only way to re-enumerate (see claim_portaudio)
        sd._initialize()
    return True


def input_devices() -> list[InputDevice]:
    """Every device with at least one input channel."""
    sd = portaudio()
    try:
        default_in = sd.default.device[0]
        apis = sd.query_hostapis()
        devices = sd.query_devices()
    except sd.PortAudioError as exc:
        raise no_input_device(str(exc)) from exc
    if default_in is None or default_in < 0:
        default_in = next((d["index"] for d in devices if d["max_input_channels"] > 0), -1)
    return [
        InputDevice(
            d["index"],
            d["name"],
            int(d["default_samplerate"]),
            d["max_input_channels"],
            apis[d["hostapi"]]["name"],
            d["index"] == default_in,
        )
        for d in devices
        if d["max_input_channels"] > 0
    ]


def find_input_device(spec: int | str | None = None) -> InputDevice:
    """The device named by ``spec``: ``None`` (the default input), an index, or part of a name."""
    devices = input_devices()
    if not devices:
        raise no_input_device("PortAudio lists no input device")
    if spec is None or spec == "":
        return next((d for d in devices if d.is_default), devices[0])
    if isinstance(spec, int) or str(spec).isdigit():
        found = [d for d in devices if d.index == int(spec)]
    else:
        wanted = str(spec).casefold()
        exact = [d for d in devices if d.name.casefold() == wanted]
        found = exact or [d for d in devices if wanted in d.name.casefold()]
    if not found:
        names = ", ".join(f"{d.index}: {d.name}" for d in devices)
        raise RecorderError("device_not_found", f"no input device {spec!r}", device=str(spec), devices=names)
    return found[0]
