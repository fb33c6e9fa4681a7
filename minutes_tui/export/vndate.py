"""Dates and times written the way Nghị định 30/2020 wants them.

Days below 10 take a leading zero; among months only January and February do ("tháng 01",
"tháng 02"), so that "tháng 1" cannot be turned into "tháng 11" by hand.
"""

from __future__ import annotations

from datetime import date, datetime

from minutes_tui import texts


def day_text(day: int) -> str:
    """The day of the month: ``05``, ``15``."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """The month: ``01``, ``02``, then ``3`` … ``12``."""
    return f"{month:02d}" if month <= 2 else str(month)


def day_month(when: date) -> str:
    """``ngày 15 tháng 01``."""
    return texts.DATE_WORDS["day_month"].format(day=day_text(when.day), month=month_text(when.month))


def date_text(when: date) -> str:
    """``05 tháng 3 năm 2026`` (after a sentence's own "Ngày")."""
    return texts.DATE_WORDS["date"].format(day=day_text(when.day), month=month_text(when.month), year=when.year)


def full_date(when: date) -> str:
    """``ngày 05 tháng 3 năm 2026``."""
    return texts.DATE_WORDS["on_date"].format(date=date_text(when))


def clock(when: datetime) -> str:
    """``8 giờ 05`` (hours as said, minutes with two digits)."""
    return texts.DATE_WORDS["clock"].format(hour=when.hour, minute=f"{when.minute:02d}")


#: What the decree's template prints where a time is not known: the secretary writes it in.
BLANK_MOMENT = texts.DATE_WORDS["blank_moment"]


def moment(when: datetime | None) -> str:
    """``8 giờ 05, ngày 05 tháng 3 năm 2026`` (dotted blanks when unknown)."""
    return f"{clock(when)}, {full_date(when)}" if when else BLANK_MOMENT


def timestamp(seconds: float) -> str:
    """A position in the recording: ``01:02:03``."""
    total = max(0, int(seconds))
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"
