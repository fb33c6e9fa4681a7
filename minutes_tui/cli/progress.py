"""A plain progress bar on stderr: seconds of audio done out of the total."""

from __future__ import annotations

import sys
import time


class ProgressBar:
    """Draws ``label [#####.....] 12.3/45.6 s  27%`` on stderr, at most every 0.2 s."""

    def __init__(self, label: str, stream=None, width: int = 30, unit: str = "s") -> None:
        self.label = label
        self.unit = unit
        self.stream = stream or sys.stderr
        self.width = width
        self._last = 0.0
        self._tty = self.stream.isatty()
        self._last_pct = -10

    def __call__(self, done: float, total: float) -> None:
        """Report progress: ``done`` of ``total`` seconds."""
        now = time.monotonic()
        pct = int(100 * done / total) if total > 0 else 100
        if self._tty:
            if now - self._last < 0.2 and pct < 100:
                return
            filled = int(self.width * pct / 100)
            bar = "#" * filled + "." * (self.width - filled)
            self.stream.write(f"\r{self.label} [{bar}] {self._amount(done, total)} {pct:3d}%")
            if pct >= 100:
                self.stream.write("\n")
        elif pct >= self._last_pct + 10 or pct >= 100 and self._last_pct < 100:
            self.stream.write(f"{self.label}: {self._amount(done, total)} {pct}%\n")
            self._last_pct = pct
        self.stream.flush()
        self._last = now

    def _amount(self, done: float, total: float) -> str:
        if self.unit == "s":
            return f"{done:.1f}/{total:.1f} s"
        return f"{int(done)}/{int(total)} {self.unit}"
