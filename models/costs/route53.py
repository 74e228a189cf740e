"""Amazon Route 53: hosted zones per month and DNS queries (https://aws.amazon.com/route53/pricing/)."""

from __future__ import annotations

from decimal import Decimal

from models.costs.usage import ComponentUsage, Usage, dec, fmt
from models.design.schema import Route53


def usage(dns: Route53, events: Decimal) -> ComponentUsage:
    """Monthly usage of hosted zones and queries (not driven by traffic)."""
    usages = []
    if dns.hosted_zones:
        usages.append(Usage(dns.id, "route53.hosted_zones", dec(dns.hosted_zones), f"{dns.hosted_zones} hosted zones"))
    if dns.queries_per_month:
        q = dec(dns.queries_per_month)
        usages.append(Usage(dns.id, f"route53.queries.{dns.routing}", q, f"{fmt(q)} {dns.routing} queries"))
    return ComponentUsage(tuple(usages))
