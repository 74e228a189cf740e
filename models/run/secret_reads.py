"""How often functions read a secret from AWS Secrets Manager, with and without a cache.

Without a cache every invocation reads (`calls` GetSecretValue requests per invocation). With
`cache_ttl_s` a function's execution environment reads on its cold start and then again only when
its cached value is older than the TTL, at its next invocation. Per minute of the month:

    environments = ⌈invocations per second × mean billed duration (s)⌉   (the busy concurrency)
    refreshes/s  = min(invocations/s, environments / cache_ttl_s)
    cold starts/s = the function's cold starts per month, spread like its invocations
    reads/s      = min(invocations/s, refreshes/s + cold starts/s) × calls

Cold starts come from the Run (with facts); without them each rise of the busy concurrency from
one minute to the next counts as new environments (idle reclaim ignored, so fewer: the result is
then a lower estimate, said in a warning).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from models.run.run import Run


def cached_source(comp: Any, run: Run) -> Any | None:
    """The function whose cache serves this Secrets Manager component's reads (None: no cache applies)."""
    if comp.cache_ttl_s is None or comp.from_ is None or comp.direct_value() is not None:
        return None
    upstream = run.design.component(comp.from_)
    return upstream if upstream.type == "lambda" else None


def read_rate(comp: Any, run: Run) -> tuple[np.ndarray, bool]:
    """Reads per second at each minute of the month, and whether cold starts were known (from facts)."""
    rate = run.rates[comp.id]
    fn = cached_source(comp, run)
    if fn is None:
        return rate, True
    invocations = run.rates[fn.id]
    environments = np.where(invocations > 0, np.ceil(invocations * run.mean_billed_s(fn)), 0.0)
    refreshes = np.minimum(invocations, environments / comp.cache_ttl_s)
    known = fn.id in run.cold_starts
    if known:
        colds_month = run.cold_starts[fn.id][0]
    else:
        colds_month = float(np.maximum(np.diff(environments, prepend=0.0), 0.0).sum())
    total = float(invocations.sum())
    colds = invocations / total * colds_month / 60 if total > 0 else np.zeros_like(invocations)
    return np.minimum(invocations, refreshes + colds) * comp.calls, known
