"""The product's one clock: every "now" and "today" in bienban is asked here.

Meetings happen in Vietnam, so the product's calendar is Vietnam's (UTC+7, no daylight saving
since 1975), whatever time zone the laptop is set to: a meeting held from 23:30 to 00:40 keeps its
start date, deadlines count Vietnamese calendar days, and the minutes show Vietnamese local times.

Tests set the clock instead of reading the wall clock: ``set_now`` inside a process, or the
``BIENBAN_NOW`` environment variable (ISO 8601, e.g. ``2026-12-02T09:00:00+07:00``), which child
processes (the CLI, the app in tmux) inherit. A set clock ticks on from the moment given, so
durations measured with it stay real.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")
"""Vietnam's time zone (Asia/Ho_Chi_Minh): a fixed offset, so no tz database is needed on Windows."""
ENV = "BIENBAN_NOW"
"""Environment variable that sets the clock for a whole process tree (tests)."""

_set: tuple[datetime, float, bool] | None = None
"""(moment, monotonic reading when set, ticking) from ``set_now``; None: the environment or the real clock."""
_env: tuple[str, datetime, float] | None = None
"""The parsed ``BIENBAN_NOW`` with the monotonic reading when it was first read."""


def _aware(moment: datetime) -> datetime:
    """A naive moment is taken as Vietnam's wall-clock time."""
    return moment.replace(tzinfo=VIETNAM) if moment.tzinfo is None else moment


def set_now(moment: datetime | None, tick: bool = True) -> None:
    """Set the clock to ``moment`` (naive: Vietnam time); ``None`` gives back the environment's or the real clock.

    With ``tick`` the clock goes on from ``moment`` at the real pace; without, it stays there.
    """
    global _set
    _set = None if moment is None else (_aware(moment), time.monotonic(), tick)


def _from_env() -> datetime | None:
    global _env
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return None
    if _env is None or _env[0] != raw:
        _env = (raw, _aware(datetime.fromisoformat(raw)), time.monotonic())
    return _env[1] + timedelta(seconds=time.monotonic() - _env[2])


def now() -> datetime:
    """This moment in Vietnam's time zone (aware)."""
    if _set is not None:
        moment, since, tick = _set
        return (moment + timedelta(seconds=time.monotonic() - since) if tick else moment).astimezone(VIETNAM)
    travelled = _from_env()
    if travelled is not None:
        return travelled.astimezone(VIETNAM)
    return datetime.now(UTC).astimezone(VIETNAM)


def local_now() -> datetime:
    """This moment as Vietnam's wall-clock time without a time zone, to the second (how meetings store times)."""
    return now().replace(tzinfo=None, microsecond=0)


def today() -> date:
    """Today in Vietnam's calendar."""
    return now().date()


def to_local(moment: datetime) -> datetime:
    """``moment`` as Vietnam's wall-clock time without a time zone (naive input: taken as already Vietnam's)."""
    return moment.astimezone(VIETNAM).replace(tzinfo=None) if moment.tzinfo is not None else moment


def from_timestamp(seconds: float) -> datetime:
    """A POSIX timestamp (a file's mtime) as Vietnam's wall-clock time without a time zone."""
    return datetime.fromtimestamp(seconds, VIETNAM).replace(tzinfo=None)
