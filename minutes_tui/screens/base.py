"""What every screen shares: worker failures go to the app's one error path."""

from __future__ import annotations

from textual import on
from textual.screen import Screen
from textual.worker import Worker


class BienbanScreen(Screen):
    """A screen whose workers' failures reach ``BienbanApp.worker_state_changed``."""

    @on(Worker.StateChanged)
    def _forward_worker_state(self, event: Worker.StateChanged) -> None:
        # Worker messages do not bubble: each screen hands them to the app's single handler.
        self.app.worker_state_changed(event)  # type: ignore[attr-defined]
