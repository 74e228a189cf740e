"""DynamoDB capacity planner: on-demand, fixed provisioned, auto scaling, an exact schedule and
reserved capacity, side by side on a table's own traffic curve (per minute over the month).

Costs here are the table's throughput only (storage, backups and streams are the same whatever
the capacity mode). Free tier: the always-free 25 RCU / 25 WCU apply to provisioned strategies
when the design's free tier is on and the table class is Standard.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import numpy as np

from models.dynamodb_schedule import cheapest_schedule, step_calendar
from models.prices import Catalog
from models.queueing import credit_bucket_overflow

MINUTES = 730 * 60
BURST_SECONDS = 300  # DynamoDB keeps up to 5 minutes of unused capacity as burst credit


@dataclass(frozen=True)
class PlannerSettings:
    """Choices a user makes for the plan (fractions are 0–1)."""

    step_minutes: int = 15
    headroom: float = 0.10               # capacity above the step's peak (fixed and scheduled plans)
    target_utilization: float = 0.70     # auto scaling target (AWS allows 20–90 %)
    min_capacity: int = 1
    max_capacity: int = 40_000
    allowed_throttle_fraction: float = 0.0
    decreases_used_today: int = 0
    autoscaling_lag_minutes: int = 1     # minutes from the alarm to the new capacity
    growth_per_month: float = 0.0
    free_tier: bool = True


@dataclass(frozen=True)
class TableDemand:
    """Consumed capacity per minute (units per second) and what one request costs in units."""

    table: str
    read_units: np.ndarray
    write_units: np.ndarray
    reads_per_month: float
    writes_per_month: float
    table_class: str
    utc_offset_minutes: int


@dataclass
class Strategy:
    """One way to run the table for the month."""

    name: str
    monthly_cost_usd: Decimal | None
    cost_12_months_usd: Decimal | None
    throttled_requests: float
    avg_utilization: float | None
    max_decreases_in_a_day: int
    read_capacity: np.ndarray | None = None
    write_capacity: np.ndarray | None = None
    schedule: list[dict] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Prices:
    """USD per unit-hour (provisioned), per request unit (on-demand) and reserved terms."""

    rcu_hour: float
    wcu_hour: float
    rru: float
    wru: float
    free_rcu_hours: float
    free_wcu_hours: float
    reserved: dict  # term → {"rcu_upfront", "rcu_hours", "wcu_upfront", "wcu_hours"} per 100 units


def prices_for(catalog: Catalog, table_class: str, free_tier: bool) -> Prices:
    """The table class's prices from the catalog (reserved capacity exists for Standard only)."""
    ia = "_ia" if table_class == "standard_ia" else ""

    def usd(price_id: str) -> float:
        return float(catalog.get(price_id).first_unit_price)

    def free(price_id: str) -> float:
        price = catalog.get(price_id)
        return float(price.free_tier.amount) if (free_tier and price.free_tier) else 0.0

    reserved = {}
    if not ia:
        for term in ("1y", "3y"):
            reserved[term] = {part: usd(f"dynamodb.reserved_{term}.{part}") for part in
                              ("rcu_upfront", "rcu_hours", "wcu_upfront", "wcu_hours")}
    return Prices(usd(f"dynamodb.provisioned{ia}.rcu_hours"), usd(f"dynamodb.provisioned{ia}.wcu_hours"),
                  usd(f"dynamodb.on_demand{ia}.read_request_units"), usd(f"dynamodb.on_demand{ia}.write_request_units"),
                  free(f"dynamodb.provisioned{ia}.rcu_hours"), free(f"dynamodb.provisioned{ia}.wcu_hours"), reserved)


def break_even_utilization(prices: Prices) -> dict[str, float]:
    """Utilization above which provisioned beats on-demand: one unit-hour serves 3,600 request units."""
    return {"read": prices.rcu_hour / (3600 * prices.rru), "write": prices.wcu_hour / (3600 * prices.wru)}


def growth_factor_12(growth: float) -> float:
    """Σ_{k=0}^{11} (1+g)^k: twelve months of traffic relative to this month."""
    return sum((1 + growth) ** k for k in range(12))


def provisioned_cost(read_cap: np.ndarray, write_cap: np.ndarray, prices: Prices) -> float:
    """USD for per-minute capacities over the month, free unit-hours subtracted."""
    rcu_hours = float(read_cap.sum()) / 60
    wcu_hours = float(write_cap.sum()) / 60
    return (max(0.0, rcu_hours - prices.free_rcu_hours) * prices.rcu_hour
            + max(0.0, wcu_hours - prices.free_wcu_hours) * prices.wcu_hour)


