"""AWS Secrets Manager: secrets per month and API calls (https://aws.amazon.com/secrets-manager/pricing/).

"$0.40 per secret per month" (prorated by the hours a secret is stored; each replica is a secret of
its own) and "$0.05 per 10,000 API calls". The calls are a function's GetSecretValue reads:
every invocation's, or with `cache_ttl_s` only its cold starts' and cache refreshes'
(models/run/secret_reads.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import ComponentUsage, dec, fmt
from models.design.schema import SecretsManager
from models.messages import msg
from models.run.secret_reads import cached_source, read_rate

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (
    Component("secrets", "secretsmanager.secrets"),
    Component("api_calls", "secretsmanager.api_calls"),
)


def usage(store: SecretsManager, run: Run) -> ComponentUsage:
    """Monthly usage of one group of secrets and the reads that reach it."""
    return ComponentUsage(billed(COMPONENTS, globals(), store, run), tuple(_warnings(store, run)))


def secrets(store: SecretsManager, run: Run) -> Quantity | None:
    """Secrets stored all month (replicas counted as secrets)."""
    if not store.secrets:
        return None
    return Quantity(dec(store.secrets), f"{fmt(store.secrets)} secrets × 1 month")


def api_calls(store: SecretsManager, run: Run) -> Quantity | None:
    """API calls per month: every read, or with a cache the cold starts' and refreshes' reads."""
    events = run.events[store.id]
    if not events:
        return None
    fn = cached_source(store, run)
    if fn is None:
        return Quantity(events, f"{fmt(events)} GetSecretValue calls")
    rate, _known = read_rate(store, run)
    ttl = store.cache_ttl_s or 0
    reads = dec(round(float(rate.sum()) * 60, 3))
    return Quantity(reads, f"{fmt(reads)} GetSecretValue calls: {fn.id}'s cold starts and refreshes every "
                           f"{fmt(ttl)} s (of {fmt(events)} reads without a cache)")


def _warnings(store: SecretsManager, run: Run) -> list[str]:
    warnings: list[str] = []
    if store.cache_ttl_s is not None and cached_source(store, run) is None:
        warnings.append(msg("secrets_manager.cache_needs_function.warning", "{id}: the cache TTL applies to reads "
                            "by a function (from: a Lambda function); every read is priced", id=store.id))
    elif store.cache_ttl_s is not None and not read_rate(store, run)[1]:
        warnings.append(msg("secrets_manager.cold_starts_estimated.warning", "{id}: cold starts not known (no "
                            "runtime facts): each rise in busy concurrency counted as new environments, a lower "
                            "estimate of the reads", id=store.id))
    return warnings
