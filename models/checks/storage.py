"""S3 and SQS checks: request rates per prefix, and an SQS buffer's backlog when its consumer's
concurrency is capped."""

from __future__ import annotations

import numpy as np

from models.checks.lambda_function import mean_duration_s
from models.checks.readiness import Check, Context, make_check
from models.costs.usage import dec
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
        limit_label=f"{kind} requests per second ({ctx.limit(key).value:,.0f} per prefix × {bucket.prefixes} prefixes)",
        peak=float(peak.max()), curve=peak, unit=f"{kind}/s (busiest second)", affected=slowed, total=monthly,
        consequence=f"{slowed:,.0f} requests a month answered 503 Slow Down (the SDK retries them, adding latency); "
                    "S3 is fast in aggregate, not on one prefix.",
        action="Spread keys over more prefixes (set `prefixes`), or cache GETs with CloudFront.")


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
        limit_label=f"message retention ({queue.retention_s:,} s)", peak=float(age_s.max()), curve=age_s,
        unit="s (age of the oldest message)", affected=expired, total=float(ctx.events[queue.id]),
        warn_if=float(age_s.max()) > 300,
        consequence=f"Up to {backlog.max():,.0f} messages wait, the oldest {age_s.max() / 60:,.1f} min; "
                    f"{expired:,.0f} a month would expire before {consumer.id} reads them. The queue absorbs the "
                    "spike instead of throttling it.",
        action=f"Raise {consumer.id}'s reserved_concurrency (or the ESM maximum concurrency), batch more messages, "
               "or lengthen retention_s.")
