"""Duration models: fixed times bill whole milliseconds; fitted lognormals match a simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from models.design.schema import DurationPercentiles
from models.run.duration import Z, fit_duration


@pytest.mark.parametrize("given, billed", [(100, 100), (2999, 2999), (100.2, 101), (0.1, 1), (5000, 3000)])
def test_a_fixed_duration_bills_whole_milliseconds_up_to_the_timeout(given, billed):
    assert fit_duration(given).billed_ms(timeout_ms=3000) == billed


def test_percentiles_are_reproduced_by_the_fit():
    model = fit_duration(DurationPercentiles(p50=120, p95=400))
    assert model.median_ms == pytest.approx(120)
    assert math.exp(model.mu + Z["p95"] * model.sigma) == pytest.approx(400)


def test_expected_billed_duration_matches_a_monte_carlo_simulation():
    model = fit_duration(DurationPercentiles(p50=120, p95=400, p99=900))
    rng = np.random.default_rng(7)
    samples = np.exp(rng.normal(model.mu, model.sigma, 1_000_000))
    simulated = np.minimum(np.ceil(samples), 1000).mean()
    assert model.billed_ms(timeout_ms=1000) == pytest.approx(simulated, rel=2e-3)
    assert model.fraction_over(1000) == pytest.approx((samples > 1000).mean(), rel=0.03)
