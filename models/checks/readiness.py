"""The readiness report: where each limit bites over the month, what it costs, and what to change.

`readiness(run, limits)` runs every check on a design case's `Run` (models/run/run.py): the same
volumes, traffic series and cold starts the estimate of that case priced. A check's
status: **fail** when it loses at least 1 in 10,000 of the component's requests (throttled, timed
out or dropped) or a hard limit is exceeded; **warn** when it loses any (≥ 1 a month) or the
peak is within 20 % of the limit; **pass** otherwise.
"""

from __future__ import annotations

from models.checks import api_gateway as checks_api
from models.checks import dynamodb as checks_dynamodb
from models.checks import eventbridge as checks_eventbridge  # ---- sfn
from models.checks import kinesis as checks_kinesis  # ---- kinesis
from models.checks import kms as checks_kms  # ---- kms
from models.checks import lambda_function as checks_lambda
from models.checks import resilience as checks_resilience
from models.checks import s3 as checks_s3
from models.checks import secrets_manager as checks_secrets  # s3x
from models.checks import sqs as checks_sqs
from models.checks import step_functions as checks_sfn  # ---- sfn
from models.checks import waf as checks_waf  # ---- kms
from models.checks.base import FAIL_SHARE, WARN_HEADROOM, Check, Context, Readiness, headroom, make_check, status_for
from models.checks.limits import LimitValue
from models.costs.prices import Catalog
from models.design.schema import Component, without_traffic
from models.messages import msg
from models.run.run import Run

__all__ = ["FAIL_SHARE", "WARN_HEADROOM", "Check", "Context", "Readiness", "headroom", "make_check", "readiness",
           "status_for"]


def _traffic_not_given(ctx: Context, comp: Component) -> Check:
    """A warning in place of the verdict the traffic checks cannot give for a component no traffic reaches."""
    return make_check(ctx, id="traffic.not_given", component=comp.id, limit_key=None, limit_value=None,
                      limit_label=msg("traffic.not_given.limit", "traffic"), peak=None,
                      unit=msg("unit.requests_per_month", "requests per month"), affected=0, total=0,
                      consequence=msg("traffic.not_given.consequence", "no traffic reaches it, so its throughput "
                                      "checks see zero demand and cannot say whether its capacity is enough"),
                      action=msg("traffic.not_given.action", "give its monthly figures (e.g. reads or writes "
                                 "per month), an upstream component ('from'), or the workload's requests per "
                                 "month"), warn_if=True)


def readiness(run: Run, limits: dict[str, LimitValue], catalog: Catalog | None = None) -> Readiness:
    """Run every check on a design case's month of traffic, from its `Run` (the one its estimate
    priced). The cold-start and availability findings need the Run's `facts` (runtimes and SLAs);
    `catalog` (the region's prices) prices the remedies."""

    design, events = run.design, run.events
    ctx = Context.of(run, limits, catalog)
    checks: list[Check] = []
    for module in (checks_lambda, checks_api, checks_dynamodb):
        checks += module.checks(ctx)
    for comp in design.components:  # S3 and SQS in the design's order
        if comp.type == "s3":
            checks += checks_s3.checks_for(ctx, comp)
        elif comp.type == "sqs":
            checks += checks_sqs.checks_for(ctx, comp)
    checks += checks_kinesis.checks(ctx)  # ---- kinesis
    checks += checks_kms.checks(ctx) + checks_waf.checks(ctx)  # ---- kms
    # ---- sfn
    checks += checks_sfn.checks(ctx) + checks_eventbridge.checks(ctx)
    # ---- end sfn
    checks += checks_secrets.checks(ctx)  # s3x
    checks += checks_resilience.checks(ctx, run.facts)
    checks += [_traffic_not_given(ctx, comp) for comp in without_traffic(design)]
    for comp in design.components:
        rate = ctx.rates[comp.id]
        ctx.note(comp.id, type=comp.type, events_per_month=round(float(events[comp.id]), 3),
                 peak_rps=round(float(rate.max()), 3))
    return Readiness(tuple(checks), ctx.facts, ctx.traffic, ctx.rates, ctx.curves)
