"""Usage records: what one component consumes of one priced dimension in a month."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from models.units import KB_PER_GB, ceil_units, dec, fmt, is_integral
from models.units import MONTH_HOURS_DEC as HOURS_PER_MONTH
from models.units import MONTH_SECONDS_DEC as SECONDS_PER_MONTH

__all__ = ["HOURS_PER_MONTH", "KB_PER_GB", "SECONDS_PER_MONTH", "ceil_units", "dec", "fmt", "is_integral"]


@dataclass(frozen=True)
class Usage:
    """`quantity` units of price `price_id` used by `component` in a month.

    `formula` says how the quantity was worked out, for people ("30,000,000 × 0.121 s × 0.5 GB").
    `free_tier_eligible` is False where AWS's free tier must not apply (e.g. Lambda functions
    with provisioned concurrency). `quantity` is in the price's unit, per month.
    """

    component: str
    price_id: str
    quantity: Decimal
    formula: str
    free_tier_eligible: bool = True
    label: str = ""  # what distinguishes this usage from others of the same price (e.g. "INIT phase")
    cost_component: str = ""  # the declared component it bills, "<type>.<key>" (models/costs/components.py)


@dataclass(frozen=True)
class ComponentUsage:
    """A component's priced usage plus the warnings its model raised."""

    usages: tuple[Usage, ...]
    warnings: tuple[str, ...] = ()
