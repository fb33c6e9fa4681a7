"""Dates and times as the secretary types them, on the command line and in the app alike.

The app speaks ``dd/mm/yyyy``; scripts write ``YYYY-MM-DD``: both are read, and a wrong one is
refused with one Vietnamese sentence (``StoreError``). ``check_extension`` is the rule for a new
deadline, the same for ``bienban followups extend`` and the register's ``x``.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from minutes_tui.meeting.errors import StoreError

#: ``dd/mm/yyyy`` (also with ``-`` or ``.``, one-digit day or month).
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
#: ``YYYY-MM-DD``.
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
#: A time after the date: ``HH:MM``.
_TIME = re.compile(r"(\d{1,2}):(\d{2})")


def _day_or_none(text: str) -> date | None:
    if m := _DAY_FIRST.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _YEAR_FIRST.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # 31/02/2027
        return None


def parse_day(text: str) -> date:
    """``dd/mm/yyyy`` or ``YYYY-MM-DD`` → the date; anything else (31/02, no year) → ``StoreError``."""
    value = text.strip()
    day = _day_or_none(value)
    if day is None:
        raise StoreError("followup_bad_date", f"bad date {value!r}", value=value)
    return day


def parse_time(text: str) -> datetime:
    """``dd/mm/yyyy HH:MM`` or ``YYYY-MM-DD HH:MM`` → the time; anything else → ``StoreError``."""
    value = " ".join(text.split())
    day_part, _, time_part = value.partition(" ")
    day, clock = _day_or_none(day_part), _TIME.fullmatch(time_part)
    if day is None or clock is None or int(clock[1]) > 23 or int(clock[2]) > 59:
        raise StoreError("bad_start_time", f"bad time {value!r}", value=value)
    return datetime(day.year, day.month, day.day, int(clock[1]), int(clock[2]))


def check_extension(to: date, meeting_day: date | None, deadline: date | None) -> None:
    """Refuse a new deadline before the meeting, or not after the current deadline (``StoreError``)."""
    if meeting_day is not None and to < meeting_day:
        raise StoreError("followup_extend_before_meeting", "before the meeting", value=f"{to:%d/%m/%Y}",
                         meeting=f"{meeting_day:%d/%m/%Y}")  # fmt: skip
    if deadline is not None and to <= deadline:
        raise StoreError("followup_extend_not_later", "not after the deadline", value=f"{to:%d/%m/%Y}",
                         deadline=f"{deadline:%d/%m/%Y}")  # fmt: skip
