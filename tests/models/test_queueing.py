"""models/run/queueing.py against numbers worked out independently: exact rational arithmetic,
published Erlang B tables, numerical integrals, and the simulations in tests/sim.py.

Every statistical comparison states its tolerance and where it comes from; every simulation is
seeded, so a failure is reproducible, and the tolerances are wide enough (≥ 4 standard errors)
that a correct model fails with probability well under 1e-4 per comparison on other seeds.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sim
from hypothesis import given, settings
from hypothesis import strategies as st

from models.run.queueing import (
    EXPECTED_MAX_OF_60_STD_NORMALS,
    busiest_second_rps,
    credit_bucket_overflow,
    erlang_b,
    erlang_b_bursty,
    lindley_backlog,
)

# ---------------------------------------------------------------- independent references


def erlang_b_exact(servers: int, load: float | str) -> float:
    """B(c, A) = (A^c/c!) / Σ_{k≤c} A^k/k!, in exact integer arithmetic for A = p/q.

    Multiplying through by c!·q^c gives B = p^c / Σ_k p^k·q^(c−k)·c!/k!: integers only.
    """
    a = Fraction(str(load))
    p, q = a.numerator, a.denominator
    total, falling = 0, 1  # falling = c!/k!, built from k = c downwards
    for k in range(servers, -1, -1):
        total += p**k * q ** (servers - k) * falling
        falling *= k if k else 1
    return float(Fraction(p**servers, total))


def erlang_b_logs(servers: int, load: float) -> float:
    """The same definition in log space (lgamma, log-sum-exp): usable for any c, e.g. c = 1000."""
    logs = np.array([k * math.log(load) - math.lgamma(k + 1) for k in range(servers + 1)])
    top = logs.max()
    return math.exp(logs[-1] - top - math.log(math.fsum(np.exp(logs - top))))


def erlang_b_continuous(servers: float, load: float) -> float:
    """Erlang B for a real number of servers x: 1/B(x, a) = ∫₀^∞ e^(−u)·(1 + u/a)^x du.

    The standard analytic continuation (it equals the integer formula at integer x; checked below).
    Trapezoid rule on u = U·s², which packs points near u = 0 where the integrand is steepest.
    """
    upper = max(servers - load, 0.0) + 60 + 12 * math.sqrt(servers)
    s = np.linspace(0.0, 1.0, 100_001)
    u = upper * s * s
    integrand = np.exp(-u + servers * np.log1p(u / load)) * 2 * upper * s
    return float(1 / np.trapezoid(integrand, s))


def lindley_loop(arrivals, capacity) -> np.ndarray:
    """Q_k = max(0, Q_{k−1} + a_k − s_k), Q_0 = 0, one step at a time."""
    capacity = np.broadcast_to(np.asarray(capacity, dtype=float), np.shape(arrivals))
    backlog, out = 0.0, []
    for a, s in zip(arrivals, capacity, strict=True):
        backlog = max(0.0, backlog + a - s)
        out.append(backlog)
    return np.array(out)


def test_references_agree_with_each_other():
    """The exact, the log-space and the integral references agree: each one checks the others."""
    for c, a in [(1, 1), (5, 2), (10, 5), (20, 18), (100, 80), (1000, 950)]:
        exact = erlang_b_exact(c, a)
        assert erlang_b_logs(c, a) == pytest.approx(exact, rel=1e-11)
        if c <= 100:
            assert erlang_b_continuous(c, a) == pytest.approx(exact, rel=1e-7)


# ---------------------------------------------------------------- Erlang B: exact values and tables


@pytest.mark.parametrize(("servers", "load", "expected"), [
    (1, 1, Fraction(1, 2)),                 # (1) / (1 + 1)
    (2, 1, Fraction(1, 5)),                 # (1/2) / (1 + 1 + 1/2)
    (3, 2, Fraction(4, 19)),                # (8/6) / (1 + 2 + 2 + 8/6)
    (5, 2, Fraction(4, 109)),               # 0.036697…: (4/15) / (1 + 2 + 2 + 4/3 + 2/3 + 4/15)
])
def test_erlang_b_small_cases_by_hand(servers, load, expected):
    assert float(erlang_b(servers, float(load))[0]) == pytest.approx(float(expected), rel=1e-14)
    assert erlang_b_exact(servers, load) == pytest.approx(float(expected), rel=1e-15)


@pytest.mark.parametrize(("servers", "load", "expected"), [
    (10, 5.0, 0.018385),    # the module's doctest value, as tabulated: B(10, 5) = 1.8385 %
    (100, 80.0, 0.003992),  # B(100, 80) ≈ 0.4 %
])
def test_erlang_b_rounded_reference_values(servers, load, expected):
    assert float(erlang_b(servers, load)[0]) == pytest.approx(expected, abs=5e-7)


# Published Erlang B tables (offered traffic in Erlangs for a grade of service, rounded to 0.01):
# N=10: 0.1 % → 3.09, 1 % → 4.46, 2 % → 5.08; N=20: 1 % → 12.03, 2 % → 13.18;
# N=50: 1 % → 37.90; N=100: 1 % → 84.06.
@pytest.mark.parametrize(("servers", "grade", "table_load"), [
    (10, 0.001, 3.09), (10, 0.01, 4.46), (10, 0.02, 5.08), (20, 0.01, 12.03), (20, 0.02, 13.18),
    (50, 0.01, 37.90), (100, 0.01, 84.06),
])
def test_erlang_b_matches_published_grade_of_service_tables(servers, grade, table_load):
    """The table rounds A to 0.01, so the grade must lie between B(c, A − 0.005) and B(c, A + 0.005)."""
    low, high = erlang_b(servers, np.array([table_load - 0.005, table_load + 0.005]))
    assert low <= grade <= high


@pytest.mark.parametrize(("servers", "load"), [
    (7, 3.3), (30, 24.75), (200, 180.5), (1000, 950.0), (1000, 987.5), (1000, 1100.0),
])
def test_erlang_b_matches_exact_rational_arithmetic(servers, load):
    assert float(erlang_b(servers, load)[0]) == pytest.approx(erlang_b_exact(servers, load), rel=1e-10)


def test_erlang_b_large_c_needs_logs_and_agrees():
    """c = 1000: A^c/c! overflows a float (950^1000 ≈ 1e2977), so the reference works in logs."""
    with pytest.raises(OverflowError):
        _ = 950.0**1000 / math.factorial(1000)
    loads = np.array([900.0, 950.0, 990.0, 1000.0, 1050.0])
    expected = [erlang_b_logs(1000, a) for a in loads]
    np.testing.assert_allclose(erlang_b(1000, loads), expected, rtol=1e-10)


def test_erlang_b_vectorised_matches_elementwise():
    loads = np.array([0.0, 3.5, 8.0, 3.5, 0.0, 12.0, 1e-9, 8.0, 40.0])
    got = erlang_b(10, loads)
    assert got.shape == loads.shape
    expected = [erlang_b_exact(10, a) if a > 0 else 0.0 for a in loads]
    # atol 1e-15: erlang_b returns 0 where B < 1e-15 (B(10, 1e-9) = 2.8e-97; shortcut checked below)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)
    assert got[1] == got[3] and got[2] == got[7]  # repeated loads, same answer


def test_erlang_b_zero_load_and_zero_servers():
    np.testing.assert_array_equal(erlang_b(5, 0.0), [0.0])             # nothing offered, nothing lost
    np.testing.assert_array_equal(erlang_b(0, np.array([0.0, 0.1, 50.0])), [0.0, 1.0, 1.0])
    np.testing.assert_array_equal(erlang_b(-3, 2.0), [1.0])            # no capacity at all
    assert erlang_b(5, 2.0).shape == (1,)                              # scalars come back as 1-element arrays


@pytest.mark.parametrize("servers", [1, 2, 5, 10, 50, 200, 1000])
def test_erlang_b_shortcut_only_drops_negligible_blocking(servers):
    """erlang_b returns 0 where it judges B < 1e-15 without running the recursion; check that
    judgement against the exact value on a log grid of loads from 1e-6·c to 2·c."""
    loads = servers * np.geomspace(1e-6, 2.0, 120)
    got = erlang_b(servers, loads)
    for a, b in zip(loads, got, strict=True):
        reference = erlang_b_logs(servers, float(a))
        if b == 0.0:
            assert reference < 1e-15, (servers, a, reference)
        else:
            assert b == pytest.approx(reference, rel=1e-9), (servers, a)


@settings(max_examples=150, deadline=None)
@given(servers=st.integers(0, 300), load=st.floats(0, 500), extra_load=st.floats(0, 50))
def test_erlang_b_property_more_servers_or_less_load_never_blocks_more(servers, load, extra_load):
    b = float(erlang_b(servers, load)[0])
    assert 0.0 <= b <= 1.0
    assert float(erlang_b(servers + 1, load)[0]) <= b + 1e-15
    assert float(erlang_b(servers, load + extra_load)[0]) >= b - 1e-15


# ---------------------------------------------------------------- Erlang B: simulation (insensitivity)

# Poisson arrivals, lognormal durations with σ = 1 (coefficient of variation 1.31: p99/p50 ≈ 10,
# a typical Lambda). Erlang B is insensitive to the duration distribution beyond its mean.
# Tolerance: 4 batch-means standard errors (20 batches). Blocking events in one run are correlated,
# so the binomial SE √(B(1−B)/n) is ~1.5–2× too small here; batch means include the correlation.
# Calibrated on 40 other seeds: the z-scores had standard deviation 0.99, max |z| 2.0.
@pytest.mark.parametrize(("servers", "load", "seed"), [(5, 4.0, 11), (20, 18.0, 12)])
def test_erlang_b_against_loss_system_simulation_with_lognormal_durations(servers, load, seed):
    blocked = sim.loss_system(servers, load, arrivals=200_000, sigma=1.0, seed=seed)[2_000:]  # warm-up
    batches = blocked[: len(blocked) // 20 * 20].reshape(20, -1).mean(axis=1)
    standard_error = batches.std(ddof=1) / math.sqrt(20)
    tolerance = 4 * standard_error
    formula = float(erlang_b(servers, load)[0])
    assert abs(blocked.mean() - formula) < tolerance
    # the comparison has power: a 5 % error in load, or one server more or fewer, would be caught
    for wrong in (erlang_b(servers, 0.95 * load), erlang_b(servers, 1.05 * load),
                  erlang_b(servers - 1, load), erlang_b(servers + 1, load)):
        assert abs(float(wrong[0]) - formula) > 2 * tolerance


# ---------------------------------------------------------------- Erlang B for bursty traffic (Hayward)


@pytest.mark.parametrize(("servers", "load"), [(5, 4.0), (20, 18.0), (1000, 950.0)])
def test_bursty_equals_erlang_b_at_peakedness_one(servers, load):
    loads = np.array([0.0, load / 2, load, 2 * load])
    np.testing.assert_array_equal(erlang_b_bursty(servers, loads, 1.0), erlang_b(servers, loads))


@pytest.mark.parametrize(("servers", "load", "peakedness"), [(20, 18.0, 2.0), (20, 18.0, 4.0), (30, 21.0, 3.0)])
def test_bursty_equals_hayward_when_servers_divide_evenly(servers, load, peakedness):
    """Hayward: B_Z(c, A) ≈ B(c/Z, A/Z); here c/Z is a whole number, so no rounding question arises."""
    expected = erlang_b_continuous(servers / peakedness, load / peakedness)
    assert float(erlang_b_bursty(servers, np.array([load]), peakedness)[0]) == pytest.approx(expected, rel=1e-7)


@pytest.mark.parametrize(("servers", "load"), [(5, 4.0), (20, 18.0)])
def test_bursty_blocking_increases_with_peakedness(servers, load):
    peakedness = np.linspace(1.0, 4.0, 61)
    blocking = np.array([erlang_b_bursty(servers, np.array([load]), z)[0] for z in peakedness])
    assert np.all(np.diff(blocking) >= 0)


@pytest.mark.parametrize(("servers", "load"), [(5, 4.0), (20, 18.0)])
def test_continuous_hayward_is_monotone_in_peakedness(servers, load):
    """The property above is sound: Hayward's B(c/Z, A/Z) with fractional c/Z does increase with Z."""
    reference = [erlang_b_continuous(servers / z, load / z) for z in np.linspace(1.0, 4.0, 61)]
    assert np.all(np.diff(reference) > 0)


