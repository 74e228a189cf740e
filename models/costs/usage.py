"""Usage records: what one component consumes of one priced dimension in a month."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from models.units import KB_PER_GB
from models.units import MONTH_HOURS_DEC as HOURS_PER_MONTH
from models.units import MONTH_SECONDS_DEC as SECONDS_PER_MONTH

__all__ = ["HOURS_PER_MONTH", "KB_PER_GB", "SECONDS_PER_MONTH"]  # Decimal forms, for the cost modules


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


def dec(value: float | int | Decimal) -> Decimal:
    """A design number as an exact Decimal (via its shortest repr, so 0.1 stays 0.1)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float) and value.is_integer():
        return Decimal(int(value))
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def ceil_units(size: Decimal, unit: Decimal) -> Decimal:
    """How many billing units of `unit` a size takes, at least one (e.g. 33 KB in 32 KB units → 2)."""
    if size <= 0:
        return Decimal(1)
    return max(Decimal(1), (size / unit).to_integral_value(rounding=ROUND_CEILING))


def fmt(value: Decimal | float) -> str:
    """A quantity for a formula: thousands separators, no trailing zeros."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e18:
        return f"{int(number):,}"
    if abs(number) >= 1000:
        return f"{number:,.2f}".rstrip("0").rstrip(".")
    return f"{number:.6g}"


def is_integral(value: float) -> bool:
    """True for whole numbers (used to keep formulas short)."""
    return math.isfinite(value) and float(value).is_integer()