def throttled_requests(demand: TableDemand, read_cap: np.ndarray, write_cap: np.ndarray) -> float:
    """Requests throttled with burst credit (up to 300 s of unused capacity), reads plus writes."""
    total = 0.0
    for units, cap, items in ((demand.read_units, read_cap, demand.reads_per_month),
                              (demand.write_units, write_cap, demand.writes_per_month)):
        consumed = float(units.sum()) * 60
        if consumed <= 0:
            continue
        overflow = credit_bucket_overflow(units * 60, cap * 60, BURST_SECONDS * cap)
        total += float(overflow.sum()) * items / consumed  # units back to requests
    return total


def utilization(demand: TableDemand, read_cap: np.ndarray, write_cap: np.ndarray) -> float:
    """Consumed over provisioned unit-seconds, reads and writes together."""
    provisioned = float(read_cap.sum() + write_cap.sum())
    return float(demand.read_units.sum() + demand.write_units.sum()) / provisioned if provisioned else 0.0


def on_demand(demand: TableDemand, prices: Prices, settings: PlannerSettings) -> Strategy:
    """Pay per request: no capacity to plan, no throttling below the table quota."""
    cost = float(demand.read_units.sum()) * 60 * prices.rru + float(demand.write_units.sum()) * 60 * prices.wru
    return Strategy("on_demand", _usd(cost), _usd(cost * growth_factor_12(settings.growth_per_month)), 0.0, None, 0,
                    note="Billed per request unit; spikes above twice the previous peak within 30 minutes may throttle.")


def required(units: np.ndarray, settings: PlannerSettings) -> np.ndarray:
    """Capacity that covers each minute's demand with the headroom, within the min/max."""
    need = np.ceil(units * (1 + settings.headroom) - 1e-9)
    return np.clip(need, settings.min_capacity, settings.max_capacity)


def fixed(demand: TableDemand, prices: Prices, settings: PlannerSettings) -> Strategy:
    """One capacity all month: the peak minute plus headroom."""
    read_cap = np.full(MINUTES, required(demand.read_units, settings).max())
    write_cap = np.full(MINUTES, required(demand.write_units, settings).max())
    return _provisioned("provisioned_fixed", demand, prices, settings, read_cap, write_cap, 0,
                        f"{read_cap[0]:,.0f} RCU and {write_cap[0]:,.0f} WCU all month (peak + {settings.headroom:.0%}).")


def _provisioned(name, demand, prices, settings, read_cap, write_cap, max_decreases, note, schedule=None) -> Strategy:
    cost = provisioned_cost(read_cap, write_cap, prices)
    return Strategy(name, _usd(cost), _usd(cost * growth_factor_12(settings.growth_per_month)),
                    throttled_requests(demand, read_cap, write_cap), utilization(demand, read_cap, write_cap),
                    max_decreases, read_cap, write_cap, schedule or [], note)


def _usd(value: float) -> Decimal:
    return Decimal(repr(round(value, 6)))


