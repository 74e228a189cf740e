"""models/calibrate against a known synthetic month (tests/observe_support.py): the fitted design is
checked against the generator's truth, and the small rules against hand calculations."""

from __future__ import annotations

import numpy as np
import pytest
from observe_support import DAILY, HOURS, START, WEEKLY, expected_hourly, poisson, truth_profile

from models.calibrate.apply import calibrate_design, month_factor
from models.calibrate.fit import (
    Observation,
    Profile,
    Resource,
    Window,
    burstiness,
    duration_percentiles,
    fit_profile,
    largest_spike,
    monthly_total,
    peaks_rps,
)
from models.design.schema import parse_design
from models.run.traffic import client_monthly_requests, shape

WINDOW = Window(START, HOURS)
MONTHLY = 3_000_000


def same(cid, label, name):
    return cid == name


def design_with(components, workload=None):
    return {"name": "calibrated", "workload": workload or {"requests_per_month": 1}, "components": components}


def test_the_window_is_labelled_with_its_first_and_last_day():
    assert WINDOW.label == "2026-11-17..2026-11-30"


def test_monthly_volume_is_within_1_percent_and_the_profile_correlates_with_the_truth():
    counts = poisson(expected_hourly(MONTHLY), seed=1)
    observation = Observation(WINDOW, (Resource("api", "photos", {"Count": counts}),))
    result = calibrate_design(design_with([{"id": "photos", "type": "api_gateway"}]), observation, same)
    design = parse_design(result.data)
    assert abs(client_monthly_requests(design.workload) / MONTHLY - 1) < 0.01
    assert np.corrcoef(shape(design.workload), truth_profile())[0, 1] >= 0.99
    assert result.data["workload"]["spikes"] == []
    assert any(p.startswith("workload.requests_per_month:") and "observed: 2026-11-17..2026-11-30" in p
               for p in result.provenance)


def test_a_pure_product_profile_is_recovered_exactly_from_two_whole_weeks():
    expected = expected_hourly(MONTHLY)  # no noise: daily × weekly exactly
    fitted = fit_profile(expected, START)
    assert np.allclose(fitted.daily, np.asarray(DAILY) / np.mean(DAILY), rtol=1e-9)
    assert np.allclose(fitted.weekly, np.asarray(WEEKLY) / np.mean(WEEKLY), rtol=1e-9)


def test_the_month_weighs_weekdays_more_than_two_whole_weeks_do():
    """730 h from a Monday = 4 weeks (mean 1.0 for 'weekdays') + Mon, Tue (1.2 each) + 10 h of Wed (1.2):
    (28 + 2.4 + 10/24 × 1.2) / (730/24) = 30.9 / 30.4167 = 1.01589; two whole weeks average exactly 1."""
    weekly = tuple(w / np.mean(WEEKLY) for w in WEEKLY)
    assert month_factor(Profile((1.0,) * 24, weekly), START, HOURS, 0.0) == pytest.approx(30.9 / (730 / 24), rel=1e-9)


def test_the_largest_spike_is_found_and_left_out_of_the_profile():
    """× 5 for two hours from Sunday 2026-11-22 20:00 UTC (a design month's Sunday is day 7)."""
    expected = expected_hourly(MONTHLY)
    counts = poisson(expected, seed=2)
    first = (5 * 24) + 20   # Tue 17th + 5 days = Sun 22nd, 20:00
    counts[first:first + 2] = poisson(expected[first:first + 2] * 5, seed=3)
    profile, spike = largest_spike(counts, START)
    assert spike is not None and (spike.weekday, spike.hour, spike.hours) == (6, 20, 2)
    assert spike.multiplier == pytest.approx(5, rel=0.05)
    assert np.corrcoef(profile.daily, DAILY)[0, 1] >= 0.99
    observation = Observation(WINDOW, (Resource("api", "photos", {"Count": counts}),))
    result = calibrate_design(design_with([{"id": "photos", "type": "api_gateway"}]), observation, same)
    spikes = result.data["workload"]["spikes"]
    assert [(s["day"], s["at"], s["minutes"]) for s in spikes] == [(7, "20:00", 120)]
    # the spike-free volume plus the spike's extra is the observed month
    assert abs(client_monthly_requests(parse_design(result.data).workload) / (MONTHLY + _extra(expected, first)) - 1) \
        < 0.01


def _extra(expected, first):
    """The spike's extra requests in the design month: (5 − 1) × the two hours' expected counts; the window
    saw it once, and the design month has it once (day 7, a Sunday, at the same hour)."""
    return 4 * float(expected[first:first + 2].sum())


