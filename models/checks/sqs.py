"""Amazon SQS checks: a buffer's backlog and the age of its oldest message when its consumer's
concurrency is capped (Lindley's recursion on the minute series)."""

from __future__ import annotations

import numpy as np

from models.checks.base import Check, Context, make_check
from models.checks.lambda_function import mean_duration_s
from models.design.schema import Lambda, Sqs
from models.messages import msg
from models.run.queueing import lindley_backlog


def checks_for(ctx: Context, queue: Sqs) -> list[Check]:
    """The backlog check of one queue, when a function consumes it."""
    consumers = [c for c in ctx.design.components if c.type == "lambda" and c.from_ == queue.id]
    return [_backlog(ctx, queue, consumers[0])] if consumers else []


def _backlog(ctx: Context, queue: Sqs, consumer: Lambda) -> Check:
    """Messages wait when the consumer's capped concurrency drains slower than they arrive."""
    concurrency = consumer.reserved_concurrency if consumer.reserved_concurrency is not None \
        else ctx.limit("lambda_concurrency").value
    messages_per_invocation = 1 / consumer.calls if consumer.calls else 1.0
    drain_per_s = concurrency / mean_duration_s(consumer) * messages_per_invocation
    arrivals = ctx.rates[queue.id] * 60
    backlog = lindley_backlog(arrivals, drain_per_s * 60)
    age_s = backlog / drain_per_s if drain_per_s > 0 else np.where(backlog > 0, np.inf, 0.0)
    expired = float(arrivals[age_s > queue.retention_s].sum())
    ctx.note(queue.id, max_depth=round(float(backlog.max()), 1), max_age_s=round(float(age_s.max()), 1))
    return make_check(
        ctx, id="sqs.backlog", component=queue.id, limit_key=None, limit_value=float(queue.retention_s),
        limit_label=msg("sqs.backlog.limit", "message retention ({retention:,} s)", retention=queue.retention_s),
        peak=float(age_s.max()), curve=age_s,
        unit=msg("unit.s_oldest_message", "s (age of the oldest message)"), affected=expired,
        total=float(ctx.events[queue.id]),
        warn_if=float(age_s.max()) > 300,
        consequence=msg("sqs.backlog.consequence", "Up to {depth:,.0f} messages wait, the oldest {minutes:,.1f} min; "
                        "{expired:,.0f} a month would expire before {consumer} reads them. The queue absorbs the "
                        "spike instead of throttling it.", depth=backlog.max(), minutes=age_s.max() / 60,
                        expired=expired, consumer=consumer.id),
        action=msg("sqs.backlog.action", "Raise {consumer}'s reserved concurrency (or the ESM maximum concurrency), "
                   "batch more messages, or lengthen the queue's retention period.", consumer=consumer.id))
