"""Queueing formulas used by the limit checks, vectorised over the month's minutes.

- Erlang B: the share of arrivals blocked when `c` servers (Lambda execution environments)
  face Poisson arrivals with offered load A = λ·E[duration]; exact for any duration distribution.
- Lindley's recursion: the backlog of a queue fed faster than it drains (SQS buffer, async retries).
- A leaky credit bucket: capacity that can be borrowed from unused capacity (API Gateway's token
  bucket, DynamoDB's burst credit), with what overflows it.
"""

from __future__ import annotations

import math

import numpy as np

EXPECTED_MAX_OF_60_STD_NORMALS = 2.3193  # E[max of 60 iid N(0,1)], for the busiest second of a minute


def erlang_b(servers: int, load: np.ndarray | float) -> np.ndarray:
    """Blocking probability B(c, A) for each offered load A (Erlangs), by the stable recursion
    B(k) = A·B(k−1) / (k + A·B(k−1)).

    >>> round(float(erlang_b(10, 5.0)[0]), 6)
    0.018385
    """
    load = np.atleast_1d(np.asarray(load, dtype=float))
    if servers <= 0:
        return np.where(load > 0, 1.0, 0.0)
    out = np.zeros_like(load)
    # B(c, A) ≤ 2·P(Poisson(A) = c) when A < c; skip loads where that bound is below 1e-15
    with np.errstate(divide="ignore"):
        log_pmf = -load + servers * np.log(load) - math.lgamma(servers + 1)
    relevant = (load > 0) & ((load >= servers) | (log_pmf > math.log(5e-16)))
    if relevant.any():
        unique, inverse = np.unique(load[relevant], return_inverse=True)
        blocked = np.ones_like(unique)
        for k in range(1, servers + 1):
            blocked = unique * blocked / (k + unique * blocked)
        out[relevant] = blocked[inverse]
    return out


def erlang_b_bursty(servers: int, load: np.ndarray, peakedness: float) -> np.ndarray:
    """Erlang B for traffic burstier than Poisson by Hayward's approximation B(c/Z, A/Z), with the
    fractional server count c/Z handled by the continuous Erlang B (not rounded)."""
    if peakedness <= 1:
        return erlang_b(servers, load)
    return erlang_b_continuous(servers / peakedness, np.asarray(load, dtype=float) / peakedness)


def erlang_b_continuous(servers: float, load: np.ndarray | float) -> np.ndarray:
    """Erlang B for a real number of servers x: B(x, A) = A^x e^(−A) / Γ(x+1, A).

    Computed from B(f, A) for the fractional part f (by the incomplete gamma function) and then the
    usual recursion B(f+k) = A·B(f+k−1) / (f+k + A·B(f+k−1)); equals erlang_b for whole x.
    >>> round(float(erlang_b_continuous(10.0, 5.0)[0]), 6)
    0.018385
    """
    load = np.atleast_1d(np.asarray(load, dtype=float))
    out = np.zeros_like(load)
    positive = load > 0
    if servers <= 0 or not positive.any():
        return np.where(positive, 1.0, 0.0) if servers <= 0 else out
    whole = math.floor(servers)
    fraction = servers - whole
    unique, inverse = np.unique(load[positive], return_inverse=True)
    blocked = _erlang_b_fraction(fraction, unique)
    for k in range(1, whole + 1):
        blocked = unique * blocked / (k + fraction + unique * blocked)
    out[positive] = blocked[inverse]
    return out


def _erlang_b_fraction(fraction: float, load: np.ndarray) -> np.ndarray:
    """B(f, A) for 0 ≤ f < 1 via Γ(f+1, A): a power series for small A, a continued fraction (Lentz) for large A."""
    if fraction == 0:
        return np.ones_like(load)
    s = fraction + 1.0
    result = np.empty_like(load)
    small = load < s + 1
    if small.any():
        a = load[small]
        term = np.full_like(a, 1.0 / s)
        total = term.copy()
        for n in range(1, 400):
            term = term * a / (s + n)
            total += term
        lower = np.exp(-a + s * np.log(a)) * total          # γ(s, A)
        upper = math.gamma(s) - lower                         # Γ(s, A)
        result[small] = np.exp(fraction * np.log(a) - a) / upper
    if (~small).any():
        a = load[~small]
        b = a + 1.0 - s
        c = np.full_like(a, 1e300)
        d = 1.0 / b
        h = d.copy()
        for i in range(1, 300):
            an = -i * (i - s)
            b = b + 2.0
            d = an * d + b
            d = np.where(np.abs(d) < 1e-300, 1e-300, d)
            c = b + an / c
            c = np.where(np.abs(c) < 1e-300, 1e-300, c)
            d = 1.0 / d
            h = h * d * c
        result[~small] = 1.0 / (a * h)                       # Γ(s, A) = e^(−A) A^s h
    return result


def busiest_second_rps(rate_rps: np.ndarray, dispersion: float = 1.0) -> np.ndarray:
    """Expected busiest second within each minute: λ + 2.32·√(D·λ) (Poisson D = 1)."""
    rate = np.asarray(rate_rps, dtype=float)
    return rate + EXPECTED_MAX_OF_60_STD_NORMALS * np.sqrt(dispersion * rate)


def lindley_backlog(arrivals: np.ndarray, capacity: np.ndarray | float) -> np.ndarray:
    """Backlog after each step of a queue starting empty: Q_k = max(0, Q_{k−1} + a_k − s_k).

    Vectorised as Q_k = S_k − min(0, min_{j≤k} S_j) with S the running sum of a − s.
    >>> lindley_backlog(np.array([5., 5., 0., 0.]), 3.0).tolist()
    [2.0, 4.0, 1.0, 0.0]
    """
    steps = np.cumsum(np.asarray(arrivals, dtype=float) - capacity)
    return steps - np.minimum(np.minimum.accumulate(steps), 0.0)


def credit_bucket_overflow(demand: np.ndarray, capacity: np.ndarray | float,
                           credit_max: np.ndarray | float) -> np.ndarray:
    """Demand that neither capacity nor saved credit can serve, per step (fluid model).

    Unused capacity is saved as credit up to `credit_max` (starting full; a per-step array caps
    the credit by the value at the start of each over-capacity stretch); demand above capacity
    spends the credit first and overflows once it is gone. Exact for the fluid model: the loop
    runs once per stretch of over-capacity steps, not once per step.
    >>> credit_bucket_overflow(np.array([1., 5., 5., 0., 6.]), 2.0, 4.0).tolist()
    [0.0, 0.0, 2.0, 0.0, 2.0]
    """
    demand = np.asarray(demand, dtype=float)
    surplus = np.broadcast_to(np.asarray(capacity, dtype=float), demand.shape) - demand
    overflow = np.zeros_like(demand)
    over = surplus < 0
    if not over.any():
        return overflow
    edges = np.flatnonzero(np.diff(np.concatenate(([False], over, [False])).astype(np.int8)))
    starts, ends = edges[::2], edges[1::2]
    cap = np.broadcast_to(np.asarray(credit_max, dtype=float), demand.shape)
    credit, position = float(cap[0]), 0
    for start, end in zip(starts, ends, strict=True):
        credit = min(float(cap[start]), credit + surplus[position:start].sum())  # refill while under capacity
        excess = np.cumsum(-surplus[start:end])
        overflow[start:end] = np.diff(np.maximum(excess - credit, 0.0), prepend=0.0)
        credit = max(0.0, credit - excess[-1])
        position = end
    return overflow
