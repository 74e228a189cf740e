"""What Kinesis Data Streams and Amazon Data Firehose pass on along `from`.

A stream passes on its records. A function reading a stream is invoked once per batch, and Lambda
forms batches per shard: each shard is polled about once a second, and a poll that finds records
invokes the function with up to `batch_size` of them (with no batching window, Lambda's default for
Kinesis: https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html); a batching window of W
seconds gathers records for up to W seconds first. So with T = max(1 s, W) a shard receiving r records
a second causes max(r / batch_size, (1 − e^(−r·T)) / T) invocations a second: full batches when records
outrun the batch size, at most one invocation per T seconds (records are found with probability
1 − e^(−r·T) for Poisson arrivals) when they do not. (For queues and DynamoDB streams the batch model is
models/run/batching.py.)

Taken at the month's mean rate per shard: for rates below the batch size that count is concave in r,
so the mean rate gives at least as many invocations as the real (uneven) traffic would — the reading
AWS's bill cannot fall short of.

A Firehose stream delivering to S3 passes on the objects it writes: a buffer is flushed when it holds
`buffer_mb` or `buffer_s` seconds have passed, whichever comes first
(https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html), once per active partition
with dynamic partitioning.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from models.design.schema import KINESIS_DEFAULT_BATCH_SIZE, Firehose, Kinesis, Lambda
from models.units import KB_PER_GB, SECONDS_PER_MONTH, dec

#: an on-demand stream starts with 4 MB/s of write capacity: 4 shards of 1 MB/s
#: (https://aws.amazon.com/kinesis/data-streams/faqs/)
ON_DEMAND_MIN_SHARDS = 4
SHARD_WRITE_MB_S = 1.0
SHARD_WRITE_RECORDS_S = 1000.0


def stream_shards(stream: Kinesis, records: Decimal) -> int:
    """Shards the stream runs: as provisioned, else what an on-demand stream needs for the month's mean
    write rate (at least the 4 it starts with)."""
    if stream.shards is not None:
        return stream.shards
    per_s = float(records) / SECONDS_PER_MONTH
    by_bytes = per_s * math.ceil(stream.record_kb) / 1024 / SHARD_WRITE_MB_S
    return max(ON_DEMAND_MIN_SHARDS, math.ceil(by_bytes), math.ceil(per_s / SHARD_WRITE_RECORDS_S))


def batch_size(fn: Lambda) -> int:
    """Records per invocation of a function reading a stream: its batch_size, else AWS's default (100)."""
    return fn.batch_size if fn.batch_size is not None else KINESIS_DEFAULT_BATCH_SIZE


def invocations_from_stream(stream: Kinesis, records: Decimal, fn: Lambda) -> Decimal:
    """Invocations a month of `fn` reading `records` from `stream` (module docstring).

    >>> from models.design.schema import Kinesis, Lambda
    >>> s = Kinesis(id="s", type="kinesis", mode="provisioned", shards=2)
    >>> f = Lambda(id="f", type="lambda", batch_size=100)
    >>> int(invocations_from_stream(s, Decimal(2_628_000_000), f))   # 500 records/s per shard: full batches
    26280000
    """
    if records <= 0:
        return Decimal(0)
    shards = stream_shards(stream, records)
    per_shard_s = float(records) / SECONDS_PER_MONTH / shards
    gather_s = max(1.0, float(fn.batching_window_s))
    per_s = max(per_shard_s / batch_size(fn), -math.expm1(-per_shard_s * gather_s) / gather_s)
    return dec(round(per_s * SECONDS_PER_MONTH * shards, 6))


def invocation_formula(stream: Kinesis, records: Decimal, fn: Lambda, invocations: Decimal) -> str:
    """How a stream's records became the function's invocations, for the line item."""
    window = f", a {fn.batching_window_s:g} s batching window" if fn.batching_window_s else ""
    return (f"{float(records):,.0f} records over {stream_shards(stream, records)} shard(s), batch_size "
            f"{batch_size(fn)}{window}: max(records ÷ batch_size, one per poll that finds records) per shard")


def firehose_record_kb(hose: Firehose, by_id: Mapping[str, Any]) -> float:
    """A Firehose record's size: as designed, else that of the Kinesis stream it reads, else 1 KB."""
    if hose.record_kb is not None:
        return hose.record_kb
    upstream = by_id.get(hose.from_) if hose.from_ else None
    if upstream is not None and upstream.type == "kinesis":
        return float(min(upstream.record_kb, 1000.0))
    return 1.0


def delivered_objects(hose: Firehose, records: Decimal, record_kb: float) -> Decimal:
    """S3 objects a month the Firehose stream writes (module docstring), at the month's mean rate."""
    if records <= 0:
        return Decimal(0)
    mb = records * dec(record_kb) / 1024
    by_size = mb / dec(hose.buffer_mb)
    by_time = dec(SECONDS_PER_MONTH) / dec(max(hose.buffer_s, 1))
    # a buffer is flushed by whichever comes first, so the month has the larger count of flushes, but
    # never more objects than records
    flushes = min(max(by_size, by_time), records)
    return flushes * hose.partitions


def ingested_gb(records: Decimal, record_kb: float, increment_kb: int) -> Decimal:
    """GB billed for `records` of `record_kb` each, every record rounded up to `increment_kb`."""
    units = max(Decimal(1), (dec(record_kb) / increment_kb).to_integral_value(rounding="ROUND_CEILING"))
    return records * units * increment_kb / KB_PER_GB
