"""AWS WAF checks: a rate-based rule as a throttle on the design's own clients.

https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html
— "Evaluation window – The amount of time, in seconds, that AWS WAF should include in its request counts,
looking back from the current time" (60, 120, 300 or 600 s); "Rate limit – The maximum number of requests
matching your criteria that AWS WAF should just track for the specified evaluation window ... When this limit is
breached, AWS WAF applies the rule action setting to additional requests matching your criteria."

The reading: the protected components' traffic is spread evenly over `clients` IP addresses (the most even
spread: users behind one NAT — a mobile carrier's or an office's — are one IP, and heavy users meet the limit
sooner, so real blocking is at least this); each IP's requests in the trailing window are counted, and those
beyond `rate_limit` in the window are blocked (the "additional requests").
"""

from __future__ import annotations

import numpy as np

from models.checks.base import Check, Context, make_check
from models.design.schema import Waf
from models.messages import msg


def checks(ctx: Context) -> list[Check]:
    """The rate-based rule check of each web ACL that has one."""
    return [_rate_rule(ctx, acl) for acl in ctx.design.components if acl.type == "waf" and acl.rate_limit]


def per_client_window_counts(acl: Waf, rate_rps: np.ndarray, clients: int) -> np.ndarray:
    """Requests each client IP has made in the trailing evaluation window, at each minute."""
    per_minute = rate_rps * 60 / clients
    minutes = acl.rate_window_s // 60
    return np.convolve(per_minute, np.ones(minutes))[: per_minute.size]


def _rate_rule(ctx: Context, acl: Waf) -> Check:
    limit = float(acl.rate_limit or 0)
    rate = sum((ctx.rates[name] for name in acl.protects), np.zeros_like(ctx.traffic.baseline_rps, dtype=float))
    total = float(rate.sum() * 60)
    label = msg("waf.rate_rule.limit", "rate-based rule: {limit:,.0f} requests per client IP in {window} s",
                limit=limit, window=acl.rate_window_s)
    unit = msg("unit.requests_per_ip_window", "requests per client IP in the window")
    if acl.clients is None:
        return make_check(
            ctx, id="waf.rate_rule", component=acl.id, limit_key=None, limit_value=limit, limit_label=label,
            peak=None, unit=unit, affected=0, total=total, warn_if=True,
            consequence=msg("waf.rate_rule.no_clients", "the rule counts requests per client IP, and the design "
                            "does not say how many IPs its traffic comes from"),
            action=msg("waf.rate_rule.clients_action", "Give {id}'s clients: the number of client IP addresses at "
                       "the peak (users behind one NAT count once).", id=acl.id))
    counts = per_client_window_counts(acl, rate, acl.clients)
    blocked_share = np.where(counts > limit, 1 - limit / np.maximum(counts, limit), 0.0)
    blocked = float((rate * 60 * blocked_share).sum())
    ctx.note(acl.id, peak_requests_per_ip_window=round(float(counts.max()), 1), blocked_per_month=round(blocked, 1))
    return make_check(
        ctx, id="waf.rate_rule", component=acl.id, limit_key=None, limit_value=limit, limit_label=label,
        peak=float(counts.max()), curve=counts, unit=unit, affected=blocked, total=total,
        consequence=msg("waf.rate_rule.consequence", "{n:,.0f} requests a month from the design's own clients "
                        "blocked (403) by the rate-based rule: {clients:,} IPs share the peak, about {peak:,.0f} "
                        "requests each per {window} s.", n=blocked, clients=acl.clients, peak=float(counts.max()),
                        window=acl.rate_window_s),
        action=msg("waf.rate_rule.action", "Raise the rate-based rule's limit above the busiest client's "
                   "requests per window, "
                   "aggregate on a header or a forwarded IP instead of the source IP, or scope the rule down to "
                   "the paths attackers use."))
