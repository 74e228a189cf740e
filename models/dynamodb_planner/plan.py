"""DynamoDB capacity planner: on-demand, fixed provisioned, auto scaling, an exact schedule and
reserved capacity, side by side on a table's own traffic curve (per minute over the month).

Costs here are the table's throughput only (storage, backups and streams are the same whatever
the capacity mode). Free tier: the always-free 25 RCU / 25 WCU (18,600 unit-hours a month each,
the Price List's $0 band) are shared by all the account's provisioned Standard tables and GSIs:
the planned table gets what the design's other ones leave (`free_used_elsewhere`), so each cost is
what this table adds to the bill.

Strategies that can be applied as they are: on-demand, fixed, auto scaling, the weekly recurring
schedule (Application Auto Scaling scheduled actions, at most 200 per scalable target) and
reserved capacity on top of it. The exact one-time schedule for the month would need hundreds of
one-time actions per target: it is shown as a lower bound only and never recommended.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal, TypedDict, Unpack

import numpy as np
from numpy.typing import NDArray

from models.costs.money import round_money
from models.costs.price_book import PriceBook
from models.costs.prices import Catalog
from models.design.schema import Design
from models.dynamodb_planner.schedule import (
    DecreaseRule,
    RollingBudget,
    Schedule,
    StartState,
    cheapest_schedule,
    cheapest_schedules,
    decrease_steps,
    step_calendar,
    steps_since,
)
from models.messages import Message, msg
from models.run.queueing import credit_bucket_overflow
from models.units import HOURS_PER_MONTH, MINUTES_PER_MONTH, MINUTES_PER_WEEK

MINUTES = MINUTES_PER_MONTH
WEEK_MINUTES = MINUTES_PER_WEEK
BURST_SECONDS = 300  # DynamoDB keeps up to 5 minutes of unused capacity as burst credit
MONTH_HOURS = HOURS_PER_MONTH
#: Application Auto Scaling: "Scheduled actions per scalable target 200", not adjustable
#: (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-quotas.html)
SCHEDULED_ACTIONS_PER_TARGET = 200


#: one capacity change of a schedule: "start" (ISO 8601 UTC, a weekday and UTC time, or None), the minute of
#: the month ("minute_of_month") or of the week ("minute_of_week"), "rcu" and "wcu"
ScheduleRow = dict[str, str | int | None]
#: one Application Auto Scaling PutScheduledAction request, as its JSON (strings, and ScalableTargetAction:
#: {"MinCapacity", "MaxCapacity"})
ScheduledAction = dict[str, Any]
#: which capacity a dimension's scalable target sets
DIMENSIONS: tuple[tuple[str, Literal["rcu", "wcu"], str], ...] = (
    ("read", "rcu", "ReadCapacityUnits"), ("write", "wcu", "WriteCapacityUnits"))


class WeeklyPattern(TypedDict):
    """The weekly plan: capacity per step of the UTC week from Monday 00:00."""

    step_minutes: int
    rcu: list[float]
    wcu: list[float]


@dataclass(frozen=True)
class PlannerSettings:
    """Choices a user makes for the plan (fractions are 0–1)."""

    step_minutes: int = 15
    headroom: float = 0.10               # capacity above the step's peak (fixed and scheduled plans)
    target_utilization: float = 0.70     # auto scaling target (AWS allows 20–90 %)
    min_capacity: int = 1
    max_capacity: int = 40_000
    allowed_throttle_fraction: float = 0.0
    decreases_used_today: int = 0        # NumberOfDecreasesToday of the live table or GSI
    last_decrease: datetime | None = None  # LastDecreaseDateTime (UTC) of the live table or GSI
    decreases_per_day: int = 27          # Service Quotas L-F3CA5463 (adjustable)
    autoscaling_lag_minutes: int = 1     # minutes from the alarm to the new capacity
    growth_per_month: float = 0.0
    free_tier: bool = True
    recurring_step_minutes: int = 60     # the weekly plan's step: 168 steps a week ≤ 200 actions
    free_rcu_hours_used_elsewhere: float = 0.0  # free RCU-hours the design's other tables/GSIs use
    free_wcu_hours_used_elsewhere: float = 0.0


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
    schedule: list[ScheduleRow] = field(default_factory=list)
    note: str = ""
    applicable: bool = True              # False: shown for comparison only (the one-time lower bound)
    decreases: list[tuple[int, str]] = field(default_factory=list)  # (minute of month, "read"/"write"/"both")
    #: weekly plan: {"step_minutes", "rcu": [...], "wcu": [...]} (UTC from Monday 00:00)
    pattern: WeeklyPattern | None = None


@dataclass(frozen=True)
class Prices:
    """USD per unit-hour (provisioned), per request unit (on-demand) and reserved terms."""

    rcu_hour: float
    wcu_hour: float
    rru: float
    wru: float
    free_rcu_hours: float
    free_wcu_hours: float
    #: term → {"rcu_upfront", "rcu_hours", "wcu_upfront", "wcu_hours"} per 100 units
    reserved: dict[str, dict[str, float]]
    free_note: str = ""  # how much of the shared free tier is left for this table


def prices_for(catalog: Catalog, table_class: str, free_tier: bool, used_rcu_hours: float = 0.0,
               used_wcu_hours: float = 0.0) -> Prices:
    """The table class's prices from the catalog (reserved capacity exists for Standard only).

    The free allowance (unit-hours a month, shared by the account's provisioned Standard tables
    and GSIs) is what is left after `used_rcu_hours` / `used_wcu_hours` of the design's others."""
    ia = "_ia" if table_class == "standard_ia" else ""
    book = PriceBook(catalog)
    usd = book.usd_per_unit

    def allowance(price_id: str) -> float:
        return book.free_amount(price_id) if free_tier else 0.0

    reserved: dict[str, dict[str, float]] = {}
    if not ia:
        for term in ("1y", "3y"):
            reserved[term] = {part: usd(f"dynamodb.reserved_{term}.{part}") for part in
                              ("rcu_upfront", "rcu_hours", "wcu_upfront", "wcu_hours")}
    total_r = allowance(f"dynamodb.provisioned{ia}.rcu_hours")
    total_w = allowance(f"dynamodb.provisioned{ia}.wcu_hours")
    left_r, left_w = max(0.0, total_r - used_rcu_hours), max(0.0, total_w - used_wcu_hours)
    note = ""
    if total_r or total_w:
        note = msg("dynamodb_plan.free_tier_left", "Free tier: {left_r:,.0f} of {total_r:,.0f} RCU-hours and "
                   "{left_w:,.0f} of {total_w:,.0f} WCU-hours left for this table after the design's other provisioned "
                   "Standard tables and indexes (the cost is what this table adds).", left_r=left_r, total_r=total_r,
                   left_w=left_w, total_w=total_w)
    return Prices(usd(f"dynamodb.provisioned{ia}.rcu_hours"), usd(f"dynamodb.provisioned{ia}.wcu_hours"),
                  usd(f"dynamodb.on_demand{ia}.read_request_units"), usd(f"dynamodb.on_demand{ia}.write_request_units"),
                  left_r, left_w, reserved, note)


