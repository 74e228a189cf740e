"""AWS Secrets Manager checks: GetSecretValue requests per second against the Region's quota.

"Combined rate of DescribeSecret and GetSecretValue API requests": the quota is per account per
Region, shared by every caller (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html;
10,000 GetSecretValue per second since March 2025,
https://aws.amazon.com/about-aws/whats-new/2025/03/aws-secrets-manager-increases-api-requests-seconds).
A read over the quota is throttled (the SDK retries, then the invocation fails); a cache
(`cache_ttl_s`) reads only on cold starts and refreshes.
"""

from __future__ import annotations

import numpy as np

from models.checks.base import Check, Context, make_check
from models.design.schema import SecretsManager
from models.messages import msg
from models.run.run import Run
from models.run.secret_reads import read_rate


def checks(ctx: Context) -> list[Check]:
    """One check per Secrets Manager component, each against the Region's demand from all of them."""
    stores = [c for c in ctx.design.components if c.type == "secrets_manager"]
    if not stores:
        return []
    run = ctx.run if ctx.run is not None else Run(ctx.design)
    reads = {s.id: read_rate(s, run)[0] for s in stores}
    total = np.sum(list(reads.values()), axis=0)
    return [_quota(ctx, store, reads[store.id], total) for store in stores if float(reads[store.id].sum()) > 0]


def _quota(ctx: Context, store: SecretsManager, own: np.ndarray, total: np.ndarray) -> Check:
    limit = ctx.limit("secretsmanager_get_secret_value_rps")
    over = np.maximum(total - limit.value, 0.0)
    share = np.divide(own, total, out=np.zeros_like(own), where=total > 0)
    throttled = float((over * share).sum() * 60)
    cached = store.cache_ttl_s is not None
    return make_check(
        ctx, id="secrets_manager.get_secret_value_rate", component=store.id,
        limit_key="secretsmanager_get_secret_value_rps", limit_value=limit.value,
        limit_label=msg("secrets_manager.rate.limit", "GetSecretValue requests per second (per account per Region, "
                        "shared by all callers)"),
        peak=float(total.max()), curve=total, unit=msg("unit.reads_per_s_minute_peak", "reads/s (minute peak)"),
        affected=throttled, total=float(own.sum() * 60),
        consequence=msg("secrets_manager.rate.consequence", "At the peak the design reads secrets {peak:,.0f} times a "
                        "second against a quota of {limit:,.0f}; {throttled:,.0f} reads a month by {id} would be "
                        "throttled.", peak=float(total.max()), limit=limit.value, throttled=throttled, id=store.id),
        action=msg("secrets_manager.rate.action.cached", "Lengthen the cache TTL, or read the secret once per "
                   "execution environment at INIT.") if cached else
        msg("secrets_manager.rate.action", "Cache the secret in the function (a cache TTL, e.g. with the AWS "
            "Parameters and Secrets Lambda Extension) instead of reading it on every invocation."))
