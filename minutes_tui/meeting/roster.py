"""The roster of a meeting as the secretary gives it: typed or pasted lines, or a CSV file.

A line is ``name[, role[, group]]`` (commas, tabs, semicolons or " - " between the parts). A CSV
may have a header naming its columns (Họ tên / Chức vụ / Tổ dân phố, or name / role / group);
without one the columns are taken in that order. No Textual here.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bienban_base.errors import CodedError
from minutes_tui.meeting.model import Participant

_SPLIT = re.compile(r"\s*(?:\t|;|,|\s[-–—]\s)\s*")
_HEADERS = {
    "name": ("họ tên", "họ và tên", "tên", "name", "full name"),
    "role": ("chức vụ", "vai trò", "role", "title", "position"),
    "group": ("tổ dân phố", "tổ", "đơn vị", "group"),
}


class RosterError(CodedError):
    """A roster file that cannot be read; ``code`` + ``params`` name the Vietnamese message."""


@dataclass(frozen=True)
class RosterEntry:
    """One person on the roster."""

    name: str
    """Full name."""
    role: str = ""
    """Role or title."""
    group: str = ""
    """Residential group or unit."""


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def parse_lines(text: str) -> list[RosterEntry]:
    """People from typed or pasted lines (blank lines and repeated names are skipped)."""
    people: dict[str, RosterEntry] = {}
    for raw in text.splitlines():
        parts = [_clean(p) for p in _SPLIT.split(raw.strip().lstrip("-•*0123456789. ").strip())]
        if not parts or not parts[0]:
            continue
        entry = RosterEntry(parts[0], parts[1] if len(parts) > 1 else "", ", ".join(parts[2:]))
        people.setdefault(entry.name.casefold(), entry)
    return list(people.values())


def split_person(text: str) -> tuple[str, str]:
    """``"Họ tên, chức vụ"`` typed in one box, as a roster line is, as (name, title); the title keeps
    any later separator ("Công chức Văn phòng - Thống kê")."""
    parts = _SPLIT.split(_clean(text), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def join_person(name: str, title: str) -> str:
    """The inverse of :func:`split_person`, to offer a stored name and title in one box."""
    return f"{name}, {title}" if name and title else name


def _column(header: list[str], key: str) -> int | None:
    names = _HEADERS[key]
    for i, cell in enumerate(header):
        if _clean(cell).casefold() in names:
            return i
    return None


def parse_csv(text: str) -> list[RosterEntry]:
    """People from CSV text (comma, semicolon or tab separated; header optional)."""
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]
    if not rows:
        return []
    columns = {k: _column(rows[0], k) for k in _HEADERS}
    if columns["name"] is None:
        columns = {"name": 0, "role": 1, "group": 2}
    else:
        rows = rows[1:]
    people: dict[str, RosterEntry] = {}
    for row in rows:

        def cell(key: str, row: list[str] = row) -> str:
            index = columns[key]
            return _clean(row[index]) if index is not None and index < len(row) else ""

        if cell("name"):
            people.setdefault(cell("name").casefold(), RosterEntry(cell("name"), cell("role"), cell("group")))
    return list(people.values())


def read_csv(path: str | Path) -> list[RosterEntry]:
    """People from a CSV file (UTF-8, with or without BOM; cp1258 accepted as a fallback)."""
    p = Path(path).expanduser()
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise RosterError("roster_unreadable", f"cannot read {p}: {exc}", path=str(p)) from exc
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return parse_csv(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise RosterError("roster_unreadable", f"not text: {p}", path=str(p))


def format_lines(people: list[RosterEntry]) -> str:
    """The roster as editable lines (the inverse of ``parse_lines``)."""
    return "\n".join(", ".join(p for p in (e.name, e.role, e.group) if p) for e in people)


def folded(text: str) -> str:
    """Lower case without Vietnamese diacritics, so 'hung' finds 'Hùng'."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class RosterMatches:
    """What a quick search of the roster found."""

    people: list[Participant]
    """Participants whose name, role or group holds every typed word (diacritics optional)."""
    new_name: str
    """The typed name when no participant has exactly that name ('' otherwise): it may be added."""


def search(people: Sequence[Participant], query: str) -> RosterMatches:
    """The participants matching ``query`` word by word, ignoring case and diacritics."""
    wanted = folded(query).split()
    found = [p for p in people if all(w in folded(" ".join((p.name, p.role, p.group))) for w in wanted)]
    typed = query.strip()
    new = typed if typed and not any(folded(p.name) == folded(typed) for p in people) else ""
    return RosterMatches(found, new)
