"""Fixtures of the meeting store tests: a fresh meeting in a temporary folder."""

from __future__ import annotations

import pytest
from store_samples import MEETING

from minutes_tui.meeting import MeetingStore


@pytest.fixture
def store(tmp_path):
    """An open, empty meeting."""
    s = MeetingStore.create(tmp_path / "meeting", MEETING)
    yield s
    s.close()