@pytest.mark.parametrize(("servers", "load", "peakedness"), [
    (2, 0.01, 4.0), (5, 4.0, 1.1), (20, 18.0, 1.1), (5, 4.0, 1.5),
])
def test_bursty_matches_continuous_hayward(servers, load, peakedness):
    expected = erlang_b_continuous(servers / peakedness, load / peakedness)
    got = float(erlang_b_bursty(servers, np.array([load]), peakedness)[0])
    assert got == pytest.approx(expected, rel=0.02)


# ---------------------------------------------------------------- busiest second of a minute


def test_expected_max_of_60_normals_constant():
    """E[max of 60 iid N(0,1)] = ∫ x·60·φ(x)·Φ(x)^59 dx, by the trapezoid rule: 2.31928."""
    x = np.linspace(-12, 12, 240_001)
    phi = np.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    big_phi = 0.5 * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))
    assert np.trapezoid(x * 60 * phi * big_phi**59, x) == pytest.approx(EXPECTED_MAX_OF_60_STD_NORMALS, abs=1e-4)


def exact_mean_max_of_60_poisson(rate: float) -> float:
    """E[max] = Σ_{k≥0} (1 − F(k)^60) for F the Poisson(rate) CDF."""
    k = np.arange(int(rate + 40 * math.sqrt(rate) + 40))
    log_pmf = -rate + k * math.log(rate) - np.array([math.lgamma(i + 1) for i in k])
    cdf = np.minimum(np.cumsum(np.exp(log_pmf)), 1.0)
    return float(np.sum(1 - cdf**60))


