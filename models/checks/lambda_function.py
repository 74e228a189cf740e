"""Lambda checks: account-wide concurrency (Erlang B), reserved concurrency, the scaling rate,
timeouts, and async (S3-event) invocations that throttling delays or drops."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from models.checks.base import FAIL_SHARE, FAIL_Z, Check, Context, make_check
from models.design.schema import Lambda
from models.messages import Message, msg
from models.run.cold_starts import p99_ms
from models.run.duration import DurationModel, fit_duration
from models.run.queueing import erlang_b, erlang_b_bursty, lindley_backlog
from models.run.run import mean_billed_s


def _summed(series: Iterable[NDArray[np.float64]]) -> NDArray[np.float64]:
    """The element-wise sum of one or more per-minute series (`sum`, typed: a sum of none is an error)."""
    total = sum(series)
    if isinstance(total, int):
        raise ValueError("no series to sum")
    return total


def mean_duration_s(fn: Lambda) -> float:
    """Expected run time per invocation in seconds, capped at the timeout (the Run's billed mean)."""
    return mean_billed_s(fn)


def invoked_by(ctx: Context, fn: Lambda) -> str:
    """How the function is invoked: "client" (sync), or its upstream's type (api_gateway, s3, sqs, ...)."""
    return ctx.design.component(fn.from_).type if fn.from_ else "client"


def checks(ctx: Context) -> list[Check]:
    """Every Lambda check of the design."""
    functions = [c for c in ctx.design.components if c.type == "lambda"]
    if not functions:
        return []
    account = ctx.limit("lambda_concurrency").value
    reserved = sum(f.reserved_concurrency or 0 for f in functions)
    pool = max(0, int(account - reserved))
    loads = {f.id: ctx.rates[f.id] * mean_duration_s(f) for f in functions}
    throttled = _concurrency(ctx, functions, loads, pool)
    found = [_reservation_check(ctx, reserved, account)] if reserved else []
    found += _concurrency_checks(ctx, functions, loads, pool, throttled)
    for fn in functions:
        found.append(_scaling_check(ctx, fn, loads[fn.id]))
        found.append(_timeout_check(ctx, fn))
        if invoked_by(ctx, fn) in ("s3", "sns", "dynamodb"):
            found.append(_async_check(ctx, fn, pool))
        if fn.provisioned_concurrency:
            spill = float((ctx.rates[fn.id] * 60 * erlang_b(fn.provisioned_concurrency, loads[fn.id])).sum())
            ctx.note(fn.id, provisioned_spillover_per_month=round(spill, 1))
    return found


def _concurrency(ctx: Context, functions: list[Lambda], loads: dict[str, NDArray[np.float64]],
                 pool: int) -> dict[str, float]:
    """Throttled invocations per function: reserved functions alone, the rest share the pool."""
    burst = ctx.traffic.burstiness
    shared = [f for f in functions if f.reserved_concurrency is None]
    throttled: dict[str, float] = {}
    if shared:
        blocked = erlang_b_bursty(pool, _summed(loads[f.id] for f in shared), burst)
        for f in shared:
            throttled[f.id] = float((ctx.rates[f.id] * 60 * blocked).sum())
    for f in functions:
        if f.reserved_concurrency is not None:
            blocked = erlang_b_bursty(f.reserved_concurrency, loads[f.id], burst)
            throttled[f.id] = float((ctx.rates[f.id] * 60 * blocked).sum())
    for f in functions:
        if invoked_by(ctx, f) == "sqs":
            throttled[f.id] = 0.0  # the event source mapping polls only as concurrency allows: messages wait
    for f in functions:
        load = loads[f.id]
        ctx.note(f.id, peak_concurrency=round(float(load.max() + 3 * math.sqrt(load.max())), 1),
                 mean_duration_ms=round(mean_duration_s(f) * 1000, 1), throttled_per_month=round(throttled[f.id], 1))
    return throttled


def _reservation_check(ctx: Context, reserved: float, account: float) -> Check:
    floor = ctx.limit("lambda_unreserved_min").value
    allowed = max(0.0, account - floor)
    return make_check(
        ctx, id="lambda.reservations", component="(account)", limit_key="lambda_concurrency", limit_value=allowed,
        limit_label=msg("lambda.reservations.limit", "reserved concurrency may total at most account concurrency "
                        "{account:,.0f} − {floor:,.0f} unreserved", account=account, floor=floor),
        peak=reserved, unit=msg("unit.environments", "environments"), affected=0, total=1, hard=True,
        consequence=msg("lambda.reservations.consequence",
                        "AWS rejects reservations that leave fewer than the minimum unreserved; deployment fails."),
        action=msg("lambda.reservations.action",
                   "Lower the reserved concurrency or request a higher account concurrency quota."))


def _concurrency_checks(ctx: Context, functions: list[Lambda], loads: dict[str, NDArray[np.float64]], pool: int,
                        throttled: dict[str, float]) -> list[Check]:
    found = []
    shared = [f for f in functions if f.reserved_concurrency is None]
    all_load = _summed(loads[f.id] for f in functions)
    account = ctx.limit("lambda_concurrency").value
    # The account check counts only what the shared pool throttles: a function with reserved concurrency is
    # throttled at its own reservation (its own lambda.concurrency check), never by the account limit, so its
    # losses beside the account's headroom made a FAIL with "+100 % headroom" (a reservation of 0).
    total = sum(float(ctx.events[f.id]) for f in shared)
    affected = sum(throttled[f.id] for f in shared)
    found.append(make_check(
        ctx, id="lambda.account_concurrency", component="(account)", limit_key="lambda_concurrency",
        limit_value=account, limit_label=msg("lambda.account_concurrency.limit",
                                             "concurrent executions per account and Region (all functions share it)"),
        peak=float(all_load.max()), unit=msg("unit.concurrent_executions", "concurrent executions"), curve=all_load,
        affected=affected, total=total,
        consequence=msg("lambda.account_concurrency.consequence",
                        "Invocations beyond the account's concurrency are throttled (HTTP 429); every function in the "
                        "Region competes for it, including ones outside this design."),
        action=msg("lambda.account_concurrency.action",
                   "Request a concurrency quota increase (Service Quotas L-B99A9384), reserve concurrency for critical "
                   "functions, or buffer with SQS.")))
    for f in functions:
        limit = f.reserved_concurrency if f.reserved_concurrency is not None else pool
        curve = _summed(loads[s.id] for s in shared) if f.reserved_concurrency is None else loads[f.id]
        peak = float(curve.max())
        label = msg("lambda.concurrency.limit_reserved", "reserved concurrency") if f.reserved_concurrency is not None \
            else msg("lambda.concurrency.limit_pool", "account concurrency less other functions' reservations")
        found.append(make_check(
            ctx, id="lambda.concurrency", component=f.id, limit_key=None if f.reserved_concurrency is not None
            else "lambda_concurrency", limit_value=float(limit), limit_label=label, peak=peak, curve=curve,
            unit=msg("unit.concurrent_executions", "concurrent executions") if f.reserved_concurrency is not None
            else msg("unit.concurrent_executions_pool", "concurrent executions (all functions sharing the pool)"),
            affected=throttled[f.id], total=float(ctx.events[f.id]),
            consequence=_throttle_consequence(invoked_by(ctx, f), throttled[f.id]),
            action=msg("lambda.concurrency.action",
                       "Raise the reserved concurrency / the account quota, shorten the duration, or put SQS in "
                       "front.")))
    return found


def _throttle_consequence(source: str, throttled: float) -> Message:
    """What a throttled invocation means for this kind of caller."""
    if source == "sqs":
        return msg("lambda.concurrency.consequence_sqs", "Invoked from SQS: the poller only runs as concurrency "
                   "allows, so messages wait in the queue (see sqs.backlog).")
    if source in ("s3", "sns"):
        return msg("lambda.concurrency.consequence_async", "{n:,.0f} invocation attempts a month throttled (Erlang B "
                   "on the offered load); these async events are retried for up to 6 hours (see lambda.async_events).",
                   n=throttled)
    if source == "dynamodb":
        return msg("lambda.concurrency.consequence_stream", "{n:,.0f} invocation attempts a month throttled (Erlang B "
                   "on the offered load); the stream's batches are retried until the records expire (24 h).",
                   n=throttled)
    return msg("lambda.concurrency.consequence_sync", "{n:,.0f} invocation attempts a month throttled (Erlang B on the "
               "offered load); the caller receives 429 Too Many Requests.", n=throttled)


def _scaling_check(ctx: Context, fn: Lambda, load: NDArray[np.float64]) -> Check:
    """1,000 new environments per 10 s per function: a step in demand above that throttles while scaling."""
    per_step = ctx.limit("lambda_scaling_per_10s").value
    jump = float(np.diff(load, prepend=load[0]).max())
    extra = max(0.0, jump - per_step)
    steps = math.ceil(extra / per_step) if extra else 0
    # environments short in each 10 s step while scaling: extra, extra − p, extra − 2p, … (steps terms),
    # summed in closed form so a jump of millions of environments costs no loop
    short_env_seconds = 10 * (steps * extra - per_step * steps * (steps - 1) / 2)
    affected = short_env_seconds / mean_duration_s(fn) if short_env_seconds else 0.0
    return make_check(
        ctx, id="lambda.scaling_rate", component=fn.id, limit_key="lambda_scaling_per_10s", limit_value=per_step,
        limit_label=msg("lambda.scaling_rate.limit", "new execution environments per 10 s per function"), peak=jump,
        unit=msg("unit.environments_at_once", "environments needed at once"),
        affected=affected, total=float(ctx.events[fn.id]),
        consequence=msg("lambda.scaling_rate.consequence", "A jump of {jump:,.0f} environments takes {seconds} s to "
                        "scale; ~{affected:,.0f} invocations throttled meanwhile.",
                        jump=jump, seconds=steps * 10, affected=affected),
        action=msg("lambda.scaling_rate.action",
                   "Pre-warm with provisioned concurrency before known spikes, or buffer with SQS."))


def duration_peak(model: DurationModel, cutoff_ms: float) -> tuple[float, bool]:
    """The duration a timeout check shows against `cutoff_ms`, and whether it is the p99.99.

    The p99 (the design's own, when it gives one); but when the p99 is within the cutoff and still at
    least FAIL_SHARE (1 in 10,000) of invocations run past it — a failing check — the p99.99, the
    duration that failing share reaches, so the row shows the quantity that failed, over its limit."""
    p99 = p99_ms(model)
    if p99 < cutoff_ms and model.fraction_over(cutoff_ms) >= FAIL_SHARE:
        return model.quantile_ms(FAIL_Z), True
    return p99, False


def _timeout_check(ctx: Context, fn: Lambda) -> Check:
    model = fit_duration(fn.duration_ms)
    timeout_ms = fn.timeout_s * 1000
    share = model.fraction_over(timeout_ms)
    invocations = float(ctx.events[fn.id])
    p99 = p99_ms(model)
    ctx.note(fn.id, timeouts_per_month=round(invocations * share, 1), p99_ms=round(p99, 1))
    peak, tail = duration_peak(model, timeout_ms)
    return make_check(
        ctx, id="lambda.timeout", component=fn.id, limit_key=None, limit_value=float(timeout_ms),
        limit_label=msg("lambda.timeout.limit", "function timeout"), peak=peak,
        unit=msg("unit.ms_p9999", "ms (p99.99 duration)") if tail else msg("unit.ms_p99", "ms (p99 duration)"),
        affected=invocations * share, total=invocations,
        consequence=msg("lambda.timeout.consequence", "{pct:.3g}% of invocations run past the {timeout} s timeout "
                        "and fail (billed to the timeout).", pct=share * 100, timeout=fn.timeout_s),
        action=msg("lambda.timeout.action",
                   "Raise the timeout above the p99 duration with a margin, or make the work asynchronous."))


def _async_check(ctx: Context, fn: Lambda, pool: int) -> Check:
    """S3/SNS invoke asynchronously: throttled events are retried for up to 6 h, then dropped."""
    capacity = fn.reserved_concurrency if fn.reserved_concurrency is not None else pool
    per_second = capacity / mean_duration_s(fn)
    arrivals = ctx.rates[fn.id] * 60
    backlog = lindley_backlog(arrivals, per_second * 60)
    wait_s = backlog / per_second if per_second > 0 else np.where(arrivals > 0, np.inf, 0.0)
    max_age = ctx.limit("lambda_async_max_event_age_s").value
    dropped = float(arrivals[wait_s > max_age].sum())
    delayed = float(arrivals[backlog > 0].sum())
    return make_check(
        ctx, id="lambda.async_events", component=fn.id, limit_key="lambda_async_max_event_age_s", limit_value=max_age,
        limit_label=msg("lambda.async_events.limit", "maximum event age for retried async events"),
        peak=float(wait_s.max()), curve=wait_s,
        unit=msg("unit.s_retry_delay", "s of retry delay"), affected=dropped, total=float(ctx.events[fn.id]),
        warn_if=delayed > 0,
        consequence=msg("lambda.async_events.consequence", "Event-triggered (async) invocations: {delayed:,.0f} events "
                        "a month wait for retries after throttling; {dropped:,.0f} exceed the 6-hour event age and are "
                        "dropped unless a DLQ or on-failure destination keeps them.", delayed=delayed, dropped=dropped),
        action=msg("lambda.async_events.action", "Put an SQS queue between S3 and the function, "
                   "set an on-failure destination/DLQ, or raise the function's concurrency."))
