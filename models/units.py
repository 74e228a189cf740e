"""Units the whole core shares, defined once.

AWS prices a month as 730 hours (8,760 hours a year / 12): the Lambda, DynamoDB and API Gateway
pricing pages all use it for their monthly examples, and so does every figure here.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, Decimal

HOURS_PER_MONTH = 730                      # AWS's monthly convention
MINUTES_PER_MONTH = HOURS_PER_MONTH * 60   # 43,800: the length of every traffic series
SECONDS_PER_MONTH = MINUTES_PER_MONTH * 60
DAYS_PER_MONTH = HOURS_PER_MONTH / 24      # 30.416...
WEEKS_PER_MONTH = DAYS_PER_MONTH / 7
MINUTES_PER_WEEK = 7 * 24 * 60

MONTH_HOURS_DEC = Decimal(HOURS_PER_MONTH)      # the same month as Decimal, for money
MONTH_SECONDS_DEC = Decimal(SECONDS_PER_MONTH)
KB_PER_GB = Decimal(1024 * 1024)  # AWS bills data in GB of 2^30 bytes


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
