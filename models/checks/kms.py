"""AWS KMS checks: every SSE-KMS use of the design against the account's shared cryptographic request quota.

https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html — "Throttling is based on all
requests on KMS keys of all types in the Region. This total includes requests from all principals in the AWS
account, including requests from AWS services on your behalf"; the symmetric quota is 100,000 (shared) in
us-east-1, 20,000 in Tokyo and 10,000 in the Regions not listed (Osaka), and "Each quota applies to all
requests for these operations in the AWS account and Region with the given key type in each one-second
interval". So the requests of every bucket, queue and table the design encrypts with a KMS key (and the
application's own calls) add up into one per-second demand; a bucket of one second's quota, refilled each
second, throttles what exceeds it. What each use asks of KMS is worked out in models/costs/kms.py.
"""

from __future__ import annotations

import numpy as np

from models.checks.base import Check, Context, make_check
from models.costs.kms import KmsUse, uses
from models.messages import msg
from models.run.queueing import busiest_second_rps, credit_bucket_overflow

QUOTA_KEY = "kms_symmetric_rps"


def quota_key(ctx: Context) -> str:
    """The limit that applies: the design's (or account's) `kms_symmetric_rps`, else its Region's default."""
    regional = f"{QUOTA_KEY}.{ctx.design.region}"
    if ctx.design.limits.kms_symmetric_rps is None and regional in ctx.limits:
        return regional
    return QUOTA_KEY


def use_rps(ctx: Context, use: KmsUse) -> np.ndarray:
    """KMS requests per second of one use at each minute: its component's traffic shape, capped where a
    cache bounds the calls (SQS data key reuse, DynamoDB table key cache)."""
    rate = ctx.series(use.component, float(use.driven))
    return np.minimum(rate, use.cap_rps) if use.cap_rps is not None else rate


def checks(ctx: Context) -> list[Check]:
    """The shared request quota check, when the design makes KMS requests at all."""
    found = [use for comp in ctx.design.components for use in uses(comp, ctx.events[comp.id])]
    own = [k for k in ctx.design.components if k.type == "kms" and k.requests_per_month]
    if not found and not own:
        return []
    demand = np.zeros_like(ctx.traffic.baseline_rps, dtype=float)
    for use in found:
        demand = demand + use_rps(ctx, use)
    for key in own:
        demand = demand + ctx.series(key.id, float(key.requests_per_month))
    key_name = quota_key(ctx)
    quota = ctx.limit(key_name).value
    throttled = credit_bucket_overflow(demand * 60, quota * 60, quota)
    busiest = busiest_second_rps(demand, ctx.traffic.burstiness)
    total = float(demand.sum() * 60)
    users = ", ".join(dict.fromkeys(use.component for use in found)) or ", ".join(k.id for k in own)
    for key in (k for k in ctx.design.components if k.type == "kms"):
        ctx.note(key.id, account_kms_peak_rps=round(float(busiest.max()), 1))  # the quota is the account's
    return [make_check(
        ctx, id="kms.request_quota", component="(account)", limit_key=key_name, limit_value=quota,
        limit_label=msg("kms.request_quota.limit", "KMS cryptographic requests per second, shared by the account "
                        "in {region} ({quota:,.0f})", region=ctx.design.region, quota=quota),
        peak=float(busiest.max()), curve=busiest,
        unit=msg("unit.kms_requests_per_s_busiest", "KMS requests/s (busiest second)"),
        affected=float(throttled.sum()), total=total,
        consequence=msg("kms.request_quota.consequence", "{n:,.0f} KMS requests a month throttled "
                        "(ThrottlingException): the S3 uploads and downloads, queue sends and table reads behind "
                        "them fail or retry. {users} share the quota with every other use of KMS in the account.",
                        n=float(throttled.sum()), users=users),
        action=msg("kms.request_quota.action", "Turn on S3 Bucket Keys, lengthen the SQS data "
                   "key reuse period (in seconds), or request a quota increase (Service Quotas, "
                   "Cryptographic operations (symmetric) request rate)."))]
