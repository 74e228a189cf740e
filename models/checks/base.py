"""What every readiness check is made of: `Check` (one finding), `Context` (the run, the limits and the
notes a check may add), `Readiness` (the report) and `make_check`, which turns lost requests into a status.

The checks themselves live in one module per service (lambda_function, api_gateway, dynamodb, s3, sqs)
plus resilience; `readiness.py` runs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from models.checks.limits import LimitValue
from models.costs.prices import Catalog
from models.design.schema import Design
from models.run.run import Run
from models.run.traffic import Traffic

FAIL_SHARE = 1e-4       # lost share of a component's requests that fails a check
FAIL_Z = 3.719016485455709  # Φ⁻¹(1 − FAIL_SHARE): the normal quantile of the p99.99
WARN_HEADROOM = 0.20    # peak within 20 % of the limit warns


@dataclass(frozen=True)
class Check:
    """One limit against one component's demand, with its consequence and the fix."""

    id: str
    component: str
    limit: str
    limit_value: float | None
    limit_source: str
    peak_demand: float | None
    unit: str
    headroom_pct: float | None
    status: str  # pass | warn | fail
    affected_requests_per_month: float
    consequence: str
    action: str
    from_account: bool = False
    # ---- quotas
    #: the account read behind a value from an account, e.g. "Service Quotas L-6E3AF000 (applied)" ("" if none)
    limit_read: str = ""
    # ---- end quotas
    #: the key of the limit checked in the limits data ("lambda_concurrency"); "" for a check on a setting
    limit_key: str = ""


@dataclass
class Context:
    """What every check reads: the design, its limits, volumes and per-minute rates."""

    design: Design
    limits: dict[str, LimitValue]
    events: dict[str, Decimal]
    traffic: Traffic
    rates: dict[str, np.ndarray]
    facts: dict[str, dict[str, float | str]] = field(default_factory=dict)  # per-component figures for reports
    catalog: Catalog | None = None  # the region's prices, for the cost of remedies (optional)
    # (check id, component) → demand per minute
    curves: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    run: Run | None = None  # the case's Run, for its cold starts and durations (None: derived on demand)

    @classmethod
    def of(cls, run: Run, limits: dict[str, LimitValue], catalog: Catalog | None = None) -> Context:
        """The context of a design case's `Run`: its events, traffic series and per-minute rates (built
        once, shared with the estimate of the same Run), the limits that apply, the catalog (optional)."""
        return cls(run.design, limits, run.events, run.traffic, run.rates, catalog=catalog, run=run)

    def limit(self, key: str) -> LimitValue:
        return self.limits[key]

    def series(self, component_id: str, monthly_total: float) -> np.ndarray:
        """Per-second rates over the month for `monthly_total` events, in this component's shape
        (the client series for flow-driven components, the spike-free profile otherwise)."""
        rate = self.rates[component_id]
        total = float(rate.sum()) * 60
        if total <= 0:
            base = self.traffic.baseline_rps
            shape = base / base.sum() if base.sum() > 0 else np.full(base.shape, 1 / base.size)
            return shape * (monthly_total / 60)
        return rate * (monthly_total / total)

    def note(self, component: str, **figures: float | str) -> None:
        """Record figures (peak concurrency, throttled, ...) for a component's report."""
        self.facts.setdefault(component, {}).update(figures)


@dataclass(frozen=True)
class Readiness:
    """All checks, per-component peaks, and the series behind them (for charts)."""

    checks: tuple[Check, ...]
    components: dict[str, dict[str, float | str]]
    traffic: Traffic
    rates: dict[str, np.ndarray]
    curves: dict[tuple[str, str], np.ndarray]

    @property
    def worst_status(self) -> str:
        statuses = {c.status for c in self.checks}
        return "fail" if "fail" in statuses else "warn" if "warn" in statuses else "pass"


def status_for(affected: float, total: float, peak: float | None, limit: float | None, hard: bool = False) -> str:
    """fail / warn / pass by the rule in this module's docstring."""
    if (total > 0 and affected / total >= FAIL_SHARE) or (
            hard and peak is not None and limit is not None and peak > limit):
        return "fail"
    if affected >= 1 or (peak is not None and limit and peak > (1 - WARN_HEADROOM) * limit):
        return "warn"
    return "pass"


def headroom(peak: float | None, limit: float | None, status: str = "pass") -> float | None:
    """Percent of the limit left at the peak (negative when over).

    A failing check has none left: when it loses requests at a peak still under its limit (Erlang B
    blocking around a mean load, a duration tail past its p99) the peak alone would print "FAIL ... +33 %
    headroom", so a fail reads 0 % then, and its affected count says how much is lost.

    >>> headroom(20, 30), headroom(20, 30, "fail"), headroom(40, 30, "fail")
    (33.3, 0.0, -33.3)
    """
    if peak is None or not limit:
        return None
    left = round((limit - peak) / limit * 100, 1)
    return min(left, 0.0) if status == "fail" else left


def make_check(ctx: Context, *, id: str, component: str, limit_key: str | None, limit_value: float | None,
               limit_label: str, peak: float | None, unit: str, affected: float, total: float,
               consequence: str, action: str, hard: bool = False, warn_if: bool = False,
               curve: np.ndarray | None = None) -> Check:
    """A Check with its status and headroom computed, and the limit's source filled in.

    `warn_if` raises a pass to warn for findings that lose no request but need attention;
    `curve` (the demand in `unit` per minute) is kept for the Limits page's charts."""
    if curve is not None:
        ctx.curves[(id, component)] = np.asarray(curve, dtype=float)
    limit = ctx.limits.get(limit_key) if limit_key else None
    source = limit.source if limit else "design file"
    status = status_for(affected, total, peak, limit_value, hard)
    if warn_if and status == "pass":
        status = "warn"
    return Check(id=id, component=component, limit=limit_label, limit_value=limit_value, limit_source=source,
                 peak_demand=None if peak is None else round(float(peak), 3), unit=unit,
                 headroom_pct=headroom(peak, limit_value, status), status=status,
                 affected_requests_per_month=round(float(affected), 1), consequence=consequence, action=action,
                 from_account=bool(limit and limit.from_account),
                 limit_read=limit.account_read if limit else "",  # ---- quotas
                 limit_key=limit_key or "")
