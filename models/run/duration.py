"""Function durations: a fixed time or a lognormal fitted to percentiles, and what gets billed.

Lambda bills each invocation's duration rounded up to the next 1 ms, and an invocation never
runs past the function timeout.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from models.design.schema import DurationPercentiles

# standard normal quantiles for the percentiles a design may give
Z = {"p50": 0.0, "p95": 1.6448536269514722, "p99": 2.3263478740408408}
_erfc = np.frompyfunc(math.erfc, 1, 1)


@dataclass(frozen=True)
class DurationModel:
    """Invocation time in milliseconds: lognormal with median exp(mu) and shape sigma (0 = fixed)."""

    mu: float
    sigma: float
    fixed_ms: float | None = None  # the exact duration when it was given as one number

    @property
    def median_ms(self) -> float:
        return math.exp(self.mu)

    def mean_ms(self) -> float:
        """Mean duration in ms (before rounding and timeout)."""
        return math.exp(self.mu + self.sigma**2 / 2)

    def fraction_over(self, limit_ms: float) -> float:
        """Share of invocations that run longer than `limit_ms`."""
        if self.sigma == 0:
            exact = self.fixed_ms if self.fixed_ms is not None else self.median_ms
            return 1.0 if exact > limit_ms else 0.0
        z = (math.log(limit_ms) - self.mu) / self.sigma
        return 0.5 * math.erfc(z / math.sqrt(2))

    def billed_ms(self, timeout_ms: int) -> float:
        """Expected billed ms per invocation: E[min(ceil(X), timeout)] = Σ_{k=0}^{T-1} P(X > k).
        Cached: one estimate asks for the same function's figure many times (scenarios, months)."""
        return _billed_ms(self, timeout_ms)

    def _billed_ms_uncached(self, timeout_ms: int) -> float:
        if self.sigma == 0:
            exact = self.fixed_ms if self.fixed_ms is not None else self.median_ms
            return float(min(math.ceil(exact), timeout_ms))
        # beyond exp(mu + 9 sigma) the survival function is below 1e-19: nothing left to add
        top = int(min(timeout_ms, math.ceil(math.exp(self.mu + 9 * self.sigma)) + 1))
        k = np.arange(1, top, dtype=float)
        z = (np.log(k) - self.mu) / (self.sigma * math.sqrt(2))
        survival = 0.5 * _erfc(z).astype(float)
        return 1.0 + float(survival.sum())  # the k = 0 term is P(X > 0) = 1


@lru_cache(maxsize=4096)
def _billed_ms(model: DurationModel, timeout_ms: int) -> float:
    return model._billed_ms_uncached(timeout_ms)


def fit_duration(duration_ms: float | DurationPercentiles) -> DurationModel:
    """A fixed duration (a number) or a lognormal fitted to {p50, p95, p99} by least squares."""
    if isinstance(duration_ms, (int, float)):
        return DurationModel(mu=math.log(duration_ms), sigma=0.0, fixed_ms=float(duration_ms))
    mu = math.log(duration_ms.p50)
    pairs = [(Z[name], math.log(value) - mu)
             for name, value in (("p95", duration_ms.p95), ("p99", duration_ms.p99)) if value is not None]
    if not pairs:
        return DurationModel(mu=mu, sigma=0.0)
    sigma = sum(z * d for z, d in pairs) / sum(z * z for z, _ in pairs)
    return DurationModel(mu=mu, sigma=max(sigma, 0.0))