# The normal approximation λ + 2.3193·√λ ignores the Poisson's right skew (and its integer steps):
# it UNDERestimates by ~0.75 requests at every λ, i.e. −15 % at λ=1, −6.2 % at λ=5, −1.1 % at
# λ=50, −0.14 % at λ=500, −0.015 % at λ=5000. Tolerances below are about twice those errors, so
# a wrong constant (say 2.0 for 2.3193) fails at every λ.
@pytest.mark.parametrize(("rate", "rel_tolerance"), [(5, 0.08), (50, 0.02), (500, 0.003), (5000, 0.0005)])
def test_busiest_second_against_simulation(rate, rel_tolerance):
    rng = np.random.default_rng(int(rate))
    maxima = rng.poisson(rate, size=(20_000, 60)).max(axis=1)     # 20,000 simulated minutes
    simulated = maxima.mean()
    standard_error = maxima.std(ddof=1) / math.sqrt(len(maxima))
    exact = exact_mean_max_of_60_poisson(rate)
    assert abs(simulated - exact) < 4 * standard_error            # the simulation is right …
    formula = float(busiest_second_rps(rate))
    assert abs(formula - simulated) / simulated < rel_tolerance    # … and the formula is close to it
    assert formula < exact                                         # on the low side, as stated above
    wrong_constant = rate + 2.0 * math.sqrt(rate)                  # the test would catch a 2.0 for 2.3193
    assert abs(wrong_constant - simulated) / simulated > rel_tolerance


