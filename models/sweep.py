"""Cost against scale: the same design priced at many traffic volumes (for break-even charts)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from models.design import Design
from models.estimate import estimate
from models.prices import Catalog


def at_volume(design: Design, requests_per_month: float) -> Design:
    """The design with its client traffic set to `requests_per_month` (shape and spikes kept)."""
    workload = design.workload.model_copy(update={"requests_per_month": float(requests_per_month),
                                                  "peak_rps": None, "users": None})
    return design.model_copy(update={"workload": workload})


def cost_sweep(design: Design, catalog: Catalog, volumes: np.ndarray) -> list[Decimal]:
    """Monthly total in USD at each client volume (requests per month)."""
    return [estimate(at_volume(design, v), catalog).total_usd for v in volumes]


def log_volumes(low: float = 1e3, high: float = 1e8, points: int = 50) -> np.ndarray:
    """Request volumes spaced evenly on a log axis, rounded to whole requests."""
    return np.round(np.logspace(np.log10(low), np.log10(high), points))
