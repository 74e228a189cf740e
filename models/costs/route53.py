"""Amazon Route 53: hosted zones per month and DNS queries (https://aws.amazon.com/route53/pricing/)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import ComponentUsage, dec, fmt
from models.design.schema import Route53

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (
    Component("hosted_zones", "route53.hosted_zones"),
    Component("queries", "route53.queries.{routing}"),
)


def usage(dns: Route53, run: Run) -> ComponentUsage:
    """Monthly usage of hosted zones and queries (not driven by traffic)."""
    return ComponentUsage(billed(COMPONENTS, globals(), dns, run))


def hosted_zones(dns: Route53, run: Run) -> Quantity | None:
    """Hosted zones, per month."""
    if not dns.hosted_zones:
        return None
    return Quantity(dec(dns.hosted_zones), f"{dns.hosted_zones} hosted zones")


def queries(dns: Route53, run: Run) -> Quantity | None:
    """DNS queries per month, by routing policy."""
    if not dns.queries_per_month:
        return None
    q = dec(dns.queries_per_month)
    return Quantity(q, f"{fmt(q)} {dns.routing} queries")