def free_used_elsewhere(design: Design, table_id: str, index: str | None = None) -> tuple[float, float]:
    """Free-tier RCU-hours and WCU-hours a month the design's other provisioned Standard capacity
    uses (other tables, and the planned table's base or other GSIs at their design capacity):
    `design` is a parsed models.design.Design."""
    rcu = wcu = 0.0
    for c in design.components:
        if c.type != "dynamodb" or c.billing != "provisioned" or c.table_class != "standard":
            continue
        owners = [("", c.rcu, c.wcu)] + [(g.name, g.rcu, g.wcu) for g in c.gsis]
        for name, r, w in owners:
            if c.id == table_id and name == (index or ""):
                continue  # the one being planned
            rcu += (r or 0) * MONTH_HOURS
            wcu += (w or 0) * MONTH_HOURS
    return rcu, wcu


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
                    note=msg("dynamodb_plan.on_demand", "Billed per request unit; spikes above twice the previous peak "
                             "within 30 minutes may throttle."))


def required(units: np.ndarray, settings: PlannerSettings) -> np.ndarray:
    """Capacity that covers each minute's demand with the headroom, within the min/max."""
    need = np.ceil(units * (1 + settings.headroom) - 1e-9)
    return np.clip(need, settings.min_capacity, settings.max_capacity)


def fixed(demand: TableDemand, prices: Prices, settings: PlannerSettings) -> Strategy:
    """One capacity all month: the peak minute plus headroom."""
    read_cap = np.full(MINUTES, required(demand.read_units, settings).max())
    write_cap = np.full(MINUTES, required(demand.write_units, settings).max())
    return _provisioned("provisioned_fixed", demand, prices, settings, read_cap, write_cap, 0,
                        msg("dynamodb_plan.fixed", "{rcu:,.0f} RCU and {wcu:,.0f} WCU all month (peak + "
                            "{headroom:.0%}).", rcu=read_cap[0], wcu=write_cap[0], headroom=settings.headroom))


class _StrategyExtras(TypedDict, total=False):
    applicable: bool
    decreases: list[tuple[int, str]]
    pattern: WeeklyPattern | None


def _provisioned(name: str, demand: TableDemand, prices: Prices, settings: PlannerSettings,
                 read_cap: NDArray[np.float64], write_cap: NDArray[np.float64], max_decreases: int, note: str,
                 schedule: list[ScheduleRow] | None = None, **extra: Unpack[_StrategyExtras]) -> Strategy:
    cost = provisioned_cost(read_cap, write_cap, prices)
    if prices.free_note:
        note = msg("dynamodb_plan.note_and_more", "{note} {more}", note=note, more=prices.free_note)
    return Strategy(name, _usd(cost), _usd(cost * growth_factor_12(settings.growth_per_month)),
                    throttled_requests(demand, read_cap, write_cap), utilization(demand, read_cap, write_cap),
                    max_decreases, read_cap, write_cap, schedule or [], note, **extra)


def _usd(value: float) -> Decimal:
    return Decimal(repr(round(value, 6)))


