"""Lambda cold starts from the traffic series: how many, and what they do to latency and cost.

Model (per minute): the first environment goes cold when requests are further apart than the idle
reclaim time W — for Poisson arrivals at λ/s a share e^(−λW) of requests; further environments are
created when the busiest concurrency of the last W seconds rises (need = A + 2√A for an offered
load A, about the 98th percentile of Poisson concurrency). Provisioned environments are always warm.
Environments recycled after hours of use are ignored.

`cold_starts_per_minute` gives the per-minute series (the latency checks read it);
`cold_start_totals` gives the month's total of the same model at many traffic volumes at once
(the estimate and the cost-vs-volume sweep read it).
"""

from __future__ import annotations

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


def cold_start_totals(unit_rate: NDArray[np.float64], scales: NDArray[np.float64] | list[float],
                      mean_duration_s: float, idle_reclaim_s: float, provisioned: int = 0) -> NDArray[np.float64]:
    """Expected cold starts per month for the rate series `scale × unit_rate` (requests/s each minute),
    one total per scale: `cold_starts_per_minute(scale × unit_rate, …).sum()` for every scale at once.

    Exact rearrangement, not an approximation: the environments needed, A + 2√A, rise with the rate,
    so the busiest need over the last W minutes is the need at the busiest rate, and the steps where
    it rises are the steps where the rolling maximum of `unit_rate` rises, whatever the scale. Those
    steps are found once; the first-environment term λ·60·e^(−λW) is summed over the series'
    distinct rates (a profile of hourly weights has few). Cost: one pass over the month, then
    (scales × distinct rates) instead of (scales × 43,800 minutes).
    """
    unit = np.asarray(unit_rate, dtype=float)
    k = np.asarray(scales, dtype=float)[:, None]
    window = max(1, int(round(idle_reclaim_s / 60)))
    busiest = unit.copy()
    for shift in range(1, window):
        np.maximum(busiest[shift:], unit[:-shift], out=busiest[shift:])
    up = np.flatnonzero(busiest[1:] > busiest[:-1]) + 1
    warm_floor = max(1, provisioned)

    def extra(rate: NDArray[np.float64]) -> NDArray[np.float64]:
        load = k * rate * mean_duration_s
        above: NDArray[np.float64] = np.maximum(load + 2 * np.sqrt(load) - warm_floor, 0.0)
        return above

    rises: NDArray[np.float64] = (extra(busiest[up]) - extra(busiest[up - 1])).sum(axis=1)
    if provisioned:
        return rises
    rates, minutes = np.unique(unit, return_counts=True)
    arrivals = k * rates
    totals: NDArray[np.float64] = (minutes * arrivals * 60 * np.exp(-arrivals * idle_reclaim_s)).sum(axis=1) + rises
    return totals


def p99_with_cold_starts(model: DurationModel, cold_share: float, init_ms: float) -> float:
    """The 99th percentile of duration when a share of invocations also pays `init_ms` (ms)."""
    def survival(t: float) -> float:
        if t <= 0:
            return 1.0
        return model.fraction_over(t)

    def tail(t: float) -> float:
        return (1 - cold_share) * survival(t) + cold_share * survival(t - init_ms)

    low, high = 0.0, max(model.median_ms * 1000, p99_ms(model) * 2, 1.0) + init_ms
    for _ in range(80):
        mid = (low + high) / 2
        if tail(mid) > 0.01:
            low = mid
        else:
            high = mid
    return high


def p99_ms(model: DurationModel) -> float:
    """The 99th percentile of the duration model alone (ms): the design's p99 when it gives one."""
    return model.quantile_ms(Z["p99"])
