"""The one-decrease-per-lowering programme (`schedule.cheapest_schedules`: the one-time bound), compiled.

The programme is a loop over the month's steps in which every step is a handful of small array
operations (35 rule states × 12 levels per table at 15-minute steps). Written with numpy, each of those
operations costs a few microseconds of Python and numpy set-up, so a month took ≈ 85 ms and the
throttling bisection, ten months, ≈ 0.9 s. Compiled by numba to plain loops, a month takes ≈ 8 ms, and
≈ 5 ms with reads and writes solved at the same time on two cores (`each_at_once`).

Every cost is the same float the numpy form computed (each is a min of candidates, exact in any order,
plus one addition), and the way back prefers among equal costs exactly as the numpy form did
(`_choose`), so the schedules are the same, tie for tie.

numba keeps the machine code it compiles in `__pycache__` beside this file (`cache=True`), like
Python's own bytecode: the first call on a new machine compiles for a few seconds
(`scripts/setup.sh` does it once: `warm_up`), later processes load it in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar, cast

import numba
import numpy as np
from numpy.typing import NDArray

_Function = TypeVar("_Function", bound=Callable[..., Any])
_Item = TypeVar("_Item")
_Result = TypeVar("_Result")
Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Flags = NDArray[np.bool_]
#: `_rule_tables`: (start, sources) one step later, on a new UTC day, by one decrease
Rule = tuple[Ints, Ints, Ints, Ints, Ints, Ints]


def _compiled(function: _Function) -> _Function:
    """numba's nopython compilation of `function`, cached on disk, releasing the GIL while it runs (other
    sessions of the app go on), typed as the function itself."""
    return cast(_Function, numba.njit(cache=True, nogil=True)(function))


@_compiled
def _sources(mapping: Ints) -> tuple[Ints, Ints]:
    """The states `mapping` leads from to each state t, ascending, as `sources[start[t]:start[t + 1]]`
    (−1 in `mapping`: leads nowhere)."""
    states = len(mapping)
    start = np.zeros(states + 1, np.int64)
    for s in range(states):
        if mapping[s] >= 0:
            start[mapping[s] + 1] += 1
    start = np.cumsum(start)
    sources = np.empty(start[-1], np.int64)
    filled = start[:-1].copy()
    for s in range(states):
        t = mapping[s]
        if t >= 0:
            sources[filled[t]] = s
            filled[t] += 1
    return start, sources


@_compiled
def _enter(before: Floats, entry: Floats, identity: bool, start: Ints, sources: Ints) -> None:
    """`entry[t]` = the least of `before` over the states leading to state t (`start`/`sources`), by table and
    level; `identity`: the first step, each state from itself."""
    states, tables, levels = before.shape
    if identity:
        entry[:] = before
        return
    entry[:] = np.inf
    for t in range(states):
        for i in range(start[t], start[t + 1]):
            came = before[sources[i]]
            for d in range(tables):
                for j in range(levels):
                    entry[t, d, j] = min(entry[t, d, j], came[d, j])


@_compiled
def _stay_or_raise(entry: Floats, after: Floats, above: Floats, lower: bool) -> None:
    """`after[t, d, j]` = the least of `entry[t, d, ≤ j]` (stay or raise to level j); with `lower`,
    `above[t, d, j]` = the least of `entry[t, d, > j]` (inf at the top)."""
    states, tables, levels = entry.shape
    for t in range(states):
        for d in range(tables):
            least = np.inf
            for j in range(levels):
                least = min(least, entry[t, d, j])
                after[t, d, j] = least
            if lower:
                least = np.inf
                above[t, d, levels - 1] = np.inf
                for j in range(levels - 1, 0, -1):
                    least = min(least, entry[t, d, j])
                    above[t, d, j - 1] = least


@_compiled
def _lower(after: Floats, above: Floats, lower_start: Ints, lower_sources: Ints) -> None:
    """`after[t, d, j]` lowered to `above[s, d, j]` where that is less, for the states s one decrease leads
    from to t."""
    states, tables, levels = after.shape
    for t in range(states):
        for i in range(lower_start[t], lower_start[t + 1]):
            lowered = above[lower_sources[i]]
            for d in range(tables):
                for j in range(levels - 1):
                    after[t, d, j] = min(after[t, d, j], lowered[d, j])


@_compiled
def _step(before: Floats, after: Floats, entry: Floats, above: Floats, cost: Floats, k: int, new_day: Flags,
          can_lower: Flags, rule: Rule) -> None:
    """Costs after step k (`after`, by state, table, level) from those before it: enter each state from the
    states leading to it (none at step 0; `rule`, from `_rule_tables`), stay or raise (any level at or below),
    lower where a decrease is allowed (from a state the decrease leads from, any level above), then pay the
    step's `cost` (table, level). `entry` and `above` are scratch arrays of the same shape."""
    start, sources = (rule[2], rule[3]) if new_day[k] else (rule[0], rule[1])
    _enter(before, entry, k == 0, start, sources)
    _stay_or_raise(entry, after, above, can_lower[k])
    if can_lower[k]:
        _lower(after, above, rule[4], rule[5])
    states, tables, levels = after.shape
    for t in range(states):
        for d in range(tables):
            for j in range(levels):
                after[t, d, j] += cost[d, j]


