"""DynamoDB's decrease rule: the independent checker on hand-made cases, the exact programme
against brute force under the checker, and every schedule the planner emits (one-time, auto
scaling, weekly recurring actions repeated week after week) accepted by the checker."""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timedelta

import numpy as np
import pytest
from decrease_rule_checker import accepted, all_accepted
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.dynamodb_planner.plan import (
    MINUTES,
    SCHEDULED_ACTIONS_PER_TARGET,
    PlannerSettings,
    TableDemand,
    autoscaling,
    prices_for,
    scheduled,
    scheduled_actions,
    scheduled_weekly,
)
from models.dynamodb_planner.schedule import (
    DecreaseRule,
    RollingBudget,
    StartState,
    cheapest_schedule,
    cheapest_schedules,
    single_fall_end,
)
from pricing.catalog import load_catalog

T = "table/t"
DAY = datetime(2026, 12, 7)  # a Monday, 00:00 UTC


def at(hhmm: str, day: int = 0) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return DAY + timedelta(days=day, hours=h, minutes=m)


# ---- the checker on AWS's own wording ---------------------------------------------------------

def test_after_the_first_hour_a_decrease_half_an_hour_later_is_refused():
    # the day's first window (02:00) is long over; 12:30 is a "subsequent" decrease, 13:00 follows
    # it within the hour: "one additional decrease per hour as long as there was no decreases in
    # the preceding hour" refuses 13:00 (a clock-hour reading would have allowed it)
    assert accepted([(at("02:00"), T), (at("12:30"), T), (at("13:00"), T)]) == [True, True, False]


def test_after_the_first_hour_61_minutes_later_is_accepted():
    assert accepted([(at("02:00"), T), (at("12:30"), T), (at("13:31"), T)]) == [True, True, True]


def test_exactly_60_minutes_is_refused_on_the_strict_reading_only():
    events = [(at("02:00"), T), (at("12:30"), T), (at("13:30"), T)]
    assert accepted(events) == [True, True, False]
    assert accepted(events, strict=False) == [True, True, True]


def test_four_within_59_minutes_then_a_fifth_within_the_hour():
    four = [(at("09:00"), T), (at("09:20"), T), (at("09:40"), T), (at("09:59"), T)]
    assert all_accepted(four)
    assert accepted(four + [(at("09:59") + timedelta(seconds=30), T)])[-1] is False
    # nor 60 minutes after the fourth: the strict gap needs more than an hour
    assert accepted(four + [(at("10:59"), T)])[-1] is False
    assert accepted(four + [(at("11:00"), T)])[-1] is True


def test_the_first_window_is_the_hour_after_the_first_decrease():
    # two in the first hour, then 10:05 is outside that hour and only 5 minutes after the last
    assert accepted([(at("09:00"), T), (at("10:00"), T)]) == [True, False]  # 60 min: not "within one hour"
    assert accepted([(at("09:00"), T), (at("09:50"), T), (at("10:05"), T)]) == [True, True, False]


def test_the_daily_quota_caps_a_day():
    first = [(at("00:00") + timedelta(minutes=10 * k), T) for k in range(4)]
    later = [(at("01:31") + timedelta(minutes=61 * k), T) for k in range(30)]
    later = [e for e in later if e[0].date() == DAY.date()]
    verdict = accepted(first + later)
    assert sum(verdict) == 4 + min(23, len(later))
    assert len(later) >= 23 and verdict[4 + 22] and not any(verdict[4 + 23:])
    # 4 + 23 = 27 is also the most the gaps allow in a day; the quota binds with decreases used
    # earlier (25 used: two more, then none until midnight) or a lower quota value
    assert accepted(later[:4], used_today=25, last_decrease=at("00:30")) == [True, True, False, False]
    assert sum(accepted(first + later, quota=10)) == 10


def test_the_budget_resets_at_utc_midnight_but_the_gap_does_not():
    events = [(at("23:30"), T), (at("00:10", day=1), T), (at("00:31", day=1), T)]
    assert accepted(events) == [True, False, True]
    assert accepted(events, strict=False) == [True, True, True]


