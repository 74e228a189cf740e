"""Function durations: a fixed time or a lognormal fitted to percentiles, and what gets billed.

Lambda bills each invocation's duration rounded up to the next 1 ms, and an invocation never
runs past the function timeout.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

from models.design.schema import DurationPercentiles

# standard normal quantiles for the percentiles a design may give
Z = {"p50": 0.0, "p95": 1.6448536269514722, "p99": 2.3263478740408408}
_erfc = np.frompyfunc(math.erfc, 1, 1)


def _survival(z: float) -> float:
    """P(Z > z) for a standard normal Z (z may be ±inf)."""
    return 0.5 * math.erfc(z / math.sqrt(2))


@dataclass(frozen=True)
class DurationModel:
    """Invocation time in milliseconds: ln X = mu + sigma·Z for a standard normal Z (a lognormal with median
    exp(mu); sigma 0 = fixed), spliced where `bends` says so.

    Each bend (z, ln_ms, slope) makes ln X = ln_ms + slope·(Z − z) from Z = z on: the duration is still a
    monotone function of one normal, so the share of invocations past t is P(Z > z(t)) exactly, and every
    percentile the fit passed through is the model's own (a bend at p95 keeps p50, p95 and p99 as given).
    """

    mu: float
    sigma: float
    fixed_ms: float | None = None  # the exact duration when it was given as one number
    bends: tuple[tuple[float, float, float], ...] = ()

    @property
    def median_ms(self) -> float:
        return math.exp(self.mu)

    def quantile_ms(self, z: float) -> float:
        """The duration at standard-normal quantile z (z = Z["p99"]: the p99), in ms."""
        if self.fixed_ms is not None:
            return self.fixed_ms
        log_ms = self.mu + self.sigma * z
        for at, log_at, slope in self.bends:
            if z > at:
                log_ms = log_at + slope * (z - at)
        return math.exp(log_ms)

    def _z_of(self, log_ms: np.ndarray) -> np.ndarray:
        """The largest z whose duration is ≤ exp(log_ms) (−inf below every duration, +inf above)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.sigma > 0:
                z = (log_ms - self.mu) / self.sigma
            else:
                z = np.where(log_ms < self.mu, -np.inf, np.inf)
            for at, log_at, slope in self.bends:  # the last bend at or below log_ms is the piece it lies on
                beyond = at + (log_ms - log_at) / slope if slope > 0 else np.full_like(log_ms, np.inf)
                z = np.where(log_ms >= log_at, beyond, z)
        return np.asarray(z, dtype=float)

    def _pieces(self) -> list[tuple[float, float, float, float]]:
        """(z from, z to, intercept, slope): ln X = intercept + slope·Z on each piece, covering every z."""
        edges = [at for at, _, _ in self.bends]
        pieces = [(-math.inf, edges[0] if edges else math.inf, self.mu, self.sigma)]
        for i, (at, log_at, slope) in enumerate(self.bends):
            pieces.append((at, edges[i + 1] if i + 1 < len(edges) else math.inf, log_at - slope * at, slope))
        return pieces

    def mean_ms(self) -> float:
        """Mean duration in ms (before rounding and timeout): Σ over the pieces of
        ∫ exp(c + s·z) φ(z) dz = exp(c + s²/2) · (Φ(b − s) − Φ(a − s))."""
        return sum(math.exp(c + s * s / 2) * (_survival(a - s) - _survival(b - s)) for a, b, c, s in self._pieces())

    def fraction_over(self, limit_ms: float) -> float:
        """Share of invocations that run longer than `limit_ms`."""
        if self.sigma == 0 and not self.bends:
            exact = self.fixed_ms if self.fixed_ms is not None else self.median_ms
            return 1.0 if exact > limit_ms else 0.0
        if limit_ms <= 0:
            return 1.0
        return _survival(float(self._z_of(np.array([math.log(limit_ms)]))[0]))

    def billed_ms(self, timeout_ms: int) -> float:
        """Expected billed ms per invocation: E[min(ceil(X), timeout)] = Σ_{k=0}^{T-1} P(X > k).
        Cached: one estimate asks for the same function's figure many times (scenarios, months)."""
        return _billed_ms(self, timeout_ms)

    def _billed_ms_uncached(self, timeout_ms: int) -> float:
        if self.sigma == 0 and not self.bends:
            exact = self.fixed_ms if self.fixed_ms is not None else self.median_ms
            return float(min(math.ceil(exact), timeout_ms))
        # beyond the duration at z = 9 the survival function is below 1e-19: nothing left to add
        top = int(min(timeout_ms, math.ceil(self.quantile_ms(9.0)) + 1))
        k = np.arange(1, top, dtype=float)
        survival = 0.5 * np.asarray(_erfc(self._z_of(np.log(k)) / math.sqrt(2)), dtype=float)
        return 1.0 + float(survival.sum())  # the k = 0 term is P(X > 0) = 1


@lru_cache(maxsize=4096)
def _billed_ms(model: DurationModel, timeout_ms: int) -> float:
    return model._billed_ms_uncached(timeout_ms)


def fit_duration(duration_ms: float | DurationPercentiles) -> DurationModel:
    """A fixed duration (a number), or a lognormal through the given percentiles, exactly.

    p50 with p95 or p99: the lognormal through both. p50, p95 and p99: the lognormal through p50 and p95,
    bent at p95 to run through p99 (and on with that slope past it). A single lognormal cannot take three
    percentiles; a least-squares compromise moved all of them (p50 40, p95 120, p99 12,000 ms gave a p99 of
    3,009 ms, so a 10 s timeout caught 0.15 % of invocations where the user's figures say over 1 %). Bent,
    every stated percentile is the model's: a timeout below the stated p99 catches at least 1 % of
    invocations, below the stated p95 at least 5 %, and the billed mean follows the stated tail.

    >>> m = fit_duration(DurationPercentiles(p50=40, p95=120, p99=12000))
    >>> round(m.quantile_ms(Z["p95"]), 6), round(m.quantile_ms(Z["p99"]), 6), m.fraction_over(10_000) > 0.01
    (120.0, 12000.0, True)
    """
    if isinstance(duration_ms, (int, float)):
        return DurationModel(mu=math.log(duration_ms), sigma=0.0, fixed_ms=float(duration_ms))
    mu = math.log(duration_ms.p50)
    given = [(Z[name], math.log(value))
             for name, value in (("p95", duration_ms.p95), ("p99", duration_ms.p99)) if value is not None]
    if not given:
        return DurationModel(mu=mu, sigma=0.0)
    z_first, log_first = given[0]
    bends = tuple((z_from, log_from, (log_to - log_from) / (z_to - z_from))
                  for (z_from, log_from), (z_to, log_to) in pairwise(given))
    return DurationModel(mu=mu, sigma=(log_first - mu) / z_first, bends=bends)
