"""The DynamoDB planner: the strategies against hand-worked costs, the rule on the templates
(checked by tests/decrease_rule_checker.py), the shared free tier, and the CLI's JSON contract
and actions. The exact programme against brute force: tests/models/test_dynamodb_decrease_rule.py."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from decrease_rule_checker import accepted, all_accepted

from models.design.text import load_design_data
from models.dynamodb_planner.plan import (
    MINUTES,
    PlannerSettings,
    TableDemand,
    autoscaling,
    fixed,
    on_demand,
    plan_table,
    prices_for,
    with_lower_bound,
)
from pricing.catalog import load_catalog
from service import dynamodb_plan_data
from templates import template_text

ROOT = Path(__file__).resolve().parents[2]
SECONDS = MINUTES * 60


def demand_from(template: str, table: str = "table", **settings):
    data = load_design_data(template_text(template))
    return dynamodb_plan_data(data, table, PlannerSettings(**settings))


START = datetime(2026, 12, 6, 15, 0)  # Monday 2026-12-07 00:00 in Tokyo (the templates' timezone)


def strategy(plan, name):
    return next(s for s in plan.strategies if s.name == name)


def events(s, start=START, dim=None):
    return [(start + timedelta(minutes=m), "t") for m, d in s.decreases if dim in (None, d)]


def accepted_as_planned(s, **state) -> bool:
    """The one-time bound plans reads and writes each on its own budget; the others share the table's."""
    if s.name == "scheduled_one_time":
        return all(all_accepted(events(s, dim=d), **state) for d in ("read", "write"))
    return all_accepted(events(s), **state)


@pytest.mark.parametrize("step", [5, 15, 60])
def test_every_plan_on_a_template_obeys_the_rule_and_never_throttles(step):
    data = load_design_data(template_text("save_app_data"))
    plan = dynamodb_plan_data(data, "table", PlannerSettings(step_minutes=step), START)
    for name in ("scheduled_one_time", "autoscaling", "scheduled_weekly"):
        assert accepted_as_planned(strategy(plan, name)), name
    one_time = strategy(plan, "scheduled_one_time")
    # its decreases are the rows where RCU falls and those where WCU falls
    rows = one_time.schedule
    falls = sum(int(b["rcu"] < a["rcu"]) + int(b["wcu"] < a["wcu"]) for a, b in zip(rows, rows[1:]))
    assert falls == len(one_time.decreases)
    for name in ("scheduled_one_time", "scheduled_weekly"):
        s = strategy(plan, name)
        assert s.throttled_requests == 0
        assert np.all(s.read_capacity >= plan.demand.read_units)
        assert np.all(s.write_capacity >= plan.demand.write_units)


def test_hourly_steps_allow_at_most_one_decrease_every_two_hours_after_the_first():
    # the strict reading on an hourly grid: one in the first hour, then gaps of 2 hours (> 60 min):
    # 00:00, 02:00, ..., 22:00 at most → 12 a day
    plan = demand_from("save_app_data", step_minutes=60)
    assert strategy(plan, "scheduled_one_time").max_decreases_in_a_day <= 12


def test_decreases_used_today_limit_the_first_day():
    fresh = demand_from("save_app_data", step_minutes=15)
    spent = demand_from("save_app_data", step_minutes=15, decreases_used_today=27)
    first_day_changes = lambda plan: [r for r in strategy(plan, "scheduled_one_time").schedule  # noqa: E731
                                      if r["minute_of_month"] < 9 * 60]  # Tokyo: the first UTC day is 9 hours
    fresh_rows, spent_rows = first_day_changes(fresh), first_day_changes(spent)
    assert any(b["rcu"] < a["rcu"] for a, b in zip(fresh_rows, fresh_rows[1:]))
    assert all(b["rcu"] >= a["rcu"] for a, b in zip(spent_rows, spent_rows[1:]))


