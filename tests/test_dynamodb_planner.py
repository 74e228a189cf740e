"""The DynamoDB planner: the exact schedule against brute force and the decrease rule, the
strategies against hand-worked costs, and the CLI's JSON contract."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from models.design_text import load_design_data
from models.dynamodb_planner import (
    MINUTES,
    PlannerSettings,
    TableDemand,
    autoscaling,
    fixed,
    on_demand,
    plan_table,
    prices_for,
)
from models.dynamodb_schedule import cheapest_schedule, obeys_decrease_rule, step_calendar
from planner import dynamodb_plan_data
from pricing.catalog import load_catalog
from templates import template_text

ROOT = Path(__file__).resolve().parent.parent
SECONDS = MINUTES * 60


def brute_force(step_cost, day, hour, start_used=0):
    """Cheapest cost over every level sequence that the rule allows (tiny instances only)."""
    steps, levels = step_cost.shape
    best = np.inf
    for seq in itertools.product(range(levels), repeat=steps):
        path = np.array(seq)
        cost = step_cost[np.arange(steps), path].sum()
        if cost < best and obeys_decrease_rule(path, day, hour, start_used=start_used):
            best = cost
    return best


@pytest.mark.parametrize("seed", range(12))
def test_the_dynamic_programme_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    steps, levels = 9, 3
    # 15-minute steps starting 45 minutes before a UTC midnight: an hour change and a day change inside
    day, hour = step_calendar(steps, 15, utc_offset_minutes=45 + 22 * 60)
    need = rng.integers(0, levels, size=steps)
    base = np.sort(rng.uniform(1, 10, size=levels))
    step_cost = np.where(np.arange(levels)[None, :] >= need[:, None], base[None, :] * rng.uniform(0.5, 1.5, (steps, 1)), np.inf)
    plan = cheapest_schedule(step_cost, day, hour)
    assert plan.cost == pytest.approx(brute_force(step_cost, day, hour))
    assert obeys_decrease_rule(plan.levels, day, hour)


def test_a_steep_saw_tooth_is_limited_to_the_rule():
    # 5-minute steps needing high, low, high, low...: dropping every other step would cut 6 times an hour;
    # the rule allows 4 in the first hour, then 1 an hour: 4 + 23 = 27 in the day
    steps = 12 * 24
    day, hour = step_calendar(steps, 5, 0)
    need = np.tile([1, 0], steps // 2)
    step_cost = np.where(np.arange(2)[None, :] >= need[:, None], np.array([1.0, 5.0])[None, :], np.inf)
    plan = cheapest_schedule(step_cost, day, hour)
    assert obeys_decrease_rule(plan.levels, day, hour)
    assert plan.decreases_per_day == {0: 4 + 23}


def demand_from(template: str, table: str = "table", **settings):
    data = load_design_data(template_text(template))
    return dynamodb_plan_data(data, table, PlannerSettings(**settings))


@pytest.mark.parametrize("step", [5, 15, 60])
def test_the_scheduled_plan_obeys_the_rule_every_day_and_never_throttles(step):
    plan = demand_from("save_app_data", step_minutes=step)
    scheduled = next(s for s in plan.strategies if s.name == "scheduled")
    day, hour = step_calendar(MINUTES // step, step, plan.demand.utc_offset_minutes)
    levels = np.array([scheduled.read_capacity[k * step] * 1e6 + scheduled.write_capacity[k * step]
                       for k in range(MINUTES // step)])
    # a level change counts as a decrease when either dimension falls (both fall together here)
    falls = np.diff(scheduled.read_capacity[::step]) < 0
    assert np.array_equal(falls, np.diff(levels) < 0)
    assert obeys_decrease_rule(levels, day, hour)
    assert scheduled.throttled_requests == 0
    assert np.all(scheduled.read_capacity >= plan.demand.read_units)
    assert np.all(scheduled.write_capacity >= plan.demand.write_units)


def test_hourly_steps_never_bind_the_rule():
    plan = demand_from("save_app_data", step_minutes=60)
    assert next(s for s in plan.strategies if s.name == "scheduled").max_decreases_in_a_day <= 24


def test_decreases_used_today_limit_the_first_day():
    fresh = demand_from("save_app_data", step_minutes=15)
    spent = demand_from("save_app_data", step_minutes=15, decreases_used_today=27)
    first_day_changes = lambda plan: [r for r in next(s for s in plan.strategies if s.name == "scheduled").schedule  # noqa: E731
                                      if r["minute_of_month"] < 9 * 60]  # Tokyo: the first UTC day is 9 hours
    fresh_rows, spent_rows = first_day_changes(fresh), first_day_changes(spent)
    assert any(b["rcu"] < a["rcu"] for a, b in zip(fresh_rows, fresh_rows[1:]))
    assert all(b["rcu"] >= a["rcu"] for a, b in zip(spent_rows, spent_rows[1:]))


@pytest.mark.parametrize("template", ["save_app_data", "authenticated_api", "static_site_cdn"])
@pytest.mark.parametrize("headroom", [0.0, 0.1])
def test_the_schedule_is_never_dearer_than_fixed_or_auto_scaling(template, headroom):
    data = load_design_data(template_text(template))
    data["free_tier"] = "none"  # compare the capacity bought, not what the free tier hides
    plan = dynamodb_plan_data(data, "table", PlannerSettings(headroom=headroom))
    by = {s.name: s for s in plan.strategies}
    scheduled = by["scheduled"]
    assert scheduled.throttled_requests == 0
    # the fixed plan is itself a rule-abiding schedule at equal throttling, so the optimum cannot cost more
    assert scheduled.monthly_cost_usd <= by["provisioned_fixed"].monthly_cost_usd
    if by["autoscaling"].throttled_requests >= scheduled.throttled_requests:
        assert scheduled.monthly_cost_usd <= by["autoscaling"].monthly_cost_usd


def constant_reads(rru_per_second: float) -> TableDemand:
    """A table read at a constant rate, strongly consistent 4 KB items (1 RRU per read)."""
    reads = np.full(MINUTES, rru_per_second)
    return TableDemand("t", reads, np.zeros(MINUTES), rru_per_second * SECONDS, 0.0, "standard", 0)


@pytest.mark.parametrize("rate, capacity", [(100.0, 100), (50.0, 100), (20.0, 100)])
def test_on_demand_and_fixed_costs_by_hand(rate, capacity):
    # us-east-1: RRU $0.125 per million; RCU-hour $0.00013; no free tier; 730 h
    catalog = load_catalog("us-east-1")
    settings = PlannerSettings(headroom=capacity / rate - 1, free_tier=False)
    prices = prices_for(catalog, "standard", free_tier=False)
    demand = constant_reads(rate)
    assert float(on_demand(demand, prices, settings).monthly_cost_usd) == pytest.approx(rate * SECONDS * 0.125e-6, abs=1e-6)
    fixed_plan = fixed(demand, prices, settings)
    # write capacity is the minimum 1 WCU: 730 WCU-hours at $0.00065
    assert float(fixed_plan.monthly_cost_usd) == pytest.approx(capacity * 730 * 0.00013 + 730 * 0.00065, abs=1e-6)
    cheaper = "provisioned" if rate / capacity > 0.00013 / (3600 * 0.125e-6) else "on_demand"
    reads_only = capacity * 730 * 0.00013
    assert (reads_only < rate * SECONDS * 0.125e-6) == (cheaper == "provisioned")


def test_break_even_utilization_from_todays_prices():
    plan = demand_from("save_app_data")
    assert plan.break_even_utilization["read"] == pytest.approx(0.0001484 / (3600 * 0.1425e-6))


def test_auto_scaling_reacts_after_two_minutes_above_target():
    reads = np.full(MINUTES, 70.0)
    reads[1000:] = 140.0  # doubles at minute 1,000
    demand = TableDemand("t", reads, np.zeros(MINUTES), float(reads.sum()) * 60, 0.0, "standard", 0)
    prices = prices_for(load_catalog("us-east-1"), "standard", free_tier=False)
    result = autoscaling(demand, prices, PlannerSettings(target_utilization=0.7, autoscaling_lag_minutes=1))
    cap = result.read_capacity
    assert cap[999] == 100  # 70 / 0.7
    # above target at minutes 1,000 and 1,001 → alarm at 1,001 → new capacity from 1,003 (1 minute lag)
    assert cap[1002] == 100 and cap[1003] == 200
    # 3 minutes at 140 on 100 RCU: 120 s × 40 RCU of excess... all within the 300 s × 100 RCU burst credit
    assert result.throttled_requests == 0


def test_cli_json_contract(tmp_path):
    out = subprocess.run([sys.executable, "cli.py", "dynamodb-plan", "save_app_data", "--table", "table",
                          "--format", "json", "--start", "2026-12-07"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    doc = json.loads(out)
    assert doc["table"] == "table"
    assert [s["name"] for s in doc["strategies"]] == ["on_demand", "provisioned_fixed", "autoscaling", "scheduled", "reserved"]
    for s in doc["strategies"]:
        assert set(s) >= {"name", "monthly_cost_usd", "throttled_requests", "avg_utilization",
                          "max_decreases_in_a_day", "schedule"}
    scheduled = next(s for s in doc["strategies"] if s["name"] == "scheduled")
    assert scheduled["schedule"][0]["start"] == "2026-12-06T15:00:00Z"  # Monday 00:00 in Tokyo
    assert doc["recommended"] in {s["name"] for s in doc["strategies"]}
    assert set(doc["break_even_utilization"]) == {"read", "write"}


@pytest.mark.parametrize("args, message", [
    (["--table", "nope"], "'nope' is not a DynamoDB table of this design"),
    (["--table", "table", "--target", "0.95"], "--target 0.95 is out of range"),
    (["--table", "table", "--start", "2026-12-08"], "starts on a Monday"),
])
def test_cli_bad_input_is_one_line_and_exit_2(args, message):
    result = subprocess.run([sys.executable, "cli.py", "dynamodb-plan", "save_app_data", *args], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_plan_table_recommends_the_cheapest_within_the_throttle_allowance():
    plan = plan_table(constant_reads(500.0), load_catalog("us-east-1"), PlannerSettings(free_tier=False))
    costs = {s.name: s.monthly_cost_usd for s in plan.strategies if s.monthly_cost_usd is not None}
    assert plan.recommended == min(costs, key=costs.get)


@pytest.mark.parametrize("seed", range(20))
def test_first_run_finds_the_first_long_enough_stretch(seed):
    from models.dynamodb_planner import _first_run

    rng = np.random.default_rng(seed)
    condition = rng.random(3000) < rng.uniform(0.5, 0.97)
    for length in (2, 15):
        expected = next((i for i in range(length - 1, len(condition)) if condition[i - length + 1:i + 1].all()),
                        len(condition))
        assert _first_run(condition, length) == expected


def test_a_gsi_is_planned_on_its_own_demand():
    # 100 writes/s to the table; the GSI receives half of them (write_fraction 0.5), 2 KB projected → 2 WCU each
    data = {"name": "t", "region": "us-east-1", "free_tier": "none",
            "workload": {"requests_per_month": 100 * SECONDS},
            "components": [{"id": "t", "type": "dynamodb", "reads": 0, "writes": 1, "item_kb": 1,
                            "gsis": [{"name": "by_user", "item_kb": 2, "write_fraction": 0.5}]}]}
    base = dynamodb_plan_data(data, "t", PlannerSettings(headroom=0))
    index = dynamodb_plan_data(data, "t", PlannerSettings(headroom=0), index="by_user")
    assert index.table == "t/index/by_user"
    assert float(index.demand.write_units.max()) == pytest.approx(100 * 0.5 * 2)
    assert float(base.demand.write_units.max()) == pytest.approx(100 * 1)
    fixed_wcu = next(s for s in index.strategies if s.name == "provisioned_fixed").write_capacity[0]
    assert fixed_wcu == 100
    from models.dynamodb_planner import scheduled_actions
    action = scheduled_actions(index.table, next(s for s in index.strategies if s.name == "scheduled").schedule)[0]
    assert action["ResourceId"] == "table/t/index/by_user"
    assert action["ScalableDimension"].startswith("dynamodb:index:")


def test_an_unknown_index_is_named():
    from models.design import DesignError

    data = load_design_data(template_text("save_app_data"))
    with pytest.raises(DesignError, match="'nope' is not a GSI of table 'table'"):
        dynamodb_plan_data(data, "table", PlannerSettings(), index="nope")


def test_min_and_max_capacity_bound_every_provisioned_plan():
    plan = demand_from("save_app_data", min_capacity=5, max_capacity=12)
    for name in ("provisioned_fixed", "autoscaling", "scheduled"):
        s = next(x for x in plan.strategies if x.name == name)
        assert s.read_capacity.min() >= 5 and s.read_capacity.max() <= 12, name


def test_cli_min_above_max_is_refused():
    result = subprocess.run([sys.executable, "cli.py", "dynamodb-plan", "save_app_data", "--table", "table",
                             "--min-capacity", "50", "--max-capacity", "10"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "--min-capacity 50 is above --max-capacity 10" in result.stderr
