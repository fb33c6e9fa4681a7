"""The progress file of an import: a damaged one never stops the import, it only starts it over
(keeping what is stored); made owner-only with the meeting and gone when the import is whole."""

from __future__ import annotations

import pytest

from minutes_tui.workflows.importing import PROGRESS_FILE, unfinished_import


@pytest.mark.parametrize("content", ["{", '{"done_s": "x"}', '{"done_s": -3}', '{"done_s": NaN}', "[]"])
def test_a_damaged_progress_file_means_from_the_start(tmp_path, content):
    (tmp_path / PROGRESS_FILE).write_text(content)
    assert unfinished_import(tmp_path) == 0.0