def utc_calendar(demand: TableDemand, step_minutes: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """UTC day and hour for each step of the month (local time starts at Monday 00:00)."""
    return step_calendar(MINUTES // step_minutes, step_minutes, demand.utc_offset_minutes)



#: distinct capacities per dimension the exact programmes work on; above this, needs are rounded
#: to as many values (up for the weekly plan, so it never throttles; down for the lower bound, so
#: it stays a bound) — keeps large tables to seconds
ONE_TIME_VALUES = 160
WEEKLY_VALUES = 64


def rounded_needs(need: np.ndarray, most: int, up: bool) -> tuple[np.ndarray, bool]:
    """`need` rounded to at most `most` of its own distinct values (evenly spaced in rank, the lowest
    and highest kept): up to the next kept value, or down to the previous one. (needs, rounded?)."""
    values = np.unique(need)
    if len(values) <= most:
        return need, False
    kept = values[np.unique(np.round(np.linspace(0, len(values) - 1, most)).astype(int))]
    if up:
        return kept[np.searchsorted(kept, need, side="left")], True
    return kept[np.searchsorted(kept, need, side="right") - 1], True


def start_state(settings: PlannerSettings, start_utc: datetime | None, step_minutes: int) -> StartState:
    """The live table's decrease state at the plan's first step.

    With `last_decrease` and a start time: the gap is measured from it, and `decreases_used_today`
    counts only if that decrease was on the UTC day the plan starts (the counter resets at 00:00
    UTC). Without `last_decrease`, decreases used today are taken to be on the plan's first UTC day
    and the last of them to be at its start (the reading AWS cannot refuse)."""
    used = settings.decreases_used_today
    last = settings.last_decrease
    if last is not None and start_utc is not None:
        last_utc = _naive_utc(last)
        start = _naive_utc(start_utc)
        minutes = max(0.0, (start - last_utc).total_seconds() / 60)
        same_day = last_utc.date() == start.date()
        return StartState(used if same_day else 0, steps_since(minutes, step_minutes))
    if last is not None or used > 0:
        return StartState(used, 0)
    return StartState()


def _naive_utc(when: datetime) -> datetime:
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def scheduled(demand: TableDemand, prices: Prices, settings: PlannerSettings,
              start_utc: datetime | None = None) -> Strategy:
    """The lower bound: the cheapest one-time schedule for this month in steps of `step_minutes`,
    reads and writes each solved exactly on its own full decrease budget (rolling 60-minute rule,
    the live table's starting state), with zero throttling (or, with an allowed fraction, a
    throttling penalty searched by bisection).

    Why a bound: any schedule AWS accepts, applied by UpdateTable or by separate scalable targets,
    lowers reads at a subset of its decrease times and writes at a subset, and a subset of an
    accepted sequence is accepted; so each dimension's projection is feasible on its own and costs
    at least that dimension's optimum. Not applicable: hundreds of one-time actions per target,
    and the two dimensions together may exceed the rule."""
    step = settings.step_minutes
    steps = MINUTES // step
    hours = step / 60
    day, _ = step_calendar(steps, step, demand.utc_offset_minutes)
    rule = DecreaseRule(step, settings.decreases_per_day)
    start = start_state(settings, start_utc, step)
    dims: list[Dimension] = []
    rounded = False
    for units, price, items in ((demand.read_units, prices.rcu_hour, demand.reads_per_month),
                                (demand.write_units, prices.wcu_hour, demand.writes_per_month)):
        step_needs = required(units, settings).reshape(steps, step).max(axis=1)
        need, coarse = rounded_needs(step_needs, ONE_TIME_VALUES, up=False)
        rounded |= coarse
        values = np.unique(need)
        base = values * price * hours
        step_cost = np.where(values[None, :] >= need[:, None], base[None, :], np.inf)
        per_unit = float(units.sum()) * 60 / items if items else 1.0
        lost = (np.maximum(units.reshape(steps, step)[:, :, None] - values[None, None, :], 0).sum(axis=1)
                * 60 / per_unit) \
            if settings.allowed_throttle_fraction > 0 else None
        dims.append((values, base, step_cost, lost))
    penalty, plans_at_penalty = (_throttle_penalty(demand, settings, dims, day, rule, start)
                                 if settings.allowed_throttle_fraction > 0 else (None, None))
    caps, events = [], []
    per_day: dict[int, int] = {}
    costs = [step_cost if penalty is None or lost is None else base[None, :] + penalty * lost
             for _values, base, step_cost, lost in dims]
    # reads and writes side by side, each on its own budget (as the bisection solved them, when it did)
    plans = plans_at_penalty or cheapest_schedules(costs, day, rule, start)
    for (values, _base, _cost, _lost), plan, name in zip(dims, plans, ("read", "write"), strict=True):
        caps.append(values[plan.levels])
        events += [(k * step, name) for k, _ in decrease_steps(plan.levels)]
        for d, n in plan.decreases_per_day.items():
            per_day[d] = max(per_day.get(d, 0), n)
    read_cap, write_cap = np.repeat(caps[0], step), np.repeat(caps[1], step)
    changes = _schedule_rows(caps[0], caps[1], step, start_utc)
    most = max(per_day.values(), default=0)
    return _provisioned("scheduled_one_time", demand, prices, settings, read_cap, write_cap, most,
                        _one_time_note(len(changes), step, most, rounded),
                        changes, applicable=False, decreases=sorted(events))


Dimension = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64] | None]


def _throttle_penalty(demand: TableDemand, settings: PlannerSettings, dims: list[Dimension], day: NDArray[np.int64],
                      rule: DecreaseRule, start: StartState) -> tuple[float, list[Schedule] | None]:
    """A price per throttled request (USD), bisected on a log scale, at which the two dimensions'
    optimal schedules together throttle at most the allowed share of requests; and those schedules when the
    bisection solved them at that price (None when it never did: the starting upper bound, 1 USD, was kept)."""
    budget = settings.allowed_throttle_fraction * (demand.reads_per_month + demand.writes_per_month)
    low, high = 0.0, 1.0
    at_high: list[Schedule] | None = None
    steps = len(day)
    priced = [(base, lost) for _values, base, _cost, lost in dims if lost is not None]
    if len(priced) != len(dims):
        raise ValueError("throttling penalty asked for without the requests each capacity loses")
    for _ in range(30):
        penalty = math.sqrt(low * high) if low > 0 else high / 1e6
        plans = cheapest_schedules([base[None, :] + penalty * lost for base, lost in priced], day, rule, start)
        throttled = sum(float(lost[np.arange(steps), plan.levels].sum())
                        for (_base, lost), plan in zip(priced, plans, strict=True))
        if throttled <= budget:
            high, at_high = penalty, plans
        else:
            low = penalty
        if high / max(low, 1e-12) < 1.05:
            break
    return high, at_high


