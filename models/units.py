"""Units the whole core shares, defined once.

AWS prices a month as 730 hours (8,760 hours a year / 12): the Lambda, DynamoDB and API Gateway
pricing pages all use it for their monthly examples, and so does every figure here.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Context, Decimal

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
    """A quantity for a formula: thousands separators, no trailing zeros, never scientific notation."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e18:
        return f"{int(number):,}"
    if abs(number) >= 1000:
        return f"{number:,.2f}".rstrip("0").rstrip(".")
    return plain(number, ".6g")


# a format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
_SPEC = re.compile(r"(?P<align>.?[<>=^])?(?P<sign>[-+ ]?)z?#?0?(?P<width>\d*)(?P<group>[,_]?)(?:\.(?P<prec>\d+))?"
                   r"(?P<type>[gGn]?)")


def plain(value: object, spec: str = "") -> str:
    """`format(value, spec)`, except that a number is never written in scientific notation.

    Python's general format ("g", and a float with no type) switches to an exponent once a number
    has more digits than the precision: "{:.2g}" of 100 is "1e+02", "{:,.6g}" of 3,424,660,000 is
    "3.42466e+09". A consultant quotes neither, so those are written out in full, with the same
    significant digits, sign and grouping; every other spec and value is formatted as Python does.

    >>> plain(100.0, ".2g"), plain(3424657353.0, ",.6g"), plain(1e16), plain(0.000012, "g"), plain(2.5, ".2g")
    ('100', '3,424,660,000', '10000000000000000', '0.000012', '2.5')
    """
    text = format(value, spec)
    if "e" not in text.lower() or isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return text
    match = _SPEC.fullmatch(spec)
    if match is None or not math.isfinite(float(value)):
        return text  # an explicit "e", "%", "f" ... spec, or inf/nan: as asked
    digits = int(match["prec"]) if match["prec"] else (6 if match["type"] else 17)
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    rounded = Context(prec=max(digits, 1), rounding=ROUND_HALF_EVEN).create_decimal(exact).normalize()
    written = format(rounded, f"{match['sign']}{match['group']}f")
    width = int(match["width"] or 0)
    align = (match["align"] or ">")[-1]
    return written.rjust(width) if align in ">=" else written.ljust(width) if align == "<" else written.center(width)


def is_integral(value: float) -> bool:
    """True for whole numbers (used to keep formulas short)."""
    return math.isfinite(value) and float(value).is_integer()
