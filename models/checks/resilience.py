"""Operations checks: cold starts (how many, their effect on p99 and the timeout chain), the
design's composite availability along its synchronous path, and the recovery a design needs
(dead-letter queues for async triggers, idempotent consumers, a throttling layer in front of Lambda)."""

from __future__ import annotations

import math

from models.checks.base import Check, Context, make_check
from models.checks.lambda_function import invoked_by
from models.costs.estimate import price_of
from models.costs.usage import SECONDS_PER_MONTH, Usage, dec
from models.design.schema import Component, Lambda
from models.facts import Facts
from models.messages import Message, msg
from models.run.cold_starts import cold_starts_per_minute, p99_ms, p99_with_cold_starts
from models.run.duration import fit_duration
from models.run.run import Run, init_ms_for
from models.units import MINUTES_PER_MONTH

ASYNC_UPSTREAMS = ("s3", "sqs", "sns", "dynamodb",  # edges after which work is asynchronous
                   "eventbridge",  # ---- sfn: a bus or pipe delivers to its targets asynchronously
                   )


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


def _cold_starts(ctx: Context, fn: Lambda, facts: Facts) -> float:
    """Cold starts per month of `fn`: the Run's (simulated once, and billed as INIT by the estimate)."""
    run = ctx.run
    if run is not None and run.facts is facts:
        return run.cold_starts.get(fn.id, (0.0, 0.0))[0]
    return float(cold_starts_per_minute(ctx.rates[fn.id], _run(ctx).mean_billed_s(fn), facts.idle_reclaim_s,
                                        fn.provisioned_concurrency).sum())


def _cold_start(ctx: Context, fn: Lambda, facts: Facts) -> Check:
    init_ms = init_ms_for(fn, facts)
    invocations = float(ctx.events[fn.id])
    cold = _cold_starts(ctx, fn, facts)
    share = cold / invocations if invocations else 0.0
    model = fit_duration(fn.duration_ms)
    warm_p99 = p99_ms(model)
    cold_p99 = p99_with_cold_starts(model, share, init_ms) if init_ms else warm_p99
    ctx.note(fn.id, cold_starts_per_month=round(cold, 1), cold_start_share=round(share, 6),
             p99_ms_with_cold=round(cold_p99, 1))
    over_timeout = cold_p99 >= fn.timeout_s * 1000
    remedy = _remedy(ctx, fn)
    return make_check(
        ctx, id="lambda.cold_starts", component=fn.id, limit_key=None, limit_value=float(fn.timeout_s * 1000),
        limit_label=msg("lambda.cold_starts.limit", "the timeout (INIT ≈ {init_ms:,.0f} ms for {runtime})",
                        init_ms=init_ms, runtime=fn.runtime), peak=cold_p99,
        unit=msg("unit.ms_p99_cold", "ms p99 with cold starts"),
        affected=invocations * fit_duration(fn.duration_ms).fraction_over(fn.timeout_s * 1000 - init_ms) * share
        if over_timeout else 0.0, total=invocations, warn_if=share > 0.01 or cold_p99 > 1.5 * warm_p99,
        consequence=msg("lambda.cold_starts.consequence", "{cold:,.0f} cold starts a month ({share:.2%} of "
                        "invocations) add ~{init_ms:,.0f} ms each: p99 {warm_p99:,.0f} → {cold_p99:,.0f} ms; "
                        "the INIT phase is billed as duration.", cold=cold, share=share, init_ms=init_ms,
                        warm_p99=warm_p99,
                        cold_p99=cold_p99),
        action=msg("lambda.cold_starts.action", "Keep the package and imports small; use {remedy}; or accept the "
                   "latency if p99 allows.", remedy=remedy))


