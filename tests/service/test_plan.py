"""service.plan / validate, and money through the one pricing step (issue 12 items 3–5)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

import service
from models.design.schema import DesignError
from templates import template_path


def photo(**workload) -> dict:
    data = yaml.safe_load(template_path("photo_thumbnails").read_text(encoding="utf-8"))
    data["workload"].update(workload)
    return data


def test_month_1_of_the_projection_is_the_monthly_total_init_included():
    data = photo()
    est = service.estimate_data(data)
    assert any("INIT" in li.dimension or "INIT" in li.formula for li in est.line_items)  # cold starts are billed
    assert service.projection_data(data, 1)[0]["total_usd"] == est.total_usd
    assert service.year_total_usd(data) == est.total_usd * 12
    grown = photo(growth_per_month=0.05)
    assert service.projection_data(grown, 2)[0]["total_usd"] == service.estimate_data(grown).total_usd


def test_the_sweep_prices_init_like_the_estimate():
    data = photo()
    [total] = service.sweep_data(data, [3_000_000])
    assert total == service.estimate_data(data).total_usd


def test_a_plan_holds_every_case_priced_and_checked_on_one_run():
    ranged = photo(requests_per_month={"low": 1_000_000, "expected": 3_000_000, "high": 10_000_000})
    p = service.plan(ranged)
    assert list(p.cases) == ["low", "expected", "high"] == list(p.readiness)
    for name, case in p.cases.items():
        assert case.estimate.events == case.run.events
        assert p.readiness[name].rates is case.run.rates  # the checks read the series the estimate priced
    assert p.cases["low"].estimate.total_usd < p.expected.estimate.total_usd < p.cases["high"].estimate.total_usd
    assert p.notes == p.expected.estimate.warnings[:len(p.notes)]
    assert service.plan(ranged, readiness=False).readiness == {}
    assert service.scenario_estimates(ranged)["high"].total_usd == p.cases["high"].estimate.total_usd


@pytest.mark.parametrize("broken", [
    {"name": "T"},                                                                      # no components
    {**photo(), "components": [{"id": "f", "type": "lambda", "memory_mb": 1}]},         # out of range
    photo(requests_per_month={"low": 5, "expected": 1}),                                # malformed range
    {**photo(), "components": [{"id": "f", "type": "lambda", "requests_per_month": 1e12, "calls": 1},
                               {"id": "g", "type": "lambda", "from": "f", "calls": 1e6}]},  # volumes past the bound
])
def test_validate_refuses_what_the_estimate_refuses_with_the_same_problems(broken):
    with pytest.raises(DesignError) as by_estimate:
        service.estimate_data(broken)
    with pytest.raises(DesignError) as by_validate:
        service.validate(broken)
    assert by_validate.value.problems == by_estimate.value.problems


def test_the_cold_start_remedy_is_priced_like_any_line():
    from models.costs.estimate import price_of
    from models.costs.usage import Usage
    from pricing.catalog import load_catalog

    catalog = load_catalog("us-east-1")
    gb_s = Decimal(120) * Decimal(128) / 1024 * 730 * 3600
    usd = price_of([Usage("f", "lambda.provisioned_concurrency.x86_64", gb_s, "")], catalog)
    assert float(usd) == pytest.approx(120 * 0.125 * 730 * 3600 * 0.0000041667, rel=1e-12)
    assert price_of([Usage("f", "no.such.price", gb_s, "")], catalog) is None


def test_the_dynamodb_planner_reads_its_rates_from_the_price_book():
    from models.costs.price_book import PriceBook
    from models.dynamodb_planner.plan import prices_for
    from pricing.catalog import load_catalog

    catalog = load_catalog("us-east-1")
    book = PriceBook(catalog)
    prices = prices_for(catalog, "standard", free_tier=True)
    assert prices.rcu_hour == float(catalog.get("dynamodb.provisioned.rcu_hours").first_unit_price) \
        == book.usd_per_unit("dynamodb.provisioned.rcu_hours")
    assert prices.free_rcu_hours == book.free_amount("dynamodb.provisioned.rcu_hours") > 0
    with pytest.raises(KeyError, match="no.such.price"):
        book.usd_per_unit("no.such.price")


def test_the_spike_note_says_what_the_spikes_add():
    """photo_thumbnails' one spike adds 19,470.12 requests (tests/models/test_traffic.py works it out by
    hand), shown as whole requests with when, how much and how long."""
    from i18n.engine_ja import say
    from models.design.schema import parse_design
    from models.design.text import load_design_data
    from service.planning import spike_note
    from templates import template_text

    design = parse_design(load_design_data(template_text("photo_thumbnails")))
    note = spike_note(design)
    assert note == "spikes add 19,470 requests (day 12 20:00, ×6 for 30 min)"
    assert say(note, "ja") == "スパイクによりリクエストが 19,470 件増えます（12 日目 20:00、30 分間 ×6）"
    assert spike_note(parse_design(load_design_data(template_text("save_app_data")))) is None


# every service function a shell takes a number or a design from: each must refuse what validate refuses
ASKED = {
    "plan": lambda d: service.plan(d),
    "plan of the expected case": lambda d: service.plan(d, case="expected"),
    "estimate_data": service.estimate_data,
    "check_data": service.check_data,
    "scenario_estimates": service.scenario_estimates,
    "design_summary": service.design_summary,
    "projection_data": service.projection_data,
    "sweep_data": lambda d: service.sweep_data(d, [1_000]),
    "client_requests": service.client_requests,
    "year_total_usd": service.year_total_usd,
    "case_design": lambda d: service.case_design(d),
    "dynamodb_plan_data": lambda d: service.dynamodb_plan_data(d, "table"),
}


@pytest.mark.parametrize("asked", ASKED)
@pytest.mark.parametrize("field, value, problem", [
    ("requests_per_month", {"low": -1, "expected": 5, "high": 10},
     "workload.requests_per_month: -1 is out of range; must be ≥ 0"),
    ("memory_mb", {"low": 128, "expected": 256, "high": 99999},
     "components[1] (handler).memory_mb: 99999 is out of range; must be ≤ 10,240"),
])
def test_a_bad_low_or_high_is_refused_by_every_service_function_as_validate_refuses_it(asked, field, value, problem):
    data = yaml.safe_load(template_path("save_app_data").read_text(encoding="utf-8"))
    if field == "requests_per_month":
        data["workload"][field] = value
    else:
        next(c for c in data["components"] if c["id"] == "handler")[field] = value
    with pytest.raises(DesignError) as by_validate:
        service.validate(data)
    assert by_validate.value.problems == [problem]
    with pytest.raises(DesignError) as by_asked:
        ASKED[asked](data)
    assert by_asked.value.problems == [problem]
