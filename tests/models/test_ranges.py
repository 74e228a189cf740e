"""Ranges {low, expected, high}: three designs evaluated separately, validated, edited safely."""

from __future__ import annotations

import pytest

from models.design.ranges import (
    has_ranges,
    range_problems,
    ranged_paths,
    scenario,
    scenarios,
    with_bound,
    with_expected,
)
from models.design.schema import DesignError
from models.design.text import load_design_data
from service import check_data, estimate_data, scenario_estimates
from templates import template_text
from webapp.views.fields import apply_bound, apply_edits, toggle_range


def photo(**requests) -> dict:
    data = load_design_data(template_text("photo_thumbnails"))
    if requests:
        data["workload"]["requests_per_month"] = requests
    return data


def test_each_case_is_the_design_with_every_range_at_that_value():
    data = photo(low=1_000_000, expected=3_000_000, high=10_000_000)
    data["components"][1]["memory_mb"] = {"low": 256, "expected": 512, "high": 1024}
    cases = scenarios(data)
    assert [c["workload"]["requests_per_month"] for c in cases.values()] == [1_000_000, 3_000_000, 10_000_000]
    assert [c["components"][1]["memory_mb"] for c in cases.values()] == [256, 512, 1024]
    assert data["components"][1]["memory_mb"] == {"low": 256, "expected": 512, "high": 1024}  # the original is untouched
    assert ranged_paths(data) == ["workload.requests_per_month", "components[1] (upload).memory_mb"]


def test_the_three_totals_equal_three_separate_estimates():
    data = photo(low=1_000_000, expected=3_000_000, high=10_000_000)
    estimates = scenario_estimates(data)
    for case, value in (("low", 1_000_000), ("expected", 3_000_000), ("high", 10_000_000)):
        plain = photo()
        plain["workload"]["requests_per_month"] = value
        assert estimates[case].total_usd == estimate_data(plain).total_usd
    assert estimates["low"].total_usd < estimates["expected"].total_usd < estimates["high"].total_usd


def test_a_plain_design_has_one_case_and_no_range_warning():
    assert list(scenario_estimates(photo())) == ["expected"]
    assert not any("ranges given" in w for w in estimate_data(photo()).warnings)


def test_the_cli_entry_points_price_the_expected_case_and_say_so():
    data = photo(low=1_000_000, expected=3_000_000, high=10_000_000)
    plain = photo()
    est = estimate_data(data)
    assert est.total_usd == estimate_data(plain).total_usd
    assert any("ranges given for workload.requests_per_month: this is the expected case" in w for w in est.warnings)
    report, _ = check_data(data)
    assert report.worst_status == check_data(plain)[0].worst_status


def test_low_and_high_default_to_expected():
    data = {"x": {"expected": 5, "high": 9}}
    assert scenario(data, "low") == {"x": 5} and scenario(data, "high") == {"x": 9}


@pytest.mark.parametrize("rng, message", [
    ({"low": 5, "expected": 3, "high": 9}, "range must have low ≤ expected ≤ high, got low 5, expected 3, high 9"),
    ({"low": 1, "high": 9}, "a range needs 'expected'"),
    ({"low": "lots", "expected": 3}, "range low must be plain numbers, got 'lots'"),
    ({"expected": True}, "range expected must be plain numbers"),
])
def test_a_malformed_range_names_its_field(rng, message):
    data = photo(**rng)
    assert any(message in p for p in range_problems(data))
    with pytest.raises(DesignError) as err:
        estimate_data(data)
    assert err.value.problems[0].startswith("workload.requests_per_month: ")


def test_percentile_durations_are_not_ranges_but_may_contain_them():
    data = photo()
    assert not has_ranges(data)  # duration_ms: {p50, p95, p99}
    data["components"][1]["duration_ms"]["p50"] = {"low": 120, "expected": 180, "high": 300}
    assert ranged_paths(data) == ["components[1] (upload).duration_ms.p50"]
    assert scenario(data, "high")["components"][1]["duration_ms"] == {"p50": 300, "p95": 450, "p99": 900}


def test_editing_the_expected_value_keeps_the_range_ordered():
    assert with_expected({"low": 10, "expected": 20, "high": 30}, 25) == {"low": 10, "expected": 25, "high": 30}
    assert with_expected({"low": 10, "expected": 20, "high": 30}, 5) == {"low": 5, "expected": 5, "high": 30}
    assert with_expected(7, 8) == 8
    assert with_bound({"low": 10, "expected": 20, "high": 30}, "high", 15) == {"low": 10, "expected": 15, "high": 15}


def test_the_app_edits_ranged_fields_without_losing_the_range():
    data = photo(low=1_000_000, expected=3_000_000, high=10_000_000)
    edited = apply_edits(data, {}, {"requests_per_month": 4_000_000})
    assert edited["workload"]["requests_per_month"] == {"low": 1_000_000, "expected": 4_000_000, "high": 10_000_000}
    edited = apply_bound(edited, None, "requests_per_month", "low", 2_000_000)
    assert edited["workload"]["requests_per_month"]["low"] == 2_000_000
    plain = toggle_range(edited, None, "requests_per_month", False)
    assert plain["workload"]["requests_per_month"] == 4_000_000
    ranged = toggle_range(photo(), 1, "memory_mb", True)
    assert ranged["components"][1]["memory_mb"] == {"low": 256.0, "expected": 512, "high": 1024.0}


def test_a_new_median_scales_a_ranged_percentile_duration():
    data = photo()
    data["components"][1]["duration_ms"]["p50"] = {"low": 100, "expected": 200, "high": 400}
    edited = apply_edits(data, {(1, "duration_ms"): 400}, {})
    duration = edited["components"][1]["duration_ms"]
    assert duration["p50"] == {"low": 100, "expected": 400, "high": 400}
    assert duration["p95"] == 900 and duration["p99"] == 1800
