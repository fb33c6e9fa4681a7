"""Issue 26 item 7: home's import and open take a path as the terminal pastes it, or from a folder tree."""

from __future__ import annotations

import shutil

import pytest
from textual import events
from textual.widgets import DirectoryTree, Input

from minutes_tui.dialogs.error import ErrorDialog
from minutes_tui.dialogs.path_picker import PathDialog
from minutes_tui.dialogs.prompt import PromptDialog
from minutes_tui.screens.review import ReviewScreen
from minutes_tui.workflows.config import demo_recording
from minutes_tui.workflows.sample import create_sample_meeting

#: Coroutine tests run on asyncio (Textual's loop) through anyio's pytest plugin.
pytestmark = pytest.mark.anyio

SIZE = (100, 30)


@pytest.fixture
def recording(tmp_path):
    """The demo recording under a Vietnamese name with spaces, in a folder of its own."""
    folder = tmp_path / "Ghi âm"
    folder.mkdir()
    return shutil.copy(demo_recording(), folder / "Ghi âm hội nghị tháng 12.flac")


async def _wait_for_tree(pilot, dialog: PathDialog) -> DirectoryTree:
    tree = dialog.query_one(DirectoryTree)
    for _ in range(100):
        await pilot.pause(0.02)
        if tree.root.children:
            break
    return tree


async def test_import_takes_a_path_dragged_into_the_terminal(make_app, recording):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.press("i")
        assert isinstance(app.screen, PathDialog)
        field = app.screen.query_one(Input)
        assert app.focused is field
        field.post_message(events.Paste(f"'{recording}' "))  # what dropping the file in gives
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.errors_shown == []
        assert isinstance(app.screen, PromptDialog)  # the meeting's title, from the file's name
        assert app.screen.query_one(Input).value == "Ghi âm hội nghị tháng 12"


async def test_import_picks_the_file_from_the_folder_tree(make_app, recording, monkeypatch):
    monkeypatch.setenv("HOME", str(recording.parent.parent))  # the tree starts in her home folder
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.press("i")
        dialog = app.screen
        tree = await _wait_for_tree(pilot, dialog)
        await pilot.press("tab")
        assert app.focused is tree
        names = [child.label.plain for child in tree.root.children]
        await pilot.press(*["down"] * (1 + names.index("Ghi âm")), "enter")  # open the folder "Ghi âm"
        await _wait_for_tree(pilot, dialog)
        for _ in range(100):
            await pilot.pause(0.02)
            if tree.cursor_node is not None and tree.cursor_node.children:
                break
        await pilot.press("down", "enter")  # its only file
        await pilot.pause()
        assert app.errors_shown == []
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.query_one(Input).value == "Ghi âm hội nghị tháng 12"


async def test_open_folder_picks_a_meeting_from_the_tree_or_a_file_uri(make_app, meetings_dir):
    folder = create_sample_meeting(meetings_dir)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, PathDialog)
        tree = await _wait_for_tree(pilot, dialog)
        await pilot.press("tab")
        names = [child.label.plain for child in tree.root.children]
        await pilot.press(*["down"] * (1 + names.index(folder.name)), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.folder == folder
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("o")
        app.screen.query_one(Input).post_message(events.Paste(folder.as_uri() + " "))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ErrorDialog), app.errors_shown
        assert isinstance(app.screen, ReviewScreen) and app.screen.folder == folder
