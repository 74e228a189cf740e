"""Lambda cold starts from the traffic series: how many, and what they do to latency and cost.

Model (per minute): the first environment goes cold when requests are further apart than the idle
reclaim time W — for Poisson arrivals at λ/s a share e^(−λW) of requests; further environments are
created when the busiest concurrency of the last W seconds rises (need = A + 2√A for an offered
load A, about the 98th percentile of Poisson concurrency). Provisioned environments are always warm.
Environments recycled after hours of use are ignored.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from models.run.duration import DurationModel, Z


def cold_starts_per_minute(rate_rps: np.ndarray, mean_duration_s: float, idle_reclaim_s: float,
                           provisioned: int = 0) -> np.ndarray:
    """Expected cold starts in each minute of the month."""
    rate = np.asarray(rate_rps, dtype=float)
    load = rate * mean_duration_s
    need = load + 2 * np.sqrt(load)  # 0 where there is no load
    window = max(1, int(round(idle_reclaim_s / 60)))
    pool = need.copy()
    for shift in range(1, window):  # the busiest need over the last W minutes (environments linger)
        np.maximum(pool[shift:], need[:-shift], out=pool[shift:])
    warm_floor = max(1, provisioned)
    extra = np.maximum(pool - warm_floor, 0.0)
    rises: NDArray[np.float64] = np.diff(extra, prepend=extra[0])
    np.maximum(rises, 0.0, out=rises)
    if provisioned:
        return rises
    first = rate * 60
    first *= np.exp(-rate * idle_reclaim_s)
    per_minute: NDArray[np.float64] = first + rises
    return per_minute


def p99_with_cold_starts(model: DurationModel, cold_share: float, init_ms: float) -> float:
    """The 99th percentile of duration when a share of invocations also pays `init_ms` (ms)."""
    def survival(t: float) -> float:
        if t <= 0:
            return 1.0
        return model.fraction_over(t)

    def tail(t: float) -> float:
        return (1 - cold_share) * survival(t) + cold_share * survival(t - init_ms)

    low, high = 0.0, max(model.median_ms, 1.0) * 1000 + init_ms
    for _ in range(80):
        mid = (low + high) / 2
        if tail(mid) > 0.01:
            low = mid
        else:
            high = mid
    return high


def p99_ms(model: DurationModel) -> float:
    """The 99th percentile of the duration model alone (ms)."""
    if model.fixed_ms is not None:
        return model.fixed_ms
    return model.median_ms * math.exp(Z["p99"] * model.sigma)
