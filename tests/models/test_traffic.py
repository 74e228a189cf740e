"""models/run/traffic.py against hand-computed numbers and hypothesis properties.

Conventions under test (module docstring): the month is 730 h = 43,800 minutes starting Monday
00:00 LOCAL time; rates are requests/s, one value per minute. So the month holds 30 whole days
(Mon ×5, Tue ×5, Wed–Sun ×4) plus hours 00–09 of a 31st day, a Wednesday.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.design.schema import Spike, Users, Workload
from models.run.traffic import MINUTES_PER_MONTH, client_monthly_requests, client_traffic, shape

MOBILE_EVENING = [0.6, 0.35, 0.2, 0.15, 0.15, 0.2, 0.45, 0.8, 1.0, 0.9, 0.85, 0.95,
                  1.2, 1.0, 0.9, 0.9, 1.0, 1.2, 1.5, 1.8, 2.0, 2.0, 1.7, 1.1]  # the preset, as documented


def minute_of(day: int, hh: int, mm: int) -> int:
    """Minute index of local `day` (1 = the first Monday) at hh:mm."""
    return (day - 1) * 1440 + hh * 60 + mm


def series_total(workload: Workload) -> float:
    return float(client_traffic(workload).rate_rps.sum() * 60)


# ---------------------------------------------------------------- the shape


@pytest.mark.parametrize("daily", ["flat", "mobile_evening", "business_hours", [float(h % 5) for h in range(24)]])
@pytest.mark.parametrize("weekly", ["flat", "weekdays", "weekends", [1, 2, 3, 4, 5, 6, 7]])
def test_shape_has_mean_one_and_one_value_per_minute(daily, weekly):
    profile = shape(Workload(daily_profile=daily, weekly_profile=weekly))
    assert profile.shape == (43_800,)
    assert profile.mean() == pytest.approx(1.0, rel=1e-12)
    assert profile.min() >= 0.0


def test_mobile_evening_peaks_at_20_and_21_local_with_the_hand_computed_height():
    """Flat week: hours 00–09 occur 31 times, 10–23 30 times. Σw(00–09) = 4.8, Σw(10–23) = 18.1,
    so the mean weight is (31·4.8 + 30·18.1)/730 = 691.8/730 and the peak 2.0·730/691.8 = 2.110437;
    the trough (03:00, 04:00) is 0.15·730/691.8 = 0.158283."""
    profile = shape(Workload(daily_profile="mobile_evening"))
    local_hour = (np.arange(MINUTES_PER_MONTH) // 60) % 24
    assert local_hour[np.argmax(profile)] in (20, 21)
    assert set(np.unique(local_hour[profile == profile.max()])) == {20, 21}
    assert profile.max() == pytest.approx(2.0 * 730 / 691.8, rel=1e-12)
    assert profile.min() == pytest.approx(0.15 * 730 / 691.8, rel=1e-12)
    assert set(np.unique(local_hour[profile == profile.min()])) == {3, 4}
    hourly = profile[:1440].reshape(24, 60)                    # Monday, hour by hour
    np.testing.assert_allclose(hourly.mean(axis=1) / hourly.mean(axis=1)[8], np.array(MOBILE_EVENING) / 1.0, rtol=1e-12)


def test_weekday_weights_multiply_the_daily_ones():
    """weekdays = 1.2 Mon–Fri, 0.5 Sat–Sun. Σ over the month = 22.9·(1.2·22 + 0.5·8) + 1.2·4.8
    = 701.92 (22 weekdays and 8 weekend days, plus Wednesday 00–09), mean 701.92/730.
    Peak (a weekday 20:00) = 2.0·1.2·730/701.92 = 2.496011; Saturday 03:00 = 0.15·0.5·730/701.92."""
    profile = shape(Workload(daily_profile="mobile_evening", weekly_profile="weekdays"))
    assert profile.max() == pytest.approx(2.0 * 1.2 * 730 / 701.92, rel=1e-12)
    assert profile[minute_of(6, 3, 0)] == pytest.approx(0.15 * 0.5 * 730 / 701.92, rel=1e-12)   # day 6: Saturday
    assert profile[minute_of(5, 20, 30)] == pytest.approx(profile.max(), rel=1e-12)             # day 5: Friday
    assert profile[minute_of(6, 20, 30)] == pytest.approx(profile.max() * 0.5 / 1.2, rel=1e-12)


def test_business_hours_peak_is_in_working_hours():
    profile = shape(Workload(daily_profile="business_hours"))
    local_hour = (np.arange(MINUTES_PER_MONTH) // 60) % 24
    assert set(np.unique(local_hour[profile == profile.max()])) == {9, 10, 11, 13, 14, 15}


@pytest.mark.parametrize(("timezone", "offset_minutes"), [
    ("UTC", 0), ("Asia/Tokyo", 540), ("America/New_York", -300), ("Asia/Kolkata", 330),
    ("UTC+05:45", 345), ("UTC-03:30", -210),
])
def test_timezone_does_not_move_the_local_time_series(timezone, offset_minutes):
    """The month runs in local time, so the series is identical in every timezone; the offset is
    carried alongside (for converting to UTC), not applied to the series."""
    kwargs = dict(requests_per_month=5e6, daily_profile="mobile_evening", weekly_profile="weekends",
                  spikes=[Spike(day=4, at="20:00", minutes=30, multiplier=5)])
    local = client_traffic(Workload(timezone=timezone, **kwargs))
    utc = client_traffic(Workload(timezone="UTC", **kwargs))
    np.testing.assert_array_equal(local.rate_rps, utc.rate_rps)
    np.testing.assert_array_equal(shape(Workload(timezone=timezone, daily_profile="mobile_evening")),
                                  shape(Workload(daily_profile="mobile_evening")))
    assert local.utc_offset_minutes == offset_minutes
    assert (np.argmax(local.rate_rps) // 60) % 24 == 20   # the spike at 20:00 local, in any timezone


# ---------------------------------------------------------------- spikes


def test_spike_multiplies_exactly_the_minutes_it_covers():
    """day 3, 20:15, 45 minutes: minutes 2·1440 + 20·60 + 15 = 4095 … 4139."""
    traffic = client_traffic(Workload(requests_per_month=1e7, daily_profile="mobile_evening",
                                      spikes=[Spike(day=3, at="20:15", minutes=45, multiplier=3)]))
    ratio = traffic.rate_rps / traffic.baseline_rps
    covered = np.flatnonzero(traffic.rate_rps != traffic.baseline_rps)
    np.testing.assert_array_equal(covered, np.arange(4095, 4140))
    np.testing.assert_allclose(ratio[4095:4140], 3.0, rtol=1e-15)
    assert minute_of(3, 20, 15) == 4095


def test_spike_is_cut_at_the_end_of_the_month():
    """day 30, 23:00, 1440 minutes would end at minute 44,580; the month ends at 43,800 (day 31,
    10:00), so 43,800 − 43,140 = 660 minutes are covered."""
    traffic = client_traffic(Workload(requests_per_month=1e6, spikes=[Spike(day=30, at="23:00", minutes=1440, multiplier=2)]))
    covered = np.flatnonzero(traffic.rate_rps != traffic.baseline_rps)
    np.testing.assert_array_equal(covered, np.arange(43_140, 43_800))


def test_overlapping_spikes_multiply():
    traffic = client_traffic(Workload(requests_per_month=1e6, spikes=[
        Spike(day=1, at="00:00", minutes=10, multiplier=2), Spike(day=1, at="00:05", minutes=10, multiplier=3)]))
    ratio = traffic.rate_rps[:20] / traffic.baseline_rps[:20]
    np.testing.assert_allclose(ratio, [2] * 5 + [6] * 5 + [3] * 5 + [1] * 5, rtol=1e-15)


# ---------------------------------------------------------------- monthly totals and volume inputs


def test_monthly_total_without_spikes_is_the_given_volume():
    workload = Workload(requests_per_month=123_456_789, daily_profile="business_hours", weekly_profile="weekdays")
    assert client_monthly_requests(workload) == 123_456_789
    assert series_total(workload) == pytest.approx(123_456_789, rel=1e-9)


def test_monthly_total_with_a_spike_by_hand():
    """Flat profile, 1,000,000 requests, ×3 for 60 minutes: extra = 2·60/43,800 of the month
    = 2,739.726 requests; the total is 1,002,739.726 both by the function and by the series."""
    workload = Workload(requests_per_month=1e6, spikes=[Spike(day=10, at="12:00", minutes=60, multiplier=3)])
    assert client_monthly_requests(workload) == pytest.approx(1e6 + 1e6 * 120 / 43_800, abs=1e-3)
    assert series_total(workload) == pytest.approx(1e6 + 1e6 * 120 / 43_800, rel=1e-12)


WORKLOADS_WITH_SPIKES = [
    Workload(requests_per_month=3e9, daily_profile="mobile_evening", weekly_profile="weekends",
             spikes=[Spike(day=5, at="21:00", minutes=120, multiplier=20), Spike(day=20, at="08:30", minutes=15, multiplier=1.5)]),
    Workload(peak_rps=250, daily_profile="business_hours", spikes=[Spike(day=2, at="10:00", minutes=30, multiplier=4)]),
    Workload(users=Users(mau=2_000_000), daily_profile="mobile_evening", spikes=[Spike(day=1, at="20:00", minutes=60, multiplier=10)]),
]


@pytest.mark.parametrize("workload", WORKLOADS_WITH_SPIKES + [w.model_copy(update={"spikes": []}) for w in WORKLOADS_WITH_SPIKES])
def test_monthly_total_equals_the_series_sum(workload):
    assert client_monthly_requests(workload) == pytest.approx(series_total(workload), rel=1e-9)


def test_monthly_total_equals_the_series_sum_at_small_volume():
    workload = Workload(requests_per_month=1000, spikes=[Spike(day=1, at="00:00", minutes=1, multiplier=2)])
    assert client_monthly_requests(workload) == pytest.approx(series_total(workload), rel=1e-9)


@pytest.mark.parametrize(("daily", "weekly"), [("flat", "flat"), ("mobile_evening", "flat"), ("mobile_evening", "weekdays")])
def test_peak_rps_input_is_the_baseline_maximum(daily, weekly):
    """peak_rps is the spike-free peak minute; the month's volume follows from the shape:
    mobile_evening, flat week: 100 rps / 2.110437 × 2,628,000 s = 124,523,… requests."""
    workload = Workload(peak_rps=100, daily_profile=daily, weekly_profile=weekly,
                        spikes=[Spike(day=1, at="20:00", minutes=5, multiplier=3)])
    traffic = client_traffic(workload)
    assert traffic.baseline_rps.max() == pytest.approx(100, rel=1e-12)
    assert traffic.peak_rps() == pytest.approx(300, rel=1e-12)   # the spike sits on a peak hour (flat: any hour)
    if (daily, weekly) == ("mobile_evening", "flat"):
        assert traffic.baseline_rps.sum() * 60 == pytest.approx(100 / (2.0 * 730 / 691.8) * 2_628_000, rel=1e-12)


def test_users_input_gives_mau_dau_sessions_requests_over_30_42_days():
    """100,000 MAU × 0.2 DAU × 3 sessions × 20 requests = 1,200,000 a day; × 730/24 = 36,500,000."""
    explicit = Workload(users=Users(mau=100_000, dau_ratio=0.2, sessions_per_day=3, requests_per_session=20))
    defaults = Workload(users=Users(mau=100_000))
    for workload in (explicit, defaults):
        assert client_monthly_requests(workload) == pytest.approx(36_500_000, rel=1e-12)
        assert series_total(workload) == pytest.approx(36_500_000, rel=1e-9)
    other = Workload(users=Users(mau=5_000, dau_ratio=0.5, sessions_per_day=2, requests_per_session=7))
    assert client_monthly_requests(other) == pytest.approx(5_000 * 0.5 * 2 * 7 * 730 / 24, rel=1e-12)


def test_no_volume_means_no_traffic():
    traffic = client_traffic(Workload(daily_profile="mobile_evening"))
    assert traffic.rate_rps.shape == (43_800,) and not traffic.rate_rps.any()
    assert client_monthly_requests(Workload()) == 0.0


# ---------------------------------------------------------------- hypothesis properties

weight = st.one_of(st.just(0.0), st.floats(1e-3, 1000))  # (subnormal weights would only test float underflow)
weights24 = st.lists(weight, min_size=24, max_size=24).filter(any)
weights7 = st.lists(weight, min_size=7, max_size=7).filter(any)


def spikes(min_multiplier: float):
    return st.lists(st.builds(
        Spike, day=st.integers(1, 30),
        at=st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59)),
        minutes=st.integers(1, 1440), multiplier=st.floats(min_multiplier, 10_000)), max_size=4)


def workloads(min_multiplier: float = 1e-6):
    volume = st.one_of(
        st.builds(dict, requests_per_month=st.floats(1, 1e12)),
        st.builds(dict, peak_rps=st.floats(1e-3, 1e6)),
        st.builds(dict, users=st.builds(Users, mau=st.floats(1, 1e8))),
    )
    return st.builds(
        lambda v, daily, weekly, tz, sp: Workload(daily_profile=daily, weekly_profile=weekly, timezone=tz, spikes=sp, **v),
        volume, st.one_of(st.sampled_from(["flat", "mobile_evening", "business_hours"]), weights24),
        st.one_of(st.sampled_from(["flat", "weekdays", "weekends"]), weights7),
        st.sampled_from(["UTC", "Asia/Tokyo", "America/Los_Angeles", "UTC+05:45"]), spikes(min_multiplier))


@settings(max_examples=60, deadline=None)
@given(workload=workloads())
def test_property_rates_are_never_negative_and_totals_agree(workload):
    traffic = client_traffic(workload)
    assert traffic.rate_rps.shape == (43_800,)
    assert np.all(traffic.rate_rps >= 0) and np.all(np.isfinite(traffic.rate_rps))
    assert client_monthly_requests(workload) == pytest.approx(series_total(workload), rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(workload=workloads())
def test_property_doubling_the_volume_doubles_every_rate(workload):
    if workload.requests_per_month is not None:
        doubled = workload.model_copy(update={"requests_per_month": 2 * workload.requests_per_month})
    elif workload.peak_rps is not None:
        doubled = workload.model_copy(update={"peak_rps": 2 * workload.peak_rps})
    else:
        doubled = workload.model_copy(update={"users": workload.users.model_copy(update={"mau": 2 * workload.users.mau})})
    np.testing.assert_allclose(client_traffic(doubled).rate_rps, 2 * client_traffic(workload).rate_rps, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(workload=workloads(min_multiplier=1.0), extra=spikes(min_multiplier=1.0))
def test_property_a_spike_never_lowers_any_minute(workload, extra):
    """With multipliers ≥ 1 (a spike proper). The design also accepts 0 < multiplier < 1, a dip,
    which lowers the covered minutes by design: see test_multiplier_below_one_is_a_dip."""
    traffic = client_traffic(workload)
    assert np.all(traffic.rate_rps >= traffic.baseline_rps)
    more = client_traffic(workload.model_copy(update={"spikes": [*workload.spikes, *extra]}))
    assert np.all(more.rate_rps >= traffic.rate_rps)


def test_multiplier_below_one_is_a_dip():
    traffic = client_traffic(Workload(requests_per_month=1e6, spikes=[Spike(day=1, at="00:00", minutes=10, multiplier=0.5)]))
    np.testing.assert_allclose(traffic.rate_rps[:10], 0.5 * traffic.baseline_rps[:10], rtol=1e-15)
    assert series_total(Workload(requests_per_month=1e6, spikes=[Spike(day=1, at="00:00", minutes=10, multiplier=0.5)])) < 1e6


def test_spike_extras_match_a_hand_calculation():
    """photo_thumbnails: 3,000,000 requests, mobile_evening × weekends, ×6 for 30 min on day 12 at 20:00.

    Day 12 is a Friday (weekly weight 0.9); 20:00 has the daily weight 2.0, so the spike's minutes weigh
    1.8 before scaling. The profile's mean over the 730-hour month: the daily weights sum to 22.9, the
    weekly weights of the 30 whole days (4 weeks of 7.1 plus Mon and Tue at 0.85) to 30.1, and the last
    10 hours (a Wednesday, 0.85) add 0.85 × 4.8 = 4.08: (22.9 × 30.1 + 4.08) / 730 = 693.37 / 730.
    Extra = 1.8 / (693.37 / 730) × (6 − 1) × 30 min × 3,000,000 / 43,800 = 810,000,000 / 41,602.2."""
    from models.design.schema import Workload
    from models.run.traffic import client_monthly_requests, spike_extras

    workload = Workload(requests_per_month=3_000_000, daily_profile="mobile_evening", weekly_profile="weekends",
                        spikes=[{"day": 12, "at": "20:00", "minutes": 30, "multiplier": 6}])
    by_hand = 1.8 * 730 / 693.37 * 5 * 30 * 3_000_000 / 43_800
    assert by_hand == pytest.approx(19_470.124, abs=1e-3)
    together, alone = spike_extras(workload)
    assert together == pytest.approx(by_hand, rel=1e-9)
    assert alone == pytest.approx((by_hand,), rel=1e-9)
    assert client_monthly_requests(workload) == pytest.approx(3_000_000 + by_hand, rel=1e-12)
    assert spike_extras(Workload(requests_per_month=3_000_000)) == (0.0, ())
