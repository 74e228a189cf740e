"""S3 and SQS checks: request rates per prefix, and an SQS buffer's backlog when its consumer's
concurrency is capped."""

from __future__ import annotations

import numpy as np

from models.checks.lambda_function import mean_duration_s
from models.checks.readiness import Check, Context, make_check
from models.costs.usage import dec
from models.messages import msg
from models.run.flow import request_counts
from models.run.queueing import busiest_second_rps, lindley_backlog


def checks(ctx: Context) -> list[Check]:
    """Every S3 and SQS check of the design."""
    found: list[Check] = []
    for comp in ctx.design.components:
        if comp.type == "s3":
            puts, gets = (float(v) for v in request_counts(comp, dec(float(ctx.events[comp.id]))))
            for kind, monthly, key in (("PUT", puts, "s3_put_rps_per_prefix"), ("GET", gets, "s3_get_rps_per_prefix")):
                if monthly:
                    found.append(_request_rate(ctx, comp, kind, ctx.series(comp.id, monthly), monthly, key))
        elif comp.type == "sqs":
            consumers = [c for c in ctx.design.components if c.type == "lambda" and c.from_ == comp.id]
            if consumers:
                found.append(_backlog(ctx, comp, consumers[0]))
    return found


def _request_rate(ctx: Context, bucket, kind: str, rate: np.ndarray, monthly: float, key: str) -> Check:
    limit = ctx.limit(key).value * bucket.prefixes
    peak = busiest_second_rps(rate, ctx.traffic.burstiness)
    slowed = float((np.maximum(rate - limit, 0.0) * 60).sum())
    ctx.note(bucket.id, **{f"peak_{kind.lower()}_rps": round(float(peak.max()), 1)})
    return make_check(
        ctx, id=f"s3.{kind.lower()}_rate", component=bucket.id, limit_key=key, limit_value=limit,
        limit_label=msg("s3.request_rate.limit", "{kind} requests per second ({per_prefix:,.0f} per prefix × "
                        "{prefixes} prefixes)", kind=kind, per_prefix=ctx.limit(key).value, prefixes=bucket.prefixes),
        peak=float(peak.max()), curve=peak, unit=msg("unit.kind_per_s_busiest", "{kind}/s (busiest second)", kind=kind),
        affected=slowed, total=monthly,
        consequence=msg("s3.request_rate.consequence", "{n:,.0f} requests a month answered 503 Slow Down (the SDK "
                        "retries them, adding latency); S3 is fast in aggregate, not on one prefix.", n=slowed),
        action=msg("s3.request_rate.action", "Spread keys over more prefixes (set `prefixes`), or cache GETs with "
                   "CloudFront."))


def _backlog(ctx: Context, queue, consumer) -> Check:
    """Messages wait when the consumer's capped concurrency drains slower than they arrive."""
    concurrency = consumer.reserved_concurrency if consumer.reserved_concurrency is not None \
        else ctx.limit("lambda_concurrency").value
    messages_per_invocation = 1 / consumer.calls if consumer.calls else 1.0
    drain_per_s = concurrency / mean_duration_s(consumer) * messages_per_invocation
    arrivals = ctx.rates[queue.id] * 60
    backlog = lindley_backlog(arrivals, drain_per_s * 60)
    age_s = backlog / drain_per_s if drain_per_s > 0 else np.where(backlog > 0, np.inf, 0.0)
    expired = float(arrivals[age_s > queue.retention_s].sum())
    ctx.note(queue.id, max_depth=round(float(backlog.max()), 1), max_age_s=round(float(age_s.max()), 1))
    return make_check(
        ctx, id="sqs.backlog", component=queue.id, limit_key=None, limit_value=float(queue.retention_s),
        limit_label=msg("sqs.backlog.limit", "message retention ({retention:,} s)", retention=queue.retention_s),
        peak=float(age_s.max()), curve=age_s,
        unit=msg("unit.s_oldest_message", "s (age of the oldest message)"), affected=expired,
        total=float(ctx.events[queue.id]),
        warn_if=float(age_s.max()) > 300,
        consequence=msg("sqs.backlog.consequence", "Up to {depth:,.0f} messages wait, the oldest {minutes:,.1f} min; "
                        "{expired:,.0f} a month would expire before {consumer} reads them. The queue absorbs the "
                        "spike instead of throttling it.", depth=backlog.max(), minutes=age_s.max() / 60,
                        expired=expired, consumer=consumer.id),
        action=msg("sqs.backlog.action", "Raise {consumer}'s reserved_concurrency (or the ESM maximum concurrency), "
                   "batch more messages, or lengthen retention_s.", consumer=consumer.id))