@pytest.mark.parametrize("dispersion", [2.0, 4.0])
def test_busiest_second_with_dispersion_against_negative_binomial(dispersion):
    """Burstier seconds: negative-binomial counts with mean λ and variance D·λ (λ = 5000).
    Measured error −0.05 % (D=2), −0.1 % (D=4): the skew grows with D. Tolerance 0.3 %; ignoring D
    would be off by 1.3 % (D=2) and 3.1 % (D=4)."""
    rate = 5000.0
    rng = np.random.default_rng(7)
    counts = rng.negative_binomial(rate / (dispersion - 1), 1 / dispersion, size=(20_000, 60))
    assert counts.var() == pytest.approx(dispersion * rate, rel=0.02)
    simulated = counts.max(axis=1).mean()
    assert float(busiest_second_rps(rate, dispersion)) == pytest.approx(simulated, rel=0.003)
    assert float(busiest_second_rps(rate)) != pytest.approx(simulated, rel=0.01)


def test_busiest_second_vectorised_and_zero():
    np.testing.assert_array_equal(busiest_second_rps(np.array([0.0, 0.0])), [0.0, 0.0])
    rates = np.array([1.0, 100.0, 1e6])
    np.testing.assert_allclose(busiest_second_rps(rates), rates + EXPECTED_MAX_OF_60_STD_NORMALS * np.sqrt(rates))


