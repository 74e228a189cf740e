"""A known synthetic month of metrics for the observe/calibrate tests: the generator's truth, computed
independently of models/calibrate (local hours from datetime, not from the code under test)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from models.run.traffic import DAILY_WEIGHTS, WEEKLY_WEIGHTS, _profile
from models.units import MINUTES_PER_MONTH

START = datetime(2026, 11, 17, tzinfo=UTC)     # a Tuesday, 00:00 UTC
DAYS = 14
HOURS = DAYS * 24
NOW = START + timedelta(days=DAYS, minutes=30)  # the window [START, START + 14 d) ends at the last whole hour
DAILY = tuple(DAILY_WEIGHTS["mobile_evening"])
WEEKLY = tuple(WEEKLY_WEIGHTS["weekdays"])


def expected_hourly(monthly: float, daily=DAILY, weekly=WEEKLY, start=START, hours=HOURS,
                    utc_offset_hours: float = 0.0) -> np.ndarray:
    """Expected count in each observed hour for a design month of `monthly` requests with this profile.

    The engine's month (models/run/traffic.py) gives minute m the rate monthly / 43,800 × d[h] × w[d] / M,
    M = the mean of d × w over the month's minutes; an hour is 60 such minutes.
    """
    month = _profile(tuple(float(v) for v in daily), tuple(float(v) for v in weekly))  # mean 1 over the month
    raw_mean = float(np.mean([daily[(m // 60) % 24] * weekly[(m // 1440) % 7] for m in range(0, MINUTES_PER_MONTH, 60)]))
    assert abs(month.mean() - 1) < 1e-9
    values = []
    for h in range(hours):
        local = start + timedelta(hours=h + utc_offset_hours)
        values.append(60 * monthly / MINUTES_PER_MONTH * daily[local.hour] * weekly[local.weekday()] / raw_mean)
    return np.asarray(values)


def poisson(expected: np.ndarray, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).poisson(expected).astype(float)


def truth_profile(daily=DAILY, weekly=WEEKLY) -> np.ndarray:
    """The generator's month profile (43,800 minutes, mean 1)."""
    return np.asarray(_profile(tuple(float(v) for v in daily), tuple(float(v) for v in weekly)))
