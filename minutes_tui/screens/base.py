"""What every screen shares: the app's services, typed, and one error path for worker failures."""

from __future__ import annotations

from typing import cast

from textual import on
from textual.screen import Screen
from textual.worker import Worker

from minutes_tui.app_base import BienbanAppServices


class BienbanScreen(Screen[None]):
    """A screen of the bienban app, whose workers' failures reach the app's single handler."""

    @property
    def app(self) -> BienbanAppServices:  # type: ignore[override]  # Textual types it as App[object]; ours is narrower
        return cast(BienbanAppServices, super().app)

    @on(Worker.StateChanged)
    def _forward_worker_state(self, event: Worker.StateChanged) -> None:
        # Worker messages do not bubble: each screen hands them to the app's single handler.
        self.app.worker_state_changed(event)