@pytest.mark.parametrize("used, minutes_before", [(0, 30), (5, 10), (26, 0), (27, 200)])
def test_the_live_tables_state_is_obeyed_by_the_one_time_plan_and_auto_scaling(used, minutes_before):
    data = load_design_data(template_text("save_app_data"))
    last = START - timedelta(minutes=minutes_before)
    config = PlannerSettings(decreases_used_today=used, last_decrease=last)
    plan = dynamodb_plan_data(data, "table", config, START)
    # the checker counts `used` on the day of the last decrease (the same UTC day as START unless 200 min before)
    state = {"used_today": used if last.date() == START.date() else 0, "last_decrease": last}
    for name in ("scheduled_one_time", "autoscaling"):
        assert accepted_as_planned(strategy(plan, name), **state), name
    if used == 26:  # one decrease left before 00:00 UTC (9 hours of the month in Tokyo), per dimension
        for dim in ("read", "write"):
            first_day = [m for m, d in strategy(plan, "scheduled_one_time").decreases if m < 9 * 60 and d == dim]
            assert len(first_day) <= 1


def test_a_last_decrease_30_minutes_before_the_start_delays_the_first_one():
    data = load_design_data(template_text("save_app_data"))
    plan = dynamodb_plan_data(data, "table", PlannerSettings(last_decrease=START - timedelta(minutes=30)), START)
    one_time = strategy(plan, "scheduled_one_time")
    # 15-minute steps: more than 60 minutes after it → the first decrease at 45 minutes or later
    assert one_time.decreases and one_time.decreases[0][0] >= 45
    assert accepted_as_planned(one_time, last_decrease=START - timedelta(minutes=30))
    # and the checker itself refuses one 59 minutes after it
    assert accepted([(START + timedelta(minutes=29), "t")], last_decrease=START - timedelta(minutes=30)) == [False]


@pytest.mark.parametrize("template", ["save_app_data", "authenticated_api", "static_site_cdn"])
@pytest.mark.parametrize("headroom", [0.0, 0.1])
def test_the_schedule_is_never_dearer_than_fixed_or_auto_scaling(template, headroom):
    data = load_design_data(template_text(template))
    data["free_tier"] = "none"  # compare the capacity bought, not what the free tier hides
    plan = dynamodb_plan_data(data, "table", PlannerSettings(headroom=headroom))
    by = {s.name: s for s in plan.strategies}
    bound, weekly = by["scheduled_one_time"], by["scheduled_weekly"]
    assert bound.throttled_requests == 0 and weekly.throttled_requests == 0
    # the fixed plan is itself a rule-abiding schedule (weekly too) at equal throttling, so neither optimum costs more
    assert bound.monthly_cost_usd <= weekly.monthly_cost_usd <= by["provisioned_fixed"].monthly_cost_usd
    if by["autoscaling"].throttled_requests >= bound.throttled_requests:
        assert bound.monthly_cost_usd <= by["autoscaling"].monthly_cost_usd
    # the bound is never recommended
    assert plan.recommended != "scheduled_one_time" and not bound.applicable


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
    assert [s["name"] for s in doc["strategies"]] == ["on_demand", "provisioned_fixed", "autoscaling",
                                                      "scheduled_weekly", "reserved", "scheduled_one_time"]
    for s in doc["strategies"]:
        assert set(s) >= {"name", "applicable", "monthly_cost_usd", "throttled_requests", "avg_utilization",
                          "max_decreases_in_a_day", "schedule"}
    one_time = next(s for s in doc["strategies"] if s["name"] == "scheduled_one_time")
    assert one_time["schedule"][0]["start"] == "2026-12-06T15:00:00Z"  # Monday 00:00 in Tokyo
    assert not one_time["applicable"]
    weekly = next(s for s in doc["strategies"] if s["name"] == "scheduled_weekly")
    assert weekly["schedule"][0]["start"] == "MON 00:00 UTC" and weekly["applicable"]
    assert doc["recommended"] in {s["name"] for s in doc["strategies"] if s["applicable"]}
    bound = doc["recurring_vs_lower_bound"]
    assert bound["recurring_usd"] == weekly["monthly_cost_usd"] and bound["lower_bound_usd"] == one_time["monthly_cost_usd"]
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


