"""Amazon Cognito user pools: monthly active users by feature plan (https://aws.amazon.com/cognito/pricing/)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import ComponentUsage, dec, fmt
from models.design.schema import Cognito

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (
    Component("mau", "cognito.{plan}.mau"),
)


def usage(pool: Cognito, run: Run) -> ComponentUsage:
    """Monthly usage of one user pool (priced by MAU, not by traffic)."""
    return ComponentUsage(billed(COMPONENTS, globals(), pool, run))


def mau(pool: Cognito, run: Run) -> Quantity:
    """Monthly active users, per month."""
    users = dec(pool.mau)
    return Quantity(users, f"{fmt(users)} monthly active users")
