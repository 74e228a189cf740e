"""AWS Lambda: requests, duration (GB-s), ephemeral storage and provisioned concurrency.

Billing rules (https://aws.amazon.com/lambda/pricing/): duration is rounded up to 1 ms per
invocation; memory is billed in GB (MB / 1024); /tmp above 512 MB is billed per GB-s; the free
tier does not apply to functions with provisioned concurrency.
"""

from __future__ import annotations

from decimal import Decimal

from models.costs.usage import HOURS_PER_MONTH, KB_PER_GB, SECONDS_PER_MONTH, ComponentUsage, Usage, dec, fmt
from models.design.schema import Lambda
from models.messages import msg
from models.run.duration import fit_duration


def usage(fn: Lambda, invocations: Decimal, spill_share: float | None = None,
          cold_starts: float | None = None, init_ms: float = 0.0) -> ComponentUsage:
    """Monthly usage of one function invoked `invocations` times.

    `spill_share`: the share of invocations that find every provisioned environment busy and run
    on-demand (Erlang B on the traffic series), used when provisioned concurrency is on all month.
    `cold_starts` (per month) × `init_ms` is billed as duration: Lambda bills the INIT phase.
    """
    model = fit_duration(fn.duration_ms)
    timeout_ms = fn.timeout_s * 1000
    billed_s = dec(round(model.billed_ms(timeout_ms), 6)) / 1000
    memory_gb = dec(fn.memory_mb) / 1024
    arch = fn.architecture
    has_pc = fn.provisioned_concurrency > 0
    warnings = _duration_warnings(fn, model, timeout_ms)

    compute_s = invocations * billed_s
    duration_how = f"{fmt(invocations)} invocations × {fmt(billed_s)} s billed × {fmt(memory_gb)} GB"
    usages = [Usage(fn.id, "lambda.requests", invocations, f"{fmt(invocations)} invocations", not has_pc)]
    on_demand_s = compute_s
    if has_pc:
        pc, hours = dec(fn.provisioned_concurrency), dec(fn.provisioned_hours)
        pc_gbs = pc * memory_gb * hours * 3600
        usages.append(Usage(fn.id, f"lambda.provisioned_concurrency.{arch}", pc_gbs,
                            f"{fmt(pc)} environments × {fmt(memory_gb)} GB × {fmt(hours)} h × 3,600 s", False))
        # The invocations arriving while provisioned concurrency is enabled (by default traffic
        # spread evenly: hours / 730) run on provisioned environments up to their capacity;
        # the rest runs at the on-demand duration price.
        traffic_based = fn.share_in_provisioned_hours is None and spill_share is not None and fn.provisioned_hours >= HOURS_PER_MONTH
        if traffic_based:
            share, basis = 1 - dec(round(spill_share, 9)), f"{spill_share:.2%} spill over (Erlang B on the traffic series)"
        else:
            share = (dec(fn.share_in_provisioned_hours) if fn.share_in_provisioned_hours is not None
                     else hours * 3600 / SECONDS_PER_MONTH)
            basis = f"{float(share):.2%} of invocations arrive while enabled"
        served_s = min(compute_s * share, pc * hours * 3600)
        on_demand_s = compute_s - served_s
        usages.append(Usage(fn.id, f"lambda.provisioned_duration.{arch}", served_s * memory_gb,
                            f"{fmt(served_s)} s served by provisioned environments ({basis}) × {fmt(memory_gb)} GB", False))
        if fn.share_in_provisioned_hours is None and not traffic_based:
            warnings.append(msg("lambda.provisioned_even.warning", "{id}: provisioned concurrency for {hours:g} h priced "
                                "on evenly spread traffic (set share_in_provisioned_hours if traffic is concentrated "
                                "in those hours)", id=fn.id, hours=fn.provisioned_hours))
    if on_demand_s > 0 or not has_pc:
        how = duration_how if not has_pc else f"{fmt(on_demand_s)} s beyond provisioned capacity × {fmt(memory_gb)} GB"
        usages.append(Usage(fn.id, f"lambda.duration.{arch}", on_demand_s * memory_gb, how, not has_pc))
    if cold_starts and init_ms:
        init_s = dec(round(init_ms, 3)) / 1000
        colds = dec(round(cold_starts, 3))
        usages.append(Usage(fn.id, f"lambda.duration.{arch}", colds * init_s * memory_gb,
                            f"{fmt(colds)} cold starts × {fmt(init_s)} s INIT ({fn.runtime}) × {fmt(memory_gb)} GB",
                            not has_pc, label="INIT phase of cold starts"))
    usages += _observability(fn, invocations)
    if fn.ephemeral_storage_mb > 512:
        extra_gb = dec(fn.ephemeral_storage_mb - 512) / 1024
        usages.append(Usage(fn.id, "lambda.ephemeral_storage", compute_s * extra_gb,
                            f"{fmt(invocations)} invocations × {fmt(billed_s)} s × {fmt(extra_gb)} GB above 512 MB",
                            not has_pc))
    return ComponentUsage(tuple(usages), tuple(warnings))


def _observability(fn: Lambda, invocations: Decimal) -> list[Usage]:
    """CloudWatch Logs ingestion and storage, and X-Ray traces, for one function."""
    usages = []
    if fn.log_kb_per_invocation:
        gb = invocations * dec(fn.log_kb_per_invocation) / KB_PER_GB
        usages.append(Usage(fn.id, f"cloudwatch.logs.lambda_ingestion.{fn.log_class}", gb,
                            f"{fmt(invocations)} invocations × {fmt(fn.log_kb_per_invocation)} KB of logs"))
        # kept for log_retention_days: the stored volume settles at the daily ingestion × the retention
        stored = gb * dec(fn.log_retention_days) * 24 / HOURS_PER_MONTH
        usages.append(Usage(fn.id, "cloudwatch.logs.storage", stored,
                            f"{fmt(gb)} GB a month kept {fn.log_retention_days} days (uncompressed)"))
    if fn.tracing:
        # X-Ray's default sampling rule: the first request each second, then 5 % of the rest
        seconds = SECONDS_PER_MONTH
        traces = min(invocations, seconds) + max(Decimal(0), invocations - seconds) * Decimal("0.05")
        usages.append(Usage(fn.id, "xray.traces_recorded", traces,
                            f"default sampling: 1 request/s + 5 % of {fmt(invocations)} invocations"))
        if fn.traces_retrieved_per_month:
            retrieved = dec(fn.traces_retrieved_per_month)
            usages.append(Usage(fn.id, "xray.traces_retrieved", retrieved, f"{fmt(retrieved)} traces retrieved or scanned"))
    return usages


def _duration_warnings(fn: Lambda, model, timeout_ms: int) -> list[str]:
    over = model.fraction_over(timeout_ms)
    if over < 1e-6:  # fewer than one in a million invocations
        return []
    return [msg("lambda.over_timeout.warning", "{id}: {pct:.2g}% of invocations run past timeout_s {timeout} s "
                "(billed up to the timeout, then they fail)", id=fn.id, pct=over * 100, timeout=fn.timeout_s)]


def outgoing_events(fn: Lambda, invocations: Decimal) -> Decimal:
    """A function passes on its invocations."""
    return invocations
