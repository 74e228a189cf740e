"""Operations checks: cold starts (how many, their effect on p99 and the timeout chain), the
design's composite availability along its synchronous path, and the recovery a design needs
(dead-letter queues for async triggers, idempotent consumers, a throttling layer in front of Lambda)."""

from __future__ import annotations

import math

from models.checks.lambda_function import invoked_by
from models.checks.readiness import Check, Context, make_check
from models.costs.estimate import price_of
from models.costs.usage import SECONDS_PER_MONTH, Usage, dec
from models.facts import Facts
from models.run.cold_starts import cold_starts_per_minute, p99_ms, p99_with_cold_starts
from models.run.duration import fit_duration
from models.run.run import Run, init_ms_for
from models.units import MINUTES_PER_MONTH

ASYNC_UPSTREAMS = ("s3", "sqs", "sns", "dynamodb")  # edges after which work is asynchronous


def checks(ctx: Context, facts: Facts | None) -> list[Check]:
    """Cold-start, availability and recovery findings (cold starts and availability need `facts`)."""
    found: list[Check] = []
    for fn in (c for c in ctx.design.components if c.type == "lambda"):
        if facts:
            found.append(_cold_start(ctx, fn, facts))
        source = invoked_by(ctx, fn)
        if source in ("s3", "sns", "dynamodb"):
            found.append(_async_failures(ctx, fn, source))
        if source in ("sqs", "s3", "sns", "dynamodb"):
            found.append(_idempotency(ctx, fn, source))
        if source == "client":
            found += _direct_invoke(ctx, fn)
    if facts:
        found.append(_availability(ctx, facts))
    return found


def _run(ctx: Context) -> Run:
    """The case's Run (a context built without one gets a Run of its design and volumes)."""
    return ctx.run if ctx.run is not None else Run(ctx.design)


def _cold_starts(ctx: Context, fn, facts: Facts) -> float:
    """Cold starts per month of `fn`: the Run's (simulated once, and billed as INIT by the estimate)."""
    run = ctx.run
    if run is not None and run.facts is facts:
        return run.cold_starts.get(fn.id, (0.0, 0.0))[0]
    return float(cold_starts_per_minute(ctx.rates[fn.id], _run(ctx).mean_billed_s(fn), facts.idle_reclaim_s,
                                        fn.provisioned_concurrency).sum())


def _cold_start(ctx: Context, fn, facts: Facts) -> Check:
    init_ms = init_ms_for(fn, facts)
    invocations = float(ctx.events[fn.id])
    cold = _cold_starts(ctx, fn, facts)
    share = cold / invocations if invocations else 0.0
    model = fit_duration(fn.duration_ms)
    warm_p99 = p99_ms(model)
    cold_p99 = p99_with_cold_starts(model, share, init_ms) if init_ms else warm_p99
    ctx.note(fn.id, cold_starts_per_month=round(cold, 1), cold_start_share=round(share, 6), p99_ms_with_cold=round(cold_p99, 1))
    over_timeout = cold_p99 >= fn.timeout_s * 1000
    remedy = _remedy(ctx, fn)
    return make_check(
        ctx, id="lambda.cold_starts", component=fn.id, limit_key=None, limit_value=float(fn.timeout_s * 1000),
        limit_label=f"timeout_s (INIT ≈ {init_ms:,.0f} ms for {fn.runtime})", peak=cold_p99, unit="ms p99 with cold starts",
        affected=invocations * fit_duration(fn.duration_ms).fraction_over(fn.timeout_s * 1000 - init_ms) * share
        if over_timeout else 0.0, total=invocations, warn_if=share > 0.01 or cold_p99 > 1.5 * warm_p99,
        consequence=f"{cold:,.0f} cold starts a month ({share:.2%} of invocations) add ~{init_ms:,.0f} ms each: p99 "
                    f"{warm_p99:,.0f} → {cold_p99:,.0f} ms; the INIT phase is billed as duration.",
        action=f"Keep the package and imports small; {remedy}; or accept the latency if p99 allows.")


def _remedy(ctx: Context, fn) -> str:
    """The usual fix for cold starts, with its monthly price (USD, priced by the catalog like any
    estimate line, no free tier) when the catalog is known."""
    load = ctx.rates[fn.id] * _run(ctx).mean_billed_s(fn)
    warm = max(1, math.ceil(float((load + 2 * load ** 0.5).max())))
    text = f"provisioned concurrency for {warm} environment{'s' if warm > 1 else ''} (the busiest need)"
    gb_s = dec(warm) * dec(fn.memory_mb) / 1024 * SECONDS_PER_MONTH  # GB-s kept warm in the month
    usd = price_of([Usage(fn.id, f"lambda.provisioned_concurrency.{fn.architecture}", gb_s,
                          f"{warm} environments × {fn.memory_mb} MB all month")], ctx.catalog) if ctx.catalog else None
    if usd is not None:
        text += f", about USD {float(usd):,.2f} a month (its duration rate is lower than on-demand's)"
    if fn.runtime == "java":
        text = "SnapStart (runtime java_snapstart; no extra charge for Java) or " + text
    return "use " + text