def test_burstiness_is_1_for_poisson_and_the_dispersion_of_a_gamma_poisson_mix():
    """Gamma–Poisson with mean λ = 50 and shape k = 25 has variance λ + λ²/k = 50 + 100 = 150: index 3.
    15 days of minutes: the estimate's standard error is about 0.01 for Poisson."""
    rng = np.random.default_rng(4)
    assert burstiness(rng.poisson(50.0, 60 * 24 * 15).astype(float)) == pytest.approx(1.0, abs=0.05)
    mixed = rng.poisson(50.0 * rng.gamma(25.0, 1 / 25.0, 60 * 24 * 15)).astype(float)
    assert burstiness(mixed) == pytest.approx(3.0, rel=0.1)
    assert burstiness(np.ones(59)) is None


def test_duration_percentiles_never_decrease():
    assert duration_percentiles({"Duration.p50": 100.0, "Duration.p95": 90.0, "Duration.p99": 300.0}, 1000) == \
        {"p50": 100.0, "p95": 100.0, "p99": 300.0}
    assert duration_percentiles({"Duration.p99": 300.0}, 1000) is None


def test_consumed_capacity_becomes_reads_and_writes_of_the_tables_item_size():
    """1,000 RCU an hour → 730,000 a month; eventual reads of 1 KB take 0.5 RCU → 1,460,000 reads.
    300 WCU an hour → 219,000; a 3 KB standard write takes 3 WCU → 73,000 writes."""
    observation = Observation(WINDOW, (Resource("dynamodb", "orders", {
        "ConsumedReadCapacityUnits": np.full(HOURS, 1000.0), "ConsumedWriteCapacityUnits": np.full(HOURS, 300.0)}),))
    table = {"id": "orders", "type": "dynamodb", "reads_per_month": 0, "writes_per_month": 0, "item_kb": 3}
    small = {**table, "id": "orders", "item_kb": 1}
    assert calibrate_design(design_with([small]), observation, same).data["components"][0]["reads_per_month"] \
        == 1_460_000
    assert calibrate_design(design_with([table]), observation, same).data["components"][0]["writes_per_month"] \
        == 73_000


def test_what_was_not_observed_stays_a_marked_assumption():
    observation = Observation(WINDOW, (Resource("lambda", "worker", {"Invocations": np.full(HOURS, 10.0)}),))
    comps = [{"id": "worker", "type": "lambda", "invocations_per_month": 0},
             {"id": "ghost", "type": "sqs", "messages_per_month": 5}]
    result = calibrate_design(design_with(comps, {}), observation, same)
    assert result.data["components"][0]["invocations_per_month"] == 7_300  # 10 an hour × 730 h
    assert result.data["components"][1]["messages_per_month"] == 5
    assert any(a.startswith("ghost: not observed") for a in result.assumptions)
    assert any(a.startswith("worker.duration_ms: not observed") for a in result.assumptions)


def test_peaks_are_the_median_daily_busiest_hour_and_the_busiest_hour():
    """Days of busiest hours 3,600, 7,200 and 36,000 requests: median 2 rps, largest 10 rps."""
    counts = np.zeros(72)
    counts[[5, 30, 60]] = [3600, 7200, 36000]
    assert peaks_rps(counts) == (2.0, 10.0)
    assert monthly_total(counts, 72) == pytest.approx(46800 * 730 / 72)


def test_noise_at_a_few_requests_an_hour_is_no_spike():
    """At 0.5 to 3 expected requests an hour, hours of 2 × the profile are common Poisson noise
    (P(X ≥ 2) = 0.09 at λ = 0.5) — an excess under 5 √λ is never called a spike."""
    counts = poisson(expected_hourly(1_000), seed=5)   # ~1.4 requests an hour on average
    assert largest_spike(counts, START)[1] is None


def test_a_series_without_any_data_point_is_not_observed_rather_than_zero():
    observation = Observation(WINDOW, (Resource("sqs", "jobs", {"NumberOfMessagesSent": np.full(HOURS, np.nan)}),))
    result = calibrate_design(design_with([{"id": "jobs", "type": "sqs", "messages_per_month": 7}], {}),
                              observation, same)
    assert result.data["components"][0]["messages_per_month"] == 7 and result.provenance == []
    assert [a.split(":")[0] for a in result.assumptions] == ["jobs.messages_per_month"]
