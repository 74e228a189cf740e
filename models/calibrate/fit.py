"""Fitting an observation: typed hourly (and minute) series in, design values out. Pure, vectorised numpy.

An observation is a window of whole hours starting at `start` (UTC). Counts (Sum statistics) are
arrays with one value per hour; NaN means CloudWatch returned no data point for that hour, which for
a count means nothing happened (CloudWatch omits empty periods), so counts treat NaN as 0.

The design's traffic shape (models/run/traffic.py) is `daily[local hour] × weekly[local weekday]`
over a 730-hour month that starts on a Monday; `fit_profile` fits exactly that multiplicative
model to the hourly series by alternating means (two passes are exact for a pure product on whole
weeks; a few more settle an uneven window).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from numpy.typing import NDArray

from models.units import HOURS_PER_MONTH

Array = NDArray[np.float64]
#: an hour whose rate is this many times the fitted profile (or more) is part of a spike
SPIKE_RATIO = 2.0
#: ... and whose excess is this many Poisson standard deviations (√expected) or more: at a handful of
#: requests an hour, twice the profile is noise, not a spike
SPIKE_SIGMAS = 5.0
#: alternating passes of the profile fit
FIT_PASSES = 4


@dataclass(frozen=True)
class Window:
    """The observed time range: `hours` whole hours from `start` (UTC, on the hour)."""

    start: datetime
    hours: int

    @property
    def label(self) -> str:
        """First and last day observed, e.g. '2026-11-17..2026-11-30'."""
        last = self.start + timedelta(hours=self.hours - 1)
        return f"{self.start.date().isoformat()}..{last.date().isoformat()}"


@dataclass(frozen=True)
class Resource:
    """One observed resource: `kind` (lambda, api, dynamodb, sqs, s3), its name, and its series.

    hourly: metric key ("Invocations", "ConcurrentExecutions", ...) → shape (hours,), NaN = no point
    minute: metric key → shape (minutes,) per-minute counts of the minute window (empty: not read)
    overall: statistic over the whole window, e.g. {"Duration.p99": 812.0} (milliseconds)
    """

    kind: str
    name: str
    hourly: Mapping[str, Array] = field(default_factory=dict)
    minute: Mapping[str, Array] = field(default_factory=dict)
    overall: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Observation:
    """What was read: the window, the resources, and the gaps (what could not be read, in words)."""

    window: Window
    resources: tuple[Resource, ...]
    gaps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """A fitted traffic shape: 24 hourly and 7 daily (Mon–Sun) weights, each with mean 1, in local time."""

    daily: tuple[float, ...]
    weekly: tuple[float, ...]


@dataclass(frozen=True)
class SpikeFit:
    """The largest spike over the fitted profile: local weekday (0 = Monday), hour, length and multiplier."""

    weekday: int
    hour: int
    hours: int
    multiplier: float
    extra_share: float      # the spike's extra requests as a share of the window's total


def counts(series: Array) -> Array:
    """A count series with no-data hours as 0."""
    return np.nan_to_num(np.asarray(series, dtype=np.float64), nan=0.0)


def has_data(series: Array | None) -> bool:
    """Does the series hold at least one data point? (None or all NaN: the metric was not observed.)"""
    return series is not None and bool(np.isfinite(np.asarray(series, dtype=np.float64)).any())


def monthly_total(series: Array, hours: int) -> float:
    """The window's total scaled to the 730-hour month: sum × 730 / hours observed."""
    return float(counts(series).sum()) * float(HOURS_PER_MONTH) / hours


def local_index(start: datetime, hours: int, utc_offset_hours: float) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(local hour of day, local weekday with 0 = Monday) of each observed hour."""
    first = start + timedelta(hours=utc_offset_hours)
    base_hour = first.weekday() * 24 + first.hour
    week_hour = (base_hour + np.arange(hours)) % 168
    return week_hour % 24, week_hour // 24


def fit_profile(series: Array, start: datetime, utc_offset_hours: float = 0.0,
                weights: Array | None = None) -> Profile:
    """The daily and weekly weights that best explain the hourly series as daily[h] × weekly[d].

    `weights` (0/1 per hour) leaves hours out of the fit (a spike). Hours of day or weekdays never
    observed get weight 1 (no information: flat).
    """
    x = counts(series)
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=np.float64)
    hod, dow = local_index(start, x.size, utc_offset_hours)
    daily, weekly = np.ones(24), np.ones(7)
    for _ in range(FIT_PASSES):
        daily = _mean_by(hod, x / np.where(weekly[dow] > 0, weekly[dow], 1.0), w, 24)
        weekly = _mean_by(dow, x / np.where(daily[hod] > 0, daily[hod], 1.0), w, 7)
    return Profile(daily=tuple(float(v) for v in daily), weekly=tuple(float(v) for v in weekly))


def _mean_by(index: NDArray[np.int64], values: Array, weights: Array, size: int) -> Array:
    """Weighted means of `values` per index value, scaled to mean 1 (unobserved slots: the mean)."""
    total = np.bincount(index, values * weights, minlength=size)
    seen = np.bincount(index, weights, minlength=size)
    means = np.divide(total, seen, out=np.zeros(size), where=seen > 0)
    observed_mean = means[seen > 0].mean() if (seen > 0).any() else 0.0
    if observed_mean <= 0:
        return np.ones(size)
    means[seen <= 0] = observed_mean
    scaled: Array = means / means.mean()
    return scaled


def fitted_series(series: Array, profile: Profile, start: datetime, utc_offset_hours: float = 0.0,
                  weights: Array | None = None) -> Array:
    """The profile scaled to the series' level (its total over the hours kept by `weights`)."""
    x = counts(series)
    w = np.ones_like(x) if weights is None else weights
    hod, dow = local_index(start, x.size, utc_offset_hours)
    shape = np.asarray(profile.daily)[hod] * np.asarray(profile.weekly)[dow]
    kept = float((shape * w).sum())
    level = float((x * w).sum()) / kept if kept > 0 else 0.0
    fitted: Array = shape * level
    return fitted


