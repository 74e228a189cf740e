"""Monthly volume tiers: how much of a quantity falls in each price tier.

Tiers are given by their upper bounds on total monthly usage. Example: REST API requests with
tiers [333M, 1B, 20B, None] and 400M requests fall as [333M, 67M, 0, 0]; 150 units with tiers
[10, 100, None] fall as [10, 90, 50].
"""

from __future__ import annotations

from decimal import Decimal

from models.costs.prices import Tier


def split_into_tiers(quantity: Decimal, tiers: tuple[Tier, ...]) -> list[Decimal]:
    """Units of `quantity` in each tier, in tier order (same length as `tiers`).

    >>> from decimal import Decimal as D
    >>> split_into_tiers(D(150), (Tier(D(10), D(1)), Tier(D(100), D(1)), Tier(None, D(1))))
    [Decimal('10'), Decimal('90'), Decimal('50')]
    """
    parts: list[Decimal] = []
    lower = Decimal(0)
    for tier in tiers:
        upper = tier.up_to
        if quantity <= lower:
            parts.append(Decimal(0))
        elif upper is None or quantity <= upper:
            parts.append(quantity - lower)
        else:
            parts.append(upper - lower)
        lower = upper if upper is not None else lower
    return parts


def split_range_into_tiers(start: Decimal, end: Decimal, tiers: tuple[Tier, ...]) -> list[Decimal]:
    """Units of the usage range (start, end] in each tier.

    Used for the free tier: free units are the first units used, so the free credit is the
    range (0, free] and the billable usage is (free, total].

    >>> from decimal import Decimal as D
    >>> split_range_into_tiers(D(5), D(30), (Tier(D(10), D(1)), Tier(None, D(1))))
    [Decimal('5'), Decimal('20')]
    """
    upto_end = split_into_tiers(end, tiers)
    upto_start = split_into_tiers(start, tiers)
    return [a - b for a, b in zip(upto_end, upto_start, strict=True)]


def tiered_cost(quantity: Decimal, tiers: tuple[Tier, ...]) -> Decimal:
    """USD for `quantity` units priced across `tiers`."""
    return sum(
        (part * tier.usd_per_unit for part, tier in zip(split_into_tiers(quantity, tiers), tiers, strict=True)),
        Decimal(0),
    )