def _schedule_rows(read_cap: np.ndarray, write_cap: np.ndarray, step: int,
                   start_utc: datetime | None) -> list[ScheduleRow]:
    """Each capacity change (per step): start (ISO 8601 UTC, or None), minutes from the month start, RCU and WCU."""
    starts = np.flatnonzero((np.diff(read_cap, prepend=-1) != 0) | (np.diff(write_cap, prepend=-1) != 0))
    rows = []
    for k in starts:
        minute = int(k) * step
        when = (start_utc + timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M:%SZ") if start_utc else None
        rows.append({"start": when, "minute_of_month": minute, "rcu": int(read_cap[k]), "wcu": int(write_cap[k])})
    return rows


DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def week_slot(demand: TableDemand, step_minutes: int) -> np.ndarray:
    """For each minute of the month, its step of the UTC week (Monday 00:00 UTC = step 0)."""
    return np.mod(np.arange(MINUTES) - demand.utc_offset_minutes, WEEK_MINUTES) // step_minutes


def solve_week(read_need: np.ndarray, write_need: np.ndarray, rcu_hour: float, wcu_hour: float,
               settings: PlannerSettings) -> tuple[np.ndarray, np.ndarray]:
    """The cheapest weekly pattern (RCU and WCU per step of the UTC week) covering the needs, that
    obeys the decrease rule when repeated week after week.

    Reads and writes are separate scalable targets (separate updates): each is lowered on its own,
    at its own time, and each lowering counts (the grid programme). Sound when repeated: the week
    starts at 00:00 UTC (the daily budget resets) as if from the pattern's peak (the apply
    instructions register each target there), with a full gap, and no decrease in the week's last
    gap − 1 steps, so the gap also holds across Sunday → Monday."""
    step = settings.recurring_step_minutes
    steps = len(read_need)
    read_values, write_values = np.unique(read_need), np.unique(write_need)
    hours = step / 60
    cost_r = np.where(read_values[None, :] >= read_need[:, None], read_values[None, :] * rcu_hour * hours, np.inf)
    cost_w = np.where(write_values[None, :] >= write_need[:, None], write_values[None, :] * wcu_hour * hours, np.inf)
    step_cost = (cost_r[:, :, None] + cost_w[:, None, :]).reshape(steps, -1)
    rule = DecreaseRule(step, settings.decreases_per_day)
    day = np.arange(steps) * step // 1440
    no_decrease = np.zeros(steps, dtype=bool)
    if rule.gap_steps > 1:
        no_decrease[steps - (rule.gap_steps - 1):] = True
    cols = len(write_values)
    plan = cheapest_schedule(step_cost, day, rule, StartState(), prior_level=step_cost.shape[1] - 1,
                             no_decrease=no_decrease, grid=(len(read_values), cols))
    return read_values[plan.levels // cols], write_values[plan.levels % cols]


def scheduled_weekly(demand: TableDemand, prices: Prices, settings: PlannerSettings) -> Strategy:
    """The recurring plan: one week of capacity in `recurring_step_minutes` steps (UTC), repeated;
    applied as cron scheduled actions, at most one per step and scalable target (168 ≤ 200)."""
    step = settings.recurring_step_minutes
    steps = WEEK_MINUTES // step
    if steps > SCHEDULED_ACTIONS_PER_TARGET:
        raise ValueError(f"recurring_step_minutes {step}: {steps} steps a week exceed "
                         f"{SCHEDULED_ACTIONS_PER_TARGET} scheduled actions per scalable target")
    slot = week_slot(demand, step)
    read_need = np.zeros(steps)
    write_need = np.zeros(steps)
    np.maximum.at(read_need, slot, required(demand.read_units, settings))
    np.maximum.at(write_need, slot, required(demand.write_units, settings))
    read_need, coarse_r = rounded_needs(read_need, WEEKLY_VALUES, up=True)
    write_need, coarse_w = rounded_needs(write_need, WEEKLY_VALUES, up=True)
    pattern_r, pattern_w = solve_week(read_need, write_need, prices.rcu_hour, prices.wcu_hour, settings)
    read_cap = pattern_r[slot].astype(float)
    write_cap = pattern_w[slot].astype(float)
    rows = weekly_rows(pattern_r, pattern_w, step)
    per_target = max(len(recurring_actions("t", {"step_minutes": step, "rcu": pattern_r.tolist(),
                                                 "wcu": pattern_w.tolist()}, dimension))
                     for dimension in ("read", "write"))
    falls = _week_decreases(pattern_r, pattern_w, step)
    per_day: dict[int, int] = {}
    for minute, _dim in falls:
        per_day[minute // 1440] = per_day.get(minute // 1440, 0) + 1
    most = max(per_day.values(), default=0)
    events = []  # month minute m is UTC week minute (m − offset) mod one week
    for minute_of_week, dim in falls:
        first = (minute_of_week + demand.utc_offset_minutes) % WEEK_MINUTES
        events += [(m, dim) for m in range(first, MINUTES, WEEK_MINUTES) if m > 0]
    events.sort()
    return _provisioned("scheduled_weekly", demand, prices, settings, read_cap, write_cap, most,
                        _weekly_note(len(rows), step, per_target, most, coarse_r or coarse_w),
                        rows, decreases=events,
                        pattern={"step_minutes": step, "rcu": pattern_r.astype(int).tolist(),
                                 "wcu": pattern_w.astype(int).tolist()})


def _week_decreases(pattern_r: np.ndarray, pattern_w: np.ndarray, step: int) -> list[tuple[int, str]]:
    """(minute of the UTC week, dimension) of each decrease when the week repeats (the wrap included)."""
    out = []
    for name, values in (("read", pattern_r), ("write", pattern_w)):
        falls = np.flatnonzero(values < np.roll(values, 1))
        out += [(int(k) * step, name) for k in falls]
    return sorted(out)


def weekly_rows(pattern_r: np.ndarray, pattern_w: np.ndarray, step: int) -> list[ScheduleRow]:
    """Each change of the weekly pattern (the first step always): UTC day and time, RCU and WCU."""
    rows: list[ScheduleRow] = []
    for k in range(len(pattern_r)):
        if k == 0 or pattern_r[k] != pattern_r[k - 1] or pattern_w[k] != pattern_w[k - 1]:
            minute = k * step
            rows.append({"start": f"{DAYS[minute // 1440]} {minute % 1440 // 60:02d}:{minute % 60:02d} UTC",
                         "minute_of_week": minute, "rcu": int(pattern_r[k]), "wcu": int(pattern_w[k])})
    return rows


def recurring_actions(table: str, pattern: WeeklyPattern, dimension: str | None = None) -> list[ScheduledAction]:
    """The weekly pattern as Application Auto Scaling PutScheduledAction requests with cron
    schedules (UTC, the default time zone): for each scalable target (read, write), one action per
    (time of day, capacity) that it changes to, on the weekdays it does so, e.g.
    cron(0 13 ? * MON-FRI *). The first step of the week always has an action, so the pattern
    re-establishes itself every week."""
    step = pattern["step_minutes"]
    kind = "index" if "/index/" in table else "table"
    actions: list[ScheduledAction] = []
    for name, key, dim in DIMENSIONS:
        if dimension and name != dimension:
            continue
        values = pattern[key]
        changes: dict[tuple[int, int], list[int]] = {}
        for k, units in enumerate(values):
            if k == 0 or units != values[k - 1]:
                minute = k * step
                changes.setdefault((minute % 1440, int(units)), []).append(minute // 1440)
        for (minute_of_day, units), days in sorted(changes.items()):
            actions.append({
                "ServiceNamespace": "dynamodb", "ResourceId": f"table/{table}",
                "ScalableDimension": f"dynamodb:{kind}:{dim}",
                "ScheduledActionName": (f"{table.replace('/', '-')}-{name}-"
                                        f"{minute_of_day // 60:02d}{minute_of_day % 60:02d}"
                                        f"-{units}"),
                "Schedule": f"cron({minute_of_day % 60} {minute_of_day // 60} ? * {_day_list(days)} *)",
                "ScalableTargetAction": {"MinCapacity": units, "MaxCapacity": units},
            })
    return actions


def _day_list(days: list[int]) -> str:
    """Weekdays for a cron day-of-week field: ranges where consecutive (MON-FRI), else a list."""
    days = sorted(set(days))
    parts, k = [], 0
    while k < len(days):
        end = k
        while end + 1 < len(days) and days[end + 1] == days[end] + 1:
            end += 1
        parts.append(DAYS[days[k]] if end == k else f"{DAYS[days[k]]}-{DAYS[days[end]]}")
        k = end + 1
    return ",".join(parts)


def autoscaling(demand: TableDemand, prices: Prices, settings: PlannerSettings,
                start_utc: datetime | None = None) -> Strategy:
    """Target tracking as AWS runs it, simulated per minute for reads and writes separately; each
    scale-in is its own UpdateTable, so read and write scale-ins share the table's decrease budget
    in time order, and a scale-in the rolling 60-minute rule forbids is held until it is allowed."""
    day, hour = utc_calendar(demand)
    budget = RollingBudget(DecreaseRule(1, settings.decreases_per_day), int(day[0]),
                           start_state(settings, start_utc, 1))
    trackers = {"read": _Tracker(demand.read_units, settings), "write": _Tracker(demand.write_units, settings)}
    events: list[tuple[int, str]] = []
    pending = {name: t.next_event() for name, t in trackers.items()}
    while any(p is not None for p in pending.values()):
        due = {n: p for n, p in pending.items() if p is not None}
        name = min(due, key=lambda n: (due[n][0], n))
        if trackers[name].apply(due[name], budget, day, hour):
            events.append((due[name][0], name))
        pending[name] = trackers[name].next_event()
    per_day: dict[int, int] = {}
    for minute, _ in events:
        per_day[int(day[minute])] = per_day.get(int(day[minute]), 0) + 1
    return _provisioned("autoscaling", demand, prices, settings, trackers["read"].capacity, trackers["write"].capacity,
                        max(per_day.values(), default=0),
                        msg("dynamodb_plan.autoscaling", "Target {target:.0%}; scales out after 2 minutes above "
                            "target, in after 15 minutes 20 % below it, within the rolling 60-minute decrease rule "
                            "(read and write scaling are separate updates, so each decrease counts).",
                            target=settings.target_utilization), decreases=events)


def _one_time_note(changes: int, step: int, most: int, rounded: bool) -> Message:
    note = msg("dynamodb_plan.one_time", "Lower bound only, not applicable as scheduled actions: the cheapest one-time "
               "schedule for this month, reads and writes each planned alone on a full decrease budget, {changes} "
               "capacity changes in {step}-minute steps (Application Auto Scaling allows {limit} scheduled actions per "
               "scalable target); at most {most} decreases in a UTC day per dimension under the rolling 60-minute "
               "rule.", changes=changes, step=step, limit=SCHEDULED_ACTIONS_PER_TARGET, most=most)
    if not rounded:
        return note
    return msg("dynamodb_plan.note_and_more", "{note} {more}", note=note,
               more=msg("dynamodb_plan.rounded_down", "Needs rounded down to {n} levels per dimension (a bound, not a "
                        "plan).", n=ONE_TIME_VALUES))


def _weekly_note(changes: int, step: int, per_target: int, most: int, rounded: bool) -> Message:
    note = msg("dynamodb_plan.weekly", "Repeats every week: {changes} capacity changes a week in {step}-minute steps "
               "(UTC), at most {per_target} scheduled actions per scalable target (limit {limit}); at most {most} "
               "decreases in a UTC day, reads and writes counted separately as Application Auto Scaling applies them, "
               "under the rolling 60-minute rule.", changes=changes, step=step, per_target=per_target,
               limit=SCHEDULED_ACTIONS_PER_TARGET, most=most)
    if not rounded:
        return note
    return msg("dynamodb_plan.note_and_more", "{note} {more}", note=note,
               more=msg("dynamodb_plan.rounded_up", "Needs rounded up to {n} levels per dimension.", n=WEEKLY_VALUES))


#: a scaling alarm: (decision minute, now, effective, scale out?)
Event = tuple[int, int, int, bool]


class _Tracker:
    """Target tracking for one dimension, event by event: each search is vectorised over the
    minutes ahead, and the loop runs once per scaling action."""

    def __init__(self, units: np.ndarray, settings: PlannerSettings):
        self.units, self.settings = units, settings
        #: minute m: the least demand of minutes m − 1…m (above target for 2 minutes ⇔ this is above it), and
        #: the most of minutes m − 14…m (15 minutes below a level ⇔ this is below it); −inf / inf before that
        self.low_2 = _window_extreme(units, OUT_MINUTES, np.minimum)
        self.high_15 = _window_extreme(units, IN_MINUTES, np.maximum)
        self.capacity = np.empty(MINUTES)
        self.level = float(np.clip(math.ceil(units[0] / settings.target_utilization),
                                   settings.min_capacity, settings.max_capacity))
        self.t = 0

    def next_event(self) -> Event | None:
        """(decision minute, now, effective, scale out?) of the next alarm, or None (filled to the end)."""
        t, level, target = self.t, self.level, self.settings.target_utilization
        if t >= MINUTES:
            return None
        out_at = _first_above(self.low_2, t + OUT_MINUTES - 1, target * level) - t
        in_at = _first_below(self.high_15, t + IN_MINUTES - 1, 0.8 * target * level) - t
        if min(out_at, in_at) >= MINUTES - t:
            self.capacity[t:] = level
            self.t = MINUTES
            return None
        now = t + min(out_at, in_at)
        effective = min(MINUTES, now + 1 + self.settings.autoscaling_lag_minutes)  # the alarm's action lands
        return (effective - 1, now, effective, out_at <= in_at)

    def apply(self, event: Event, budget: RollingBudget, day: np.ndarray, hour: np.ndarray) -> bool:
        """Carry out the event; True when it was a decrease."""
        when, now, effective, out = event
        settings = self.settings
        self.capacity[self.t:effective] = self.level
        if out:
            target = settings.target_utilization
            self.level = float(min(settings.max_capacity, max(self.level + 1, math.ceil(self.units[now] / target))))
            self.t = effective
            return False
        recent_peak = self.units[now - 14:now + 1].max()
        lower = float(max(settings.min_capacity, math.ceil(recent_peak / settings.target_utilization)))
        if lower < self.level and budget.allows(when, int(day[when])):
            budget.record(when, int(day[when]))
            self.level = lower
            self.t = effective
            return True
        # no decrease now (none needed, or the rule forbids it): hold, then look again
        later = _next_hour(when, hour) if lower >= self.level else budget.next_try(when, day)
        later = min(MINUTES, max(later, effective))
        self.capacity[effective:later] = self.level
        self.t = later
        return False


#: target tracking's alarms: scale out after this many minutes above the target, in after this many 20 % below it
OUT_MINUTES, IN_MINUTES = 2, 15


def _window_extreme(units: np.ndarray, length: int, extreme: np.ufunc) -> np.ndarray:
    """For each minute m, `extreme` (np.minimum or np.maximum) of units[m − length + 1 … m]; the first
    length − 1 minutes (no full window) get the value no threshold passes (−inf for a minimum, inf for a maximum)."""
    out = np.full(len(units), -np.inf if extreme is np.minimum else np.inf)
    if len(units) >= length:
        windows = np.lib.stride_tricks.sliding_window_view(units, length)
        out[length - 1:] = extreme.reduce(windows, axis=1)
    return out


def _first_above(values: np.ndarray, start: int, threshold: float) -> int:
    """The first index ≥ `start` where values > threshold (len(values) if none)."""
    return _first(values, start, lambda chunk: chunk > threshold)


def _first_below(values: np.ndarray, start: int, threshold: float) -> int:
    """The first index ≥ `start` where values < threshold (len(values) if none)."""
    return _first(values, start, lambda chunk: chunk < threshold)


def _first(values: np.ndarray, start: int, test: Callable[[np.ndarray], np.ndarray]) -> int:
    """The first index ≥ `start` where `test` holds, looked for in growing windows (the next scaling event is
    usually within hours), so each call costs about the distance to it, not the rest of the month."""
    size, window = len(values), 256
    while start < size:
        end = min(size, start + window)
        hits = test(values[start:end])
        at = int(hits.argmax())  # the first True, or 0 when there is none
        if hits[at]:
            return start + at
        start, window = end, window * 4
    return size


def _next_hour(minute: int, hour: np.ndarray) -> int:
    later = np.flatnonzero(hour[minute:] != hour[minute])
    return minute + int(later[0]) if len(later) else MINUTES


def reserved(demand: TableDemand, prices: Prices, settings: PlannerSettings, base: Strategy) -> Strategy:
    """Reserve the capacity the weekly schedule never goes below (blocks of 100), the rest as it schedules."""
    if not prices.reserved:
        return Strategy("reserved", None, None, base.throttled_requests, base.avg_utilization,
                        base.max_decreases_in_a_day,
                        note=msg("dynamodb_plan.reserved_standard_only",
                                 "Reserved capacity is available for the Standard table class only."))
    assert base.read_capacity is not None and base.write_capacity is not None  # the weekly schedule has both
    best = None
    for term, years in (("1y", 1), ("3y", 3)):
        rates = prices.reserved[term]
        blocks_r = int(base.read_capacity.min() // 100)
        blocks_w = int(base.write_capacity.min() // 100)
        monthly_reserved = (blocks_r * (rates["rcu_upfront"] / (12 * years) + rates["rcu_hours"] * MONTH_HOURS)
                            + blocks_w * (rates["wcu_upfront"] / (12 * years) + rates["wcu_hours"] * MONTH_HOURS))
        rest = provisioned_cost(base.read_capacity - blocks_r * 100, base.write_capacity - blocks_w * 100, prices)
        cost = monthly_reserved + rest
        if best is None or cost < best[0]:
            best = (cost, term, blocks_r, blocks_w, monthly_reserved, rest)
    assert best is not None
    cost, term, blocks_r, blocks_w, monthly_reserved, rest = best
    note = msg("dynamodb_plan.reserved", "{term} term: {rcu:,} RCU and {wcu:,} WCU reserved (upfront spread over the "
               "term), the rest as the weekly schedule.", term=term, rcu=blocks_r * 100, wcu=blocks_w * 100) \
        if blocks_r or blocks_w else msg("dynamodb_plan.reserved_nothing", "The table never needs 100 units all month: "
                                         "nothing to reserve (same as the weekly schedule).")
    twelve = monthly_reserved * 12 + rest * growth_factor_12(settings.growth_per_month)
    return Strategy("reserved", _usd(cost), _usd(twelve),
                    base.throttled_requests, base.avg_utilization, base.max_decreases_in_a_day,
                    base.read_capacity, base.write_capacity, base.schedule, note,
                    decreases=base.decreases, pattern=base.pattern)


@dataclass
class Plan:
    """All strategies for a table, the recommendation and the break-even utilization."""

    table: str
    strategies: list[Strategy]
    recommended: str
    reason: str
    break_even_utilization: dict[str, float]
    demand: TableDemand
    #: the always-free unit-hours a month this table's provisioned costs count (RCU-hours, WCU-hours): what the
    #: account's 25 RCU / 25 WCU leave after the design's other tables; (0, 0) without the free tier
    free_unit_hours: tuple[float, float] = (0.0, 0.0)
    #: what the one-time lower bound is computed from when it is added later (`with_lower_bound`)
    prices: Prices | None = None
    settings: PlannerSettings | None = None
    start_utc: datetime | None = None


def _cost(strategy: Strategy) -> Decimal:
    """A strategy's monthly cost (only strategies that have one are compared)."""
    assert strategy.monthly_cost_usd is not None
    return strategy.monthly_cost_usd



STRATEGY_ORDER = ("on_demand", "provisioned_fixed", "autoscaling", "scheduled_weekly", "reserved", "scheduled_one_time")

#: the planner settings each strategy reads (tests/models/test_dynamodb_strategy_cache.py records every read of each
#: and checks it is listed here): a strategy worked out for one settings is the same for any other settings that
#: agree on these, with the same demand and prices. The free-tier fields act through the prices.
_PROVISIONED = ("headroom", "min_capacity", "max_capacity", "growth_per_month")
_RULE = ("decreases_per_day",)
_LIVE = ("decreases_used_today", "last_decrease")
STRATEGY_SETTINGS: dict[str, tuple[str, ...]] = {
    "on_demand": ("growth_per_month",),
    "provisioned_fixed": _PROVISIONED,
    "autoscaling": ("target_utilization", "min_capacity", "max_capacity", "autoscaling_lag_minutes",
                    "growth_per_month", *_RULE, *_LIVE),
    "scheduled_weekly": (*_PROVISIONED, "recurring_step_minutes", *_RULE),
    "reserved": (*_PROVISIONED, "recurring_step_minutes", *_RULE),  # reserved capacity on the weekly schedule
    "scheduled_one_time": (*_PROVISIONED, "step_minutes", "allowed_throttle_fraction", *_RULE, *_LIVE),
}
#: the strategies that depend on the month's start time (the live table's decrease state at it)
STARTS_AT = frozenset({"autoscaling", "scheduled_one_time"})
#: what a cached strategy was worked out from (`StrategyCache`)
CacheKey = tuple[object, ...]


class StrategyCache:
    """Strategies already worked out, each under what it came from: the demand (its content), the prices, the
    settings that strategy reads (`STRATEGY_SETTINGS`) and, for those in `STARTS_AT`, the start. A plan that
    agrees on all of these reuses it, so an edit of one setting re-solves only the strategies that read it
    (the auto-scaling target re-simulates auto scaling alone). Keeps the `size` most recently used; safe to
    share between threads. Its strategies are shared: treat them as read-only."""

    def __init__(self, size: int = 48):
        self.size = size
        self._kept: OrderedDict[CacheKey, Strategy] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._kept)

    def has(self, key: CacheKey) -> bool:
        """True when a strategy is kept under `key`."""
        with self._lock:
            return key in self._kept

    def get(self, key: CacheKey, make: Callable[[], Strategy]) -> Strategy:
        """The strategy kept under `key`, or `make()`'s, kept from now on."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        made = make()  # outside the lock: another thread may solve another strategy meanwhile
        with self._lock:
            self._kept[key] = made
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return made


def demand_fingerprint(demand: TableDemand) -> str:
    """A digest of everything in the demand (its per-minute curves and its scalars), to recognise the same demand."""
    digest = hashlib.blake2b(digest_size=16)
    for curve in (demand.read_units, demand.write_units):
        digest.update(np.ascontiguousarray(curve, dtype=np.float64).tobytes())
    digest.update(repr((demand.table, demand.reads_per_month, demand.writes_per_month, demand.table_class,
                        demand.utc_offset_minutes, len(demand.read_units))).encode())
    return digest.hexdigest()


def _cache_key(name: str, fingerprint: str, prices: Prices, settings: PlannerSettings,
               start_utc: datetime | None) -> CacheKey:
    """What strategy `name` is worked out from: the demand's fingerprint, the prices, the settings it reads and,
    for those in `STARTS_AT`, the start."""
    reads = tuple(getattr(settings, field_name) for field_name in STRATEGY_SETTINGS[name])
    return (name, fingerprint, repr(prices), reads, start_utc if name in STARTS_AT else None)


def _solver(cache: StrategyCache | None, demand: TableDemand, prices: Prices, settings: PlannerSettings,
            start_utc: datetime | None) -> Callable[[str, Callable[[], Strategy]], Strategy]:
    """solve(name, make) → the strategy, from `cache` when it has it for this demand, prices and settings."""
    if cache is None:
        return lambda _name, make: make()
    fingerprint = demand_fingerprint(demand)
    return lambda name, make: cache.get(_cache_key(name, fingerprint, prices, settings, start_utc), make)


def plan_table(demand: TableDemand, catalog: Catalog, settings: PlannerSettings,
               start_utc: datetime | None = None, lower_bound: bool = True,
               cache: StrategyCache | None = None) -> Plan:
    """Every strategy for one table, and the cheapest applicable one within the allowed throttling
    (the one-time schedule is a lower bound only: never recommended). `lower_bound=False` leaves
    the one-time schedule out (the slow one: up to seconds at 5-minute steps or with throttling
    allowed), to be added by `with_lower_bound`; the recommendation is the same either way.
    `cache`: reuse the strategies it already has for this demand, prices and the settings each reads."""
    prices = prices_for(catalog, demand.table_class, settings.free_tier and demand.table_class == "standard",
                        settings.free_rcu_hours_used_elsewhere, settings.free_wcu_hours_used_elsewhere)
    solve = _solver(cache, demand, prices, settings, start_utc)
    weekly = solve("scheduled_weekly", lambda: scheduled_weekly(demand, prices, settings))
    strategies = [solve("on_demand", lambda: on_demand(demand, prices, settings)),
                  solve("provisioned_fixed", lambda: fixed(demand, prices, settings)),
                  solve("autoscaling", lambda: autoscaling(demand, prices, settings, start_utc)), weekly,
                  solve("reserved", lambda: reserved(demand, prices, settings, weekly))]
    allowed = settings.allowed_throttle_fraction * (demand.reads_per_month + demand.writes_per_month)
    eligible = [s for s in strategies if s.applicable and s.monthly_cost_usd is not None
                and s.throttled_requests <= allowed + 1e-6]
    best = min(eligible, key=_cost)
    on_demand_cost = strategies[0].monthly_cost_usd
    even = break_even_utilization(prices)
    saving = (1 - float(_cost(best)) / float(on_demand_cost)) if on_demand_cost else 0.0
    # the amount as a quote rounds it (half up to the cent), the exact one for a conversion to another currency
    figures = {"best": best.name, "allowed": settings.allowed_throttle_fraction,
               "usd": round_money(_cost(best), "USD"), "usd_exact": best.monthly_cost_usd, "even": even["read"]}
    if best.name != "on_demand" and saving > 0:
        reason = msg("dynamodb_plan.reason_saving", "{best} is the cheapest plan that keeps throttling within "
                     "{allowed:.2%}: USD {usd:,.2f} a month, {saving:.0%} below on-demand. Provisioned pays off above "
                     "{even:.0%} average utilization.", saving=saving, **figures)
    else:
        reason = msg("dynamodb_plan.reason", "{best} is the cheapest plan that keeps throttling within {allowed:.2%}: "
                     "USD {usd:,.2f} a month. Provisioned pays off above {even:.0%} average utilization.", **figures)
    plan = Plan(demand.table, strategies, best.name, reason, even, demand,
                (prices.free_rcu_hours, prices.free_wcu_hours), prices, settings, start_utc)
    return with_lower_bound(plan, cache) if lower_bound else plan


def with_lower_bound(plan: Plan, cache: StrategyCache | None = None) -> Plan:
    """The plan with the one-time lower bound added as its last strategy (`scheduled`, from the same
    demand, prices, settings and start; from `cache` when it has it). A plan that has it already is
    returned as it is."""
    if any(s.name == "scheduled_one_time" for s in plan.strategies):
        return plan
    if plan.prices is None or plan.settings is None:
        raise ValueError("with_lower_bound needs a plan made by plan_table (its prices and settings)")
    prices, settings = plan.prices, plan.settings
    solve = _solver(cache, plan.demand, prices, settings, plan.start_utc)
    bound = solve("scheduled_one_time", lambda: scheduled(plan.demand, prices, settings, plan.start_utc))
    return replace(plan, strategies=[*plan.strategies, bound])


def lower_bound_known(plan: Plan, cache: StrategyCache) -> bool:
    """True when `with_lower_bound(plan, cache)` takes the bound from the cache (or the plan has it): no solving."""
    if any(s.name == "scheduled_one_time" for s in plan.strategies):
        return True
    if plan.prices is None or plan.settings is None:
        return False
    return cache.has(_cache_key("scheduled_one_time", demand_fingerprint(plan.demand), plan.prices, plan.settings,
                                plan.start_utc))


def scheduled_actions(table: str, strategy: Strategy) -> list[ScheduledAction]:
    """The weekly plan (or reserved on top of it) as Application Auto Scaling scheduled actions."""
    if strategy.pattern is None:
        raise ValueError(f"{strategy.name} has no recurring pattern to apply as scheduled actions")
    return recurring_actions(table, strategy.pattern)


def apply_instructions(table: str, pattern: WeeklyPattern) -> list[str]:
    """How to apply the actions with the AWS CLI: register each dimension as a scalable target at the
    pattern's peak (an increase, which never counts against the decrease budget; the plan assumes
    this starting point), then put each scheduled action."""
    kind = "index" if "/index/" in table else "table"
    lines = []
    for _name, key, dim in DIMENSIONS:
        peak = max(pattern[key])
        lines.append(f"aws application-autoscaling register-scalable-target --service-namespace dynamodb "
                     f"--resource-id table/{table} --scalable-dimension dynamodb:{kind}:{dim} "
                     f"--min-capacity {peak} --max-capacity {peak}")
    lines.append("then for each entry of scheduled_actions: aws application-autoscaling put-scheduled-action "
                 "--cli-input-json '<the entry as JSON>'")
    lines.append("Schedules are cron expressions in UTC (no Timezone given). Start on a UTC day with no decreases "
                 "made yet: the plan assumes the full daily budget; read and write actions are separate updates "
                 "and each lowering counts as a decrease.")
    return lines