def test_starting_state_from_the_live_table():
    last = at("08:00")
    # 27 used today: nothing more until midnight
    assert accepted([(at("12:00"), T), (at("00:00", day=1), T)], used_today=27, last_decrease=last) == [False, True]
    # 2 used: the first hour is over (its start is unknown), so one per hour after the last
    assert accepted([(at("08:30"), T), (at("09:01"), T), (at("09:30"), T)], used_today=2, last_decrease=last) \
        == [False, True, False]
    # none used today, but the last decrease (yesterday 23:40) is within the hour: the gap still holds
    assert accepted([(at("00:20"), T), (at("00:41"), T)], last_decrease=at("23:40", day=-1)) == [False, True]
    with pytest.raises(ValueError):
        accepted([(at("09:00"), T)], used_today=1)


def test_each_gsi_has_its_own_budget():
    events = [(at("02:00"), T), (at("12:30"), T), (at("13:00"), T + "/index/g"), (at("13:00"), T)]
    assert accepted(events) == [True, True, True, False]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3 * 1440), st.sampled_from(["read", "write"])), max_size=40),
       st.integers(0, 27), st.integers(0, 200))
def test_the_simulation_budget_agrees_with_the_checker(attempts, used, minutes_before):
    # RollingBudget (the auto-scaling simulation's rule, in minutes) decides as the checker does
    start = datetime(2026, 12, 7, 5, 0)
    state = StartState(used, minutes_before) if used else StartState(0, minutes_before)
    budget = RollingBudget(DecreaseRule(1), 0, state)
    last = start - timedelta(minutes=minutes_before)
    if used and last.date() != start.date():
        return  # the planner's state says "used on the start day"; the checker would reset it
    planned: list[int] = []
    for minute, _dim in sorted(attempts):
        day = (start + timedelta(minutes=minute)).toordinal() - start.toordinal()
        allowed = budget.allows(minute, day)
        # AWS's verdict on this attempt after the ones performed so far: the same, either way
        # (allowed ones are accepted; refused ones would be refused, so it is not over-cautious)
        verdict = accepted([(start + timedelta(minutes=m), T) for m in planned + [minute]], used_today=used,
                           last_decrease=last)[-1]
        assert allowed == verdict, (minute, planned)
        if allowed:
            budget.record(minute, day)
            planned.append(minute)


# ---- the exact programme against brute force ---------------------------------------------------

def timestamps(base: datetime, steps: int, step: int) -> list[datetime]:
    return [base + timedelta(minutes=k * step) for k in range(steps)]


def path_decreases(path, times, levels_r, levels_w, separate: bool, prior: int | None):
    """Decreases of a level path as AWS sees them: per UpdateTable, or per scalable target."""
    events = []
    previous = prior if prior is not None else path[0]
    for k, level in enumerate(path):
        if level < previous:
            if separate:
                events += [(times[k], T)] * (int(levels_r[level] < levels_r[previous])
                                             + int(levels_w[level] < levels_w[previous]))
            else:
                events.append((times[k], T))
        previous = level
    return events


def brute_force(step_cost, times, levels_r, levels_w, separate, prior, state, no_decrease):
    """Cheapest level sequence the checker accepts: every sequence, cheapest first."""
    steps, levels = step_cost.shape
    seqs = np.array(list(itertools.product(range(levels), repeat=steps)))
    costs = step_cost[np.arange(steps)[None, :], seqs].sum(axis=1)
    for i in np.argsort(costs, kind="stable"):
        if not np.isfinite(costs[i]):
            return np.inf
        events = path_decreases(list(seqs[i]), times, levels_r, levels_w, separate, prior)
        if any(no_decrease[times.index(t)] for t, _ in events):
            continue
        if all(accepted(events, **state)):
            return costs[i]
    return np.inf


def random_chain(rng, levels):
    """RCU/WCU levels both non-decreasing, consecutive levels distinct (as the planner builds them)."""
    r, w = [1], [1]
    for _ in range(levels - 1):
        kind = rng.integers(0, 3)
        r.append(r[-1] + (kind != 1))
        w.append(w[-1] + (kind != 0))
    return np.array(r), np.array(w)


