"""Reusing strategies between plans (`StrategyCache`): each strategy reads only the settings it is listed
with (every read recorded), a plan from the cache equals one worked out afresh after any sequence of edits,
and an edit re-solves only the strategies that read the edited setting."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime

import numpy as np
import pytest

from models.dynamodb_planner.plan import (
    MINUTES,
    STARTS_AT,
    STRATEGY_SETTINGS,
    PlannerSettings,
    StrategyCache,
    TableDemand,
    autoscaling,
    demand_fingerprint,
    fixed,
    lower_bound_known,
    on_demand,
    plan_table,
    prices_for,
    reserved,
    scheduled,
    scheduled_weekly,
    with_lower_bound,
)
from pricing.catalog import load_catalog

CATALOG = load_catalog("ap-northeast-1")
PRICES = prices_for(CATALOG, "standard", free_tier=False)
START = datetime(2026, 12, 6, 15, 0)


def bursty_demand(seed: int = 3) -> TableDemand:
    """Reads on a daily wave with noise, writes in bursts: every strategy has decisions to make."""
    rng = np.random.default_rng(seed)
    minute = np.arange(MINUTES)
    reads = np.abs(rng.normal(40, 12, MINUTES)) * (1.2 + np.sin(2 * np.pi * minute / 1440))
    writes = np.abs(rng.normal(8, 4, MINUTES)) * rng.integers(0, 3, MINUTES)
    return TableDemand("t", reads, writes, float(reads.sum()) * 60, float(writes.sum()) * 60, "standard", 540)


class Recording:
    """A PlannerSettings that notes the name of every field read from it."""

    def __init__(self, settings: PlannerSettings):
        object.__setattr__(self, "_settings", settings)
        object.__setattr__(self, "read", set())

    def __getattr__(self, name: str):
        self.read.add(name)
        return getattr(self._settings, name)


SETTINGS_TRIED = [
    PlannerSettings(step_minutes=60),
    PlannerSettings(step_minutes=60, allowed_throttle_fraction=0.001, decreases_used_today=5,
                    last_decrease=datetime(2026, 12, 6, 14, 30), growth_per_month=0.05, min_capacity=3),
]


@pytest.mark.parametrize("settings", SETTINGS_TRIED)
def test_each_strategy_reads_only_the_settings_it_is_listed_with(settings):
    demand = bursty_demand()
    weekly = scheduled_weekly(demand, PRICES, settings)
    runs = {"on_demand": lambda s: on_demand(demand, PRICES, s),
            "provisioned_fixed": lambda s: fixed(demand, PRICES, s),
            "autoscaling": lambda s: autoscaling(demand, PRICES, s, START),
            "scheduled_weekly": lambda s: scheduled_weekly(demand, PRICES, s),
            "reserved": lambda s: (scheduled_weekly(demand, PRICES, s), reserved(demand, PRICES, s, weekly)),
            "scheduled_one_time": lambda s: scheduled(demand, PRICES, s, START)}
    assert set(runs) == set(STRATEGY_SETTINGS)
    names = {f.name for f in fields(PlannerSettings)}
    for name, run in runs.items():
        recording = Recording(settings)
        run(recording)
        assert recording.read <= set(STRATEGY_SETTINGS[name]), (name, recording.read - set(STRATEGY_SETTINGS[name]))
        assert set(STRATEGY_SETTINGS[name]) <= names


def same_plan(a, b) -> bool:
    if (a.recommended, a.reason, [s.name for s in a.strategies]) != (b.recommended, b.reason,
                                                                        [s.name for s in b.strategies]):
        return False
    for x, y in zip(a.strategies, b.strategies, strict=True):
        scalars = ("monthly_cost_usd", "cost_12_months_usd", "throttled_requests", "avg_utilization",
                   "max_decreases_in_a_day", "schedule", "note", "applicable", "decreases", "pattern")
        if any(getattr(x, f) != getattr(y, f) for f in scalars):
            return False
        for curve in ("read_capacity", "write_capacity"):
            u, v = getattr(x, curve), getattr(y, curve)
            if (u is None) != (v is None) or (u is not None and not np.array_equal(u, v)):
                return False
    return True


#: a user's edits one after another (each from the settings before it), some back to an earlier value
EDITS = [{}, {"target_utilization": 0.5}, {"headroom": 0.3}, {"target_utilization": 0.7}, {"step_minutes": 30},
         {"decreases_used_today": 4, "last_decrease": datetime(2026, 12, 6, 14, 50)}, {"headroom": 0.1},
         {"growth_per_month": 0.1}, {"min_capacity": 20}, {"step_minutes": 60}, {"free_tier": False}]


def test_a_plan_from_the_cache_equals_one_worked_out_afresh_after_every_edit():
    demand = bursty_demand()
    cache = StrategyCache()
    settings = PlannerSettings(step_minutes=60)
    for edit in EDITS:
        settings = replace(settings, **edit)
        cached = plan_table(demand, CATALOG, settings, START, cache=cache)
        assert same_plan(cached, plan_table(demand, CATALOG, settings, START)), edit
    # the same settings a moment later: the live table's last decrease is now further back
    later = datetime(2026, 12, 6, 15, 20)
    assert same_plan(plan_table(demand, CATALOG, settings, later, cache=cache),
                     plan_table(demand, CATALOG, settings, later))


def test_an_edit_re_solves_only_the_strategies_that_read_the_edited_setting():
    demand = bursty_demand()
    cache = StrategyCache()
    settings = PlannerSettings(step_minutes=60)
    plan_table(demand, CATALOG, settings, START, cache=cache)
    assert len(cache) == 6
    for edit, solved in (({"target_utilization": 0.5}, {"autoscaling"}),
                         ({"step_minutes": 30}, {"scheduled_one_time"}),
                         ({"headroom": 0.2}, {"provisioned_fixed", "scheduled_weekly", "reserved",
                                              "scheduled_one_time"}),
                         # auto scaling reads no headroom: the one of the first plan (target 70 %) is reused
                         ({"target_utilization": 0.7}, set()),
                         ({"target_utilization": 0.6}, {"autoscaling"})):
        before = set(cache._kept)
        settings = replace(settings, **edit)
        plan_table(demand, CATALOG, settings, START, cache=cache)
        assert {key[0] for key in set(cache._kept) - before} == solved, edit
    # a new start time re-solves the two that depend on it, and the others are reused
    before = set(cache._kept)
    plan_table(demand, CATALOG, settings, datetime(2026, 12, 13, 15, 0), cache=cache)
    assert {key[0] for key in set(cache._kept) - before} == STARTS_AT == {"autoscaling", "scheduled_one_time"}


def test_another_demand_or_price_is_not_mistaken_for_one_solved_before():
    cache = StrategyCache()
    settings = PlannerSettings(step_minutes=60)
    first, other = bursty_demand(3), bursty_demand(4)
    assert demand_fingerprint(first) != demand_fingerprint(other)
    assert demand_fingerprint(first) == demand_fingerprint(bursty_demand(3))
    plan_table(first, CATALOG, settings, START, cache=cache)
    assert same_plan(plan_table(other, CATALOG, settings, START, cache=cache),
                     plan_table(other, CATALOG, settings, START))
    us = load_catalog("us-east-1")
    assert same_plan(plan_table(first, us, settings, START, cache=cache), plan_table(first, us, settings, START))
    assert len(cache) == 18


def test_the_cache_keeps_the_most_recently_used():
    cache = StrategyCache(size=2)
    made = []

    def make(n):
        made.append(n)
        return n

    cache.get(("a",), lambda: make("a"))
    cache.get(("b",), lambda: make("b"))
    cache.get(("a",), lambda: make("a again"))  # kept: not made again, and now the most recent
    cache.get(("c",), lambda: make("c"))        # pushes out "b", the least recently used
    cache.get(("b",), lambda: make("b again"))
    assert made == ["a", "b", "c", "b again"] and len(cache) == 2


def test_the_page_can_tell_whether_the_lower_bound_is_solved_already():
    demand, cache = bursty_demand(), StrategyCache()
    settings = PlannerSettings(step_minutes=60)
    rest = plan_table(demand, CATALOG, settings, START, lower_bound=False, cache=cache)
    assert not lower_bound_known(rest, cache) and len(cache) == 5
    whole = with_lower_bound(rest, cache)
    assert lower_bound_known(rest, cache) and lower_bound_known(whole, cache) and len(cache) == 6
    edited = plan_table(demand, CATALOG, replace(settings, target_utilization=0.5), START, lower_bound=False,
                        cache=cache)
    assert lower_bound_known(edited, cache)  # auto scaling's target: the bound does not read it
    assert not lower_bound_known(plan_table(demand, CATALOG, replace(settings, headroom=0.3), START,
                                            lower_bound=False, cache=cache), cache)
