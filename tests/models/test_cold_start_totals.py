"""The month's cold starts worked out for many volumes at once equal the per-minute model summed
volume by volume (the estimate and the sweep read the totals; the latency checks the series)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from models.costs.estimate import estimate
from models.costs.sweep import cost_sweep
from models.design.text import parse_design_text
from models.run.cold_starts import cold_start_totals, cold_starts_per_minute
from models.run.run import Run, at_volume, runs_at_volumes
from models.run.traffic import MINUTES_PER_MONTH
from pricing.catalog import load_catalog, load_facts
from templates import template_text

SCALES = [1e-4, 1e-2, 0.5, 1.0, 3.0, 100.0, 1e4]


def series(kind: str, rng: np.random.Generator) -> np.ndarray:
    if kind == "hourly":  # a profile of hourly weights, the app's own kind of series
        return np.repeat(rng.uniform(0, 3, MINUTES_PER_MONTH // 60), 60)
    noisy = rng.gamma(0.5, 1.0, MINUTES_PER_MONTH)  # every minute different, some idle
    noisy[rng.integers(0, MINUTES_PER_MONTH, 200)] = 0.0
    return noisy


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("kind", ["hourly", "noisy"])
def test_totals_equal_the_per_minute_model_summed(seed: int, kind: str) -> None:
    rng = np.random.default_rng(seed)
    unit = series(kind, rng)
    duration_s, idle_s = float(rng.uniform(0.01, 5)), float(rng.choice([30, 60, 600, 900]))
    provisioned = int(rng.choice([0, 0, 3, 50]))
    one_by_one = [cold_starts_per_minute(s * unit, duration_s, idle_s, provisioned).sum() for s in SCALES]
    assert cold_start_totals(unit, SCALES, duration_s, idle_s, provisioned) == pytest.approx(one_by_one, rel=1e-10)


def test_a_quiet_series_has_no_cold_starts_and_a_steady_one_only_its_first() -> None:
    assert cold_start_totals(np.zeros(MINUTES_PER_MONTH), [1.0, 5.0], 0.2, 600).tolist() == [0.0, 0.0]
    # 1 request a minute, 600 s reclaim: every request finds the environment gone with e^(-1/60·600)
    steady = np.full(MINUTES_PER_MONTH, 1 / 60)
    [total] = cold_start_totals(steady, [1.0], 0.1, 600)
    assert total == pytest.approx(MINUTES_PER_MONTH * np.exp(-10))


@pytest.mark.parametrize("key", ["photo_thumbnails", "photo_thumbnails_sqs", "save_app_data", "authenticated_api"])
def test_runs_at_volumes_match_a_run_per_volume(key: str) -> None:
    design, facts = parse_design_text(template_text(key)), load_facts()
    volumes = [0.0, 1_000.0, 3_000_000.0, 2e9]
    for run, volume in zip(runs_at_volumes(design, volumes, facts), volumes, strict=True):
        alone = Run(at_volume(design, volume), facts)
        assert run.events == alone.events
        assert run.cold_starts.keys() == alone.cold_starts.keys()
        for fn_id, (colds, init_ms) in alone.cold_starts.items():
            assert run.cold_starts[fn_id] == (pytest.approx(colds, rel=1e-9), init_ms)


@pytest.mark.parametrize("key", ["photo_thumbnails", "photo_thumbnails_sqs", "save_app_data", "direct_invoke"])
def test_the_sweep_prices_each_volume_as_its_own_estimate(key: str) -> None:
    design, facts = parse_design_text(template_text(key)), load_facts()
    catalog = load_catalog(design.region)
    volumes = [10_000.0, 3_000_000.0, 400_000_000.0]
    alone = [estimate(Run(at_volume(design, v), facts), catalog).total_usd for v in volumes]
    assert cost_sweep(design, catalog, volumes, facts) == pytest.approx(alone, abs=Decimal("0.000001"))
