"""The planned month on the calendar: it starts on a Monday 00:00 in the workload's timezone.

>>> next_monday(date(2026, 12, 2))  # a Wednesday
datetime.date(2026, 12, 7)
>>> month_start_utc(date(2026, 12, 7), 540)  # Asia/Tokyo, UTC+9
datetime.datetime(2026, 12, 6, 15, 0)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from models.design.schema import Workload


def next_monday(today: date) -> date:
    """The first Monday after `today` (the default start of the planned month)."""
    return today + timedelta(days=7 - today.weekday())


def month_start_utc(start: date, utc_offset_minutes: int) -> datetime:
    """Local Monday 00:00 of the planned month (`start`, a local date), as a naive UTC time;
    `utc_offset_minutes` is the timezone's offset from UTC in minutes (+540 for UTC+9)."""
    return datetime(start.year, start.month, start.day) - timedelta(minutes=utc_offset_minutes)


def utc_offset_minutes(workload: Workload) -> int:
    """A workload's timezone offset from UTC in whole minutes (as its traffic series is placed),
    from `Workload.utc_offset_hours` — no traffic series needed."""
    return int(round(workload.utc_offset_hours * 60))
