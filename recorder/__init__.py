"""Crash-safe meeting capture: audio sources, the journal, fan-out to live consumers.

``Recording(meeting_dir, source)`` records into a meeting folder; ``audio_path(meeting_dir)`` is
where its audio ends up (16 kHz mono 16-bit WAV); ``recover(meeting_dir)`` finishes what an
interrupted recording left. This package never imports the UI.
"""

from recorder.errors import RecorderError
from recorder.file_source import FileSource
from recorder.journal import audio_path, journal_path
from recorder.microphone import MicSource
from recorder.recovery import Recovery, recover
from recorder.session import Recording
from recorder.sidecar import RecordingLog
from recorder.sources import AudioSource, SourceListener

__all__ = [
    "AudioSource",
    "FileSource",
    "SourceListener",
    "MicSource",
    "RecorderError",
    "Recording",
    "RecordingLog",
    "Recovery",
    "audio_path",
    "journal_path",
    "recover",
]
