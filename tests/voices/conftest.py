"""The real speaker encoder, loaded once (converted into the data folder on first use)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def real_encoder():
    """Resemblyzer's weights from the installed wheel, run with numpy."""
    from voices.model import load_encoder

    return load_encoder()
