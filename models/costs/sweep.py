"""Cost against scale: the same design priced at many traffic volumes (for break-even charts)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from models.costs.estimate import estimate
from models.costs.prices import Catalog
from models.design.schema import Design
from models.facts import Facts
from models.run.run import Run


def at_volume(design: Design, requests_per_month: float) -> Design:
    """The design with its client traffic set to `requests_per_month` (shape and spikes kept)."""
    workload = design.workload.model_copy(update={"requests_per_month": float(requests_per_month),
                                                  "peak_rps": None, "users": None})
    return design.model_copy(update={"workload": workload})


def cost_sweep(design: Design, catalog: Catalog, volumes: np.ndarray, facts: Facts | None = None) -> list[Decimal]:
    """Monthly total in USD at each client volume (requests per month). Each volume's Run has the
    estimate's `facts`, so the INIT phase of cold starts is priced as in the estimate."""
    return [estimate(Run(at_volume(design, v), facts), catalog).total_usd for v in volumes]


def log_volumes(low: float = 1e3, high: float = 1e8, points: int = 50) -> np.ndarray:
    """Request volumes spaced evenly on a log axis, rounded to whole requests."""
    return np.round(np.logspace(np.log10(low), np.log10(high), points))


def projection(design: Design, catalog: Catalog, months: int = 12, facts: Facts | None = None) -> list[dict[str, Any]]:
    """Month-by-month cost with the workload's growth_per_month: month k has (1 + g)^(k−1) × the traffic.

    Returns [{"month": 1.., "requests_per_month": ..., "total_usd": Decimal (USD per month)}]; only
    client-driven volumes grow (components with their own monthly figures stay as given). With the
    estimate's `facts` each month's Run prices the INIT phase too, so month 1 is the monthly total.
    """
    from models.run.traffic import baseline_monthly_requests, shape

    base = baseline_monthly_requests(design.workload, shape(design.workload))
    growth = design.workload.growth_per_month
    rows = []
    for month in range(1, months + 1):
        volume = base * (1 + growth) ** (month - 1)
        rows.append({"month": month, "requests_per_month": round(volume, 3),
                     "total_usd": estimate(Run(at_volume(design, volume), facts), catalog).total_usd})
    return rows
