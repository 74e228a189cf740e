"""AWS WAF: a web ACL per month, its rules per month, and every request it inspects.

https://aws.amazon.com/waf/pricing/ — "Web ACL $5.00 per month (prorated hourly); Rule $1.00 per month
(prorated hourly); Request $0.60 per 1 million requests (for inspection up to 1500 WCUs and default body
size)". A rule group (managed or your own) is billed as one rule. The web ACL inspects every request its
protected resources receive — a CloudFront distribution's viewer requests, a REST API's requests — blocked
or allowed, so the requests are those arriving at the components it `protects`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import ComponentUsage, fmt
from models.design.schema import Waf

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (
    Component("web_acl", "waf.web_acl"),
    Component("rules", "waf.rules"),
    Component("requests", "waf.requests"),
)


def inspected(acl: Waf, run: Run) -> Decimal:
    """Requests a month the web ACL inspects: all those arriving at the components it protects."""
    return sum((run.events[name] for name in acl.protects), Decimal(0))


def usage(acl: Waf, run: Run) -> ComponentUsage:
    """Monthly usage of one web ACL."""
    return ComponentUsage(billed(COMPONENTS, globals(), acl, run))


def web_acl(acl: Waf, run: Run) -> Quantity:
    """One web ACL-month, however many resources it protects."""
    return Quantity(Decimal(1), f"1 web ACL ({', '.join(acl.protects)})")


def rules(acl: Waf, run: Run) -> Quantity | None:
    """Rule-months: each rule and each rule group of the web ACL."""
    if not acl.rules:
        return None
    return Quantity(Decimal(acl.rules), f"{acl.rules} rules and rule groups")


def requests(acl: Waf, run: Run) -> Quantity | None:
    """Requests inspected a month."""
    n = inspected(acl, run)
    if not n:
        return None
    return Quantity(n, f"{fmt(n)} requests to {', '.join(acl.protects)} inspected")