def _remedy(ctx: Context, fn: Lambda) -> Message:
    """The usual fix for cold starts, with its monthly price (USD, priced by the catalog like any
    estimate line, no free tier) when the catalog is known."""
    load = ctx.rates[fn.id] * _run(ctx).mean_billed_s(fn)
    warm = max(1, math.ceil(float((load + 2 * load ** 0.5).max())))
    gb_s = dec(warm) * dec(fn.memory_mb) / 1024 * SECONDS_PER_MONTH  # GB-s kept warm in the month
    usd = price_of([Usage(fn.id, f"lambda.provisioned_concurrency.{fn.architecture}", gb_s,
                          f"{warm} environments × {fn.memory_mb} MB all month")], ctx.catalog) if ctx.catalog else None
    cost = ""
    if usd is not None:
        cost = msg("lambda.cold_starts.remedy_cost", ", about USD {usd:,.2f} a month (its duration rate is lower than "
                   "on-demand's)", usd=float(usd))
    if warm > 1:
        text = msg("lambda.cold_starts.remedy", "provisioned concurrency for {n} environments (the busiest need){cost}",
                   n=warm, cost=cost)
    else:
        text = msg("lambda.cold_starts.remedy_one", "provisioned concurrency for {n} environment (the busiest "
                   "need){cost}", n=warm, cost=cost)
    if fn.runtime == "java":
        text = msg("lambda.cold_starts.remedy_java", "SnapStart (runtime: Java with SnapStart; no extra charge "
                   "for Java) or "
                   "{remedy}", remedy=text)
    return text


def _async_failures(ctx: Context, fn: Lambda, source: str) -> Check:
    retries = msg("word.retries_until_expire", "retries until the records expire (24 h)") if source == "dynamodb" \
        else msg("word.2_retries", "2 retries")
    return make_check(
        ctx, id="resilience.failed_events", component=fn.id, limit_key=None, limit_value=None,
        limit_label=msg("resilience.failed_events.limit", "on-failure destination / dead-letter queue"), peak=None,
        unit="", affected=0, total=1, warn_if=not fn.dlq,
        consequence=(msg("resilience.failed_events.kept", "Events from {source} that still fail after {retries} are "
                         "kept in the DLQ.", source=source_name(source), retries=retries)
                     if fn.dlq else msg("resilience.failed_events.dropped", "Events from {source} that still "
                                        "fail after {retries} are dropped silently: the S3-triggered runs are "
                                        "lost.",
                                        source=source_name(source), retries=retries)),
        action="—" if fn.dlq else msg("resilience.failed_events.action", "Configure an on-failure destination or DLQ "
                                      "(the design's DLQ setting), or buffer with SQS."))


def _idempotency(ctx: Context, fn: Lambda, source: str) -> Check:
    return make_check(
        ctx, id="resilience.idempotency", component=fn.id, limit_key=None, limit_value=None,
        limit_label=msg("resilience.idempotency.limit", "at-least-once delivery"), peak=None, unit="", affected=0,
        total=1, warn_if=not fn.idempotent,
        consequence=msg("resilience.idempotency.ok", "Events from {source} can arrive more than once (retries, "
                        "redelivery); the handler is marked idempotent.", source=source_name(source)) if fn.idempotent
        else msg("resilience.idempotency.consequence", "Events from {source} can arrive more than once (retries, "
                 "redelivery); a non-idempotent handler may act twice (duplicate thumbnails, double writes). "
                 "Independent services give no transaction across them.", source=source_name(source)),
        action="—" if fn.idempotent else msg("resilience.idempotency.action", "Make the handler idempotent "
                                             "(conditional writes, idempotency keys), then mark it idempotent "
                                             "in the design."))


