"""AWS Step Functions checks: the account's StartExecution and StateTransition token buckets (per Region,
Standard and Express apart) and a Standard execution's 25,000-event history.

Throttling quotas "are per account, per AWS Region" and use "a token bucket scheme"
(https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html): a bucket of `burst` tokens refilled at
`rate` per second, one token per call or transition. The check runs the bucket over the month's minutes (the same
fluid model as API Gateway's throttle, models/run/queueing.py) on the demand of every state machine of the kind.
"""

from __future__ import annotations

import numpy as np

from models.checks.base import Check, Context, make_check
from models.design.schema import StepFunctions
from models.messages import msg
from models.run.queueing import busiest_second_rps, credit_bucket_overflow

#: events a state writes to the history at most: a Task state's entered, scheduled, started, succeeded, exited
HISTORY_EVENTS_PER_STATE = 5
#: ExecutionStarted and ExecutionSucceeded
HISTORY_EVENTS_PER_EXECUTION = 2


def checks(ctx: Context) -> list[Check]:
    """Every Step Functions check of the design."""
    machines = [c for c in ctx.design.components if c.type == "step_functions"]
    standard = [m for m in machines if m.workflow == "standard"]
    # StartSyncExecution "doesn't contribute to existing account capacity limits" (the quotas page)
    express = [m for m in machines if m.workflow == "express" and not m.sync]
    found: list[Check] = []
    if standard:
        found += [_start_execution(ctx, standard, "standard"), _state_transitions(ctx, standard)]
    if express:
        found.append(_start_execution(ctx, express, "express"))
    found += [_history(ctx, m) for m in standard]
    return found


def bucket_overflow(demand_per_s: np.ndarray, rate: float, burst: float) -> np.ndarray:
    """Calls per minute a token bucket of `burst` tokens refilled at `rate` per second turns away.

    >>> bucket_overflow(np.array([100.0, 400.0, 400.0]), 300, 1300).tolist()
    [0.0, 4700.0, 6000.0]
    """
    return credit_bucket_overflow(np.asarray(demand_per_s, dtype=float) * 60, rate * 60, burst)


def _sum_rates(ctx: Context, machines: list[StepFunctions], per_execution: bool = False) -> np.ndarray:
    first = ctx.rates[machines[0].id]
    total = np.zeros_like(first)
    for m in machines:
        total = total + ctx.rates[m.id] * (m.transitions_per_execution if per_execution else 1.0)
    return total


def _start_execution(ctx: Context, machines: list[StepFunctions], workflow: str) -> Check:
    prefix = "sfn" if workflow == "standard" else "sfn_express"
    kind = msg("word.sfn_standard", "Standard") if workflow == "standard" else msg("word.sfn_express", "Express")
    rate_key, burst_key = f"{prefix}_start_execution_rps", f"{prefix}_start_execution_burst"
    rate, burst = ctx.limit(rate_key).value, ctx.limit(burst_key).value
    demand = _sum_rates(ctx, machines)
    overflow = bucket_overflow(demand, rate, burst)
    share = np.divide(overflow, demand * 60, out=np.zeros_like(overflow), where=demand > 0)
    for m in machines:
        ctx.note(m.id, start_execution_throttled_per_month=round(float((share * ctx.rates[m.id] * 60).sum()), 1))
    peak = busiest_second_rps(demand, ctx.traffic.burstiness)
    return make_check(
        ctx, id=f"stepfunctions.start_execution.{workflow}", component="(account)", limit_key=rate_key,
        limit_value=rate,
        limit_label=msg("stepfunctions.start_execution.limit", "StartExecution per second per account and Region, "
                        "{workflow} workflows (token bucket, bucket {burst:,.0f})", workflow=kind, burst=burst),
        peak=float(peak.max()), curve=peak, unit=msg("unit.executions_per_s_busiest", "executions/s (busiest second)"),
        affected=float(overflow.sum()), total=sum(float(ctx.events[m.id]) for m in machines),
        consequence=msg("stepfunctions.start_execution.consequence", "Executions started above the StartExecution "
                        "bucket fail with ThrottlingException; every {workflow} state machine in the Region shares it.",
                        workflow=kind),
        action=msg("stepfunctions.start_execution.action", "Request a StartExecution quota increase, start "
                   "executions through a queue that smooths the peaks, or batch items into fewer executions (a Map "
                   "state)."))


def _state_transitions(ctx: Context, machines: list[StepFunctions]) -> Check:
    rate, burst = ctx.limit("sfn_state_transition_rps").value, ctx.limit("sfn_state_transition_burst").value
    demand = _sum_rates(ctx, machines, per_execution=True)
    overflow = bucket_overflow(demand, rate, burst)
    peak = busiest_second_rps(demand, ctx.traffic.burstiness)
    total = sum(float(ctx.events[m.id]) * m.transitions_per_execution for m in machines)
    return make_check(
        ctx, id="stepfunctions.state_transition", component="(account)", limit_key="sfn_state_transition_rps",
        limit_value=rate,
        limit_label=msg("stepfunctions.state_transition.limit", "state transitions per second per account and Region, "
                        "Standard workflows (token bucket, bucket {burst:,.0f})", burst=burst),
        peak=float(peak.max()), curve=peak,
        unit=msg("unit.transitions_per_s_busiest", "state transitions/s (busiest second)"),
        affected=float(overflow.sum()), total=total,
        consequence=msg("stepfunctions.state_transition.consequence", "Transitions above the bucket are delayed "
                        "(ExecutionThrottled): executions slow down and the ones a client waits on time out."),
        action=msg("stepfunctions.state_transition.action", "Request a StateTransition quota increase, move "
                   "short high-volume work to Express workflows (no transition quota), or use fewer states "
                   "per execution."))


def history_events(machine: StepFunctions) -> int:
    """Events one execution writes to its history: as designed, else at most 5 per state executed plus 2.

    >>> history_events(StepFunctions(id="m", type="step_functions", transitions_per_execution=10))
    52
    """
    if machine.history_events_per_execution is not None:
        return machine.history_events_per_execution
    return int(round(machine.transitions_per_execution)) * HISTORY_EVENTS_PER_STATE + HISTORY_EVENTS_PER_EXECUTION


def _history(ctx: Context, machine: StepFunctions) -> Check:
    limit = ctx.limit("sfn_history_events").value
    events = history_events(machine)
    executions = float(ctx.events[machine.id])
    return make_check(
        ctx, id="stepfunctions.history", component=machine.id, limit_key="sfn_history_events", limit_value=limit,
        limit_label=msg("stepfunctions.history.limit", "execution history ({limit:,.0f} events, Standard)",
                        limit=limit),
        peak=float(events), unit=msg("unit.events_per_execution", "history events per execution"),
        affected=executions if events > limit else 0.0, total=executions, hard=True,
        consequence=msg("stepfunctions.history.consequence", "An execution writes about {events:,} history events; at "
                        "{limit:,.0f} it fails.", events=events, limit=limit),
        action=msg("stepfunctions.history.action", "Continue as a new execution before the limit (StartExecution "
                   "from a Task state), move loops into a Distributed Map or a child Express workflow."))