def largest_spike(series: Array, start: datetime, utc_offset_hours: float = 0.0) -> tuple[Profile, SpikeFit | None]:
    """The profile fitted without the largest spike, and that spike (None when no hour reaches SPIKE_RATIO ×
    the profile by SPIKE_SIGMAS Poisson deviations). The spike is the run of consecutive hours at SPIKE_RATIO ×
    or more around the largest such ratio."""
    x = counts(series)
    profile = fit_profile(x, start, utc_offset_hours)
    fitted = fitted_series(x, profile, start, utc_offset_hours)
    ratio = np.divide(x, fitted, out=np.zeros_like(x), where=fitted > 0)
    significant = (x - fitted) >= SPIKE_SIGMAS * np.sqrt(np.maximum(fitted, 1.0))
    peak = int(np.where(significant, ratio, 0.0).argmax()) if x.size else 0
    if not x.size or ratio[peak] < SPIKE_RATIO or not significant[peak]:
        return profile, None
    first, last = peak, peak
    while first > 0 and ratio[first - 1] >= SPIKE_RATIO:
        first -= 1
    while last + 1 < x.size and ratio[last + 1] >= SPIKE_RATIO:
        last += 1
    keep = np.ones_like(x)
    keep[first:last + 1] = 0.0
    profile = fit_profile(x, start, utc_offset_hours, keep)
    fitted = fitted_series(x, profile, start, utc_offset_hours, keep)
    inside = slice(first, last + 1)
    expected = float(fitted[inside].sum())
    seen = float(x[inside].sum())
    hod, dow = local_index(start, x.size, utc_offset_hours)
    total = float(x.sum())
    return profile, SpikeFit(weekday=int(dow[first]), hour=int(hod[first]), hours=last - first + 1,
                             multiplier=seen / expected if expected > 0 else 1.0,
                             extra_share=(seen - expected) / total if total > 0 else 0.0)


def peaks_rps(series: Array) -> tuple[float, float]:
    """(usual peak, largest) in requests per second: the median of each day's busiest hour, and the busiest hour."""
    x = counts(series) / 3600.0
    if not x.size:
        return 0.0, 0.0
    whole_days = x[: x.size // 24 * 24].reshape(-1, 24) if x.size >= 24 else x.reshape(1, -1)
    return float(np.median(whole_days.max(axis=1))), float(x.max())


def burstiness(per_minute: Array) -> float | None:
    """The index of dispersion of per-minute counts around each hour's mean (1 = Poisson), 1 to 100.

    Σ(c − hour mean)² / (n − hours) / mean(c): for Poisson arrivals the expected value is 1 (the
    n − hours degrees of freedom remove the hourly means). None when there are not two whole hours.
    """
    c = counts(per_minute)
    hours = c.size // 60
    if hours < 2 or c.sum() <= 0:
        return None
    by_hour = c[: hours * 60].reshape(hours, 60)
    resid = by_hour - by_hour.mean(axis=1, keepdims=True)
    variance = float((resid ** 2).sum()) / (hours * 60 - hours)
    return float(min(100.0, max(1.0, variance / float(by_hour.mean()))))


def duration_percentiles(overall: Mapping[str, float], max_spread: float) -> dict[str, float] | None:
    """{p50, p95, p99} in ms from the window's Duration percentiles, non-decreasing and within `max_spread` × p50
    (None without a p50)."""
    p50 = overall.get("Duration.p50")
    if p50 is None or not p50 > 0:
        return None
    result = {"p50": round(float(p50), 3)}
    highest = float(p50)
    for key in ("p95", "p99"):
        value = overall.get(f"Duration.{key}")
        if value is not None and value > 0:
            highest = min(max(highest, float(value)), float(p50) * max_spread)
            result[key] = round(highest, 3)
    return result


def peak_per_second(series: Array, statistic_seconds: float = 3600.0) -> float:
    """The busiest period's average per second (a Sum per period ÷ the period's seconds)."""
    x = counts(series)
    return float(x.max()) / statistic_seconds if x.size else 0.0
