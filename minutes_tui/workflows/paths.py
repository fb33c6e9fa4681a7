"""A path as the secretary gives it: typed, pasted from a file manager, or dragged into the terminal.

Dragging a file into a terminal types it quoted and followed by a space (``'/…/Ghi âm.mp3' ``);
some file managers copy it as a ``file://`` URI with the Vietnamese letters percent-encoded; a
shell escapes spaces with backslashes. All of them mean the same file.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: A backslash before a character the shell would otherwise split or expand on (``Ghi\ âm.mp3``).
_SHELL_ESCAPE = re.compile(r"\\([ \\'\"()&;!$`])")


def pasted_path(text: str) -> Path:
    """The path ``text`` means: surrounding spaces and one pair of quotes removed, a ``file://``
    URI decoded, shell backslash escapes undone, and ``~`` expanded."""
    value = text.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    elif value.startswith("file://"):
        value = unquote(urlsplit(value).path)
    elif "\\" in value and not re.match(r"^[A-Za-z]:\\", value):  # not a Windows path: a shell's escapes
        value = _SHELL_ESCAPE.sub(r"\1", value)
    if value.startswith("file://"):  # a quoted URI
        value = unquote(urlsplit(value).path)
    return Path(value).expanduser()