# ---------------------------------------------------------------- Lindley's recursion


def random_arrivals(rng, n):
    """Arrivals with runs: stretches of quiet, of steady load and of bursts, in random order."""
    parts = []
    while sum(len(p) for p in parts) < n:
        kind, length = rng.integers(3), int(rng.integers(1, 40))
        scale = (0.0, 50.0, 300.0)[kind]
        parts.append(rng.uniform(0, scale, length) if scale else np.zeros(length))
    return np.concatenate(parts)[:n]


@pytest.mark.parametrize("seed", range(5))
def test_lindley_matches_step_by_step_loop(seed):
    rng = np.random.default_rng(seed)
    arrivals = random_arrivals(rng, 2_000)
    for capacity in (100.0, rng.uniform(0, 200, 2_000), np.full(2_000, 0.0)):
        got = lindley_backlog(arrivals, capacity)
        np.testing.assert_allclose(got, lindley_loop(arrivals, capacity), rtol=0, atol=1e-9)
        assert got.min() >= 0.0
    assert lindley_backlog(arrivals, 1e9).max() == 0.0


def test_lindley_month_at_realistic_scale():
    """43,800 minutes of ~1e6 requests against a capacity that is usually enough. The vectorised
    form subtracts running sums of up to 6.5e9, so it can only agree to a few ulps of those
    (measured: 3.6e-6 requests); tolerance 1e-14 × the largest running sum ≈ 6.5e-5 requests."""
    rng = np.random.default_rng(5)
    arrivals = 1e6 * rng.uniform(0.9, 1.1, 43_800) * rng.choice([0.5, 1.0, 1.5], 43_800, p=[0.3, 0.6, 0.1])
    capacity = 1.05e6
    expected = lindley_loop(arrivals, capacity)
    assert expected.max() > 1e6 and (expected == 0).mean() > 0.5  # both regimes occur
    largest_running_sum = np.abs(np.cumsum(arrivals - capacity)).max()
    np.testing.assert_allclose(lindley_backlog(arrivals, capacity), expected, rtol=0, atol=1e-14 * largest_running_sum)


@settings(max_examples=100, deadline=None)
@given(arrivals=st.lists(st.floats(0, 1e4), min_size=1, max_size=60), capacity=st.floats(0, 1e4),
       more=st.floats(0, 1e4))
def test_lindley_property_matches_loop_and_more_capacity_never_more_backlog(arrivals, capacity, more):
    got = lindley_backlog(np.array(arrivals), capacity)
    np.testing.assert_allclose(got, lindley_loop(arrivals, capacity), rtol=1e-9, atol=1e-9)
    assert np.all(lindley_backlog(np.array(arrivals), capacity + more) <= got + 1e-9)


