"""Deadlines as the secretary types them: a number of days after the meeting, or a date."""

from __future__ import annotations

import re
from datetime import date, timedelta


def parse_deadline(value: str, meeting_day: date) -> date | None:
    """'30' → meeting day + 30 days; 'dd/mm/yyyy' or 'dd/mm' → that date; '' → None. ValueError otherwise."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return meeting_day + timedelta(days=int(value))
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?", value)
    if not m:
        raise ValueError(value)
    year = int(m[3]) if m[3] else meeting_day.year
    return date(year + 2000 if year < 100 else year, int(m[2]), int(m[1]))
