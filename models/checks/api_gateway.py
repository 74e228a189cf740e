"""API Gateway checks: the account throttle and stage throttles (token buckets), the integration
timeout against the function's durations, the timeout chain, and payload limits."""

from __future__ import annotations

import numpy as np

from models.checks.base import Check, Context, make_check
from models.checks.lambda_function import duration_peak
from models.design.schema import ApiGateway, Lambda
from models.messages import joined, msg
from models.run.cold_starts import p99_ms
from models.run.duration import fit_duration
from models.run.queueing import busiest_second_rps, credit_bucket_overflow

LAMBDA_SYNC_PAYLOAD_KB = 6 * 1024  # Lambda's synchronous invocation payload limit (6 MB)


def integration_timeout_ms(api: ApiGateway, ctx: Context) -> float:
    """The API's integration timeout: as designed, else AWS's default (REST 29 s, HTTP 30 s)."""
    if api.integration_timeout_ms is not None:
        return float(api.integration_timeout_ms)
    key = "api_http_integration_timeout_ms" if api.api == "http" else "api_rest_integration_timeout_ms"
    return ctx.limit(key).value


def checks(ctx: Context) -> list[Check]:
    """Every API Gateway check of the design."""
    apis = [c for c in ctx.design.components if c.type == "api_gateway"]
    if not apis:
        return []
    found = [_account_throttle(ctx, apis)]
    for api in apis:
        if api.stage_rps is not None:
            found.append(_stage_throttle(ctx, api))
        for fn in (c for c in ctx.design.components if c.type == "lambda" and c.from_ == api.id):
            found += [_integration_timeout(ctx, api, fn), _timeout_chain(ctx, api, fn)]
            if api.api != "websocket":
                found.append(_payload(ctx, api, fn))
    return found


def _account_throttle(ctx: Context, apis: list[ApiGateway]) -> Check:
    rate = ctx.limit("api_rps").value
    burst = ctx.limit("api_burst").value
    total_rps = sum((ctx.rates[a.id] for a in apis), np.zeros_like(ctx.rates[apis[0].id]))
    overflow = credit_bucket_overflow(total_rps * 60, rate * 60, burst)
    share = np.divide(overflow, total_rps * 60, out=np.zeros_like(overflow), where=total_rps > 0)
    for api in apis:
        ctx.note(api.id, throttled_per_month=round(float((share * ctx.rates[api.id] * 60).sum()), 1))
    peak = float(busiest_second_rps(total_rps, ctx.traffic.burstiness).max())
    return make_check(
        ctx, id="apigateway.account_throttle", component="(account)", limit_key="api_rps", limit_value=rate,
        limit_label=msg("apigateway.account_throttle.limit",
                        "requests per second per account and Region (token bucket, burst {burst:,.0f})", burst=burst),
        peak=peak, curve=busiest_second_rps(total_rps, ctx.traffic.burstiness),
        unit=msg("unit.requests_per_s_busiest", "requests/s (busiest second)"), affected=float(overflow.sum()),
        total=sum(float(ctx.events[a.id]) for a in apis),
        consequence=msg("apigateway.account_throttle.consequence",
                        "Requests above the account throttle get 429 Too Many Requests; all APIs in the Region "
                        "share it."),
        action=msg("apigateway.account_throttle.action", "Request a throttle quota increase (Service Quotas "
                   "L-8A5B8E43) or cache responses (CloudFront / REST cache)."))


def _stage_throttle(ctx: Context, api: ApiGateway) -> Check:
    stage_rps = api.stage_rps
    if stage_rps is None:  # checks() asks only for the stages a design throttles
        raise ValueError(f"{api.id}: no stage_rps, so there is no stage throttle to check")
    burst = api.stage_burst if api.stage_burst is not None else stage_rps
    overflow = credit_bucket_overflow(ctx.rates[api.id] * 60, stage_rps * 60, burst)
    return make_check(
        ctx, id="apigateway.stage_throttle", component=api.id, limit_key=None, limit_value=stage_rps,
        limit_label=msg("apigateway.stage_throttle.limit", "stage throttle (requests per second, burst {burst:,.0f})",
                        burst=burst),
        peak=float(busiest_second_rps(ctx.rates[api.id], ctx.traffic.burstiness).max()),
        curve=busiest_second_rps(ctx.rates[api.id], ctx.traffic.burstiness),
        unit=msg("unit.requests_per_s_busiest", "requests/s (busiest second)"), affected=float(overflow.sum()),
        total=float(ctx.events[api.id]),
        consequence=msg("apigateway.stage_throttle.consequence",
                        "Requests above the stage's throttle get 429 Too Many Requests."),
        action=msg("apigateway.stage_throttle.action",
                   "Raise the stage throttle (requests per second and burst), or smooth the clients' traffic."))


