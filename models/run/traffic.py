"""The traffic engine: a workload becomes a request-rate series over the month, 1-minute resolution.

The month is 730 hours = 43,800 minutes (AWS's convention), starting Monday 00:00 in the
workload's timezone. Rates are requests per second, one value per minute. Within a minute,
arrivals are Poisson (or burstier, by the workload's `burstiness`, an index of dispersion).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from models.design.schema import Component, Design, Workload
from models.units import DAYS_PER_MONTH, MINUTES_PER_MONTH, SECONDS_PER_MONTH

# Hourly weights by local hour 0–23. mobile_evening: low at night, commute and lunch bumps,
# a peak 20:00–22:00 (typical of consumer mobile apps); business_hours: 09:00–18:00 working day.
DAILY_WEIGHTS = {
    "flat": [1.0] * 24,
    "mobile_evening": [0.6, 0.35, 0.2, 0.15, 0.15, 0.2, 0.45, 0.8, 1.0, 0.9, 0.85, 0.95,
                       1.2, 1.0, 0.9, 0.9, 1.0, 1.2, 1.5, 1.8, 2.0, 2.0, 1.7, 1.1],
    "business_hours": [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.0, 2.0, 2.0,
                       1.6, 2.0, 2.0, 2.0, 1.8, 1.2, 0.6, 0.4, 0.3, 0.2, 0.15, 0.1],
}
# Weights Monday–Sunday.
WEEKLY_WEIGHTS = {
    "flat": [1.0] * 7,
    "weekdays": [1.2, 1.2, 1.2, 1.2, 1.2, 0.5, 0.5],
    "weekends": [0.85, 0.85, 0.85, 0.85, 0.9, 1.4, 1.4],
}


@dataclass(frozen=True)
class Traffic:
    """Client request rate per minute (requests/s), its spike-free baseline, and the timezone."""

    rate_rps: np.ndarray        # shape (43800,): requests per second during each minute
    baseline_rps: np.ndarray    # the same without spikes
    burstiness: float
    utc_offset_minutes: int

    @property
    def monthly_requests(self) -> float:
        """Requests in the month: the series' sum (spikes included)."""
        return float(self.rate_rps.sum() * 60)

    def peak_rps(self) -> float:
        """The highest minute-average rate in requests per second."""
        return float(self.rate_rps.max())


def shape(workload: Workload) -> NDArray[np.float64]:
    """The spike-free profile over the month's minutes, scaled to mean 1 (read-only: it is shared)."""
    daily = DAILY_WEIGHTS[workload.daily_profile] if isinstance(workload.daily_profile, str) else workload.daily_profile
    weekly = WEEKLY_WEIGHTS[workload.weekly_profile] if isinstance(workload.weekly_profile, str) \
        else workload.weekly_profile
    return _profile(tuple(float(w) for w in daily), tuple(float(w) for w in weekly))


@lru_cache(maxsize=64)
def _profile(daily_weights: tuple[float, ...], weekly_weights: tuple[float, ...]) -> NDArray[np.float64]:
    """Hourly weights × daily weights over the month's minutes, scaled to mean 1; built once per pair
    of weight lists (a sweep or a Compare page asks for the same few many times)."""
    daily, weekly = np.asarray(daily_weights), np.asarray(weekly_weights)
    minute = np.arange(MINUTES_PER_MONTH)
    profile = daily[(minute // 60) % 24] * weekly[(minute // 1440) % 7]
    scaled: NDArray[np.float64] = profile / profile.mean()
    scaled.setflags(write=False)
    return scaled


def spike_factor(workload: Workload) -> np.ndarray:
    """Per-minute multipliers from the workload's spikes (1 outside spikes; overlapping spikes multiply)."""
    factor = np.ones(MINUTES_PER_MONTH)
    for spike in workload.spikes:
        hours, minutes = (int(part) for part in spike.at.split(":"))
        start = (spike.day - 1) * 1440 + hours * 60 + minutes
        factor[start:min(start + spike.minutes, MINUTES_PER_MONTH)] *= spike.multiplier
    return factor


def baseline_monthly_requests(workload: Workload, profile: np.ndarray) -> float:
    """Spike-free requests per month from requests_per_month, peak_rps or users."""
    if workload.requests_per_month is not None:
        return float(workload.requests_per_month)
    if workload.peak_rps is not None:
        return float(workload.peak_rps / profile.max() * SECONDS_PER_MONTH)
    if workload.users is not None:
        u = workload.users
        return float(u.mau * u.dau_ratio * u.sessions_per_day * u.requests_per_session * DAYS_PER_MONTH)
    return 0.0


def client_monthly_requests(workload: Workload) -> float:
    """Client requests in the month: the spike-free volume exactly as given, plus the spikes' extra."""
    profile = shape(workload)
    base = baseline_monthly_requests(workload, profile)
    if not workload.spikes:
        return base
    extra = float((profile * (spike_factor(workload) - 1)).sum()) * base / MINUTES_PER_MONTH
    return base + extra


def spike_extras(workload: Workload) -> tuple[float, tuple[float, ...]]:
    """The client requests the spikes add to the month: (all spikes together, each spike alone).

    The together figure is `client_monthly_requests(workload)` minus the spike-free volume; where
    spikes overlap they multiply, so the spikes alone may not add up to it. A spike adds the
    profile's weight over its minutes × (multiplier − 1), at the spike-free volume per minute."""
    if not workload.spikes:
        return 0.0, ()
    profile = shape(workload)
    per_minute = baseline_monthly_requests(workload, profile) / MINUTES_PER_MONTH
    together = float((profile * (spike_factor(workload) - 1)).sum()) * per_minute
    alone = []
    for spike in workload.spikes:
        hours, minutes = (int(part) for part in spike.at.split(":"))
        start = (spike.day - 1) * 1440 + hours * 60 + minutes
        window = profile[start:min(start + spike.minutes, MINUTES_PER_MONTH)]
        alone.append(float(window.sum()) * (spike.multiplier - 1) * per_minute)
    return together, tuple(alone)


def client_traffic(workload: Workload) -> Traffic:
    """The client request-rate series of a workload."""
    profile = shape(workload)
    base_rps = baseline_monthly_requests(workload, profile) / SECONDS_PER_MONTH
    baseline = base_rps * profile
    return Traffic(rate_rps=baseline * spike_factor(workload), baseline_rps=baseline,
                   burstiness=workload.burstiness, utc_offset_minutes=int(round(workload.utc_offset_hours * 60)))


def component_rates(design: Design, events: Mapping[str, Decimal | float], traffic: Traffic) -> dict[str, np.ndarray]:
    """Events per second at each minute for every component, whose sums match the monthly `events`.

    A component driven (directly or through its upstreams) by the client workload follows the
    client series; one driven by its own monthly figure follows the spike-free profile.
    """
    by_id = {c.id: c for c in design.components}
    client_total = traffic.monthly_requests
    baseline_shape = traffic.baseline_rps / traffic.baseline_rps.sum() if traffic.baseline_rps.sum() > 0 \
        else np.full(MINUTES_PER_MONTH, 1 / MINUTES_PER_MONTH)
    rates: dict[str, np.ndarray] = {}
    for comp in design.components:
        monthly = float(events[comp.id])
        root = _root(comp, by_id)
        if root.from_ is None and root.direct_value() is None and client_total > 0:
            rates[comp.id] = traffic.rate_rps * (monthly / client_total)
        else:
            rates[comp.id] = baseline_shape * (monthly / 60)
    return rates


def _root(comp: Component, by_id: Mapping[str, Component]) -> Component:
    while comp.from_ is not None:
        comp = by_id[comp.from_]
    return comp
