"""Cost against scale: the same design priced at many traffic volumes (for break-even charts)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from models.costs.estimate import estimate
from models.costs.prices import Catalog
from models.design.schema import Design
from models.facts import Facts
from models.run.run import at_volume, runs_at_volumes

__all__ = ["at_volume", "cost_sweep", "log_volumes", "projection"]


def cost_sweep(design: Design, catalog: Catalog, volumes: np.ndarray, facts: Facts | None = None) -> list[Decimal]:
    """Monthly total in USD at each client volume (requests per month). Each volume's Run has the
    estimate's `facts`, so the INIT phase of cold starts is priced as in the estimate (the cold starts
    of all volumes worked out in one pass: `runs_at_volumes`)."""
    return [estimate(run, catalog).total_usd for run in runs_at_volumes(design, volumes, facts)]


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
    volumes = [base * (1 + growth) ** (month - 1) for month in range(1, months + 1)]
    runs = runs_at_volumes(design, volumes, facts)
    return [{"month": month, "requests_per_month": round(volume, 3), "total_usd": estimate(run, catalog).total_usd}
            for month, volume, run in zip(range(1, months + 1), volumes, runs, strict=True)]
