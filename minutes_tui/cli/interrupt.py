"""Ctrl-C on a long command: said at once, and the command ends at once.

Python's own Ctrl-C shows nothing until the command has unwound, and the interpreter then waits
for every worker thread: a decoder in the middle of a batch cannot be cut short, so ``bienban
import`` sat silent for some 9 s. Here the first Ctrl-C prints the command's "stopping" line
before anything else happens; the command says how to go on and leaves with ``leave_now``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator
from types import FrameType


@contextlib.contextmanager
def stopping_on_ctrl_c(line: str) -> Iterator[None]:
    """While the block runs, the first Ctrl-C prints ``line`` and raises ``KeyboardInterrupt``;
    later ones are ignored (the command is already stopping and must not be cut in its cleanup)."""
    said = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal said
        if said:
            return
        said = True
        print(line, file=sys.stderr, flush=True)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, stop)
    interrupted = False
    try:
        yield
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        if not interrupted:  # after a Ctrl-C the command leaves at once: a second one changes nothing
            signal.signal(signal.SIGINT, previous)


def leave_now(code: int) -> None:
    """End the process without waiting for worker threads still busy with work nobody will read
    (what they were given is not stored, so nothing is lost; the next ``--resume`` does it again)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    logging.shutdown()
    os._exit(code)


def command_line(*words: str) -> str:
    """A command as she types it in this system's shell (a folder with spaces or Vietnamese letters quoted)."""
    if os.name == "nt":
        return subprocess.list2cmdline(words)
    return " ".join(shlex.quote(w) for w in words)
