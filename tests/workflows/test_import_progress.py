"""The progress file of an import: a damaged one never stops the import, it only starts it over
(keeping what is stored); made owner-only with the meeting and gone when the import is whole."""

from __future__ import annotations

import pytest

from minutes_tui.workflows.importing import PROGRESS_FILE, unfinished_import


@pytest.mark.parametrize("content", ["{", '{"done_s": "x"}', '{"done_s": -3}', '{"done_s": NaN}', "[]"])
def test_a_damaged_progress_file_means_from_the_start(tmp_path, content):
    (tmp_path / PROGRESS_FILE).write_text(content)
    assert unfinished_import(tmp_path) == 0.0


def test_a_retranscription_completes_an_unfinished_import(tmp_path, canned):
    from minutes_tui.meeting import MeetingStore
    from minutes_tui.workflows.config import demo_recording
    from minutes_tui.workflows.importing import create_imported_meeting
    from minutes_tui.workflows.retranscription import retranscribe

    made = create_imported_meeting(demo_recording(), tmp_path, "Đối thoại")
    assert unfinished_import(made.folder) == 0.0
    with MeetingStore.open(made.folder) as store:
        retranscribe(store, canned)
        assert len(store.load().segments) == 6
    assert unfinished_import(made.folder) is None  # opening it no longer offers to go on


def test_import_without_a_title_or_resume_with_more_says_what_is_needed(tmp_path, capsys):
    from minutes_tui import texts
    from minutes_tui.cli import main
    from minutes_tui.meeting import Meeting, MeetingStore

    assert main(["import", str(tmp_path / "hop.wav")]) != 0
    assert texts.ERRORS["import_needs_title"] in capsys.readouterr().err
    MeetingStore.create(tmp_path / "m", Meeting(title="Hội nghị")).close()
    assert main(["import", "--resume", str(tmp_path / "m"), "--title", "Khác"]) != 0
    assert texts.ERRORS["import_resume_alone"] in capsys.readouterr().err
    assert main(["import", "--resume", str(tmp_path / "m")]) != 0  # a meeting recorded here: nothing to resume
    assert texts.ERRORS["import_nothing_to_resume"].format(path=tmp_path / "m") in capsys.readouterr().err
