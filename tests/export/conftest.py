"""A ward dialogue meeting built through the store's API, and its minutes rendered once."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_sample import build_meeting


@pytest.fixture
def meeting_dir(tmp_path) -> Path:
    """A fresh meeting folder (store + audio) per test."""
    return build_meeting(tmp_path / "meeting")


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """One export of the meeting to DOCX (with appendix) and PDF through the real LibreOffice."""
    from minutes_tui.export.pipeline import ExportRequest, export_meeting

    folder = build_meeting(tmp_path_factory.mktemp("rendered") / "meeting")
    result = export_meeting(folder, ExportRequest(make_pdf=True, appendix=True))
    return {"folder": folder, "docx": result.docx, "pdf": result.pdf}


@pytest.fixture(autouse=True)
def _no_ward_roots(tmp_path_factory, monkeypatch):
    """The user's own ward root folder never decides a test's verdict."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
