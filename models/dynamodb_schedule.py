"""The cheapest provisioned-capacity schedule that obeys DynamoDB's decrease rules, solved exactly.

The rule (pricing/limits.yaml, from AWS's DynamoDB quotas page), read in clock hours of the UTC
day: in the hour of the day's first decrease up to 4 decreases; in every later hour at most 1
(4 + 23 = 27 a day). Lowering reads and writes in one update counts once.

Model: the month is cut into steps of `step_minutes`; in each step the table runs at one capacity
level (RCU, WCU). Levels are the distinct per-step requirements, ordered so that both RCU and
WCU never fall as the level rises; moving to a lower level is one decrease. Dynamic programming
over (level, decrease phase) finds the cheapest sequence exactly: per step it costs O(levels ×
phases) with running minima for "stay or raise" and "lower" moves.

Phases within a UTC day: 0 no decrease yet; 1–4 decreases so far, all in the current hour (the
day's first decrease hour); 5 later hour, no decrease in it yet; 6 later hour, one done;
7 no decrease allowed (budget already spent before the plan starts).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PHASES = 8
INF = float("inf")
#: phase after one more decrease, or -1 when a decrease is not allowed in that phase
AFTER_DECREASE = np.array([1, 2, 3, 4, -1, 6, -1, -1])


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


def cheapest_schedule(step_cost: np.ndarray, utc_day: np.ndarray, utc_hour: np.ndarray,
                      start_phase: int = 0, unlock_step: int | None = None) -> Schedule:
    """Exact minimum of Σ step_cost[k, level_k] over level sequences obeying the decrease rule.

    `step_cost[k, j]` is the cost of running level j in step k (inf = not allowed, e.g. it would
    throttle). `start_phase` is the decrease phase before the first step (5 or 7 when the table has
    already decreased today); `unlock_step` turns phase 7 into 5 at that step (budget left later).
    """
    steps, levels = step_cost.shape
    best = np.full((levels, PHASES), INF)
    best[:, start_phase] = step_cost[0]
    back_level = np.zeros((steps, levels, PHASES), dtype=np.int32)
    back_phase = np.zeros((steps, levels, PHASES), dtype=np.int8)
    back_level[0] = np.arange(levels)[:, None]
    back_phase[0] = start_phase
    index = np.arange(levels)
    for k in range(1, steps):
        entry, entry_phase = _enter_step(best, utc_day[k] != utc_day[k - 1], utc_hour[k] != utc_hour[k - 1],
                                         unlock_step == k)
        best, back_level[k], back_phase[k] = _move(entry, entry_phase, step_cost[k], index)
    last_level, last_phase = np.unravel_index(np.argmin(best), best.shape)
    total = float(best[last_level, last_phase])
    path = np.empty(steps, dtype=np.int64)
    level, phase = int(last_level), int(last_phase)
    for k in range(steps - 1, -1, -1):
        path[k] = level
        level, phase = int(back_level[k, level, phase]), int(back_phase[k, level, phase])
    return Schedule(path, total, count_decreases(path, utc_day))


def _enter_step(best: np.ndarray, new_day: bool, new_hour: bool, unlock: bool) -> tuple[np.ndarray, np.ndarray]:
    """Costs by (level, phase) at the start of a step after the calendar moves on, and where each
    phase came from (so the path can be traced back)."""
    origin = np.tile(np.arange(PHASES), (best.shape[0], 1))
    if new_day:
        pick = np.argmin(best, axis=1)
        entry = np.full_like(best, INF)
        entry[:, 0] = best[np.arange(best.shape[0]), pick]
        origin[:, 0] = pick
        return entry, origin
    entry = best.copy()
    moves = [(source, 5) for source in (1, 2, 3, 4, 6)] if new_hour else []
    if unlock:
        moves.append((7, 5))
    for source, target in moves:
        better = entry[:, source] < entry[:, target]
        entry[better, target] = entry[better, source]
        origin[better, target] = origin[better, source]
        entry[:, source] = INF
    return entry, origin


def _move(entry: np.ndarray, entry_phase: np.ndarray, cost: np.ndarray, index: np.ndarray):
    """Choose this step's level from the previous one: stay or raise keeps the phase; lowering
    moves to AFTER_DECREASE[phase]. Returns (best, back_level, back_phase)."""
    levels = entry.shape[0]
    best = np.full((levels, PHASES), INF)
    back_level = np.zeros((levels, PHASES), dtype=np.int32)
    back_phase = np.zeros((levels, PHASES), dtype=np.int8)
    for phase in range(PHASES):
        column = entry[:, phase]
        if not np.isfinite(column).any():
            continue
        # stay or raise: cheapest previous level at or below j
        running = np.minimum.accumulate(column)
        arg_up = np.maximum.accumulate(np.where(column == running, index, 0))
        _take(best, back_level, back_phase, phase, running, arg_up, entry_phase[:, phase])
        target = AFTER_DECREASE[phase]
        if target < 0:
            continue
        # lower: cheapest previous level strictly above j
        reverse = np.minimum.accumulate(column[::-1])[::-1]
        arg_rev = (levels - 1 - np.maximum.accumulate(np.where(column[::-1] == np.minimum.accumulate(column[::-1]),
                                                               index, 0)))[::-1]
        above = np.append(reverse[1:], INF)
        arg_above = np.append(arg_rev[1:], 0)
        _take(best, back_level, back_phase, target, above, arg_above, entry_phase[:, phase])
    best += cost[:, None]
    return best, back_level, back_phase


def _take(best, back_level, back_phase, phase: int, candidate, arg, origin_phase) -> None:
    better = candidate < best[:, phase]
    best[better, phase] = candidate[better]
    back_level[better, phase] = arg[better]
    back_phase[better, phase] = origin_phase[arg[better]]


def count_decreases(levels: np.ndarray, utc_day: np.ndarray) -> dict[int, int]:
    """Decreases (moves to a lower level) per UTC day."""
    lowered = np.flatnonzero(np.diff(levels) < 0) + 1
    days, counts = np.unique(utc_day[lowered], return_counts=True)
    return {int(d): int(c) for d, c in zip(days, counts, strict=True)}


def obeys_decrease_rule(levels: np.ndarray, utc_day: np.ndarray, utc_hour: np.ndarray,
                        first_hour_limit: int = 4, start_used: int = 0) -> bool:
    """Replay a schedule against the rule, decrease by decrease (used by tests and the auto-scaling
    simulation's bookkeeping): ≤ 4 in the hour of the day's first decrease, ≤ 1 in each later hour."""
    lowered = np.flatnonzero(np.diff(levels) < 0) + 1
    state: dict[int, list[int]] = {}
    first_day = int(utc_day[0]) if len(utc_day) else 0
    for k in lowered:
        day, hour = int(utc_day[k]), int(utc_hour[k])
        hours = state.setdefault(day, [] if not (day == first_day and start_used) else [-1] * start_used)
        first_hour = hours[0] if hours else hour
        in_hour = sum(1 for h in hours if h == hour)
        if hours and hours[0] == -1:  # budget partly spent before the plan: later-hour rule
            if in_hour >= 1 or len(hours) >= 27:
                return False
        elif hour == first_hour and in_hour >= first_hour_limit:
            return False
        elif hour != first_hour and in_hour >= 1:
            return False
        hours.append(hour)
    return True
