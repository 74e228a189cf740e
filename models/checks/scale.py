"""What breaks at N×: the traffic multiplier at which each readiness check first fails.

`first_failures(statuses_at)` searches the multiplier of a design's traffic for each check, on
the engine itself: `statuses_at(m)` runs every check on the design's traffic × m and gives each
check's status. The search assumes a check that fails at m fails at every larger m (more traffic
never un-throttles a function), and finds the boundary in two steps:

1. doubling from ×1 — ×1, ×2, ×4, … up to `max_factor` for a check that passes at ×1; ×1, ×½, ×¼, …
   down to `min_factor` for one that already fails — until the status changes, and then
2. bisection in the bracket [m_pass, m_fail] at its geometric midpoint √(m_pass·m_fail) until
   m_fail / m_pass ≤ 1 + `tolerance`; the answer is m_fail, the smallest multiplier seen to fail,
   so the true boundary lies within `tolerance` below it.

Every evaluation is kept and shared: checks in the same bracket walk the same midpoints. A check
whose evaluations contradict the assumption (it passes at a larger multiplier than one it fails
at, e.g. cold starts, which grow rarer with traffic) is marked `monotone=False`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

#: (check id, component): one check of one component
CheckKey = tuple[str, str]
Statuses = Mapping[CheckKey, str]


@dataclass(frozen=True)
class FirstFailure:
    """Where one check first fails as the traffic is multiplied.

    `fails_at` is the smallest multiplier seen to fail (within `tolerance` above the true boundary);
    None when it passes up to `max_factor`. `below_min` is True when it fails even at `min_factor`
    (then `fails_at` is `min_factor`: it fails at any traffic searched)."""

    key: CheckKey
    status_now: str
    fails_at: float | None
    passes_at: float | None  # the largest multiplier seen to pass below fails_at (None: none)
    below_min: bool
    monotone: bool

    @property
    def headroom_pct(self) -> float | None:
        """How much more traffic the check takes before it fails, in percent of today's ((m − 1) × 100;
        negative when it fails now); None when it never fails within the search."""
        return None if self.fails_at is None else round((self.fails_at - 1) * 100, 1)


class _Memo:
    """statuses_at with every evaluation kept, keyed by the multiplier."""

    def __init__(self, statuses_at: Callable[[float], Statuses]):
        self.statuses_at = statuses_at
        self.seen: dict[float, Statuses] = {}

    def status(self, factor: float, key: CheckKey) -> str:
        if factor not in self.seen:
            self.seen[factor] = self.statuses_at(factor)
        return self.seen[factor].get(key, "pass")  # a check absent at this scale loses nothing there


def _bracket(memo: _Memo, key: CheckKey, min_factor: float, max_factor: float) -> tuple[float | None, float | None]:
    """(m_pass, m_fail) by doubling from ×1; m_fail None when it passes to max_factor, m_pass None when it
    fails down to min_factor."""
    if memo.status(1.0, key) == "fail":
        memo.status(min(2.0, max_factor), key)  # one look above, so a check failing only at low traffic shows
        fail = 1.0
        while fail > min_factor:
            lower = max(fail / 2, min_factor)
            if memo.status(lower, key) != "fail":
                return lower, fail
            fail = lower
        return None, fail
    passing = 1.0
    while passing < max_factor:
        upper = min(passing * 2, max_factor)
        if memo.status(upper, key) == "fail":
            return passing, upper
        passing = upper
    return passing, None


def _bisect(memo: _Memo, key: CheckKey, passing: float, failing: float, tolerance: float) -> tuple[float, float]:
    while failing / passing > 1 + tolerance:
        middle = math.sqrt(passing * failing)
        if memo.status(middle, key) == "fail":
            failing = middle
        else:
            passing = middle
    return passing, failing


def _monotone(memo: _Memo, key: CheckKey, fails_at: float | None) -> bool:
    """No evaluation passes above the boundary or fails below it."""
    for factor, statuses in memo.seen.items():
        failed = statuses.get(key, "pass") == "fail"
        if fails_at is None and failed:
            return False
        if fails_at is not None and failed != (factor >= fails_at):
            return False
    return True


def first_failures(statuses_at: Callable[[float], Statuses], *, tolerance: float = 0.01, min_factor: float = 0.01,
                   max_factor: float = 1000.0) -> tuple[list[FirstFailure], dict[float, Statuses]]:
    """Each check's first failing multiplier (see the module docstring), in the order of the checks at ×1,
    and every evaluation made ({multiplier: statuses}). `tolerance` is relative (0.01 = 1 %)."""
    if not 0 < tolerance < 1 or not 0 < min_factor <= 1 <= max_factor:
        raise ValueError("need 0 < tolerance < 1 and 0 < min_factor ≤ 1 ≤ max_factor")
    memo = _Memo(statuses_at)
    memo.status(1.0, ("", ""))
    found: list[FirstFailure] = []
    for key in list(memo.seen[1.0]):
        passing, failing = _bracket(memo, key, min_factor, max_factor)
        if passing is not None and failing is not None:
            passing, failing = _bisect(memo, key, passing, failing, tolerance)
        found.append(FirstFailure(key=key, status_now=memo.status(1.0, key), fails_at=failing,
                                  passes_at=passing if failing is not None else None, below_min=passing is None,
                                  monotone=True))
    found = [FirstFailure(**{**f.__dict__, "monotone": _monotone(memo, f.key, f.fails_at)}) for f in found]
    return found, dict(memo.seen)


def first_wall(found: list[FirstFailure]) -> FirstFailure | None:
    """The check that fails first as traffic grows (the smallest `fails_at`); None when none fails."""
    failing = [f for f in found if f.fails_at is not None]
    return min(failing, key=lambda f: f.fails_at or 0.0) if failing else None