# ---------------------------------------------------------------- the credit bucket


@pytest.mark.parametrize("seed", range(5))
def test_credit_bucket_matches_step_by_step_loop(seed):
    rng = np.random.default_rng(100 + seed)
    demand = random_arrivals(rng, 2_000)
    for capacity in (60.0, rng.uniform(20, 120, 2_000)):
        for credit_max in (0.0, 75.0, 500.0, 5_000.0):
            got = credit_bucket_overflow(demand, capacity, credit_max)
            expected = sim.bucket_loop(demand, capacity, credit_max, credit=credit_max)
            np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
            assert got.min() >= 0.0
            if credit_max <= 500:
                assert got.sum() > 0.0  # the inputs do overflow: the comparison is not 0 == 0


def test_credit_bucket_zero_credit_is_plain_excess():
    demand = np.array([0.0, 5.0, 10.0, 15.0, 2.0, 30.0])
    capacity = np.array([10.0, 10.0, 10.0, 10.0, 1.0, 40.0])
    np.testing.assert_array_equal(credit_bucket_overflow(demand, capacity, 0.0), [0, 0, 0, 5, 1, 0])
    np.testing.assert_array_equal(credit_bucket_overflow(np.zeros(4), 1.0, 3.0), np.zeros(4))


@settings(max_examples=150, deadline=None)
@given(demand=st.lists(st.floats(0, 1e4), min_size=1, max_size=60), capacity=st.floats(0, 1e4),
       credit_max=st.floats(0, 1e5), more=st.floats(0, 1e4))
def test_credit_bucket_property_matches_loop_and_more_capacity_never_more_overflow(demand, capacity, credit_max, more):
    got = credit_bucket_overflow(np.array(demand), capacity, credit_max)
    expected = sim.bucket_loop(demand, capacity, credit_max, credit=credit_max)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-7)
    assert got.min() >= 0.0
    assert credit_bucket_overflow(np.array(demand), capacity + more, credit_max).sum() <= got.sum() + 1e-7
    assert credit_bucket_overflow(np.array(demand), capacity, credit_max + more).sum() <= got.sum() + 1e-7


# API Gateway's account throttle: 10,000 requests/s, burst 5,000 (a token bucket).
API_RATE, API_BURST = 10_000.0, 5_000.0


def test_api_gateway_token_bucket_overloaded_against_simulation():
    """10 minutes of Poisson requests at 12,000/s. The bucket empties in 2.5 s; afterwards every
    request beyond 10,000/s is throttled: (12,000 − 10,000)·600 − 5,000 = 1,195,000 expected 429s.
    Simulation: per-10 ms token bucket. Tolerance: 4 × √(12,000·600) ≈ 10,700 requests (the
    Poisson noise of the total) against the fixed number; and, path by path, the model on the
    simulation's own per-minute counts within 0.05 %."""
    arrivals, throttled = sim.token_bucket(12_000, 600, API_RATE, API_BURST, ticks_per_second=100, seed=21)
    per_minute_demand = np.full(10, 12_000.0 * 60)
    model = credit_bucket_overflow(per_minute_demand, API_RATE * 60, API_BURST).sum()
    assert model == pytest.approx((12_000 - 10_000) * 600 - 5_000, rel=1e-12)
    assert abs(throttled.sum() - model) < 4 * math.sqrt(12_000 * 600)
    same_path = credit_bucket_overflow(arrivals.reshape(10, 60).sum(axis=1).astype(float), API_RATE * 60, API_BURST)
    assert same_path.sum() == pytest.approx(throttled.sum(), rel=5e-4)
    assert throttled[:2].sum() < throttled[10:12].sum()  # the burst absorbs the first seconds


