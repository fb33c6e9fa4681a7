"""Dates the way Nghị định 30/2020 writes them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from minutes_tui.export.vndate import BLANK_MOMENT, date_text, day_month, full_date, moment, timestamp


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (date(2026, 1, 15), "ngày 15 tháng 01 năm 2026"),
        (date(2026, 2, 1), "ngày 01 tháng 02 năm 2026"),
        (date(2026, 10, 9), "ngày 09 tháng 10 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
        (date(2025, 11, 10), "ngày 10 tháng 11 năm 2025"),
    ],
)
def test_days_below_ten_and_months_one_and_two_take_a_zero(when, expected):
    assert full_date(when) == expected


def test_day_month_and_moment():
    assert day_month(date(2026, 1, 15)) == "ngày 15 tháng 01"
    assert moment(datetime(2026, 3, 7, 8, 5)) == "8 giờ 05, ngày 07 tháng 3 năm 2026"
    assert moment(None) == BLANK_MOMENT == "… giờ …, ngày … tháng … năm …"
    assert date_text(date(2026, 3, 5)) == "05 tháng 3 năm 2026"  # after the notice's own "Ngày"


def test_timestamp_in_the_recording():
    assert timestamp(3725.9) == "01:02:05"
    assert timestamp(-1) == "00:00:00"