@_compiled
def _choose(before: Floats, table: int, phase: int, level: int, identity: bool, start: Ints, sources: Ints,
            lower: bool, lower_start: Ints, lower_sources: Ints) -> tuple[int, int]:
    """The (state, level) before a step on a cheapest way to (`phase`, `level`) after it, the first of
    equal costs in this order: staying or raising (the nearest level below first, then the lowest state),
    then lowering (the lowest state lowered from, the nearest level above, the lowest state entering it)."""
    levels = before.shape[2]
    best, state, at = np.inf, -1, -1
    for j in range(level, -1, -1):
        first, last = (phase, phase + 1) if identity else (start[phase], start[phase + 1])
        for i in range(first, last):
            s = phase if identity else sources[i]
            if state < 0 or before[s, table, j] < best:
                best, state, at = before[s, table, j], s, j
    if lower:
        for q in range(lower_start[phase], lower_start[phase + 1]):
            lowered_from = lower_sources[q]
            for j in range(level + 1, levels):
                first, last = (lowered_from, lowered_from + 1) if identity else \
                    (start[lowered_from], start[lowered_from + 1])
                for i in range(first, last):
                    s = lowered_from if identity else sources[i]
                    if before[s, table, j] < best:
                        best, state, at = before[s, table, j], s, j
    return state, at


@_compiled
def _rule_tables(advance: Ints, advance_day: Ints, decrease: Ints) -> Rule:
    """(start, sources) of the states leading to each state one step later, then on a new UTC day, then by
    one decrease (`_sources` each), as one tuple."""
    plain_start, plain_sources = _sources(advance)
    day_start, day_sources = _sources(advance_day)
    lower_start, lower_sources = _sources(decrease)
    return plain_start, plain_sources, day_start, day_sources, lower_start, lower_sources


@_compiled
def _least_end(last: Floats) -> tuple[Floats, Ints]:
    """Per table, the least cost after the last step and its (state, level): the first in (state, level)
    order."""
    states, tables, levels = last.shape
    totals = np.full(tables, np.inf)
    positions = np.zeros((tables, 2), np.int64)
    for d in range(tables):
        found = False
        for p in range(states):
            for j in range(levels):
                if not found or last[p, d, j] < totals[d]:
                    totals[d] = last[p, d, j]
                    positions[d, 0] = p
                    positions[d, 1] = j
                    found = True
    return totals, positions


