"""AWS Lambda: requests, duration (GB-s), INIT, provisioned concurrency, /tmp, logs, X-Ray.

Billing rules (https://aws.amazon.com/lambda/pricing/): duration is rounded up to 1 ms per
invocation; memory is billed in GB (MB / 1024); /tmp above 512 MB is billed per GB-s; the free
tier does not apply to functions with provisioned concurrency. A function's CloudWatch Logs and
X-Ray lines are declared here, where they arise.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import HOURS_PER_MONTH, KB_PER_GB, SECONDS_PER_MONTH, ComponentUsage, dec, fmt
from models.design.schema import Lambda
from models.messages import msg
from models.run.batching import batch_formula, is_batched
from models.run.duration import DurationModel, fit_duration
from models.run.flow import passed_on
from models.run.streams import invocation_formula  # ---- kinesis

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (  # every line a function can bill, and the price it takes
    Component("requests", "lambda.requests"),
    Component("provisioned", "lambda.provisioned_concurrency.{architecture}"),
    Component("provisioned_duration", "lambda.provisioned_duration.{architecture}"),
    Component("duration", "lambda.duration.{architecture}"),
    Component("init_duration", "lambda.duration.{architecture}", label="INIT phase of cold starts"),
    Component("log_ingestion", "cloudwatch.logs.lambda_ingestion.{log_class}"),
    Component("log_storage", "cloudwatch.logs.storage"),
    Component("xray_recorded", "xray.traces_recorded"),
    Component("xray_retrieved", "xray.traces_retrieved"),
    Component("ephemeral_storage", "lambda.ephemeral_storage"),
)


def usage(fn: Lambda, run: Run) -> ComponentUsage:
    """Monthly usage of one function invoked its `run.events` times: each of COMPONENTS.

    With provisioned concurrency on all month, the share of invocations that find every provisioned
    environment busy and run on-demand comes from Erlang B on the traffic series (`run.spill_shares`).
    With `run.facts`, cold starts × INIT time are billed as duration: Lambda bills the INIT phase.
    """
    return ComponentUsage(billed(COMPONENTS, globals(), fn, run), tuple(_warnings(fn, run)))


def _billed_s(fn: Lambda) -> Decimal:
    """Mean billed seconds per invocation (whole ms, capped at the timeout)."""
    return dec(round(fit_duration(fn.duration_ms).billed_ms(fn.timeout_s * 1000), 6)) / 1000


def _memory_gb(fn: Lambda) -> Decimal:
    return dec(fn.memory_mb) / 1024


def _compute_s(fn: Lambda, run: Run) -> Decimal:
    """Billed seconds of compute per month, all invocations."""
    return run.events[fn.id] * _billed_s(fn)


def _needs_spill(fn: Lambda, events: Decimal) -> bool:
    return bool(fn.provisioned_concurrency) and fn.share_in_provisioned_hours is None \
        and fn.provisioned_hours >= HOURS_PER_MONTH and events > 0


def _spill_share(fn: Lambda, run: Run) -> float | None:
    """The share of invocations overflowing provisioned concurrency that is on all month (0..1), None
    otherwise; only such functions build the traffic series, which is slow."""
    return run.spill_shares.get(fn.id) if _needs_spill(fn, run.events[fn.id]) else None


def _served_by_provisioned(fn: Lambda, run: Run) -> tuple[Decimal, str]:
    """(seconds per month run on provisioned environments, the basis of that share).

    The invocations arriving while provisioned concurrency is enabled (by default traffic spread
    evenly: hours / 730) run on provisioned environments up to their capacity; the rest runs at the
    on-demand duration price."""
    pc, hours = dec(fn.provisioned_concurrency), dec(fn.provisioned_hours)
    spill_share = _spill_share(fn, run)
    if spill_share is not None:
        share, basis = 1 - dec(round(spill_share, 9)), f"{spill_share:.2%} spill over (Erlang B on the traffic series)"
    else:
        share = (dec(fn.share_in_provisioned_hours) if fn.share_in_provisioned_hours is not None
                 else hours * 3600 / SECONDS_PER_MONTH)
        basis = f"{float(share):.2%} of invocations arrive while enabled"
    return min(_compute_s(fn, run) * share, pc * hours * 3600), basis


def requests(fn: Lambda, run: Run) -> Quantity:
    """Invocations per month (no free tier with provisioned concurrency)."""
    n = run.events[fn.id]
    # ---- kinesis: a function reading a Kinesis stream is invoked per batch per shard (models/run/streams.py)
    stream = run.design.component(fn.from_) if fn.from_ else None
    if stream is not None and stream.type == "kinesis" and fn.invocations_per_month is None:
        formula = invocation_formula(stream, run.events[stream.id] * dec(fn.calls), fn, n)
        return Quantity(n, f"{fmt(n)} invocations = {formula}", not fn.provisioned_concurrency)
    # ---- end kinesis
    # ---- wiring
    source = run.design.component(fn.from_) if fn.from_ else None
    if source is not None and is_batched(fn, source):
        records = passed_on(source, run.events[source.id]) * dec(fn.calls)
        return Quantity(n, f"{fmt(n)} invocations = {batch_formula(records, n, fn, source)}",
                        not fn.provisioned_concurrency)
    # ---- end wiring
    return Quantity(n, f"{fmt(n)} invocations", not fn.provisioned_concurrency)


def provisioned(fn: Lambda, run: Run) -> Quantity | None:
    """GB-s per month of provisioned environments kept warm, whether used or not."""
    if not fn.provisioned_concurrency:
        return None
    pc, hours, memory_gb = dec(fn.provisioned_concurrency), dec(fn.provisioned_hours), _memory_gb(fn)
    return Quantity(pc * memory_gb * hours * 3600,
                    f"{fmt(pc)} environments × {fmt(memory_gb)} GB × {fmt(hours)} h × 3,600 s", False)


def provisioned_duration(fn: Lambda, run: Run) -> Quantity | None:
    """GB-s per month of invocations served by provisioned environments."""
    if not fn.provisioned_concurrency:
        return None
    (served_s, basis), memory_gb = _served_by_provisioned(fn, run), _memory_gb(fn)
    return Quantity(served_s * memory_gb,
                    f"{fmt(served_s)} s served by provisioned environments ({basis}) × {fmt(memory_gb)} GB", False)


def duration(fn: Lambda, run: Run) -> Quantity | None:
    """On-demand GB-s per month: every invocation, or with provisioned concurrency those beyond it."""
    memory_gb = _memory_gb(fn)
    if not fn.provisioned_concurrency:
        n, billed_s = run.events[fn.id], _billed_s(fn)
        return Quantity(n * billed_s * memory_gb,
                        f"{fmt(n)} invocations × {fmt(billed_s)} s billed × {fmt(memory_gb)} GB")
    on_demand_s = _compute_s(fn, run) - _served_by_provisioned(fn, run)[0]
    if on_demand_s <= 0:
        return None
    return Quantity(on_demand_s * memory_gb,
                    f"{fmt(on_demand_s)} s beyond provisioned capacity × {fmt(memory_gb)} GB", False)


def init_duration(fn: Lambda, run: Run) -> Quantity | None:
    """GB-s per month of the INIT phase of cold starts (only with `run.facts`: runtimes' INIT times)."""
    cold_starts, init_ms = run.cold_starts.get(fn.id, (None, 0.0)) if run.facts else (None, 0.0)
    if not (cold_starts and init_ms):
        return None
    init_s, colds, memory_gb = dec(round(init_ms, 3)) / 1000, dec(round(cold_starts, 3)), _memory_gb(fn)
    return Quantity(colds * init_s * memory_gb,
                    f"{fmt(colds)} cold starts × {fmt(init_s)} s INIT ({fn.runtime}) × {fmt(memory_gb)} GB",
                    not fn.provisioned_concurrency)


def ephemeral_storage(fn: Lambda, run: Run) -> Quantity | None:
    """GB-s per month of /tmp above the free 512 MB."""
    if fn.ephemeral_storage_mb <= 512:
        return None
    extra_gb, billed_s = dec(fn.ephemeral_storage_mb - 512) / 1024, _billed_s(fn)
    return Quantity(_compute_s(fn, run) * extra_gb,
                    f"{fmt(run.events[fn.id])} invocations × {fmt(billed_s)} s × {fmt(extra_gb)} GB above 512 MB",
                    not fn.provisioned_concurrency)


def _log_gb(fn: Lambda, run: Run) -> Decimal:
    return run.events[fn.id] * dec(fn.log_kb_per_invocation) / KB_PER_GB


def log_ingestion(fn: Lambda, run: Run) -> Quantity | None:
    """GB of logs ingested into CloudWatch Logs per month, by log class."""
    if not fn.log_kb_per_invocation:
        return None
    return Quantity(_log_gb(fn, run),
                    f"{fmt(run.events[fn.id])} invocations × {fmt(fn.log_kb_per_invocation)} KB of logs")


def log_storage(fn: Lambda, run: Run) -> Quantity | None:
    """GB-month of logs stored: kept for log_retention_days, it settles at the daily ingestion × the retention."""
    if not fn.log_kb_per_invocation:
        return None
    gb = _log_gb(fn, run)
    stored = gb * dec(fn.log_retention_days) * 24 / HOURS_PER_MONTH
    return Quantity(stored, f"{fmt(gb)} GB a month kept {fn.log_retention_days} days (uncompressed)")


def xray_recorded(fn: Lambda, run: Run) -> Quantity | None:
    """X-Ray traces recorded per month under the default sampling rule: the first request each second,
    then 5 % of the rest."""
    if not fn.tracing:
        return None
    invocations, seconds = run.events[fn.id], SECONDS_PER_MONTH
    traces = min(invocations, seconds) + max(Decimal(0), invocations - seconds) * Decimal("0.05")
    return Quantity(traces, f"default sampling: 1 request/s + 5 % of {fmt(invocations)} invocations")


def xray_retrieved(fn: Lambda, run: Run) -> Quantity | None:
    """X-Ray traces retrieved or scanned per month."""
    if not (fn.tracing and fn.traces_retrieved_per_month):
        return None
    retrieved = dec(fn.traces_retrieved_per_month)
    return Quantity(retrieved, f"{fmt(retrieved)} traces retrieved or scanned")


def _warnings(fn: Lambda, run: Run) -> list[str]:
    warnings = _duration_warnings(fn, fit_duration(fn.duration_ms), fn.timeout_s * 1000)
    if fn.provisioned_concurrency and fn.share_in_provisioned_hours is None and _spill_share(fn, run) is None:
        warnings.append(msg("lambda.provisioned_even.warning", "{id}: provisioned concurrency for {hours:g} h priced "
                            "on evenly spread traffic (set the share in provisioned hours if traffic is concentrated "
                            "in those hours)", id=fn.id, hours=fn.provisioned_hours))
    if fn.reserved_concurrency == 0:  # a disabled function: AWS bills no throttled invocation
        warnings.append(msg("lambda.disabled.warning", "{id}: reserved concurrency 0 throttles every invocation, but "
                            "this estimate bills them as if they ran (an upper bound); see the limits check, or remove "
                            "the setting", id=fn.id))
    return warnings


def _duration_warnings(fn: Lambda, model: DurationModel, timeout_ms: int) -> list[str]:
    over = model.fraction_over(timeout_ms)
    if over < 1e-6:  # fewer than one in a million invocations
        return []
    return [msg("lambda.over_timeout.warning", "{id}: {pct:.2g}% of invocations run past the timeout ({timeout} s) "
                "(billed up to the timeout, then they fail)", id=fn.id, pct=over * 100, timeout=fn.timeout_s)]
