"""The catalog as per-unit rates, for models that price by rate × quantity themselves (the DynamoDB
capacity planner compares strategies minute by minute, so it cannot go through line items).

    book = PriceBook(catalog)
    book.usd_per_unit("dynamodb.provisioned.rcu_hours")       # USD per RCU-hour (first tier)
    book.free_amount("dynamodb.provisioned.rcu_hours")        # free RCU-hours a month (0 without one)

Every rate comes from the same `Price` records `price_usage` prices an estimate with.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.costs.prices import Catalog


@dataclass(frozen=True)
class PriceBook:
    """Per-unit USD rates and free allowances of one region's catalog (floats, for numpy work)."""

    catalog: Catalog

    def usd_per_unit(self, price_id: str) -> float:
        """USD per unit of the price's first tier (KeyError naming the id when the catalog lacks it)."""
        price = self.catalog.get(price_id)
        if price is None:
            raise KeyError(f"no price {price_id} in the {self.catalog.region} catalog")
        return float(price.first_unit_price)

    def free_amount(self, price_id: str) -> float:
        """Units free per month under the price's free tier (0.0 when it has none)."""
        price = self.catalog.get(price_id)
        return float(price.free_tier.amount) if price is not None and price.free_tier else 0.0
