"""One design case's month of traffic, built once and shared by the estimate and the readiness checks.

    run = Run(design, facts)        # nothing is computed yet
    run.events["api"]               # events per month per component (the flow)
    run.rates["handler"]            # events per second at each minute of the month (numpy array)
    run.cold_starts["handler"]      # (cold starts per month, INIT ms per cold start)

Each figure is computed on first use and kept, so the estimate and the checks of one case build
the 43,800-minute traffic series once and simulate each function's cold starts once.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from models.design.schema import Design, Lambda
from models.facts import Facts
from models.run.cold_starts import cold_start_totals
from models.run.duration import fit_duration
from models.run.flow import monthly_events
from models.run.queueing import erlang_b
from models.run.traffic import Traffic, client_traffic, component_rates
from models.units import HOURS_PER_MONTH


class Run:
    """The month of one design case: volumes, the traffic series, durations, spill-over and cold starts.

    `facts` (runtimes' INIT times, idle reclaim) is needed only for `cold_starts`; without it
    there are none to bill (the estimate then leaves out the INIT phase)."""

    def __init__(self, design: Design, facts: Facts | None = None):
        self.design = design
        self.facts = facts

    @cached_property
    def events(self) -> dict[str, Decimal]:
        """Events per month per component id, flowed along the design."""
        return monthly_events(self.design)

    @cached_property
    def traffic(self) -> Traffic:
        """The client request-rate series (requests per second at each minute of the month)."""
        return client_traffic(self.design.workload)

    @cached_property
    def rates(self) -> dict[str, np.ndarray]:
        """Events per second at each minute, per component id; each sums to its monthly events."""
        return component_rates(self.design, self.events, self.traffic)

    def mean_billed_s(self, fn: Lambda) -> float:
        """A function's mean billed duration in seconds (its lognormal duration, capped at the timeout)."""
        return mean_billed_s(fn)

    @cached_property
    def spill_shares(self) -> dict[str, float]:
        """For functions with provisioned concurrency all month: the share of invocations that overflow
        to on-demand environments, B(pc, A) weighted by the traffic series (0..1)."""
        shares: dict[str, float] = {}
        for fn in self._functions():
            if not fn.provisioned_concurrency or fn.share_in_provisioned_hours is not None \
                    or fn.provisioned_hours < HOURS_PER_MONTH:
                continue
            rate = self.rates[fn.id]
            spilled = float((rate * erlang_b(fn.provisioned_concurrency, rate * self.mean_billed_s(fn))).sum())
            shares[fn.id] = spilled / float(rate.sum())
        return shares

    @cached_property
    def cold_starts(self) -> dict[str, tuple[float, float]]:
        """Per function id: (cold starts per month, INIT ms per cold start); empty without `facts`."""
        if self.facts is None:
            return {}
        result: dict[str, tuple[float, float]] = {}
        for fn in self._functions():
            [colds] = cold_start_totals(self.rates[fn.id], [1.0], self.mean_billed_s(fn), self.facts.idle_reclaim_s,
                                        fn.provisioned_concurrency)
            result[fn.id] = (float(colds), init_ms_for(fn, self.facts))
        return result

    def use_cold_starts(self, cold_starts: dict[str, tuple[float, float]]) -> None:
        """Take `cold_starts` as worked out elsewhere (by `runs_at_volumes`, for many volumes at once)."""
        self.__dict__["cold_starts"] = cold_starts

    def _functions(self) -> list[Lambda]:
        return [c for c in self.design.components if c.type == "lambda" and self.events[c.id] > 0]


def at_volume(design: Design, requests_per_month: float) -> Design:
    """The design with its client traffic set to `requests_per_month` (shape and spikes kept)."""
    workload = design.workload.model_copy(update={"requests_per_month": float(requests_per_month),
                                                  "peak_rps": None, "users": None})
    return design.model_copy(update={"workload": workload})


def runs_at_volumes(design: Design, volumes: Sequence[float] | NDArray[np.float64],
                    facts: Facts | None = None) -> list[Run]:
    """One Run per client volume (requests per month) of the design, as `Run(at_volume(design, v), facts)`
    would give, with the cold starts of every volume worked out together.

    A function's rate series is its month's events spread over a shape that does not depend on the
    volume (the client series or the spike-free profile, each summing to 1), so the shape is taken
    once from a reference Run and `cold_start_totals` prices every volume's scale of it in one call.
    """
    runs = [Run(at_volume(design, v), facts) for v in volumes]
    if facts is None or not runs:
        return runs
    reference = Run(at_volume(design, max(float(max(volumes)), 1.0)))
    colds: list[dict[str, tuple[float, float]]] = [{} for _ in runs]
    for fn in reference._functions():
        unit = reference.rates[fn.id] / reference.rates[fn.id].sum()
        per_minute = [float(run.events.get(fn.id, 0)) / 60 for run in runs]
        totals = cold_start_totals(unit, per_minute, mean_billed_s(fn), facts.idle_reclaim_s,
                                   fn.provisioned_concurrency)
        for i, (run, total) in enumerate(zip(runs, totals, strict=True)):
            if run.events.get(fn.id, 0) > 0:
                colds[i][fn.id] = (float(total), init_ms_for(fn, facts))
    for run, cold in zip(runs, colds, strict=True):
        if set(cold) == {f.id for f in run._functions()}:  # else a function idle at the reference: left to the Run
            run.use_cold_starts(cold)
    return runs


def mean_billed_s(fn: Lambda) -> float:
    """A function's mean billed duration in seconds: E[min(ceil(X ms), timeout)] / 1000 of its duration model."""
    return fit_duration(fn.duration_ms).billed_ms(fn.timeout_s * 1000) / 1000


def init_ms_for(fn: Lambda, facts: Facts) -> float:
    """The function's INIT time in ms: as designed (init_ms), else its runtime's typical value."""
    if fn.init_ms is not None:
        return float(fn.init_ms)
    runtime = facts.runtimes.get(fn.runtime)
    return runtime.init_ms if runtime else 0.0
