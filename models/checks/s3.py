"""Amazon S3 checks: PUT and GET requests per second against the per-prefix request rates
(3,500 PUT/COPY/POST/DELETE and 5,500 GET/HEAD per second per partitioned prefix)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from models.checks.base import Check, Context, make_check
from models.design.schema import S3
from models.messages import msg
from models.run.flow import request_counts
from models.run.queueing import busiest_second_rps
from models.units import dec


def checks_for(ctx: Context, bucket: S3) -> list[Check]:
    """The request-rate checks of one bucket (one per request class it receives)."""
    puts, gets = (float(v) for v in request_counts(bucket, dec(float(ctx.events[bucket.id]))))
    return [_request_rate(ctx, bucket, kind, ctx.series(bucket.id, monthly), monthly, key)
            for kind, monthly, key in (("PUT", puts, "s3_put_rps_per_prefix"), ("GET", gets, "s3_get_rps_per_prefix"))
            if monthly]


def _request_rate(ctx: Context, bucket: S3, kind: str, rate: NDArray[np.float64], monthly: float, key: str) -> Check:
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
        action=msg("s3.request_rate.action", "Spread keys over more prefixes (the number of prefixes), or cache "
                   "GETs with "
                   "CloudFront."))