def test_the_lower_bound_added_later_is_the_one_plan_table_computes():
    """The page can draw five strategies first: the same recommendation, then the same sixth."""
    data = load_design_data(template_text("save_app_data"))
    whole = dynamodb_plan_data(data, "table", PlannerSettings(step_minutes=30, free_tier=False), START)
    first = dynamodb_plan_data(data, "table", PlannerSettings(step_minutes=30, free_tier=False), START, lower_bound=False)
    assert [s.name for s in first.strategies] == [s.name for s in whole.strategies][:5]
    assert "scheduled_one_time" not in [s.name for s in first.strategies]
    assert (first.recommended, first.reason) == (whole.recommended, whole.reason)
    later = with_lower_bound(first)
    added, computed = later.strategies[-1], whole.strategies[-1]
    assert (added.name, added.monthly_cost_usd, added.throttled_requests, added.decreases) == \
        (computed.name, computed.monthly_cost_usd, computed.throttled_requests, computed.decreases)
    assert added.monthly_cost_usd and added.decreases
    assert with_lower_bound(later) is later


@pytest.mark.parametrize("seed", range(20))
def test_the_alarm_search_finds_the_first_long_enough_stretch(seed):
    """Target tracking's alarm: the first minute ≥ t + length − 1 ending `length` minutes in a row above (out)
    or below (in) a threshold, all of them at or after t — checked against a plain loop over the minutes."""
    from models.dynamodb_planner.plan import _first_above, _first_below, _window_extreme

    rng = np.random.default_rng(seed)
    units = rng.choice([0.0, 1.0, 2.0], size=3000, p=rng.dirichlet([1, 1, 1]))
    for t in (0, 1, 17, 2999):
        for length, threshold in ((2, 1.0), (15, 1.0), (15, 2.0), (2, 0.0)):
            above = next((m for m in range(t + length - 1, len(units)) if (units[m - length + 1:m + 1] > threshold).all()),
                         len(units))
            below = next((m for m in range(t + length - 1, len(units)) if (units[m - length + 1:m + 1] < threshold).all()),
                         len(units))
            assert _first_above(_window_extreme(units, length, np.minimum), t + length - 1, threshold) == above
            assert _first_below(_window_extreme(units, length, np.maximum), t + length - 1, threshold) == below


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
    from models.dynamodb_planner.plan import scheduled_actions
    action = scheduled_actions(index.table, next(s for s in index.strategies if s.name == "scheduled_weekly"))[0]
    assert action["ResourceId"] == "table/t/index/by_user"
    assert action["ScalableDimension"].startswith("dynamodb:index:")


def test_an_unknown_index_is_named():
    from models.design.schema import DesignError

    data = load_design_data(template_text("save_app_data"))
    with pytest.raises(DesignError, match="'nope' is not a GSI of table 'table'"):
        dynamodb_plan_data(data, "table", PlannerSettings(), index="nope")


def test_min_and_max_capacity_bound_every_provisioned_plan():
    plan = demand_from("save_app_data", min_capacity=5, max_capacity=12)
    for name in ("provisioned_fixed", "autoscaling", "scheduled_weekly", "scheduled_one_time"):
        s = next(x for x in plan.strategies if x.name == name)
        assert s.read_capacity.min() >= 5 and s.read_capacity.max() <= 12, name


