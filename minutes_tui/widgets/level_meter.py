"""Input level bar (dBFS). Small and self-contained, so its look stays inline."""

from __future__ import annotations

import math

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

#: The bar spans this many dB below full scale.
FLOOR_DB = -60.0


class LevelMeter(Widget):
    """A one-line bar; green when speech is clearly above the room, red near clipping."""

    DEFAULT_CSS = """
    LevelMeter { height: 1; width: 1fr; min-width: 12; }
    """

    dbfs: reactive[float] = reactive(-math.inf)
    """The last level, dB full scale."""

    def render(self) -> Text:
        width = max(1, self.size.width - 9)
        level = self.dbfs if math.isfinite(self.dbfs) else FLOOR_DB
        filled = round(width * (min(0.0, max(FLOOR_DB, level)) - FLOOR_DB) / -FLOOR_DB)
        colour = "red" if level > -3 else "green" if level > -40 else "yellow"
        bar = Text("█" * filled, style=colour)
        bar.append("░" * (width - filled), style="dim")
        shown = f"{level:5.0f} dB" if math.isfinite(self.dbfs) else "   – dB"
        bar.append(f" {shown}")
        return bar
