"""Errors of the recorder.

Each error carries a stable ``code`` and ``params``; the Vietnamese text lives in
``minutes_tui.texts.ERRORS`` (this package never imports the UI). ``str(error)`` is English, for
logs.
"""

from __future__ import annotations

from bienban_base.errors import CodedError


class RecorderError(CodedError):
    """A recording cannot start, continue or be recovered; ``code`` names the situation."""


def portaudio_missing(detail: str) -> RecorderError:
    """PortAudio (Debian ``libportaudio2``) cannot be loaded."""
    return RecorderError("portaudio_missing", f"PortAudio cannot be loaded: {detail}")


def no_input_device(detail: str = "") -> RecorderError:
    """No input device exists, or none can be opened (for example no sound server is running)."""
    return RecorderError("no_input_device", f"no usable input device: {detail}", detail=detail)


def write_failed(path: str, errno_code: int | None, detail: str) -> RecorderError:
    """Writing the journal failed; ``disk_full`` when the disk or the file-size limit is reached."""
    import errno

    full = errno_code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
    code = "disk_full" if full else "write_failed"
    return RecorderError(code, f"cannot write {path}: {detail}", path=path, detail=detail)
