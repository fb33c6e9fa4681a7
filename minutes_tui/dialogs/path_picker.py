"""Choose a file or a meeting folder: type or paste its path, or pick it from a folder tree.

A long Vietnamese path is hard to type; the tree (Textual's ``DirectoryTree``) lets her walk to
it with the arrows. What she types or pastes is returned as written: ``workflows.paths.pasted_path``
reads it (quotes, ``file://``, spaces), the same as the command line does.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label, Static

from minutes_tui import texts


class _VisibleTree(DirectoryTree):
    """The tree without hidden files and folders (a home folder is full of them)."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".")]


class PathDialog(ModalScreen[str | None]):
    """Enter on the field answers what is typed there; in the tree, Enter on a file (``folders``:
    on a meeting folder) answers its path, on another folder opens it. Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", texts.APP_CANCEL, show=False)]

    def __init__(self, title: str, start: Path, folders: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.start = start
        self.folders = folders
        """Pick a meeting folder (one holding ``meeting.sqlite``) rather than a file."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog path-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(id="path", placeholder=texts.PATH_PLACEHOLDER)
            yield Static(texts.PATH_HINT, classes="dim")
            yield _VisibleTree(self.start if self.start.is_dir() else Path.home(), id="tree")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value if event.value.strip() else None)

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        if not self.folders:
            self.dismiss(str(event.path))

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        event.stop()
        if self.folders and (event.path / "meeting.sqlite").is_file():
            self.dismiss(str(event.path))
        else:  # shown in the field: Enter there takes it, as it is
            self.query_one("#path", Input).value = str(event.path)

    def action_cancel(self) -> None:
        self.dismiss(None)