def _async_failures(ctx: Context, fn, source: str) -> Check:
    retries = {"s3": "2 retries", "sns": "2 retries", "dynamodb": "retries until the records expire (24 h)"}[source]
    return make_check(
        ctx, id="resilience.failed_events", component=fn.id, limit_key=None, limit_value=None,
        limit_label="on-failure destination / dead-letter queue", peak=None, unit="", affected=0, total=1,
        warn_if=not fn.dlq,
        consequence=("Events from " + source + f" that still fail after {retries} are kept in the DLQ."
                     if fn.dlq else f"Events from {source} that still fail after {retries} are dropped silently "
                     "— the lost S3-triggered runs of the talk."),
        action="—" if fn.dlq else "Configure an on-failure destination or DLQ (set dlq: true), or buffer with SQS.")


def _idempotency(ctx: Context, fn, source: str) -> Check:
    return make_check(
        ctx, id="resilience.idempotency", component=fn.id, limit_key=None, limit_value=None,
        limit_label="at-least-once delivery", peak=None, unit="", affected=0, total=1, warn_if=not fn.idempotent,
        consequence=f"Events from {source} can arrive more than once (retries, redelivery); "
                    + ("the handler is marked idempotent." if fn.idempotent else "a non-idempotent handler may act twice "
                       "(duplicate thumbnails, double writes). Independent services give no transaction across them."),
        action="—" if fn.idempotent else "Make the handler idempotent (conditional writes, idempotency keys), then set "
                                         "idempotent: true.")


def _direct_invoke(ctx: Context, fn) -> list[Check]:
    """A function the app invokes directly (Cognito identity pool credentials, no API Gateway)."""
    concurrency = ctx.limit("lambda_concurrency").value
    rate_limit = 10 * concurrency  # Lambda's invoke request rate: 10 × the concurrency quota per second
    peak = float(ctx.rates[fn.id].max())
    rate = make_check(
        ctx, id="lambda.invoke_rate", component=fn.id, limit_key="lambda_concurrency", limit_value=rate_limit,
        limit_label="Invoke requests per second (10 × the account concurrency quota)", peak=peak,
        unit="invocations/s (minute peak)", affected=0, total=1, hard=True,
        consequence="Clients call Lambda's Invoke API directly; above the invoke rate they get 429 TooManyRequests.",
        action="Request a higher concurrency quota (the invoke rate follows it) or put API Gateway in front.")
    layer = make_check(
        ctx, id="lambda.no_api_layer", component=fn.id, limit_key=None, limit_value=None,
        limit_label="no API Gateway in front", peak=None, unit="", affected=0, total=1, warn_if=True,
        consequence="Without API Gateway there is no per-client throttling, caching, request validation or custom "
                    "domain; a misbehaving app version can use up the account's concurrency"
                    + (" (reserved_concurrency caps this function)." if fn.reserved_concurrency else "."),
        action="Set reserved_concurrency to contain it, scope the identity pool role to this function, or add API Gateway.")
    return [rate, layer]


def synchronous_path(ctx: Context) -> list:
    """Components a client request waits on: from each entry point, following synchronous edges only
    (not past an S3 event, an SQS queue, an SNS topic or a DynamoDB stream)."""
    design = ctx.design
    children: dict[str, list] = {}
    for comp in design.components:
        if comp.from_:
            children.setdefault(comp.from_, []).append(comp)
    path, stack = [], [c for c in design.components if c.from_ is None and c.type not in ("cognito", "route53")]
    while stack:
        comp = stack.pop()
        if comp in path:
            continue
        path.append(comp)
        if comp.type not in ASYNC_UPSTREAMS:
            stack += children.get(comp.id, [])
    return path


def _availability(ctx: Context, facts: Facts) -> Check:
    path = synchronous_path(ctx)
    services = sorted({c.type for c in path})
    composite = math.prod(facts.slas[s].sla_pct / 100 for s in services if s in facts.slas)
    degraded = (1 - composite) * MINUTES_PER_MONTH
    off_path = [c.id for c in ctx.design.components if c not in path and c.type not in ("cognito", "route53")]
    ctx.note("(design)", composite_availability_pct=round(composite * 100, 4), degraded_minutes_per_month=round(degraded, 1))
    chain = " × ".join(f"{s} {facts.slas[s].sla_pct:g} %" for s in services if s in facts.slas)
    return make_check(
        ctx, id="availability.composite", component="(design)", limit_key=None, limit_value=None,
        limit_label=f"SLAs along the synchronous path: {chain}", peak=round(composite * 100, 4),
        unit="% composite availability (SLA-based)", affected=0, total=1,
        consequence=f"Requests depend on {len(services)} services at once: up to {degraded:,.0f} degraded minutes a month "
                    "at the SLA level (SLAs are credits, not guarantees)."
                    + (f" Off the request path (async): {', '.join(off_path)} — their outages delay work instead of "
                       "failing requests." if off_path else ""),
        action="Retry with backoff and jitter on every synchronous call; move work that need not finish within the "
               "request behind SQS; for higher availability consider DynamoDB global tables and multi-Region APIs.")