def test_api_gateway_token_bucket_under_the_limit_throttles_nothing():
    """9,000/s Poisson: a second above 10,000 is 10.5 σ away, so the simulation throttles nothing."""
    _, throttled = sim.token_bucket(9_000, 600, API_RATE, API_BURST, ticks_per_second=100, seed=22)
    assert throttled.sum() == 0
    assert credit_bucket_overflow(np.full(10, 9_000.0 * 60), API_RATE * 60, API_BURST).sum() == 0


# DynamoDB burst credit: up to 300 s of unused provisioned capacity. AWS's example
# (/work/shared/aws-facts.md): 150 RCU idle 5 min ⇒ 45,000 burst units; at 200 RCU load they last
# 45,000 / (200 − 150) = 900 s = 15 min. With 100 RCU: 30,000 units at 100 over → 300 s = 5 min.
@pytest.mark.parametrize(("provisioned", "lasts_minutes"), [(150, 15), (100, 5)])
def test_dynamodb_burst_credit_per_minute_matches_aws_example(provisioned, lasts_minutes):
    demand = np.concatenate([np.zeros(5), np.full(30, 200.0 * 60)])       # RCU-seconds per minute
    overflow = credit_bucket_overflow(demand, provisioned * 60.0, credit_max=300.0 * provisioned)
    assert np.all(overflow[: 5 + lasts_minutes] == 0)
    np.testing.assert_allclose(overflow[5 + lasts_minutes:], (200 - provisioned) * 60.0, rtol=1e-12)


@pytest.mark.parametrize(("provisioned", "lasts_minutes"), [(150, 15), (100, 5)])
def test_dynamodb_burst_credit_per_second_simulation_matches_aws_example(provisioned, lasts_minutes):
    """Per-second simulation with the credit starting EMPTY: 5 idle minutes fill it to
    300·provisioned, and the first throttled second is exactly 300 + 60·lasts_minutes."""
    demand = np.concatenate([np.zeros(300), np.full(1_800, 200.0)])
    throttled = sim.dynamodb_burst(demand, provisioned)
    first = int(np.flatnonzero(throttled)[0])
    assert first == 300 + 60 * lasts_minutes
    model = credit_bucket_overflow(demand.reshape(-1, 60).sum(axis=1), provisioned * 60.0, 300.0 * provisioned)
    assert throttled.sum() == pytest.approx(model.sum(), rel=1e-12)


def test_dynamodb_burst_credit_with_poisson_reads():
    """The same example with Poisson reads at 200/s. The credit runs out when the cumulative excess
    (drift 50/s, sd √200 per second) reaches 45,000: at 900 s ± 8.5 s (σ·√T/μ). Tolerances: 4 × 8.5 s
    for the time, 4 × √(200·1,800) = 2,400 units for the total throttled (the model says 45,000)."""
    rng = np.random.default_rng(31)
    demand = np.concatenate([np.zeros(300), rng.poisson(200.0, 1_800)]).astype(float)
    throttled = sim.dynamodb_burst(demand, 150)
    assert abs(np.flatnonzero(throttled)[0] - 300 - 900) < 4 * 8.5
    model = credit_bucket_overflow(np.concatenate([np.zeros(5), np.full(30, 200.0 * 60)]), 150 * 60.0, 45_000.0)
    assert model.sum() == pytest.approx(15 * 3_000, rel=1e-12)
    assert abs(throttled.sum() - model.sum()) < 4 * math.sqrt(200 * 1_800)


def test_dynamodb_burst_credit_with_changing_capacity():
    """Capacity as a per-minute array (e.g. auto scaling stepping up): loop and model agree, and
    raising capacity mid-burst stops the throttling at that minute."""
    demand = np.full(30, 200.0 * 60)
    capacity = np.where(np.arange(30) < 20, 150 * 60.0, 250 * 60.0)
    overflow = credit_bucket_overflow(demand, capacity, 45_000.0)
    np.testing.assert_allclose(overflow, sim.bucket_loop(demand, capacity, 45_000.0, credit=45_000.0), atol=1e-9)
    assert np.all(overflow[:15] == 0) and np.all(overflow[15:20] > 0) and np.all(overflow[20:] == 0)