CASES = [  # (base time, step minutes, steps, used today, minutes since the last decrease)
    (datetime(2026, 12, 6, 22, 45), 15, 9, 0, None),     # an hour change and a UTC midnight inside
    (datetime(2026, 12, 6, 23, 0), 15, 8, 26, 15),       # one decrease left today, the last 15 min ago
    (datetime(2026, 12, 6, 22, 30), 15, 9, 3, 60),       # window closed by earlier decreases
    (datetime(2026, 12, 6, 23, 15), 15, 8, 0, 30),       # none today yet, but one 30 min ago (yesterday)
    (datetime(2026, 12, 6, 21, 0), 30, 8, 0, None),      # 30-minute steps: a 90-minute gap
    (datetime(2026, 12, 6, 20, 0), 60, 8, 0, None),      # hourly steps: one in the first hour, then 2-hour gaps
    (datetime(2026, 12, 6, 23, 40), 20, 8, 25, 40),
]


@pytest.mark.parametrize("case", range(len(CASES)))
@pytest.mark.parametrize("separate", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_the_dynamic_programme_matches_brute_force(case, separate, seed):
    base, step, steps, used, since = CASES[case]
    rng = np.random.default_rng(seed * 31 + case)
    levels = 3
    levels_r, levels_w = random_chain(rng, levels)
    times = timestamps(base, steps, step)
    day = np.array([t.toordinal() for t in times])
    need = rng.integers(0, levels, size=steps)
    # saw-tooth needs bind the rule more often
    need[::2] = np.maximum(need[::2], rng.integers(1, levels, size=len(need[::2])))
    unit = levels_r * 1.0 + levels_w * rng.uniform(0.5, 3)
    step_cost = np.where(np.arange(levels)[None, :] >= need[:, None], unit[None, :] * rng.uniform(0.5, 1.5, (steps, 1)),
                         np.inf)
    prior = levels - 1 if seed % 2 else None
    no_decrease = np.zeros(steps, dtype=bool)
    if seed == 3:
        no_decrease[-1] = True
    last = base - timedelta(minutes=since) if since is not None else None
    state = {"used_today": used, "last_decrease": last}
    plan = cheapest_schedule(step_cost, day, DecreaseRule(step), StartState(used, None if since is None else since // step),
                             prior_level=prior, fall_end=single_fall_end(levels_r, levels_w) if separate else None,
                             no_decrease=no_decrease)
    expected = brute_force(step_cost, times, levels_r, levels_w, separate, prior, state, no_decrease)
    assert plan.cost == pytest.approx(expected)
    events = path_decreases(list(plan.levels), times, levels_r, levels_w, separate, prior)
    assert all_accepted(events, **state)


def grid_decreases(path, times, cols, prior):
    """Decreases of a grid path (flat index = RCU index × cols + WCU index), one per dimension that falls."""
    events = []
    previous = prior if prior is not None else path[0]
    for k, level in enumerate(path):
        events += [(times[k], T)] * (int(level // cols < previous // cols) + int(level % cols < previous % cols))
        previous = level
    return events


@pytest.mark.parametrize("case", range(len(CASES)))
@pytest.mark.parametrize("seed", range(3))
def test_the_grid_programme_matches_brute_force(case, seed):
    # reads and writes lowered independently (separate scalable targets), each lowering a decrease
    base, step, _, used, since = CASES[case]
    steps, rows, cols = 6, 3, 2
    rng = np.random.default_rng(seed * 17 + case)
    times = timestamps(base, steps, step)
    day = np.array([t.toordinal() for t in times])
    need_r, need_w = rng.integers(0, rows, steps), rng.integers(0, cols, steps)
    need_r[::2] = rows - 1
    price_r, price_w = rng.uniform(1, 3, rows).cumsum(), rng.uniform(1, 3, cols).cumsum()
    cost_r = np.where(np.arange(rows)[None, :] >= need_r[:, None], price_r[None, :], np.inf)
    cost_w = np.where(np.arange(cols)[None, :] >= need_w[:, None], price_w[None, :], np.inf)
    step_cost = (cost_r[:, :, None] + cost_w[:, None, :]).reshape(steps, -1)
    prior = rows * cols - 1 if seed != 1 else None
    no_decrease = np.zeros(steps, dtype=bool)
    no_decrease[-1] = seed == 2
    last = base - timedelta(minutes=since) if since is not None else None
    state = {"used_today": used, "last_decrease": last}
    plan = cheapest_schedule(step_cost, day, DecreaseRule(step), StartState(used, None if since is None else since // step),
                             prior_level=prior, no_decrease=no_decrease, grid=(rows, cols))
    seqs = np.array(list(itertools.product(range(rows * cols), repeat=steps)))
    costs = step_cost[np.arange(steps)[None, :], seqs].sum(axis=1)
    expected = np.inf
    for i in np.argsort(costs, kind="stable"):
        if not np.isfinite(costs[i]):
            break
        events = grid_decreases(list(seqs[i]), times, cols, prior)
        if any(no_decrease[times.index(t)] for t, _ in events):
            continue
        if all(accepted(events, **state)):
            expected = costs[i]
            break
    assert plan.cost == pytest.approx(expected)
    assert step_cost[np.arange(steps), plan.levels].sum() == pytest.approx(plan.cost)  # the path walked back is it
    assert all_accepted(grid_decreases(list(plan.levels), times, cols, prior), **state)


def random_costs(rng, steps, levels):
    """A step × level cost table: a random need per step, the levels at or above it priced, rising."""
    need = rng.integers(0, levels, size=steps)
    unit = np.round(rng.uniform(0.5, 3, levels).cumsum(), 1)  # rounded: ties between ways are common
    return np.where(np.arange(levels)[None, :] >= need[:, None], unit[None, :], np.inf)


@pytest.mark.parametrize("seed", range(6))
def test_one_decrease_per_lowering_agrees_with_the_grid_programme_on_larger_months(seed):
    # Too large for brute force: 400 steps, up to 12 levels. The grid programme with one WCU value
    # (grid=(levels, 1)) is a second, separately written solver of the same problem: a lowering is
    # one decrease. Both must find the same cheapest cost, and both schedules pass the checker.
    rng = np.random.default_rng(seed)
    steps, levels, step = 400, int(rng.integers(2, 13)), int(rng.choice([15, 30, 60]))
    step_cost = random_costs(rng, steps, levels)
    base = datetime(2026, 12, 6, 21, 15)
    times = timestamps(base, steps, step)
    day = np.array([t.toordinal() for t in times])
    used, since = (0, None) if seed % 2 else (2, 1)
    start = StartState(used, since)
    prior = levels - 1 if seed % 3 == 0 else None
    no_decrease = rng.random(steps) < 0.1 if seed >= 4 else None
    single = cheapest_schedule(step_cost, day, DecreaseRule(step), start, prior_level=prior, no_decrease=no_decrease)
    grid = cheapest_schedule(step_cost, day, DecreaseRule(step), start, prior_level=prior, no_decrease=no_decrease,
                             grid=(levels, 1))
    assert single.cost == pytest.approx(grid.cost, rel=1e-12)
    for plan in (single, grid):  # each path walked back costs what its programme found
        assert step_cost[np.arange(steps), plan.levels].sum() == pytest.approx(plan.cost, rel=1e-12)
    state = {"used_today": used, "last_decrease": None if since is None else base - timedelta(minutes=since * step)}
    for plan in (single, grid):
        events = path_decreases(list(plan.levels), times, np.arange(levels), np.zeros(levels), False, prior)
        assert all_accepted(events, **state)
        if no_decrease is not None:
            assert not any(no_decrease[times.index(t)] for t, _ in events)


@pytest.mark.parametrize("seed", range(4))
def test_reads_and_writes_side_by_side_are_the_same_as_one_at_a_time(seed):
    # cheapest_schedules stacks tables of different widths (the narrower padded with inf levels)
    rng = np.random.default_rng(100 + seed)
    steps = 250
    tables = [random_costs(rng, steps, int(rng.integers(1, 9))) for _ in range(1 + seed % 3)]
    day = (np.arange(steps) * 15 + 1300) // 1440
    start = StartState(seed, None if seed % 2 else 3)
    prior = min(t.shape[1] for t in tables) - 1 if seed >= 2 else None
    together = cheapest_schedules(tables, day, DecreaseRule(15), start, prior_level=prior)
    alone = [cheapest_schedule(t, day, DecreaseRule(15), start, prior_level=prior) for t in tables]
    assert len(together) == len(alone)
    for a, b in zip(together, alone, strict=True):
        assert a.cost == b.cost
        assert a.levels.tolist() == b.levels.tolist()
        assert a.decreases_per_day == b.decreases_per_day


def test_a_steep_saw_tooth_is_limited_to_the_rule():
    # 5-minute steps needing high, low, high, low...: the rule allows 4 in the day's first hour
    # (at 00:05, 00:15, 00:25, 00:35), then one every 65 minutes (13 steps)
    steps = 12 * 24
    day = np.zeros(steps, dtype=int)
    need = np.tile([1, 0], steps // 2)
    step_cost = np.where(np.arange(2)[None, :] >= need[:, None], np.array([1.0, 5.0])[None, :], np.inf)
    plan = cheapest_schedule(step_cost, day, DecreaseRule(5))
    times = timestamps(DAY, steps, 5)
    events = [(times[k], T) for k in range(1, steps) if plan.levels[k] < plan.levels[k - 1]]
    assert all_accepted(events)
    # by hand: the first at 00:05 (step 1), three more at 00:15/00:25/00:35 (steps 3, 5, 7: odd
    # steps are the low ones); then the next odd step ≥ 7 + 13 = 20 → 21, and every 14 steps
    # (13 rounded up to odd) until step 287: 21, 35, ..., 287 → 20 more: 24 in the day
    later = len(range(21, steps, 14))
    assert plan.decreases_per_day == {0: 4 + later} and later == 20


# ---- every schedule the planner emits ----------------------------------------------------------

PRICES = prices_for(load_catalog("us-east-1"), "standard", free_tier=False)
START = datetime(2026, 12, 6, 15, 0)  # Monday 00:00 in Tokyo


def random_demand(seed: int, offset_minutes: int) -> TableDemand:
    """A month of per-minute demand: a daily shape, weekday/weekend levels, spikes and noise."""
    rng = np.random.default_rng(seed)
    minute = np.arange(MINUTES)
    hour = (minute // 60) % 24
    shape = rng.uniform(0.05, 1, 24)[hour] * np.where((minute // 1440) % 7 < 5, 1.0, rng.uniform(0.2, 1))
    reads = rng.uniform(5, 120) * shape * rng.lognormal(0, rng.uniform(0, 0.6), MINUTES)
    writes = rng.uniform(1, 40) * np.roll(shape, rng.integers(0, 600)) * rng.lognormal(0, 0.3, MINUTES)
    spikes = rng.random(MINUTES) < rng.uniform(0, 0.002)
    reads = np.where(spikes, reads * rng.uniform(2, 8), reads)
    return TableDemand("t", reads, writes, float(reads.sum()) * 60, float(writes.sum()) * 60, "standard", offset_minutes)


def month_events(strategy, start: datetime) -> list[tuple[datetime, str]]:
    """Decreases of a month strategy (each a separate update of the table)."""
    return [(start + timedelta(minutes=m), T) for m, _dim in strategy.decreases]


def expand_actions(actions: list[dict], weeks: int) -> list[tuple[datetime, str, int]]:
    """Fire cron(M H ? * DAYS *) actions over `weeks` weeks from Monday 00:00 UTC: (time, target, units)."""
    names = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
    fired = []
    for action in actions:
        minute, hour, dom, month, dow, year = re.fullmatch(r"cron\((.*)\)", action["Schedule"]).group(1).split()
        assert (dom, month, year) == ("?", "*", "*")
        days = set()
        for part in dow.split(","):
            first, _, last = part.partition("-")
            days.update(range(names.index(first), names.index(last or first) + 1))
        units = action["ScalableTargetAction"]["MinCapacity"]
        assert units == action["ScalableTargetAction"]["MaxCapacity"]
        for week in range(weeks):
            for d in days:
                fired.append((DAY + timedelta(weeks=week, days=d, hours=int(hour), minutes=int(minute)),
                              action["ScalableDimension"], units))
    return sorted(fired)


def applied_decreases(actions: list[dict], weeks: int, resource: str = T) -> list[tuple[datetime, str]]:
    """Each fired action that lowers its scalable target's capacity is one UpdateTable decrease of the
    table. Each target starts at the highest capacity its actions set (registered at the peak, as the
    apply instructions say)."""
    current: dict[str, float] = {}
    for action in actions:
        units = action["ScalableTargetAction"]["MinCapacity"]
        current[action["ScalableDimension"]] = max(units, current.get(action["ScalableDimension"], 0))
    events = []
    for when, dimension, units in expand_actions(actions, weeks):
        if units < current[dimension]:
            events.append((when, resource))
        current[dimension] = units
    return events


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.sampled_from([0, 540, -300, 330]), st.sampled_from([15, 30, 60]))
def test_every_emitted_schedule_is_accepted(seed, offset, step):
    demand = random_demand(seed, offset)
    config = PlannerSettings(step_minutes=step, free_tier=False)
    start = START + timedelta(minutes=540 - offset)
    one_time = scheduled(demand, PRICES, config, start)
    # the bound plans each dimension on its own budget: each dimension's decreases are accepted
    for dim in ("read", "write"):
        assert all_accepted([(t, T) for (t, _), (_, d) in zip(month_events(one_time, start), one_time.decreases,
                                                            strict=True) if d == dim])
    scaling = autoscaling(demand, PRICES, config, start)
    assert all_accepted(month_events(scaling, start))
    weekly = scheduled_weekly(demand, PRICES, config)
    actions = scheduled_actions("t", weekly)
    per_target: dict[str, int] = {}
    for action in actions:
        per_target[action["ScalableDimension"]] = per_target.get(action["ScalableDimension"], 0) + 1
    assert set(per_target) == {"dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"}
    assert max(per_target.values()) <= SCHEDULED_ACTIONS_PER_TARGET
    assert all_accepted(applied_decreases(actions, weeks=4))
    # the weekly plan covers every minute's need (it never throttles) and costs no less than the bound
    assert np.all(weekly.read_capacity >= np.ceil(demand.read_units * 1.1 - 1e-9))
    assert np.all(weekly.write_capacity >= np.ceil(demand.write_units * 1.1 - 1e-9))
    assert weekly.throttled_requests == 0
    if offset % step == 0:
        assert weekly.monthly_cost_usd >= one_time.monthly_cost_usd


def test_actions_fired_late_by_less_than_the_margin_are_still_accepted():
    # hourly steps: gaps of ≥ 120 minutes; any action may fire up to 59 minutes late, relative to
    # the one before it at most the margin (≥ 60 minutes): still accepted
    demand = random_demand(7, 540)
    weekly = scheduled_weekly(demand, PRICES, PlannerSettings(free_tier=False))
    events = applied_decreases(scheduled_actions("t", weekly), weeks=3)
    assert events
    rng = np.random.default_rng(1)
    late = [(when + timedelta(minutes=float(rng.uniform(0, 59))), target) for when, target in events]
    # the budget day of a late action may change; keep only actions that stay on their UTC day
    if all(a[0].date() == b[0].date() for a, b in zip(events, late, strict=True)):
        assert all_accepted(late)


def test_a_month_in_15_minute_steps_needs_far_more_than_200_actions_the_weekly_plan_far_fewer():
    demand = random_demand(3, 540)
    config = PlannerSettings(free_tier=False)
    one_time = scheduled(demand, PRICES, config, START)
    weekly = scheduled_weekly(demand, PRICES, config)
    assert len(one_time.schedule) > SCHEDULED_ACTIONS_PER_TARGET
    assert not one_time.applicable and weekly.applicable
    counts: dict[str, int] = {}
    for action in scheduled_actions("t", weekly):
        counts[action["ScalableDimension"]] = counts.get(action["ScalableDimension"], 0) + 1
    assert 0 < max(counts.values()) <= 168


@pytest.mark.parametrize("separate", [False, True])
def test_checkpointed_back_pointers_give_the_same_schedule(monkeypatch, separate):
    # large instances keep costs at checkpoints instead of every back pointer: same cost and path
    import models.dynamodb_planner.schedule as schedule

    rng = np.random.default_rng(5)
    steps, levels = 300, 12
    levels_r, levels_w = random_chain(rng, levels)
    need = rng.integers(0, levels, size=steps)
    unit = levels_r * 1.0 + levels_w * 2.0
    step_cost = np.where(np.arange(levels)[None, :] >= need[:, None], unit[None, :], np.inf)
    day = np.arange(steps) * 15 // 1440
    args = dict(prior_level=levels - 1, fall_end=single_fall_end(levels_r, levels_w) if separate else None)
    full = cheapest_schedule(step_cost, day, DecreaseRule(15), StartState(3, 2), **args)
    monkeypatch.setattr(schedule, "BACK_POINTER_BYTES", 0)  # the general programme (separate)
    monkeypatch.setattr(schedule, "KEPT_COSTS_BYTES", 0)  # the compiled one (one decrease per lowering)
    blocks = cheapest_schedule(step_cost, day, DecreaseRule(15), StartState(3, 2), **args)
    assert blocks.cost == pytest.approx(full.cost)
    assert np.array_equal(blocks.levels, full.levels)  # recomputed costs are the same floats: the same ties
    assert step_cost[np.arange(steps), blocks.levels].sum() == pytest.approx(full.cost)
    times = timestamps(datetime(2026, 12, 7, 0, 30), steps, 15)
    state = {"used_today": 3, "last_decrease": datetime(2026, 12, 7, 0, 0)}
    events = path_decreases(list(blocks.levels), times, levels_r, levels_w, separate, levels - 1)
    assert all_accepted(events, **state)


def test_a_large_table_is_rounded_to_few_levels_and_the_bound_stays_below():
    # 20 × the random demand: thousands of distinct needs; the weekly plan rounds them up (never
    # throttles, still accepted), the bound rounds them down (stays a bound)
    from models.dynamodb_planner.plan import ONE_TIME_VALUES, WEEKLY_VALUES, rounded_needs

    small = random_demand(3, 540)
    demand = TableDemand("t", small.read_units * 20, small.write_units * 20, small.reads_per_month * 20,
                         small.writes_per_month * 20, "standard", 540)
    config = PlannerSettings(free_tier=False)
    weekly = scheduled_weekly(demand, PRICES, config)
    bound = scheduled(demand, PRICES, config, START)
    assert len(set(weekly.pattern["rcu"])) <= WEEKLY_VALUES and "rounded up" in weekly.note
    assert "rounded down" in bound.note
    assert weekly.throttled_requests == 0
    assert np.all(weekly.read_capacity >= np.ceil(demand.read_units * 1.1 - 1e-9))
    assert all_accepted(applied_decreases(scheduled_actions("t", weekly), weeks=3))
    assert bound.monthly_cost_usd <= weekly.monthly_cost_usd
    need = np.ceil(demand.read_units[:2920] * 1.1)
    up, _ = rounded_needs(need, ONE_TIME_VALUES, up=True)
    down, _ = rounded_needs(need, ONE_TIME_VALUES, up=False)
    assert np.all(down <= need) and np.all(need <= up)
    assert len(np.unique(up)) <= ONE_TIME_VALUES and len(np.unique(down)) <= ONE_TIME_VALUES
    assert set(np.unique(up)) <= set(np.unique(need)) and up.max() == need.max() and down.min() == need.min()
