"""Price records: what a catalog file says about one billed dimension.

Money is `Decimal` (USD); quantities are `Decimal` in the price's own unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Tier:
    """One monthly volume tier: usage up to `up_to` units (None = no bound) costs `usd_per_unit`.

    A tier may name its own `confidence`, `source` and `as_of` where a source states this tier's price but not
    the others' (Tokyo's first 300M HTTP API calls are in the Price List; the band above is assumed); None: the
    price's."""

    up_to: Decimal | None
    usd_per_unit: Decimal
    confidence: str | None = None
    source: str | None = None
    as_of: date | None = None


@dataclass(frozen=True)
class FreeTier:
    """A monthly free allowance of `amount` units, shared by every price naming the same `pool`."""

    kind: str  # "always" | "first_year"
    amount: Decimal
    pool: str


@dataclass(frozen=True)
class Price:
    """One billed dimension in one region, with where its numbers came from."""

    id: str
    service: str
    dimension: str
    unit: str
    per: Decimal
    tiers: tuple[Tier, ...]
    source: str
    as_of: date
    confidence: str  # "aws" | "price_list" | "third_party" | "assumed"
    region: str
    free_tier: FreeTier | None = None
    note: str = ""

    @property
    def first_unit_price(self) -> Decimal:
        """USD per unit in the lowest tier."""
        return self.tiers[0].usd_per_unit

    def tier_confidence(self, tier_index: int) -> str:
        """How sure the tier's price is: its own confidence, else the price's."""
        return self.tiers[tier_index].confidence or self.confidence

    def tier_source(self, tier_index: int) -> tuple[str, date]:
        """The source URL and as-of date of the tier's price: its own, else the price's."""
        tier = self.tiers[tier_index]
        return tier.source or self.source, tier.as_of or self.as_of

    def display_price(self, tier_index: int = 0) -> str:
        """The price as AWS prints it, e.g. "$0.20 per 1M requests"."""
        usd = f"{(self.tiers[tier_index].usd_per_unit * self.per).normalize():f}"
        whole, _, cents = usd.partition(".")
        return f"${whole}.{cents.ljust(2, '0')} per {_per_label(self.per)}{self.unit}"


def _per_label(per: Decimal) -> str:
    labels = {Decimal(1): "", Decimal(1000): "1,000 ", Decimal(10000): "10,000 ",
              Decimal(100000): "100,000 ", Decimal(1000000): "1M "}
    return labels.get(per, f"{per:,} ")


@dataclass(frozen=True)
class Catalog:
    """All prices that apply in one region (regional prices plus global services)."""

    region: str
    compiled: date
    prices: dict[str, Price] = field(default_factory=dict)

    def get(self, price_id: str) -> Price | None:
        """The price with this id, or None when the catalog has none."""
        return self.prices.get(price_id)

    def price_dates(self) -> tuple[date, date] | None:
        """Oldest and newest as-of date of its prices and their tiers (what a quote's prices date from; `compiled`
        is when the catalog was built), None when it has no prices."""
        dates = [price.tier_source(i)[1] for price in self.prices.values() for i in range(len(price.tiers))]
        return (min(dates), max(dates)) if dates else None
