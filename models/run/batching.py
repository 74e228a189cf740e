"""Batches: a function fed by a queue or a stream is invoked once per batch, not once per message.

A Lambda event source mapping (SQS, DynamoDB Streams, Kinesis) hands the function up to
`batch_size` records in one invocation. How full a batch is depends on the rate and the batching
window (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html, "Batching
behavior": Lambda invokes when the batching window reaches its maximum value, the batch size is met or
the payload reaches 6 MB; "For Kinesis, DynamoDB, and Amazon SQS event sources: the default batching
window is 0 seconds", i.e. Lambda invokes as soon as records are available).

The reading here is the one under which AWS cannot bill more invocations than we count: a batch is
assumed to hold no more than the records that arrive at one poller within the window,

    records per batch = min(batch_size, max(1, rate × window ÷ pollers))

minute by minute over the month's traffic series, and invocations = Σ messages ÷ records per batch.
With no window (the default) a batch may hold a single record, so invocations = messages. `pollers`:
Lambda reads a standard queue with at least five concurrent pollers ("Lambda consumes messages in
batches, starting at five concurrent batches with five functions at a time",
https://aws.amazon.com/blogs/compute/understanding-how-aws-lambda-scales-when-subscribed-to-amazon-sqs-queues/),
so arrivals are shared among five; a stream is read one batch per shard at a time (a stream's
`shards` when its component has them; a DynamoDB table's stream is taken as one shard — a table of
more partitions fills its batches less, which this undercounts).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
from numpy.typing import NDArray

from models.design.batch_rules import BATCHED_SOURCES
from models.units import MINUTES_PER_MONTH, dec

#: concurrent pollers that share a standard queue's arrivals
SQS_POLLERS = 5
#: AWS's default batch sizes (BatchSize): 10 for SQS, 100 for streams
DEFAULT_BATCH_SIZE = {"sqs": 10, "dynamodb": 100, "kinesis": 100}


def pollers(source: Any) -> int:
    """Concurrent batches the source's arrivals are shared among (see the module docstring)."""
    if source.type == "sqs":
        return SQS_POLLERS
    shards = getattr(source, "shards", None)
    return int(shards) if isinstance(shards, (int, float)) and shards >= 1 else 1


def is_batched(fn: Any, source: Any | None) -> bool:
    """Does this function take its source's records in batches (a batch size set, a batched source)?"""
    return source is not None and source.type in BATCHED_SOURCES and bool(getattr(fn, "batch_size", None)) \
        and (fn.batch_size > 1)


def records_per_batch(rate_rps: NDArray[np.float64], batch_size: int, window_s: float,
                      poller_count: int) -> NDArray[np.float64]:
    """Records per batch at each minute's rate: min(batch_size, max(1, rate × window ÷ pollers)).

    >>> records_per_batch(np.array([0.01, 1.0, 100.0]), 10, 20, 5).tolist()
    [1.0, 4.0, 10.0]
    """
    return np.minimum(float(batch_size), np.maximum(1.0, rate_rps * (window_s / poller_count)))


def batched_invocations(messages: Decimal, fn: Any, source: Any, shape: NDArray[np.float64]) -> Decimal:
    """Invocations per month for `messages` records a month arriving in `shape` (the share of the month's
    records in each minute, summing to 1), batched by the function's batch_size and batching_window_s."""
    if messages <= 0:
        return Decimal(0)
    per_minute = float(messages) * shape
    size = records_per_batch(per_minute / 60, fn.batch_size, fn.batching_window_s, pollers(source))
    invocations = float((per_minute / size).sum())
    return min(messages, dec(round(invocations, 6)))


def batch_formula(messages: Decimal, invocations: Decimal, fn: Any, source: Any) -> str:
    """The line item's account of the batching: messages ÷ records per batch = invocations."""
    mean = float(messages / invocations) if invocations > 0 else 1.0
    window = f"a {fn.batching_window_s:g} s batching window" if fn.batching_window_s else "no batching window"
    return (f"{float(messages):,.0f} records ÷ {mean:,.3g} per batch (batch_size {fn.batch_size}, {window}, "
            f"{pollers(source)} poller(s): min(batch_size, max(1, rate × window ÷ pollers)) each minute)")


def flat_shape() -> NDArray[np.float64]:
    """An even month: the same share in every minute."""
    return np.full(MINUTES_PER_MONTH, 1 / MINUTES_PER_MONTH)
