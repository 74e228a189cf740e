"""Amazon EventBridge checks: PutEvents requests per second per account and Region (a token bucket).

"PutEvents throttle limit in transactions per second" differs by Region (10,000 in us-east-1, 1,200 in Tokyo, 400
in Osaka and most others: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). One request
carries up to 10 entries (`entries_per_put`). AWS states no burst for it; the check allows one second's worth of
requests, the smallest bucket the wording ("Additional requests are throttled") permits.
"""

from __future__ import annotations

import numpy as np

from models.checks.base import Check, Context, make_check
from models.checks.step_functions import bucket_overflow
from models.design.schema import EventBridge
from models.messages import msg
from models.run.queueing import busiest_second_rps


def checks(ctx: Context) -> list[Check]:
    """The PutEvents check of the design's custom event buses (none without one)."""
    buses: list[EventBridge] = [c for c in ctx.design.components
                                if c.type == "eventbridge" and c.kind == "bus" and c.event_source == "custom"]
    return [_put_events(ctx, buses)] if buses else []


def _put_events(ctx: Context, buses: list[EventBridge]) -> Check:
    rate = ctx.limit("eventbridge_put_events_rps").value
    requests = sum((ctx.rates[b.id] / b.entries_per_put for b in buses), np.zeros_like(ctx.rates[buses[0].id]))
    overflow = bucket_overflow(requests, rate, rate)
    share = np.divide(overflow, requests * 60, out=np.zeros_like(overflow), where=requests > 0)
    lost = 0.0
    for b in buses:
        throttled = float((share * ctx.rates[b.id] * 60).sum())
        lost += throttled
        ctx.note(b.id, put_events_throttled_per_month=round(throttled, 1))
    peak = busiest_second_rps(requests, ctx.traffic.burstiness)
    return make_check(
        ctx, id="eventbridge.put_events", component="(account)", limit_key="eventbridge_put_events_rps",
        limit_value=rate,
        limit_label=msg("eventbridge.put_events.limit", "PutEvents requests per second per account in {region}",
                        region=ctx.design.region),
        peak=float(peak.max()), curve=peak, unit=msg("unit.put_events_per_s_busiest", "PutEvents/s (busiest second)"),
        affected=lost, total=sum(float(ctx.events[b.id]) for b in buses),
        consequence=msg("eventbridge.put_events.consequence", "PutEvents calls above the Region's quota fail with "
                        "ThrottlingException; the publisher must retry or the events are lost."),
        action=msg("eventbridge.put_events.action", "Batch up to 10 entries per PutEvents call (entries per "
                   "PutEvents), request "
                   "a quota increase (Service Quotas L-9B653E91), or publish through SQS/SNS to smooth the peaks."))
