"""Small, readable simulations that the queueing tests compare the closed-form models against.

Each one follows the system's rules step by step (no formula from models/ is reused), so a test
comparing the two checks the formula, not a copy of it.
"""

from __future__ import annotations

import heapq

import numpy as np


def loss_system(servers: int, load: float, arrivals: int, sigma: float, seed: int) -> np.ndarray:
    """Discrete-event M/G/c/c loss system: Poisson arrivals, lognormal holding times, no queue.

    Holding times have mean 1 (lognormal with shape `sigma`), so the arrival rate equals the
    offered load in Erlangs. An arrival finding all `servers` busy is blocked (a Lambda throttle).
    Returns one boolean per arrival: True when it was blocked.

    >>> loss_system(0, 1.0, 3, 1.0, seed=0).tolist(), loss_system(3, 1.0, 3, 1.0, seed=0).tolist()
    ([True, True, True], [False, False, False])
    """
    rng = np.random.default_rng(seed)
    arrival_times = np.cumsum(rng.exponential(1.0 / load, arrivals)).tolist()
    holding = rng.lognormal(-sigma**2 / 2, sigma, arrivals).tolist()  # E = exp(μ + σ²/2) = 1
    departures: list[float] = []  # min-heap of the busy servers' departure times
    blocked = [False] * arrivals
    for i, now in enumerate(arrival_times):
        while departures and departures[0] <= now:
            heapq.heappop(departures)
        if len(departures) < servers:
            heapq.heappush(departures, now + holding[i])
        else:
            blocked[i] = True
    return np.array(blocked)


def bucket_loop(demand, capacity, credit_max: float, credit: float) -> np.ndarray:
    """Per-step credit bucket, one step at a time: what demand neither capacity nor credit serves.

    Each step, `capacity` (scalar or per-step array) plus the saved credit is available; demand
    takes what it needs and the rest is throttled; what is left over is saved, up to `credit_max`.

    >>> bucket_loop([1, 5, 5, 0, 6], 2, 4, credit=4).tolist()
    [0.0, 0.0, 2.0, 0.0, 2.0]
    """
    demand = np.asarray(demand, dtype=float)
    capacity = np.broadcast_to(np.asarray(capacity, dtype=float), demand.shape)
    throttled = np.zeros_like(demand)
    for k in range(len(demand)):
        available = credit + capacity[k]
        served = min(demand[k], available)
        throttled[k] = demand[k] - served
        credit = min(credit_max, available - served)
    return throttled


def token_bucket(mean_rps: float, seconds: int, rate: float, burst: float, ticks_per_second: int,
                 seed: int) -> tuple[np.ndarray, np.ndarray]:
    """API Gateway's token bucket with Poisson requests: (requests, throttled requests) per second.

    The bucket holds at most `burst` tokens (starting full) and refills at `rate` tokens per second,
    credited every 1/ticks_per_second s; each request takes a token or is throttled (a 429).
    """
    rng = np.random.default_rng(seed)
    arrivals = rng.poisson(mean_rps / ticks_per_second, seconds * ticks_per_second)
    throttled = bucket_loop(arrivals, rate / ticks_per_second, burst, credit=burst)
    per_second = (seconds, ticks_per_second)
    return arrivals.reshape(per_second).sum(axis=1), throttled.reshape(per_second).sum(axis=1)


def dynamodb_burst(demand_per_second, provisioned: float, window_s: int = 300) -> np.ndarray:
    """DynamoDB provisioned capacity with burst credit, one second at a time, credit starting EMPTY.

    Unused capacity is kept for up to `window_s` seconds (at most window_s × provisioned units);
    demand above `provisioned` spends it. Returns the throttled units per second.
    """
    return bucket_loop(demand_per_second, provisioned, window_s * provisioned, credit=0.0)