def utc_calendar(demand: TableDemand, step_minutes: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """UTC day and hour for each step of the month (local time starts at Monday 00:00)."""
    return step_calendar(MINUTES // step_minutes, step_minutes, demand.utc_offset_minutes)


def scheduled(demand: TableDemand, prices: Prices, settings: PlannerSettings,
              start_utc: datetime | None = None) -> Strategy:
    """The cheapest piecewise-constant capacity in steps of `step_minutes` that obeys the decrease
    rules, with zero throttling (or, with an allowed fraction, a throttling penalty searched by bisection)."""
    step = settings.step_minutes
    steps = MINUTES // step
    read_need = required(demand.read_units, settings).reshape(steps, step).max(axis=1)
    write_need = required(demand.write_units, settings).reshape(steps, step).max(axis=1)
    levels_r, levels_w, need_level = _levels(read_need, write_need)
    hours = step / 60
    base_cost = (levels_r * prices.rcu_hour + levels_w * prices.wcu_hour) * hours
    step_cost = np.where(np.arange(len(levels_r))[None, :] >= need_level[:, None], base_cost[None, :], np.inf)
    day, hour = step_calendar(steps, step, demand.utc_offset_minutes)
    start_phase, unlock = _start_phase(settings.decreases_used_today, day, hour)
    if settings.allowed_throttle_fraction > 0:
        step_cost = _with_throttle_penalty(demand, settings, levels_r, levels_w, base_cost, step_cost, day, hour,
                                           start_phase, unlock)
    plan = cheapest_schedule(step_cost, day, hour, start_phase, unlock)
    read_cap = np.repeat(levels_r[plan.levels], step)
    write_cap = np.repeat(levels_w[plan.levels], step)
    changes = _schedule_rows(plan.levels, levels_r, levels_w, step, demand.utc_offset_minutes, start_utc)
    most = max(plan.decreases_per_day.values(), default=0)
    return _provisioned("scheduled", demand, prices, settings, read_cap, write_cap, most,
                        f"{len(changes)} capacity changes in {step}-minute steps; at most {most} decreases in a UTC day "
                        "(4 in the first decrease hour, then 1 per hour).", changes)


def _levels(read_need: np.ndarray, write_need: np.ndarray):
    """Distinct (RCU, WCU) levels, both non-decreasing with the index, and each step's lowest feasible level."""
    pairs = np.unique(np.stack([read_need, write_need], axis=1), axis=0)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    levels_r = np.maximum.accumulate(pairs[order, 0])
    levels_w = np.maximum.accumulate(pairs[order, 1])
    keep = np.ones(len(levels_r), dtype=bool)
    keep[1:] = (np.diff(levels_r) > 0) | (np.diff(levels_w) > 0)
    levels_r, levels_w = levels_r[keep], levels_w[keep]
    # lowest level covering both needs: first index where R ≥ r and W ≥ w
    by_read = np.searchsorted(levels_r, read_need, side="left")
    by_write = np.array([np.argmax(levels_w >= w) for w in np.unique(write_need)])
    write_index = dict(zip(np.unique(write_need), by_write, strict=True))
    need = np.maximum(by_read, np.array([write_index[w] for w in write_need]))
    return levels_r, levels_w, need


def _start_phase(used_today: int, day: np.ndarray, hour: np.ndarray) -> tuple[int, int | None]:
    """The decrease phase at the plan's start given decreases already made today (from a live table)."""
    if used_today <= 0:
        return 0, None
    remaining = 27 - used_today
    if remaining <= 0:
        return 7, None
    first_day_steps = np.flatnonzero(day == day[0])
    hours_left = len(np.unique(hour[first_day_steps]))
    if remaining >= hours_left:
        return 5, None
    # keep at most `remaining` decreases today: allow them only in the day's last `remaining` hours
    unlock_hour = np.unique(hour[first_day_steps])[-remaining]
    return 7, int(first_day_steps[np.argmax(hour[first_day_steps] == unlock_hour)])


def _with_throttle_penalty(demand, settings, levels_r, levels_w, base_cost, step_cost, day, hour, start_phase, unlock):
    """Let levels below a step's need throttle, at a price per throttled request found by bisection so
    the month's throttled share stays within the allowed fraction."""
    step = settings.step_minutes
    steps = MINUTES // step
    reads = demand.read_units.reshape(steps, step)
    writes = demand.write_units.reshape(steps, step)
    per_read = float(demand.read_units.sum()) * 60 / demand.reads_per_month if demand.reads_per_month else 1.0
    per_write = float(demand.write_units.sum()) * 60 / demand.writes_per_month if demand.writes_per_month else 1.0
    lost = (np.maximum(reads[:, :, None] - levels_r[None, None, :], 0).sum(axis=1) * 60 / per_read
            + np.maximum(writes[:, :, None] - levels_w[None, None, :], 0).sum(axis=1) * 60 / per_write)
    budget = settings.allowed_throttle_fraction * (demand.reads_per_month + demand.writes_per_month)
    low, high = 0.0, 1.0
    best = step_cost
    for _ in range(30):  # penalty per throttled request in USD, bisected on a log scale
        penalty = math.sqrt(low * high) if low > 0 else high / 1e6
        trial = base_cost[None, :] + penalty * lost
        plan = cheapest_schedule(trial, day, hour, start_phase, unlock)
        throttled = float(lost[np.arange(steps), plan.levels].sum())
        if throttled <= budget:
            best, high = trial, penalty
        else:
            low = penalty
        if high / max(low, 1e-12) < 1.05:
            break
    return best


def _schedule_rows(levels, levels_r, levels_w, step, offset_minutes, start_utc) -> list[dict]:
    """Each capacity change: start (ISO 8601 UTC, or minutes from the month start), RCU and WCU."""
    starts = np.flatnonzero(np.diff(levels, prepend=-1) != 0)
    rows = []
    for k in starts:
        minute = int(k) * step
        when = (start_utc + timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M:%SZ") if start_utc else None
        rows.append({"start": when, "minute_of_month": minute, "rcu": int(levels_r[levels[k]]),
                     "wcu": int(levels_w[levels[k]])})
    return rows


def autoscaling(demand: TableDemand, prices: Prices, settings: PlannerSettings) -> Strategy:
    """Target tracking as AWS runs it, simulated per minute for reads and writes separately."""
    day, hour = utc_calendar(demand)
    budget: dict[int, list[int]] = {}  # one decrease budget per table: read and write scaling share it
    read_cap, read_down = _track(demand.read_units, settings, day, hour, budget)
    write_cap, write_down = _track(demand.write_units, settings, day, hour, budget)
    per_day = {d: read_down.get(d, 0) + write_down.get(d, 0) for d in set(read_down) | set(write_down)}
    return _provisioned("autoscaling", demand, prices, settings, read_cap, write_cap, max(per_day.values(), default=0),
                        f"Target {settings.target_utilization:.0%}; scales out after 2 minutes above target, in after "
                        "15 minutes 20 % below it, within the decrease rules (read and write scaling are separate "
                        "updates, so each decrease counts).")


def _track(units: np.ndarray, settings: PlannerSettings, day: np.ndarray, hour: np.ndarray,
           rule: dict[int, list[int]]):
    """Per-minute capacity under target tracking, and decreases per UTC day (event-driven: the loop
    runs once per scaling action, each search vectorised over the minutes ahead)."""
    target = settings.target_utilization
    capacity = np.empty(MINUTES)
    level = float(np.clip(math.ceil(units[0] / target), settings.min_capacity, settings.max_capacity))
    t, decreases = 0, {}
    while t < MINUTES:
        out_at = _first_run(units[t:] > target * level, 2)
        in_at = _first_run(units[t:] < 0.8 * target * level, 15)
        if min(out_at, in_at) >= MINUTES - t:
            capacity[t:] = level
            break
        now = t + min(out_at, in_at)
        effective = min(MINUTES, now + 1 + settings.autoscaling_lag_minutes)  # the alarm's action lands
        capacity[t:effective] = level
        if out_at <= in_at:
            level = float(min(settings.max_capacity, max(level + 1, math.ceil(units[now] / target))))
        else:
            lower = float(max(settings.min_capacity, math.ceil(units[now - 14:now + 1].max() / target)))
            when = effective - 1
            if lower < level and _may_decrease(rule, int(day[when]), int(hour[when])):
                level = lower
                decreases[int(day[when])] = decreases.get(int(day[when]), 0) + 1
            else:  # no decrease allowed now: hold until the next clock hour, then look again
                later = min(MINUTES, _next_hour(effective - 1, hour))
                capacity[effective:later] = level
                effective = max(later, effective)
        t = effective
    return capacity, decreases


def _first_run(condition: np.ndarray, length: int) -> int:
    """Index where `condition` has first held for `length` consecutive steps (len if never).

    Looks ahead in growing windows (the next event is usually within hours), so each call costs
    about the distance to the event, not the rest of the month."""
    size = len(condition)
    window = 256
    start = 0
    while start < size:
        end = min(size, start + window)
        chunk = condition[max(0, start - length + 1):end].astype(np.int32)
        counts = np.convolve(chunk, np.ones(length, dtype=np.int32), mode="valid")
        hits = np.flatnonzero(counts == length)
        if len(hits):
            return int(hits[0] + length - 1 + max(0, start - length + 1))
        start, window = end, window * 4
    return size


def _may_decrease(rule: dict[int, list[int]], day: int, hour: int) -> bool:
    """Apply the per-day rule to a decrease now; record it when allowed."""
    hours = rule.setdefault(day, [])
    in_hour = hours.count(hour)
    allowed = (in_hour < 4) if (not hours or hours[0] == hour) else in_hour < 1
    if allowed:
        hours.append(hour)
    return allowed


def _next_hour(minute: int, hour: np.ndarray) -> int:
    later = np.flatnonzero(hour[minute:] != hour[minute])
    return minute + int(later[0]) if len(later) else MINUTES


def reserved(demand: TableDemand, prices: Prices, settings: PlannerSettings, base: Strategy) -> Strategy:
    """Reserve the capacity the schedule never goes below (blocks of 100), the rest as scheduled."""
    if not prices.reserved:
        return Strategy("reserved", None, None, base.throttled_requests, base.avg_utilization, base.max_decreases_in_a_day,
                        note="Reserved capacity is available for the Standard table class only.")
    best = None
    for term, years in (("1y", 1), ("3y", 3)):
        rates = prices.reserved[term]
        blocks_r = int(base.read_capacity.min() // 100)
        blocks_w = int(base.write_capacity.min() // 100)
        monthly_reserved = (blocks_r * (rates["rcu_upfront"] / (12 * years) + rates["rcu_hours"] * 730)
                            + blocks_w * (rates["wcu_upfront"] / (12 * years) + rates["wcu_hours"] * 730))
        rest = provisioned_cost(base.read_capacity - blocks_r * 100, base.write_capacity - blocks_w * 100, prices)
        cost = monthly_reserved + rest
        if best is None or cost < best[0]:
            best = (cost, term, blocks_r, blocks_w, monthly_reserved, rest)
    cost, term, blocks_r, blocks_w, monthly_reserved, rest = best
    note = (f"{term} term: {blocks_r * 100:,} RCU and {blocks_w * 100:,} WCU reserved (upfront spread over the term), "
            "the rest as the scheduled plan." if blocks_r or blocks_w else
            "The table never needs 100 units all month: nothing to reserve (same as the scheduled plan).")
    twelve = monthly_reserved * 12 + rest * growth_factor_12(settings.growth_per_month)
    return Strategy("reserved", _usd(cost), _usd(twelve),
                    base.throttled_requests, base.avg_utilization, base.max_decreases_in_a_day,
                    base.read_capacity, base.write_capacity, base.schedule, note)


@dataclass
class Plan:
    """All strategies for a table, the recommendation and the break-even utilization."""

    table: str
    strategies: list[Strategy]
    recommended: str
    reason: str
    break_even_utilization: dict[str, float]
    demand: TableDemand


def plan_table(demand: TableDemand, catalog: Catalog, settings: PlannerSettings,
               start_utc: datetime | None = None) -> Plan:
    """Every strategy for one table, and the cheapest one within the allowed throttling."""
    prices = prices_for(catalog, demand.table_class, settings.free_tier and demand.table_class == "standard")
    plan = scheduled(demand, prices, settings, start_utc)
    strategies = [on_demand(demand, prices, settings), fixed(demand, prices, settings),
                  autoscaling(demand, prices, settings), plan, reserved(demand, prices, settings, plan)]
    allowed = settings.allowed_throttle_fraction * (demand.reads_per_month + demand.writes_per_month)
    eligible = [s for s in strategies if s.monthly_cost_usd is not None and s.throttled_requests <= allowed + 1e-6]
    best = min(eligible, key=lambda s: s.monthly_cost_usd)
    on_demand_cost = strategies[0].monthly_cost_usd
    even = break_even_utilization(prices)
    saving = (1 - float(best.monthly_cost_usd) / float(on_demand_cost)) if on_demand_cost else 0.0
    reason = (f"{best.name} is the cheapest plan that keeps throttling within {settings.allowed_throttle_fraction:.2%}: "
              f"USD {best.monthly_cost_usd:,.2f} a month"
              + (f", {saving:.0%} below on-demand" if best.name != "on_demand" and saving > 0 else "")
              + f". Provisioned pays off above {even['read']:.0%} average utilization.")
    return Plan(demand.table, strategies, best.name, reason, even, demand)


def scheduled_actions(table: str, schedule: list[dict]) -> list[dict]:
    """The scheduled plan as Application Auto Scaling scheduled actions (one per dimension and change).

    Note: these change reads and writes in separate updates, so a change lowering both counts as
    two decreases; to keep one decrease per change, apply each row with a single UpdateTable call.
    """
    actions = []
    for number, row in enumerate(schedule):
        when = row["start"] or f"month+{row['minute_of_month']}min"
        kind = "index" if "/index/" in table else "table"
        for dimension, units in (("ReadCapacityUnits", row["rcu"]), ("WriteCapacityUnits", row["wcu"])):
            actions.append({
                "ServiceNamespace": "dynamodb", "ResourceId": f"table/{table}",
                "ScalableDimension": f"dynamodb:{kind}:{dimension}",
                "ScheduledActionName": f"{table.replace('/', '-')}-{number:04d}-{dimension[:5].lower()}",
                "Schedule": f"at({when.rstrip('Z')})" if row["start"] else when,
                "ScalableTargetAction": {"MinCapacity": units, "MaxCapacity": units},
            })
    return actions