def test_cli_min_above_max_is_refused():
    result = subprocess.run([sys.executable, "cli.py", "dynamodb-plan", "save_app_data", "--table", "table",
                             "--min-capacity", "50", "--max-capacity", "10"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "--min-capacity 50 is above --max-capacity 10" in result.stderr


# ---- the free tier is shared by the design's tables ---------------------------------------------

def two_table_design(b_billing_a: str = "provisioned") -> dict:
    """Table a: provisioned 20 RCU / 10 WCU with a GSI of 3 RCU / 2 WCU; table b (planned): on demand,
    20 requests/s each reading 1 KB eventually consistent (0.5 RCU) and 1 in 4 writing 1 KB."""
    a = {"id": "a", "type": "dynamodb", "reads": 0, "writes": 0}
    if b_billing_a == "provisioned":
        a.update({"billing": "provisioned", "rcu": 20, "wcu": 10, "gsis": [{"name": "g", "rcu": 3, "wcu": 2}]})
    return {"name": "two", "region": "us-east-1", "workload": {"requests_per_month": 20 * SECONDS},
            "components": [a, {"id": "b", "type": "dynamodb", "reads": 1, "writes": 0.25, "item_kb": 1}]}


def test_the_free_tier_left_after_the_other_table_by_hand():
    from models.design.schema import parse_design
    from models.dynamodb_planner.plan import free_used_elsewhere

    design = parse_design(two_table_design())
    # a: (20 + 3) RCU × 730 h = 16,790 RCU-hours; (10 + 2) WCU × 730 h = 8,760 WCU-hours
    assert free_used_elsewhere(design, "b") == (16_790, 8_760)
    # planning a itself: only its GSI counts as "elsewhere"; planning the GSI: the base table
    assert free_used_elsewhere(design, "a") == (3 * 730, 2 * 730)
    assert free_used_elsewhere(design, "a", "g") == (20 * 730, 10 * 730)


def test_the_planned_table_pays_for_what_it_adds_to_the_bill():
    settings = PlannerSettings(headroom=0)
    shared = dynamodb_plan_data(two_table_design(), "b", settings)
    alone = dynamodb_plan_data(two_table_design("on_demand"), "b", settings)
    fixed_shared, fixed_alone = strategy(shared, "provisioned_fixed"), strategy(alone, "provisioned_fixed")
    assert fixed_shared.read_capacity[0] == 10 and fixed_shared.write_capacity[0] == 5
    # us-east-1: $0.00013 per RCU-hour, $0.00065 per WCU-hour; 730 hours
    # alone: 7,300 RCU-h and 3,650 WCU-h are inside the 18,600 free → $0
    assert float(fixed_alone.monthly_cost_usd) == pytest.approx(0.0)
    # shared: 1,810 RCU-h free left → (7,300 − 1,810) × 0.00013 = 0.7137; 9,840 WCU-h left ≥ 3,650 → 0
    assert float(fixed_shared.monthly_cost_usd) == pytest.approx((7300 - 1810) * 0.00013, abs=1e-6)
    assert "1,810 of 18,600 RCU-hours and 9,840 of 18,600 WCU-hours left" in fixed_shared.note
    # the same as the estimate's bill with b provisioned at 10/5 minus the bill without b
    from service import estimate_data

    def throughput_bill(data):
        return sum(float(li.cost_usd or 0) for li in estimate_data(data).line_items
                   if li.price_id.startswith("dynamodb.provisioned"))

    with_b = two_table_design()
    with_b["components"][1].update({"billing": "provisioned", "rcu": 10, "wcu": 5})
    assert throughput_bill(with_b) - throughput_bill(two_table_design()) == pytest.approx(
        float(fixed_shared.monthly_cost_usd), abs=1e-6)


def test_the_plan_states_the_free_unit_hours_it_counted_and_can_plan_without_them():
    """ux.md P4: a $0.00 provisioned plan is the free tier's; the plan says how much it counted, and
    `free_tier=False` (the page's tick box, `--no-free-tier`) prices the capacity in full."""
    settings = PlannerSettings(headroom=0)
    shared = dynamodb_plan_data(two_table_design(), "b", settings)
    # 18,600 − 16,790 = 1,810 RCU-hours; 18,600 − 8,760 = 9,840 WCU-hours (see the test above)
    assert shared.free_unit_hours == (1_810, 9_840)
    from render.dynamodb_plan import plan_dict

    assert plan_dict(shared)["free_tier_counted"] == {"rcu_hours": 1810.0, "wcu_hours": 9840.0}
    full = dynamodb_plan_data(two_table_design(), "b", PlannerSettings(headroom=0, free_tier=False))
    assert full.free_unit_hours == (0, 0)
    # 10 RCU and 5 WCU for 730 hours at $0.00013 and $0.00065: 0.949 + 2.3725 = 3.3215
    assert float(strategy(full, "provisioned_fixed").monthly_cost_usd) == pytest.approx(
        7300 * 0.00013 + 3650 * 0.00065, abs=1e-6)
    assert "free" not in strategy(full, "provisioned_fixed").note.lower()


def test_cli_states_the_free_tier_it_counted_and_no_free_tier_removes_it():
    counted = run_cli("save_app_data", "--table", "table", "--start", "2026-12-07").stdout
    assert "Provisioned costs count 18,600 free RCU-hours and 18,600 free WCU-hours" in counted
    without = run_cli("save_app_data", "--table", "table", "--start", "2026-12-07", "--no-free-tier").stdout
    assert "free RCU-hours" not in without
    fixed = [line for line in without.splitlines() if line.startswith("provisioned_fixed")]
    assert fixed and float(fixed[0].split()[1].replace(",", "")) > 0


# ---- the CLI: actions that can be applied, the live table's state ------------------------------

def run_cli(*args, check=True):
    return subprocess.run([sys.executable, "cli.py", "dynamodb-plan", *args], cwd=ROOT, capture_output=True,
                          text=True, check=check)


@pytest.mark.parametrize("template", ["save_app_data", "authenticated_api"])
def test_cli_actions_are_recurring_and_fit_200_per_scalable_target(template):
    result = run_cli(template, "--table", "table", "--start", "2026-12-07", "--actions")
    doc = json.loads(result.stdout)
    assert doc["strategy"] == "scheduled_weekly"
    counts: dict[str, int] = {}
    for action in doc["scheduled_actions"]:
        assert action["Schedule"].startswith("cron(") and action["Schedule"].endswith(" *)")
        assert action["ScalableTargetAction"]["MinCapacity"] == action["ScalableTargetAction"]["MaxCapacity"]
        assert not set("|:/") & set(action["ScheduledActionName"])
        counts[action["ScalableDimension"]] = counts.get(action["ScalableDimension"], 0) + 1
    assert set(counts) == {"dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"}
    assert max(counts.values()) <= 200 and counts == doc["actions_per_scalable_target"]
    names = [a["ScheduledActionName"] for a in doc["scheduled_actions"]]
    assert len(names) == len(set(names))
    assert any("put-scheduled-action" in line for line in doc["how_to_apply"])
    assert doc["monthly_cost_usd"] >= doc["one_time_lower_bound_usd"]
    assert "put-scheduled-action" in result.stderr


def test_cli_last_decrease_and_used_today(tmp_path):
    base = ["save_app_data", "--table", "table", "--start", "2026-12-07", "--format", "json"]
    free = json.loads(run_cli(*base).stdout)
    # 27 used on the plan's first UTC day (the last at 14:50Z, ten minutes before the start)
    spent = json.loads(run_cli(*base, "--decreases-used-today", "27", "--last-decrease", "2026-12-06T14:50:00Z").stdout)
    def first_day_falls(doc):
        rows = next(s for s in doc["strategies"] if s["name"] == "scheduled_one_time")["schedule"]
        return [b for a, b in zip(rows, rows[1:]) if b["minute_of_month"] < 9 * 60 and (b["rcu"] < a["rcu"] or b["wcu"] < a["wcu"])]
    assert first_day_falls(free) and not first_day_falls(spent)
    # the same count on an earlier UTC day has reset by the start: no effect
    earlier = json.loads(run_cli(*base, "--decreases-used-today", "27", "--last-decrease", "2026-12-05T10:00:00+00:00").stdout)
    assert first_day_falls(earlier) == first_day_falls(free)
    bad = run_cli(*base, "--last-decrease", "yesterday", check=False)
    assert bad.returncode == 2 and "--last-decrease 'yesterday' is not an ISO 8601 time" in bad.stderr


def test_cli_takes_the_live_state_from_a_snapshot(tmp_path):
    # the fixture snapshot, with a live table named like the template's table, out of budget today
    snapshot = json.loads((ROOT / "tests/fixtures/aws/snapshot_photos_tokyo.json").read_text())
    tables = snapshot["accounts"][0]["regions"]["ap-northeast-1"]["dynamodb"]["tables"]["value"]
    tables.append({"name": "table", "table": {"value": {
        "billing": "provisioned", "rcu": 5, "wcu": 5, "decreases_today": 27, "last_decrease": "2026-12-06T14:50:00Z",
        "table_class": "standard", "gsis": []}}})
    path = tmp_path / "snap.json"
    path.write_text(json.dumps(snapshot))
    result = run_cli("save_app_data", "--table", "table", "--start", "2026-12-07", "--format", "json",
                     "--account", str(path), check=False)
    assert result.returncode == 0, result.stderr
    assert "27 decreases today" in result.stderr
    doc = json.loads(result.stdout)
    rows = next(s for s in doc["strategies"] if s["name"] == "scheduled_one_time")["schedule"]
    assert not [b for a, b in zip(rows, rows[1:]) if b["minute_of_month"] < 9 * 60 and b["rcu"] < a["rcu"]]