@_compiled
def _walk_block(kept: Floats, k0: int, k1: int, new_day: Flags, can_lower: Flags, rule: Rule, paths: Ints,
                positions: Ints) -> None:
    """Steps k1 − 1 down to k0 of the way back (`kept[k − k0]`: the costs before step k): each table's level
    in `paths`, its (state, level) before the step in `positions`."""
    for k in range(k1 - 1, k0 - 1, -1):
        start, sources = (rule[2], rule[3]) if new_day[k] else (rule[0], rule[1])
        for d in range(paths.shape[0]):
            paths[d, k] = positions[d, 1]
            state, at = _choose(kept[k - k0], d, positions[d, 0], positions[d, 1], k == 0, start, sources,
                                can_lower[k], rule[4], rule[5])
            positions[d, 0] = state
            positions[d, 1] = at


@_compiled
def single_programme(cost: Floats, advance: Ints, advance_day: Ints, decrease: Ints, new_day: Flags,
                     can_lower: Flags, start_state: int, prior_level: int, block: int) -> tuple[Ints, Floats, Ints]:
    """Cheapest level paths for the tables of `cost` (step, table, level; USD per step, inf = not allowed),
    each on its own decrease budget, over the rule states (`advance`, `advance_day`: the state one step later
    without and with a new UTC day; `decrease`: after one decrease, −1 none). `prior_level` −1: step 0 is
    free. `block`: the costs before each step are kept for `block` steps at a time (the whole month when it
    fits), the rest recomputed from checkpoints on the way back.

    Returns (paths (table, step): the level in each step from the first the programme takes; totals per
    table; (state, level) per table before that first step)."""
    steps, tables, levels = cost.shape
    rule = _rule_tables(advance, advance_day, decrease)
    best = np.full((len(advance), tables, levels), np.inf)
    first = 1 if prior_level < 0 else 0
    if first == 1:
        best[start_state] = cost[0]
    else:
        best[start_state, :, prior_level] = 0.0
    blocks = (steps - first + block - 1) // block
    checkpoints = np.empty((blocks, *best.shape))
    kept = np.empty((min(block, steps - first), *best.shape))
    after, entry, above = np.empty_like(best), np.empty_like(best), np.empty_like(best)
    for k in range(first, steps):
        if (k - first) % block == 0:
            checkpoints[(k - first) // block] = best
        if blocks == 1:
            kept[k - first] = best
        _step(best, after, entry, above, cost[k], k, new_day, can_lower, rule)
        best, after = after, best
    totals, positions = _least_end(best)
    paths = np.zeros((tables, steps), np.int64)
    for b in range(blocks - 1, -1, -1):
        k0 = first + b * block
        k1 = min(k0 + block, steps)
        if blocks > 1:  # recompute the block's costs from its checkpoint
            now = checkpoints[b].copy()
            for k in range(k0, k1):
                kept[k - k0] = now
                _step(now, after, entry, above, cost[k], k, new_day, can_lower, rule)
                now, after = after, now
        _walk_block(kept, k0, k1, new_day, can_lower, rule, paths, positions)
    return paths, totals, positions


#: reads and writes are solved at the same time, in two threads: the compiled loops release the GIL, so on a
#: machine with two cores or more the bound takes about half as long (5-minute steps: 0.15 → 0.10 s)
TABLES_AT_ONCE = 2
_THREADS = ThreadPoolExecutor(TABLES_AT_ONCE, thread_name_prefix="dynamodb-programme")  # started on first use


def each_at_once(solve: Callable[[_Item], _Result], items: Sequence[_Item]) -> list[_Result]:
    """[solve(item) for item in items], up to TABLES_AT_ONCE of them at the same time (one pool of threads per
    process: concurrent plans share it)."""
    if len(items) < 2:
        return [solve(item) for item in items]
    return list(_THREADS.map(solve, items))


def warm_up() -> None:
    """Compile (or load from the disk cache) the programme: a one-step month, so the first plan is fast."""
    one = np.zeros(1, np.int64)
    single_programme(np.zeros((2, 1, 2)), one, one, -one, np.zeros(2, np.bool_), np.ones(2, np.bool_), 0, -1, 1)
