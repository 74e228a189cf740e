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


Z95, Z99 = 1.6448536269514722, 2.3263478740408408  # Φ⁻¹(0.95), Φ⁻¹(0.99)


def q(z: float) -> float:
    """P(Z > z), standard normal."""
    return 0.5 * math.erfc(z / math.sqrt(2))


def spliced_samples(p50: float, p95: float, p99: float, n: int) -> np.ndarray:
    """Durations drawn by hand: ln X = ln p50 + s1·Z up to p95, then ln p95 + s2·(Z − z95), where s1 and s2
    make the line pass through the three percentiles given."""
    s1 = math.log(p95 / p50) / Z95
    s2 = math.log(p99 / p95) / (Z99 - Z95)
    z = np.random.default_rng(7).standard_normal(n)
    return np.exp(np.where(z <= Z95, math.log(p50) + s1 * z, math.log(p95) + s2 * (z - Z95)))


def test_expected_billed_duration_matches_a_monte_carlo_simulation():
    model = fit_duration(DurationPercentiles(p50=120, p95=400, p99=900))
    samples = spliced_samples(120, 400, 900, 1_000_000)
    simulated = np.minimum(np.ceil(samples), 1000).mean()
    assert model.billed_ms(timeout_ms=1000) == pytest.approx(simulated, rel=2e-3)
    assert model.fraction_over(1000) == pytest.approx((samples > 1000).mean(), rel=0.03)


@pytest.mark.parametrize("p50, p95, p99", [(40, 120, 300), (40, 120, 12_000), (120, 400, 900), (100, 100, 200),
                                           (700, 1500, 2500), (10, 11, 5_000)])
def test_every_stated_percentile_is_the_models_own(p50, p95, p99):
    model = fit_duration(DurationPercentiles(p50=p50, p95=p95, p99=p99))
    assert model.quantile_ms(0.0) == pytest.approx(p50)
    assert model.quantile_ms(Z95) == pytest.approx(p95)
    assert model.quantile_ms(Z99) == pytest.approx(p99)
    assert model.fraction_over(p99 * 0.999) > 0.01  # a timeout below the stated p99 catches over 1 %
    assert model.fraction_over(p95 * 0.999) > 0.05
    assert model.fraction_over(p99 * 1.001) < 0.01


def test_a_timeout_below_the_stated_p99_catches_the_share_the_percentiles_imply():
    # p50 40, p95 120, p99 12,000 ms and a 10 s timeout: past p95 ln X climbs ln(100) / (z99 − z95) = 6.7575
    # per unit of z, so 10,000 ms is at z = z95 + ln(10,000 / 120) / 6.7575 = 2.2994: 1.074 % of invocations.
    # (The least-squares lognormal gave a p99 of 3,009 ms and 0.1475 %.)
    model = fit_duration(DurationPercentiles(p50=40, p95=120, p99=12_000))
    z = Z95 + math.log(10_000 / 120) / (math.log(100) / (Z99 - Z95))
    assert model.fraction_over(10_000) == pytest.approx(q(z), rel=1e-12)
    assert model.fraction_over(10_000) == pytest.approx(0.01074, abs=1e-5)
    samples = spliced_samples(40, 120, 12_000, 1_000_000)
    assert model.billed_ms(timeout_ms=10_000) == pytest.approx(np.minimum(np.ceil(samples), 10_000).mean(), rel=5e-3)


def test_two_percentiles_keep_the_plain_lognormal():
    model = fit_duration(DurationPercentiles(p50=120, p99=900))
    assert not model.bends and model.sigma == pytest.approx(math.log(900 / 120) / Z99)
    assert model.mean_ms() == pytest.approx(120 * math.exp(model.sigma ** 2 / 2))


def test_the_mean_of_a_spliced_fit_matches_a_monte_carlo_simulation():
    model = fit_duration(DurationPercentiles(p50=40, p95=120, p99=300))
    assert model.mean_ms() == pytest.approx(spliced_samples(40, 120, 300, 2_000_000).mean(), rel=5e-3)


def test_the_photo_templates_thumbnailer_bills_its_simulated_mean():
    # p50 700, p95 1,500, p99 2,500 ms, timeout 30 s: the quote's 0.794606 s billed per invocation
    model = fit_duration(DurationPercentiles(p50=700, p95=1500, p99=2500))
    simulated = np.minimum(np.ceil(spliced_samples(700, 1500, 2500, 2_000_000)), 30_000).mean()
    assert model.billed_ms(timeout_ms=30_000) == pytest.approx(simulated, rel=1e-3)
    assert model.billed_ms(timeout_ms=30_000) == pytest.approx(794.606, abs=1e-3)
