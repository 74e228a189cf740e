"""Comparing designs: break-even points between cost curves, and per-unit costs.

Cost curves come from `models.sweep.cost_sweep` (monthly total at each client volume). Between two
sweep points a design's cost is linear in the volume unless a price tier or free allowance ends
there, so a crossing is found where the difference of two curves changes sign and placed by
linear interpolation in the volume — exact when neither curve bends inside that interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

STATUS_RANK = {"pass": 0, "warn": 1, "fail": 2}


@dataclass(frozen=True)
class BreakEven:
    """Where two cost curves cross: the volume (requests per month), the cost there (USD per month),
    and which design is cheaper below and above it."""

    requests_per_month: float
    cost_usd: float
    cheaper_below: int
    cheaper_above: int


def crossings(volumes: Sequence[float], costs_a: Sequence[float], costs_b: Sequence[float],
              tolerance_usd: float = 1e-9) -> list[BreakEven]:
    """Break-even points of curve a (index 0) and curve b (index 1) sampled at the same volumes.

    Stretches where the curves are equal (both zero under a free tier, say) are not crossings;
    a crossing is where a is dearer on one side and b on the other (placed at the first equal
    point when they are equal for a while in between).

    >>> [(p.requests_per_month, p.cost_usd) for p in crossings([0, 10, 20], [0, 35, 70], [23, 33, 43])]
    [(9.2, 32.2)]
    >>> crossings([1, 2, 3], [0, 0, 1], [0, 0, 2])
    []
    """
    if not len(volumes) == len(costs_a) == len(costs_b):
        raise ValueError("volumes and both cost curves must have the same length")
    points: list[BreakEven] = []
    last: int | None = None  # index of the last point where the curves differed
    for i in range(len(volumes)):
        diff = float(costs_a[i]) - float(costs_b[i])
        if abs(diff) <= tolerance_usd:
            continue
        if last is not None:
            before = float(costs_a[last]) - float(costs_b[last])
            if (before > 0) != (diff > 0):
                if i - last > 1:  # equal over a stretch in between: they meet at its first point
                    below, above = (1, 0) if before > 0 else (0, 1)
                    points.append(BreakEven(float(volumes[last + 1]), float(costs_a[last + 1]), below, above))
                else:
                    points.append(_interpolate(volumes, costs_a, last, i, before, diff))
        last = i
    return points


def _interpolate(volumes: Sequence[float], costs_a: Sequence[float], i: int, j: int, diff_i: float,
                 diff_j: float) -> BreakEven:
    v_i, v_j = float(volumes[i]), float(volumes[j])
    share = diff_i / (diff_i - diff_j)
    volume = v_i + (v_j - v_i) * share
    cost = float(costs_a[i]) + (float(costs_a[j]) - float(costs_a[i])) * share
    # diff_i > 0: a is dearer below the crossing, so b (1) is cheaper below and a (0) above
    below, above = (1, 0) if diff_i > 0 else (0, 1)
    return BreakEven(round(volume, 6), round(cost, 9), below, above)


def per_million(cost: float, requests_per_month: float) -> float | None:
    """Cost per million client requests (None when there are no requests).

    >>> per_million(23.0, 10_000_000)
    2.3
    """
    if not requests_per_month:
        return None
    return cost / (requests_per_month / 1_000_000)


def per_user(cost: float, mau: float | None) -> float | None:
    """Cost per monthly active user (None when the workload gives no users)."""
    if not mau:
        return None
    return cost / mau


def worst_status(statuses: Sequence[str]) -> str:
    """The worst of pass / warn / fail.

    >>> worst_status(["pass", "warn", "pass"])
    'warn'
    """
    return max(statuses, key=lambda s: STATUS_RANK[s]) if statuses else "pass"
