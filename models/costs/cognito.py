"""Amazon Cognito user pools: monthly active users by feature plan (https://aws.amazon.com/cognito/pricing/)."""

from __future__ import annotations

from decimal import Decimal

from models.costs.usage import ComponentUsage, Usage, dec, fmt
from models.design.schema import Cognito


def usage(pool: Cognito, events: Decimal) -> ComponentUsage:
    """Monthly usage of one user pool (priced by MAU, not by traffic)."""
    mau = dec(pool.mau)
    return ComponentUsage((Usage(pool.id, f"cognito.{pool.plan}.mau", mau, f"{fmt(mau)} monthly active users"),))