def _integration_timeout(ctx: Context, api: ApiGateway, fn: Lambda) -> Check:
    """A request fails at whichever timeout comes first: the integration's (504) or the function's (502).
    The row's limit is that one, so its headroom is that of the durations that fail."""
    limit_ms = integration_timeout_ms(api, ctx)
    model = fit_duration(fn.duration_ms)
    function_first = fn.timeout_s * 1000 < limit_ms
    cutoff = min(limit_ms, fn.timeout_s * 1000)
    failed = float(ctx.events[fn.id]) * model.fraction_over(cutoff)
    kind = msg("word.502_function_first", "502 (the function timed out first)") if function_first \
        else msg("word.504", "504 Gateway Timeout")
    ctx.note(api.id, timeouts_per_month=round(failed, 1))
    peak, tail = duration_peak(model, cutoff)
    label = msg("apigateway.integration_timeout.limit_function_first", "the function's {function} s timeout (it comes "
                "before the {integration:g} s integration timeout)", function=fn.timeout_s,
                integration=limit_ms / 1000) if function_first \
        else msg("apigateway.integration_timeout.limit", "integration timeout")
    return make_check(
        ctx, id="apigateway.integration_timeout", component=api.id,
        limit_key=None if api.integration_timeout_ms or function_first
        else ("api_http_integration_timeout_ms" if api.api == "http" else "api_rest_integration_timeout_ms"),
        limit_value=cutoff, limit_label=label, peak=peak,
        unit=msg("unit.ms_p9999_of", "ms ({fn} p99.99 duration)", fn=fn.id) if tail
        else msg("unit.ms_p99_of", "ms ({fn} p99 duration)", fn=fn.id),
        affected=failed, total=float(ctx.events[fn.id]),
        consequence=msg("apigateway.integration_timeout.consequence", "{n:,.0f} requests a month answered {kind}.",
                        n=failed, kind=kind),
        action=msg("apigateway.integration_timeout.action", "Make slow work asynchronous (return 202 and finish via "
                   "SQS/Step Functions) or speed up the function."))


def _timeout_chain(ctx: Context, api: ApiGateway, fn: Lambda) -> Check:
    """client timeout > integration timeout > function timeout > p99 duration; each inversion is a finding."""
    client = ctx.design.workload.client_timeout_s
    integration_s = integration_timeout_ms(api, ctx) / 1000
    model = fit_duration(fn.duration_ms)
    p99_s = p99_ms(model) / 1000
    problems = []
    if client is not None and client <= integration_s:
        problems.append(msg("timeout_chain.client_first", "client timeout {client:g} s ≤ integration timeout "
                            "{integration:g} s: the app gives up first while the work continues (retries may run it "
                            "twice)",
                            client=client, integration=integration_s))
    if fn.timeout_s >= integration_s:
        problems.append(msg("timeout_chain.function_too_long", "function timeout {function} s ≥ integration timeout "
                            "{integration:g} s: API Gateway answers 504 while the function runs on, billed",
                            function=fn.timeout_s, integration=integration_s))
    if p99_s >= fn.timeout_s:
        problems.append(msg("timeout_chain.p99_too_long", "p99 duration {p99:g} s ≥ function timeout {function} s: "
                            "over 1 % of calls time out", p99=p99_s, function=fn.timeout_s))
    if client:
        chain = msg("timeout_chain.limit_client", "client {client:g} s > integration {integration:g} s > function "
                    "{function} s > p99 {p99:.3g} s", client=client, integration=integration_s, function=fn.timeout_s,
                    p99=p99_s)
    else:
        chain = msg("timeout_chain.limit", "integration {integration:g} s > function {function} s > p99 {p99:.3g} s",
                    integration=integration_s, function=fn.timeout_s, p99=p99_s)
    return make_check(
        ctx, id="timeout_chain", component=f"{api.id}→{fn.id}", limit_key=None, limit_value=None, limit_label=chain,
        peak=None, unit="", affected=0, total=1, warn_if=bool(problems),
        consequence=joined(problems, "; ") if problems
        else msg("timeout_chain.ordered", "Each timeout is shorter than the one in front of it."),
        action=msg("timeout_chain.action", "Order the timeouts: client > API Gateway integration > function timeout > "
                   "p99 duration (with margins).") if problems else "—")


def _payload(ctx: Context, api: ApiGateway, fn: Lambda) -> Check:
    return make_check(
        ctx, id="lambda.sync_payload", component=f"{api.id}→{fn.id}", limit_key=None,
        limit_value=float(LAMBDA_SYNC_PAYLOAD_KB), limit_label=msg("lambda.sync_payload.limit",
                                                                   "Lambda synchronous payload (6 MB)"),
        peak=api.payload_kb, unit=msg("unit.kb_per_request", "KB per request"), affected=0, total=1, hard=True,
        consequence=msg("lambda.sync_payload.consequence",
                        "Requests larger than 6 MB cannot be passed to a synchronously invoked function (413)."),
        action=msg("lambda.sync_payload.action",
                   "Upload large files straight to S3 with a presigned URL and pass only the key."))
