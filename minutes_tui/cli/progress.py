"""Progress on stderr for long commands, drawn by rich (it comes with Textual)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn, TimeRemainingColumn


@contextlib.contextmanager
def progress_bar(label: str, unit: str = "s", enabled: bool = True) -> Iterator[Callable[[float, float], None]]:
    """A ``progress(done, total)`` callback drawing ``label ━━━━━━ 12.3/45.6 s 27%`` while the block runs.

    On a terminal the bar redraws in place; into a file or a pipe it stays silent (no control
    characters in logs). ``enabled=False`` gives a callback that draws nothing.
    """
    if not enabled:
        yield lambda done, total: None
        return
    amount = "{task.completed:.1f}/{task.total:.1f} s" if unit == "s" else "{task.completed:.0f}/{task.total:.0f} " + unit
    columns = (TextColumn(label), BarColumn(), TextColumn(amount), TaskProgressColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(file=sys.stderr), transient=False) as bar:
        tasks: list[TaskID] = []  # added at the first report, when the total is known

        def update(done: float, total: float) -> None:
            if not tasks:
                tasks.append(bar.add_task(label, total=total))
            bar.update(tasks[0], completed=done, total=total)

        yield update
