"""Each case of a design is parsed once, run once (one traffic series, one cold-start simulation per
function) and priced once, however many figures a caller asks of it (issue 12, review §3 and §9.2).

The counters wrap `parse_design`, `estimate`, `component_rates` (the 43,800-minute traffic series)
and the cold-start model (`cold_start_totals` for the bill, `cold_starts_per_minute` for latency)
where they are defined and at every module that imported them by name.
"""

from __future__ import annotations

import importlib
import sys
from collections import Counter

import pytest
import yaml

import service
from templates import template_path

COUNTED = [
    ("parse", "models.design.schema", "parse_design"),
    ("estimate", "models.costs.estimate", "estimate"),
    ("series", "models.run.traffic", "component_rates"),
    ("colds", "models.run.cold_starts", "cold_start_totals"),
    ("colds", "models.run.cold_starts", "cold_starts_per_minute"),
]
# modules whose functions import the counted ones lazily or at the top: loaded before patching
LOADED = ("service.plan", "service.planning", "models.costs.sweep", "models.checks.readiness",
          "models.checks.resilience", "models.checks.dynamodb", "models.run.run")


@pytest.fixture
def counts(monkeypatch) -> Counter:
    for name in LOADED:
        importlib.import_module(name)
    tally: Counter = Counter()
    for label, module, attr in COUNTED:
        original = getattr(importlib.import_module(module), attr)

        def counted(*args, _original=original, _label=label, **kwargs):
            tally[_label] += 1
            return _original(*args, **kwargs)

        for mod in list(sys.modules.values()):
            for key, value in list(getattr(mod, "__dict__", {}).items()):
                if value is original:
                    monkeypatch.setattr(mod, key, counted)
    return tally


def photo(ranged: bool = False) -> dict:
    data = yaml.safe_load(template_path("photo_thumbnails").read_text(encoding="utf-8"))
    if ranged:
        data["workload"]["requests_per_month"] = {"low": 1_000_000, "expected": 3_000_000, "high": 10_000_000}
    return data


def test_a_compare_card_of_a_ranged_design_builds_each_case_once(counts):
    summary = service.design_summary(photo(ranged=True))
    assert set(summary["totals_usd"]) == {"low", "expected", "high"} and set(summary["status"]) == {"low", "expected", "high"}
    # review §3 measured 8 parses, 7 estimates, 9 series and 18 cold-start simulations
    assert dict(counts) == {"parse": 3, "estimate": 3, "series": 3, "colds": 6}


def test_a_check_builds_one_traffic_series(counts):
    report, est = service.check_data(photo())
    assert report.checks and est.total_usd > 0
    # the estimate and the readiness report share one Run: 2 series and 4 simulations before
    assert dict(counts) == {"parse": 1, "estimate": 1, "series": 1, "colds": 2}


def test_validate_parses_every_case_and_prices_nothing(counts):
    designs = service.validate(photo(ranged=True))
    assert list(designs) == ["low", "expected", "high"]
    assert dict(counts) == {"parse": 3}


def test_the_counters_see_every_call(counts):
    from models.design.schema import parse_design

    parse_design(photo())
    assert counts["parse"] == 1
