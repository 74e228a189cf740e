"""The cheapest provisioned-capacity schedule that obeys DynamoDB's decrease rule, solved exactly.

AWS's rule (DynamoDB quotas page, pricing/limits.yaml): "you can start by performing up to four
decreases within one hour as long as you have not performed any other decreases yet during that
day. Subsequently, you can perform one additional decrease per hour as long as there was no
decreases in the preceding hour." Per UTC day, per table and separately per GSI; at most the
daily quota (Service Quotas L-F3CA5463, default 27).

The reading AWS cannot refuse, a rolling 60-minute window (docs/dynamodb-planner.md):

* the day's first (up to) four decreases lie strictly within 60 minutes of the day's first
  decrease (t − t_first < 60 min);
* after that (four used, or that window over) a decrease needs a gap of strictly more than
  60 minutes since the previous decrease (exactly 60 is refused);
* at most `per_day` decreases per UTC day; the budget resets at 00:00 UTC, but the gap does not:
  the day's first decrease also needs > 60 minutes since the previous day's last one;
* decreases already made today (`used_today` ≥ 1) close the day's first window.

On a grid of `step_minutes` this is: first-window decreases at offsets o with o·step < 60
(`window_steps` = ⌈60/step⌉ offsets), later gaps of at least `gap_steps` = ⌊60/step⌋ + 1 steps
(75 minutes at 15-minute steps, 120 at hourly steps). Because the grid gap is above 60 minutes by
a margin (15 min at 15-minute steps), actions that fire late by less than that margin relative to
each other still pass.

Model: the month (or a week) is cut into steps; in each step the table runs at one capacity level
(RCU, WCU). Levels are ordered so that both RCU and WCU never fall as the level rises; moving to a
lower level is one decrease when applied with one UpdateTable, or one decrease per dimension that
falls when applied by Application Auto Scaling (reads and writes are separate scalable targets,
so separate updates: `single_fall_end`). Dynamic programming over (level, rule state) finds the
cheapest sequence exactly; the rule states are generated from the rule (`rule_states`). One decrease
per lowering (the one-time bound) and the (RCU, WCU) grid (the weekly plan) have their own, leaner
forms of the same programme, which keep the costs of each step and re-derive the choices on the way
back (`_cheapest_single`, which also solves reads and writes side by side: `cheapest_schedules`, compiled
by numba in `compiled.py`; `_cheapest_grid`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

INF = float("inf")
UNBOUNDED = -1  # remaining daily budget that cannot run out today
FRESH, WINDOW, LATER = 0, 1, 2  # no decrease yet today / in the day's first window / after it


@dataclass(frozen=True)
class DecreaseRule:
    """AWS's decrease rule on a grid of `step_minutes` (see the module docstring)."""

    step_minutes: int
    per_day: int = 27            # Service Quotas L-F3CA5463 (adjustable)
    first_window: int = 4        # "up to four decreases within one hour"
    window_minutes: int = 60

    @property
    def window_steps(self) -> int:
        """Offsets (in steps) after the day's first decrease still strictly inside its hour."""
        return -(-self.window_minutes // self.step_minutes)

    @property
    def gap_steps(self) -> int:
        """Fewest steps between a later decrease and the previous one: strictly over 60 minutes."""
        return self.window_minutes // self.step_minutes + 1

    @property
    def max_per_day(self) -> int:
        """An upper bound on the decreases one UTC day can hold under the gaps alone."""
        steps = -(-1440 // self.step_minutes)
        return self.first_window + -(-steps // self.gap_steps)

    @property
    def budget_binds(self) -> bool:
        """Whether the daily quota can bind on a fresh day (else only the gaps do)."""
        return self.per_day < self.max_per_day


@dataclass(frozen=True)
class StartState:
    """The table's decrease state at the first step: decreases already made in that step's UTC day,
    and whole steps since the last decrease (None: long enough ago not to matter)."""

    used_today: int = 0
    steps_since_last: int | None = None


@dataclass(frozen=True)
class Schedule:
    """A capacity level per step and its cost; `decreases_per_day` maps UTC day → count."""

    levels: np.ndarray          # level index per step
    cost: float                 # objective (USD + any throttling penalty)
    decreases_per_day: dict[int, int]


def step_calendar(steps: int, step_minutes: int, utc_offset_minutes: int) -> tuple[np.ndarray, np.ndarray]:
    """(UTC day, UTC hour-of-day) at the start of each step; the month starts at local 00:00."""
    utc_minute = np.arange(steps) * step_minutes - utc_offset_minutes
    return np.floor_divide(utc_minute, 1440), np.floor_divide(np.mod(utc_minute, 1440), 60)


# ---- rule states -------------------------------------------------------------------------------

State = tuple[int, int, int, int, int]  # (kind, decreases in window, steps since first, steps since last, budget)


def _start(rule: DecreaseRule, start: StartState) -> State:
    gap = rule.gap_steps
    since = gap if start.steps_since_last is None else min(gap, max(0, start.steps_since_last))
    if start.used_today <= 0:
        return (FRESH, 0, 0, since, _reset_budget(rule))
    left = max(0, rule.per_day - start.used_today)
    budget = UNBOUNDED if left >= rule.max_per_day else left
    return (LATER, 0, 0, since, budget)


def _reset_budget(rule: DecreaseRule) -> int:
    return rule.per_day if rule.budget_binds else UNBOUNDED


def _advance(rule: DecreaseRule, state: State, new_day: bool) -> State:
    """The state one step later, before that step's move."""
    kind, count, since_first, since_last, budget = state
    since_last = min(since_last + 1, rule.gap_steps)
    if new_day:
        return (FRESH, 0, 0, since_last, _reset_budget(rule))
    if kind == WINDOW:
        if since_first + 1 >= rule.window_steps:
            return (LATER, 0, 0, since_last, budget)
        return (WINDOW, count, since_first + 1, since_last, budget)
    return (kind, 0, 0, since_last, budget)


def _decrease(rule: DecreaseRule, state: State) -> State | None:
    """The state after one more decrease in this step, or None when AWS may refuse it."""
    kind, count, since_first, since_last, budget = state
    if budget == 0:
        return None
    budget = budget if budget == UNBOUNDED else budget - 1
    if kind == FRESH:
        if since_last < rule.gap_steps:
            return None
        return (LATER, 0, 0, 0, budget) if rule.first_window <= 1 else (WINDOW, 1, 0, 0, budget)
    if kind == WINDOW:
        if count + 1 >= rule.first_window:
            return (LATER, 0, 0, 0, budget)
        return (WINDOW, count + 1, since_first, 0, budget)
    if since_last < rule.gap_steps:
        return None
    return (LATER, 0, 0, 0, budget)


@dataclass(frozen=True)
class RuleStates:
    """Every rule state reachable from the start, and where each goes: `advance` / `advance_day`
    (one step later, same or new UTC day), `decrease` (one more decrease now; −1 refused)."""

    states: list[State]
    start: int
    advance: np.ndarray
    advance_day: np.ndarray
    decrease: np.ndarray


def rule_states(rule: DecreaseRule, start: StartState = StartState()) -> RuleStates:
    first = _start(rule, start)
    index: dict[State, int] = {first: 0}
    order = [first]
    k = 0
    while k < len(order):
        state = order[k]
        for nxt in (_advance(rule, state, False), _advance(rule, state, True), _decrease(rule, state)):
            if nxt is not None and nxt not in index:
                index[nxt] = len(order)
                order.append(nxt)
        k += 1
    adv = np.array([index[_advance(rule, s, False)] for s in order])
    day = np.array([index[_advance(rule, s, True)] for s in order])
    dec = np.array([index[d] if (d := _decrease(rule, s)) is not None else -1 for s in order])
    return RuleStates(order, 0, adv, day, dec)


class _Groups:
    """Min over the rows (rule states) that map to the same target state (many-to-one maps)."""

    def __init__(self, mapping: np.ndarray):
        valid = np.flatnonzero(mapping >= 0)
        order = valid[np.argsort(mapping[valid], kind="stable")]
        self.order = order
        sorted_targets = mapping[order]
        self.starts = np.flatnonzero(np.diff(sorted_targets, prepend=-2) != 0)
        self.targets = sorted_targets[self.starts]
        sizes = np.diff(np.append(self.starts, len(order)))
        self.single = sizes == 1
        self.single_source = order[self.starts[self.single]]
        multi = np.flatnonzero(~self.single)
        self.multi = multi
        width = int(sizes[multi].max()) if len(multi) else 0
        self.members = np.zeros((len(multi), width), dtype=np.int64)  # padded with row 0 ...
        self.padding = np.ones((len(multi), width), dtype=bool)        # ... masked here
        for row, g in enumerate(multi):
            self.members[row, :sizes[g]] = order[self.starts[g]:self.starts[g] + sizes[g]]
            self.padding[row, :sizes[g]] = False

    def reduce(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(min per target, the source row giving it), each of shape (targets, levels)."""
        levels = values.shape[1]
        mins = np.empty((len(self.targets), levels))
        source = np.empty((len(self.targets), levels), dtype=np.int64)
        mins[self.single] = values[self.single_source]
        source[self.single] = self.single_source[:, None]
        if len(self.multi):
            block = np.where(self.padding[:, :, None], INF, values[self.members])  # (groups, width, levels)
            pick = np.argmin(block, axis=1)
            mins[self.multi] = block.min(axis=1)  # the value at `pick`
            source[self.multi] = _per_row(self.members, pick)
        return mins, source


def _per_row(values: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """`values[r, columns[r, c]]` for every (r, c): `np.take_along_axis(values, columns, axis=1)` for 2-D arrays,
    by plain indexing (the DP calls it ~30,000 times a plan, and take_along_axis's own set-up was a third of
    the one-time schedule's time)."""
    picked: np.ndarray = values[np.arange(values.shape[0])[:, None], columns]
    return picked


# ---- the dynamic programme ----------------------------------------------------------------------

def single_fall_end(levels_r: np.ndarray, levels_w: np.ndarray) -> np.ndarray:
    """For each level j, the last level i ≥ j from which moving down to j lowers only one of RCU and
    WCU: levels (j, end[j]] lower one dimension, levels above end[j] lower both (two updates)."""
    same_r = np.searchsorted(levels_r, levels_r, side="right") - 1  # both are non-decreasing
    same_w = np.searchsorted(levels_w, levels_w, side="right") - 1
    return np.maximum(same_r, same_w)


def cheapest_schedule(step_cost: np.ndarray, utc_day: np.ndarray, rule: DecreaseRule,
                      start: StartState = StartState(), prior_level: int | None = None,
                      fall_end: np.ndarray | None = None, no_decrease: np.ndarray | None = None,
                      grid: tuple[int, int] | None = None) -> Schedule:
    """Exact minimum of Σ step_cost[k, level_k] over level sequences that obey the decrease rule.

    `step_cost[k, j]` is the cost of running level j in step k (inf = not allowed, e.g. it would
    throttle). `start` is the rule state at step 0. `prior_level`: the level before step 0 (moving
    down from it at step 0 is a decrease); None = step 0 is free. `fall_end` (from
    `single_fall_end`): count a move that lowers both RCU and WCU as two decreases at the same time
    (Application Auto Scaling); None = one decrease (one UpdateTable). `no_decrease[k]`: no
    decrease allowed in step k. Arrays are (rule state, level); each step costs O(states × levels).

    `grid=(R, W)`: levels are every pair of an RCU value index i < R and a WCU value index j < W,
    level = i·W + j, with RCU and WCU each non-decreasing in their index; a move lowers RCU,
    WCU or both independently, each lowering one decrease (Application Auto Scaling's separate
    scalable targets), so reads and writes may be lowered at different times.
    """
    steps, levels = step_cost.shape
    machine = rule_states(rule, start)
    if grid is None and fall_end is None:
        return _cheapest_single([step_cost], utc_day, machine, prior_level, no_decrease)[0]
    if grid is not None:
        return _cheapest_grid(step_cost, utc_day, machine, prior_level, no_decrease, grid)
    phases = len(machine.states)
    types = (np.int16 if levels < 32_000 else np.int32, np.uint8 if phases < 256 else np.int16)
    advance = _stepper(step_cost, utc_day, machine, fall_end, no_decrease)
    best, first = _starting_costs(phases, step_cost, machine.start, prior_level)
    best, blocks = _forward(advance, best, first, steps, types)
    last_phase, last_level = np.unravel_index(np.argmin(best), best.shape)
    total = float(best[last_phase, last_level])
    path, level = _walk_back(advance, blocks, steps, int(last_phase), int(last_level), types)
    if first == 1:
        path[0] = level  # step 0 is free: the path starts at the level step 1 came from
    return Schedule(path, total, count_decreases(path, utc_day, fall_end, prior_level))


def _starting_costs(states: int, step_cost: np.ndarray, start: int,
                    prior_level: int | None) -> tuple[np.ndarray, int]:
    """(costs by (state, level) before the first step the programme takes, that step): without a prior level
    step 0 is free, so the start state holds step 0's cost of each level and the programme begins at step 1;
    with one, only the prior level in the start state costs nothing and it begins at step 0."""
    best = np.full((states, step_cost.shape[1]), INF)
    if prior_level is None:
        best[start] = step_cost[0]
        return best, 1
    best[start, prior_level] = 0.0
    return best, 0


#: one step of `cheapest_schedule`: (costs after step k − 1, k) → (costs after k, back_level, back_phase)
_Advance = Callable[[np.ndarray, int], tuple[np.ndarray, np.ndarray, np.ndarray]]
#: the back pointers of a block of steps, or the costs before its first step (to recompute them)
_Block = np.ndarray | tuple[np.ndarray, np.ndarray]


def _stepper(step_cost: np.ndarray, utc_day: np.ndarray, machine: RuleStates, fall_end: np.ndarray | None,
             no_decrease: np.ndarray | None) -> _Advance:
    """`cheapest_schedule`'s step (see there for the arguments)."""
    phases, levels = len(machine.states), step_cost.shape[1]
    groups_adv, groups_day = _Groups(machine.advance), _Groups(machine.advance_day)
    dec1 = machine.decrease
    dec2 = np.where(dec1 >= 0, dec1[np.maximum(dec1, 0)], -1)
    moves = [_Groups(dec1), _Groups(dec2)]
    index = np.arange(levels)
    new_day = np.diff(utc_day, prepend=utc_day[0]) != 0

    def advance(best: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Step k from the costs after step k − 1: (best, back_level, back_phase)."""
        if k == 0:
            entry, origin = best, np.full((phases, levels), machine.start, dtype=np.int64)
        else:
            entry, origin = _enter(best, groups_day if new_day[k] else groups_adv)
        allow = no_decrease is None or not no_decrease[k]
        assert fall_end is not None  # one decrease per lowering is `_cheapest_single`'s, the grid `_cheapest_grid`'s
        return _move(entry, origin, step_cost[k], index, fall_end, moves if allow else None)

    return advance


def _forward(advance: _Advance, best: np.ndarray, first: int, steps: int,
             types: tuple[type, type]) -> tuple[np.ndarray, dict[int, _Block]]:
    """Steps `first`… to the end: the costs after the last, and the blocks for the way back.

    The back pointers of every step when they fit in BACK_POINTER_BYTES; otherwise the costs at
    checkpoints, to recompute one block of back pointers at a time on the way back (twice the work)."""
    level_type, phase_type = types
    phases, levels = best.shape
    per_step = phases * levels * (np.dtype(level_type).itemsize + np.dtype(phase_type).itemsize)
    if per_step * steps <= BACK_POINTER_BYTES:
        back_level: np.ndarray = np.empty((steps - first, phases, levels), dtype=level_type)
        back_phase: np.ndarray = np.empty((steps - first, phases, levels), dtype=phase_type)
        for k in range(first, steps):
            best, back_level[k - first], back_phase[k - first] = advance(best, k)
        return best, {first: (back_level, back_phase)}
    size = max(1, int(math.sqrt(steps - first)))
    blocks: dict[int, _Block] = {}
    for k in range(first, steps):
        if (k - first) % size == 0:
            blocks[k] = best
        best = advance(best, k)[0]
    return best, blocks


def _walk_back(advance: _Advance, blocks: dict[int, _Block], steps: int, phase: int, level: int,
               types: tuple[type, type]) -> tuple[np.ndarray, int]:
    """The level of every step, from the last step's (phase, level) back; and the level before the first block."""
    path = np.empty(steps, dtype=np.int64)
    starts = sorted(blocks, reverse=True)
    for number, k0 in enumerate(starts):
        k1 = steps if number == 0 else starts[number - 1]
        back_level, back_phase = _back_pointers(advance, blocks[k0], k0, k1, types)
        for k in range(k1 - 1, k0 - 1, -1):
            path[k] = level
            level, phase = int(back_level[k - k0, phase, level]), int(back_phase[k - k0, phase, level])
    return path, level


def _back_pointers(advance: _Advance, stored: _Block, k0: int, k1: int,
                   types: tuple[type, type]) -> tuple[np.ndarray, np.ndarray]:
    """Steps k0…k1 − 1's back pointers: as stored, or recomputed from the costs before step k0."""
    if isinstance(stored, tuple):
        return stored
    level_type, phase_type = types
    phases, levels = stored.shape
    back_level: np.ndarray = np.empty((k1 - k0, phases, levels), dtype=level_type)
    back_phase: np.ndarray = np.empty((k1 - k0, phases, levels), dtype=phase_type)
    costs = stored
    for k in range(k0, k1):
        costs, back_level[k - k0], back_phase[k - k0] = advance(costs, k)
    return back_level, back_phase


def count_grid_decreases(levels: np.ndarray, utc_day: np.ndarray, cols: int,
                         prior_level: int | None = None) -> dict[int, int]:
    """Decreases per UTC day of a grid path: one per dimension that falls."""
    path = np.asarray(levels)
    before = np.concatenate([[prior_level if prior_level is not None else path[0]], path[:-1]])
    falls = (path // cols < before // cols).astype(int) + (path % cols < before % cols).astype(int)
    counts: dict[int, int] = {}
    for k in np.flatnonzero(falls):
        counts[int(utc_day[k])] = counts.get(int(utc_day[k]), 0) + int(falls[k])
    return counts


BACK_POINTER_BYTES = 400 * 2**20  # memory for the back pointers before checkpointing kicks in
#: memory for the costs before every step of the compiled programme, per table, beyond which it keeps checkpoints
#: and recomputes a block at a time on the way back (at 5-minute steps a month is 165 MB a table: a fresh array
#: that size cost more in page faults than recomputing)
KEPT_COSTS_BYTES = 64 * 2**20


def _enter(best: np.ndarray, groups: _Groups) -> tuple[np.ndarray, np.ndarray]:
    """Costs by (state, level) one step later, and which earlier state each came from."""
    entry = np.full_like(best, INF)
    origin = np.zeros(best.shape, dtype=np.int64)
    mins, source = groups.reduce(best)
    entry[groups.targets] = mins
    origin[groups.targets] = source
    return entry, origin


def _range_min(values: np.ndarray, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each level j, min and argmin over levels low[j]..high[j] (inclusive; empty → inf), every
    row (state) at once: a sparse table over the levels."""
    size = values.shape[1]
    tables_v = [values]
    tables_a = [np.broadcast_to(np.arange(size)[None, :], values.shape).copy()]
    width = 1
    while width * 2 <= size:
        v, a = tables_v[-1], tables_a[-1]
        left_v, right_v = v[:, :size - width * 2 + 1], v[:, width:size - width + 1]
        take_right = right_v < left_v
        pad = np.full((values.shape[0], size - left_v.shape[1]), INF)
        tables_v.append(np.concatenate([np.where(take_right, right_v, left_v), pad], axis=1))
        tables_a.append(np.concatenate([np.where(take_right, a[:, width:size - width + 1], a[:, :size - width * 2 + 1]),
                                        np.zeros(pad.shape, dtype=a.dtype)], axis=1))
        width *= 2
    length = high - low + 1
    empty = length <= 0
    level = np.where(empty, 0, np.floor(np.log2(np.maximum(length, 1))).astype(np.int64))
    stacked_v, stacked_a = np.stack(tables_v), np.stack(tables_a)
    lo = np.where(empty, 0, low)
    hi = np.where(empty, 0, high - (1 << level) + 1)
    v1, v2 = stacked_v[level, :, lo].T, stacked_v[level, :, hi].T
    a1, a2 = stacked_a[level, :, lo].T, stacked_a[level, :, hi].T
    take2 = v2 < v1
    out_v = np.where(take2, v2, v1)
    out_a = np.where(take2, a2, a1)
    out_v[:, empty] = INF
    return out_v, out_a


def _move(entry: np.ndarray, origin: np.ndarray, cost: np.ndarray, index: np.ndarray, fall_end: np.ndarray,
          moves: list[_Groups] | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Choose this step's level: stay or raise keeps the state; lowering applies one decrease, or
    two when both dimensions fall as separate updates (`fall_end`; one decrease per lowering is
    `_cheapest_single`). Returns (best, back_level, back_phase)."""
    phases, levels = entry.shape
    running = np.minimum.accumulate(entry, axis=1)
    arg_up = np.maximum.accumulate(np.where(entry == running, index[None, :], 0), axis=1)
    best = running
    back_level = arg_up
    back_phase = _per_row(origin, arg_up)
    if moves is not None and levels > 1:
        flipped = entry[:, ::-1]
        suffix = np.minimum.accumulate(flipped, axis=1)
        reverse = suffix[:, ::-1]
        arg_rev = (levels - 1 - np.maximum.accumulate(np.where(flipped == suffix, index[None, :], 0), axis=1))[:, ::-1]
        single_v, single_a = _range_min(entry, index + 1, fall_end)
        above = np.minimum(fall_end + 1, levels - 1)
        double_v = np.where((fall_end + 1 < levels)[None, :], reverse[:, above], INF)
        candidates = [(single_v, single_a, moves[0]), (double_v, arg_rev[:, above], moves[1])]
        for values, args, groups in candidates:
            if not len(groups.targets):
                continue
            mins, source = groups.reduce(values)
            from_level = args[source, index[None, :]]
            current = best[groups.targets]
            better = mins < current
            rows = groups.targets
            best[rows] = np.where(better, mins, current)
            back_level[rows] = np.where(better, from_level, back_level[rows])
            back_phase[rows] = np.where(better, origin[source, from_level], back_phase[rows])
    best = best + cost[None, :]
    return best, back_level, back_phase


def decrease_steps(levels: np.ndarray, fall_end: np.ndarray | None = None,
                   prior_level: int | None = None) -> list[tuple[int, int]]:
    """(step, decreases made at that step) for a level path: 1 per lowering move, or with
    `fall_end` 2 where the move lowers both dimensions."""
    path = np.asarray(levels)
    before = np.concatenate([[prior_level if prior_level is not None else path[0]], path[:-1]])
    lowered = np.flatnonzero(path < before)
    out = []
    for k in lowered:
        weight = 1 if fall_end is None or before[k] <= fall_end[path[k]] else 2
        out.append((int(k), weight))
    return out


def count_decreases(levels: np.ndarray, utc_day: np.ndarray, fall_end: np.ndarray | None = None,
                    prior_level: int | None = None) -> dict[int, int]:
    """Decreases per UTC day."""
    counts: dict[int, int] = {}
    for k, weight in decrease_steps(levels, fall_end, prior_level):
        day = int(utc_day[k])
        counts[day] = counts.get(day, 0) + weight
    return counts


def steps_since(minutes: float | None, step_minutes: int) -> int | None:
    """Whole steps since the last decrease (rounded down: the last decrease is treated as if it
    happened at the later grid point, which only lengthens the required wait)."""
    return None if minutes is None else max(0, math.floor(minutes / step_minutes))


class RollingBudget:
    """The same rule in whole minutes, for simulations that decide one decrease at a time in time
    order (the auto-scaling simulation): `allows(minute, day)` then `record(minute, day)`.

    Minutes count from the plan's start; `day` is the UTC day of that minute. A decrease is
    allowed when the day's quota is not spent and either it is within the day's first window
    (fewer than `first_window` so far, less than 60 minutes after the day's first decrease) or more
    than 60 minutes have passed since the previous decrease (across midnight too)."""

    def __init__(self, rule: DecreaseRule, start_day: int, start: StartState = StartState()):
        self.rule = rule
        self.day = start_day
        self.count = max(0, start.used_today)
        self.first: float | None = None
        self.closed = self.count > 0  # decreases made before the plan close the first window
        self.last: float | None = None if start.steps_since_last is None else -start.steps_since_last
        if self.count and self.last is None:
            self.last = 0.0  # made today at an unknown time: assume just now (the conservative reading)

    def _roll(self, day: int) -> None:
        if day != self.day:
            self.day, self.count, self.first, self.closed = day, 0, None, False

    def _gap_ok(self, minute: float) -> bool:
        return self.last is None or minute - self.last > self.rule.window_minutes

    def allows(self, minute: float, day: int) -> bool:
        self._roll(day)
        if self.count >= self.rule.per_day:
            return False
        if self.count == 0 and not self.closed:
            return self._gap_ok(minute)
        if (not self.closed and self.count < self.rule.first_window and self.first is not None
                and minute - self.first < self.rule.window_minutes):
            return True
        return self._gap_ok(minute)

    def record(self, minute: float, day: int) -> None:
        self._roll(day)
        if self.count == 0 and not self.closed:
            self.first = minute
        self.count += 1
        if (self.first is None or self.count >= self.rule.first_window
                or minute - self.first >= self.rule.window_minutes):
            self.closed = True
        self.last = minute

    def next_try(self, minute: float, day_of: np.ndarray) -> int:
        """The first whole minute after `minute` at which a refused decrease could be allowed."""
        wait = int(minute) + 1
        if self.last is not None:
            wait = max(wait, int(math.floor(self.last + self.rule.window_minutes)) + 1)
        self._roll(int(day_of[min(int(minute), len(day_of) - 1)]))
        if self.count >= self.rule.per_day:  # quota spent: the next UTC day
            later = np.flatnonzero(day_of[int(minute):] != day_of[int(minute)])
            wait = max(wait, int(minute) + int(later[0]) if len(later) else len(day_of))
        return wait


# ---- the single-update programme (one UpdateTable per lowering: the one-time bound's hot path) ----
#
# The same programme as `_move` with `fall_end=None`, in fewer numpy calls a step (the arrays are
# small, ~36 states × ≤ 160 levels, so each call's overhead is most of the cost): the costs after
# every step are kept, and the way back re-derives each step's choice from them, in the same order
# of preference as `_move` (stay or raise before lowering; the nearest level; the lowest state).


def _sources(mapping: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """(padded table, members) of the states `mapping` sends to each state (−1: nowhere). The table
    is (width, states + 1): a min over its first axis is over whole contiguous rows (twice as fast)."""
    phases = len(mapping)
    members = [np.flatnonzero(mapping == target) for target in range(phases)]
    width = max(1, max(len(m) for m in members))
    table = np.full((width, phases + 1), phases, dtype=np.intp)
    for target, m in enumerate(members):
        table[:len(m), target] = m
    return table, members


def _lower_into(after: np.ndarray, candidates: np.ndarray, groups: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    """In place, for each state t a decrease leads to (`groups`, from `_groups_of`): after[t] = the least of
    after[t] and candidates[s] over the states s the decrease leads from to t."""
    targets, sources, starts = groups
    if len(targets):
        lowered = np.minimum.reduceat(candidates.take(sources, axis=0), starts, axis=0)
        after[targets] = np.minimum(after[targets], lowered)


def _groups_of(mapping: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(the states `mapping` leads to, each once and ascending; the states leading there, sorted by where they
    lead; where each target's group starts in that order), for `np.minimum.reduceat` (−1: leads nowhere)."""
    sources = np.flatnonzero(mapping >= 0)
    order = sources[np.argsort(mapping[sources], kind="stable")]
    targets, starts = np.unique(mapping[order], return_index=True)
    return targets, order, starts


def cheapest_schedules(step_costs: Sequence[np.ndarray], utc_day: np.ndarray, rule: DecreaseRule,
                       start: StartState = StartState(), prior_level: int | None = None,
                       no_decrease: np.ndarray | None = None) -> list[Schedule]:
    """`cheapest_schedule` (one decrease per lowering move) for several independent cost tables on
    the same steps, rule and start (reads and writes, each on its own budget), solved at the same time:
    the same result as one call each, in about half the time for two on two cores. `prior_level` applies to
    each table (None: step 0 is free)."""
    return _cheapest_single(list(step_costs), utc_day, rule_states(rule, start), prior_level, no_decrease)


def _cheapest_single(step_costs: list[np.ndarray], utc_day: np.ndarray, machine: RuleStates,
                     prior_level: int | None, no_decrease: np.ndarray | None) -> list[Schedule]:
    """`cheapest_schedules` from the rule's states, by the compiled programme (`compiled.single_programme`),
    each table on its own and the tables at the same time (`compiled.each_at_once`: reads and writes on two
    cores)."""
    # imported here: numba and the compiled code load in ≈ 0.35 s, which only a plan needs (not every page)
    from models.dynamodb_planner.compiled import each_at_once, single_programme
    steps = step_costs[0].shape[0]
    new_day = np.diff(utc_day, prepend=utc_day[0]) != 0
    lowering = np.ones(steps, dtype=bool) if no_decrease is None else ~np.asarray(no_decrease, dtype=bool)
    first = 1 if prior_level is None else 0
    rule = (machine.advance.astype(np.int64), machine.advance_day.astype(np.int64), machine.decrease.astype(np.int64))

    def solve(table: np.ndarray) -> Schedule:
        cost = np.ascontiguousarray(table, dtype=np.float64)[:, None, :]  # (step, one table, level)
        month = (steps - first) * len(machine.states) * cost[0].nbytes  # the costs before every step, kept
        block = max(1, steps - first) if month <= KEPT_COSTS_BYTES else max(1, math.isqrt(steps - first))
        paths, totals, positions = single_programme(cost, *rule, new_day, lowering & (table.shape[1] > 1),
                                                    machine.start, -1 if prior_level is None else prior_level, block)
        path = paths[0]
        if first == 1:
            path[0] = positions[0, 1]  # step 0 is free: the path starts at the level step 1 came from
        return Schedule(path, float(totals[0]), count_decreases(path, utc_day, None, prior_level))

    return each_at_once(solve, step_costs)


def _forward_costs(step: Callable[[np.ndarray, int], np.ndarray], best: np.ndarray, first: int,
                    steps: int) -> tuple[np.ndarray, dict[int, np.ndarray | list[np.ndarray]]]:
    """The costs after the last step, and for the way back the costs before each step (all of them
    when they fit in BACK_POINTER_BYTES, else at checkpoints to recompute a block at a time)."""
    keep_all = best.nbytes * steps <= BACK_POINTER_BYTES
    size = steps if keep_all else max(1, int(math.sqrt(steps - first)))
    stored: dict[int, np.ndarray | list[np.ndarray]] = {}
    kept: list[np.ndarray] = []
    for k in range(first, steps):
        if keep_all:
            kept.append(best)
        elif (k - first) % size == 0:
            stored[k] = best
        best = step(best, k)
    if keep_all:
        stored[first] = kept
    return best, stored


def _block_costs(step: Callable[[np.ndarray, int], np.ndarray], stored: np.ndarray | list[np.ndarray],
                  k0: int, k1: int) -> list[np.ndarray]:
    """The costs before each of steps k0…k1 − 1: as kept, or recomputed from the checkpoint at k0."""
    if isinstance(stored, list):
        return stored
    before = [stored]
    for k in range(k0, k1 - 1):
        before.append(step(before[-1], k))
    return before


# ---- the grid programme (the weekly plan: reads and writes lowered on their own) -----------------
#
# Levels are (RCU index i, WCU index j) pairs, level = i·W + j. A step keeps the costs only (no back
# pointers: six running minima and two state maps a step), and the way back re-derives the one cell it
# needs, preferring as the forward pass orders its candidates: staying or raising (the nearest WCU index
# at or below, then the nearest RCU index), then one dimension lowered (RCU before WCU on a tie; the
# lowest state; the nearest index above), then both — each only when strictly cheaper than the one before.


def _strictly_above(values: np.ndarray, axis: int) -> np.ndarray:
    """For each position x along `axis` (1 or 2 of a 3-D array), the min over positions strictly above x (inf at
    the top)."""
    out = np.full(values.shape, INF)
    if axis == 1:
        out[:, :-1, :] = np.minimum.accumulate(values[:, :0:-1, :], axis=1)[:, ::-1, :]
    else:
        out[:, :, :-1] = np.minimum.accumulate(values[:, :, :0:-1], axis=2)[:, :, ::-1]
    return out


def _cheapest_grid(step_cost: np.ndarray, utc_day: np.ndarray, machine: RuleStates, prior_level: int | None,
                   no_decrease: np.ndarray | None, grid: tuple[int, int]) -> Schedule:
    """`cheapest_schedule` with `grid=(R, W)`; every array is (state + 1, level), the extra state all inf."""
    steps, levels = step_cost.shape
    rows, cols = grid
    phases = len(machine.states)
    dec1 = machine.decrease
    dec2 = np.where(dec1 >= 0, dec1[np.maximum(dec1, 0)], -1)
    tables = (_sources(machine.advance), _sources(machine.advance_day), _sources(dec1), _sources(dec2))
    one_lowered, both_lowered = _groups_of(dec1), _groups_of(dec2)
    new_day = np.diff(utc_day, prepend=utc_day[0]) != 0
    lowering = np.ones(steps, dtype=bool) if no_decrease is None else ~np.asarray(no_decrease, dtype=bool)

    def entered(before: np.ndarray, k: int) -> np.ndarray:
        """Costs by (state, level) at step k before its move: one step later in the rule's states."""
        return before if k == 0 else np.minimum.reduce(before.take(tables[1 if new_day[k] else 0][0], axis=0), axis=0)

    def step(before: np.ndarray, k: int) -> np.ndarray:
        entry = entered(before, k)
        values = entry.reshape(phases + 1, rows, cols)
        up_r = np.minimum.accumulate(values, axis=1)                       # RCU index i ≤ i'
        after = np.minimum.accumulate(up_r, axis=2).reshape(phases + 1, levels)  # and WCU index j ≤ j'
        if lowering[k]:
            down_r = _strictly_above(values, 1)                             # RCU index i > i'
            one = np.minimum(np.minimum.accumulate(down_r, axis=2),        # ... and j ≤ j'
                             _strictly_above(up_r, 2)).reshape(phases + 1, levels)  # or i ≤ i' and j > j'
            both = _strictly_above(down_r, 2).reshape(phases + 1, levels)  # i > i' and j > j'
            _lower_into(after, one, one_lowered)
            _lower_into(after, both, both_lowered)
        after += step_cost[k]
        after[phases] = INF
        return after

    best, first = _starting_costs(phases + 1, step_cost, machine.start, prior_level)
    last, stored = _forward_costs(step, best, first, steps)
    phase, level = (int(x) for x in np.unravel_index(np.argmin(last[:phases]), (phases, levels)))
    total = float(last[phase, level])
    path = np.empty(steps, dtype=np.int64)
    starts = sorted(stored, reverse=True)
    for number, k0 in enumerate(starts):
        k1 = steps if number == 0 else starts[number - 1]
        before = _block_costs(step, stored[k0], k0, k1)
        for k in range(k1 - 1, k0 - 1, -1):
            path[k] = level
            phase, level = _grid_choice(before[k - k0], entered(before[k - k0], k), k, phase, level, grid,
                                        None if k == 0 else tables[1 if new_day[k] else 0][1],
                                        (tables[2][1], tables[3][1]) if lowering[k] else None, machine.start)
    if first == 1:
        path[0] = level  # step 0 is free: the path starts at the level step 1 came from
    return Schedule(path, total, count_grid_decreases(path, utc_day, cols, prior_level))


def _last_min(values: np.ndarray) -> tuple[float, int]:
    """(min, the last position holding it) of a 1-D array; (inf, 0) when empty."""
    if not len(values):
        return INF, 0
    at = len(values) - 1 - int(np.argmin(values[::-1]))
    return float(values[at]), at


def _first_min(values: np.ndarray) -> tuple[float, int]:
    """(min, the first position holding it) of a 1-D array; (inf, 0) when empty."""
    if not len(values):
        return INF, 0
    at = int(np.argmin(values))
    return float(values[at]), at


def _column_mins(block: np.ndarray, nearest_last: bool) -> tuple[np.ndarray, np.ndarray]:
    """Per column of `block` (rows × columns): the min over its rows and the row holding it — the last such row
    with `nearest_last`, else the first."""
    if not block.shape[0]:
        return np.full(block.shape[1], INF), np.zeros(block.shape[1], dtype=np.int64)
    if nearest_last:
        rows = block.shape[0] - 1 - np.argmin(block[::-1], axis=0)
    else:
        rows = np.argmin(block, axis=0)
    return block[rows, np.arange(block.shape[1])], rows


def _grid_choice(before: np.ndarray, entry: np.ndarray, k: int, phase: int, level: int, grid: tuple[int, int],
                 came_from: list[np.ndarray] | None, lowered_from: tuple[list[np.ndarray], list[np.ndarray]] | None,
                 start: int) -> tuple[int, int]:
    """The (state, level) before step k on the cheapest way to (phase, level) after it, in the forward pass's
    order of preference (see above). `came_from[p]`: the states one step earlier that lead to state p (None at
    step 0: the start); `lowered_from`: the states one or two decreases lead from to each state (None: no
    decrease in this step)."""
    rows, cols = grid
    i, j = divmod(level, cols)
    values = entry[:-1].reshape(-1, rows, cols)

    def origin(p: int, at: int) -> int:
        """The state before step k that state p at step k (before its move) came from, at level `at`."""
        if came_from is None:
            return start
        members = came_from[p]
        return int(members[int(np.argmin(before[members, at]))]) if len(members) else 0

    def stay(p: int) -> tuple[float, int]:  # RCU index ≤ i, then WCU index ≤ j, the nearest of equal minima
        mins, at_row = _column_mins(values[p, :i + 1, :j + 1], nearest_last=True)
        value, column = _last_min(mins)
        return value, int(at_row[column]) * cols + column if len(mins) else 0

    def one_lowered(p: int) -> tuple[float, int]:
        below_r, rows_r = _column_mins(values[p, i + 1:, :j + 1], nearest_last=False)  # RCU lowered
        value_r, column_r = _last_min(below_r)
        at_r = (i + 1 + int(rows_r[column_r])) * cols + column_r if i + 1 < rows else 0
        below_w, rows_w = _column_mins(values[p, :i + 1, j + 1:], nearest_last=True)   # WCU lowered
        value_w, column_w = _first_min(below_w)
        at_w = int(rows_w[column_w]) * cols + j + 1 + column_w if j + 1 < cols else 0
        return (value_w, at_w) if value_w < value_r else (value_r, at_r)

    def both_lowered(p: int) -> tuple[float, int]:
        below, at_rows = _column_mins(values[p, i + 1:, j + 1:], nearest_last=False)
        value, column = _first_min(below)
        return value, ((i + 1 + int(at_rows[column])) * cols + j + 1 + column if len(below) else 0)

    best, at = stay(phase)
    choice = (origin(phase, at), at)
    for members, candidate in zip(lowered_from or (), (one_lowered, both_lowered), strict=False):
        sources = members[phase]
        if not len(sources):
            continue
        found = [candidate(int(p)) for p in sources]
        pick = int(np.argmin([v for v, _ in found]))
        if found[pick][0] < best:
            best, at = found[pick]
            choice = (origin(int(sources[pick]), at), at)
    return choice