def _direct_invoke(ctx: Context, fn: Lambda) -> list[Check]:
    """A function the app invokes directly (Cognito identity pool credentials, no API Gateway)."""
    concurrency = ctx.limit("lambda_concurrency").value
    rate_limit = 10 * concurrency  # Lambda's invoke request rate: 10 × the concurrency quota per second
    peak = float(ctx.rates[fn.id].max())
    rate = make_check(
        ctx, id="lambda.invoke_rate", component=fn.id, limit_key="lambda_concurrency", limit_value=rate_limit,
        limit_label=msg("lambda.invoke_rate.limit", "Invoke requests per second (10 × the account concurrency quota)"),
        peak=peak, unit=msg("unit.invocations_per_s_minute_peak", "invocations/s (minute peak)"), affected=0, total=1,
        hard=True,
        consequence=msg("lambda.invoke_rate.consequence", "Clients call Lambda's Invoke API directly; above the invoke "
                        "rate they get 429 TooManyRequests."),
        action=msg("lambda.invoke_rate.action", "Request a higher concurrency quota (the invoke rate follows it) "
                   "or put API Gateway in front."))
    layer = make_check(
        ctx, id="lambda.no_api_layer", component=fn.id, limit_key=None, limit_value=None,
        limit_label=msg("lambda.no_api_layer.limit", "no API Gateway in front"), peak=None, unit="", affected=0,
        total=1, warn_if=True,
        consequence=msg("lambda.no_api_layer.consequence_reserved", "Without API Gateway there is no per-client "
                        "throttling, caching, request validation or custom domain; a misbehaving app version can "
                        "use up the account's concurrency (a reserved concurrency caps this function).")
        if fn.reserved_concurrency else msg("lambda.no_api_layer.consequence", "Without API Gateway there is no "
                                            "per-client throttling, caching, request validation or custom domain; a "
                                            "misbehaving app version can use up the account's concurrency."),
        action=msg("lambda.no_api_layer.action", "Set a reserved concurrency to contain it, scope the identity "
                   "pool role "
                   "to this function, or add API Gateway."))
    return [rate, layer]


def synchronous_path(ctx: Context) -> list[Component]:
    """Components a client request waits on: from each entry point, following synchronous edges only
    (not past an S3 event, an SQS queue, an SNS topic or a DynamoDB stream)."""
    design = ctx.design
    children: dict[str, list[Component]] = {}
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
    ctx.note("(design)", composite_availability_pct=round(composite * 100, 4),
             degraded_minutes_per_month=round(degraded, 1))
    chain = " × ".join(f"{s} {facts.slas[s].sla_pct:g} %" for s in services if s in facts.slas)
    return make_check(
        ctx, id="availability.composite", component="(design)", limit_key=None, limit_value=None,
        limit_label=msg("availability.composite.limit", "SLAs along the synchronous path: {chain}", chain=chain),
        peak=round(composite * 100, 4),
        unit=msg("unit.pct_composite_availability", "% composite availability (SLA-based)"), affected=0, total=1,
        consequence=msg("availability.composite.consequence_async", "Requests depend on {n} services at once: up to "
                        "{minutes:,.0f} degraded minutes a month at the SLA level (SLAs are credits, not guarantees). "
                        "Off the request path (async): {off_path} — their outages delay work instead of failing "
                        "requests.", n=len(services), minutes=degraded, off_path=", ".join(off_path)) if off_path
        else msg("availability.composite.consequence", "Requests depend on {n} services at once: up to {minutes:,.0f} "
                 "degraded minutes a month at the SLA level (SLAs are credits, not guarantees).", n=len(services),
                 minutes=degraded),
        action=msg("availability.composite.action", "Retry with backoff and jitter on every synchronous call; "
                   "move work that need not finish within the request behind SQS; for higher availability consider "
                   "DynamoDB global tables and multi-Region APIs."))


#: an event source as AWS names it (the same in English and Japanese)
SOURCE_NAMES = {"s3": "S3", "sqs": "SQS", "sns": "SNS", "dynamodb": "DynamoDB Streams"}


def source_name(source: str) -> str:
    """The upstream component type as AWS names the service ("sqs" → "SQS"); other types unchanged."""
    return SOURCE_NAMES.get(source, source)
