"""Kinesis Data Streams and Amazon Data Firehose checks: write throughput against the shards (or the
on-demand stream's scaling), read throughput shared by the standard consumers, the account's shard
quota, and a Firehose stream's Direct PUT quota.

Every throughput check is a fluid model on the month's per-minute series (numpy, no per-minute loop):
in each minute the records above the capacity are throttled (ProvisionedThroughputExceededException,
which the producer's SDK retries, adding latency, or drops once its retries run out).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from models.checks.base import Check, Context, make_check
from models.checks.limits import LimitValue
from models.design.schema import Firehose, Kinesis
from models.messages import msg
from models.run.queueing import busiest_second_rps
from models.run.streams import firehose_record_kb, stream_shards
from models.units import dec

#: on-demand capacity follows the peak of the last 30 days, reached 15 minutes after it
#: (https://aws.amazon.com/kinesis/data-streams/faqs/; service-sizes-and-limits.html)
PEAK_WINDOW_MINUTES = 30 * 24 * 60
SCALE_LAG_MINUTES = 15
KB_PER_MB = 1024


def regional_limit(ctx: Context, key: str) -> LimitValue:
    """The limit `key` of the design's Region: the design's or the account's own value when it gives one
    (its source is not a published page), else `<key>.<region>` when limits.yaml has one, else `<key>`."""
    given = ctx.limit(key)
    if not given.source.startswith("https://"):
        return given
    return ctx.limits.get(f"{key}.{ctx.design.region}") or given


def sliding_max(values: NDArray[np.float64], width: int, start: NDArray[np.int64]) -> NDArray[np.float64]:
    """max(values[s : s + width]) for each s in `start` (van Herk/Gil-Werman: two block-wise running
    maxima, so the cost does not grow with `width`).

    >>> sliding_max(np.array([1., 3., 2., 5., 4., 0.]), 3, np.array([0, 1, 2, 3])).tolist()
    [3.0, 5.0, 5.0, 5.0]
    """
    n = values.size
    blocks = -(-n // width)
    padded = np.full(blocks * width, -np.inf)
    padded[:n] = values
    grid = padded.reshape(blocks, width)
    forward = np.maximum.accumulate(grid, axis=1).ravel()
    backward = np.maximum.accumulate(grid[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.maximum(backward[start], forward[start + width - 1])


def prior_peak(rate: NDArray[np.float64]) -> NDArray[np.float64]:
    """For each minute, the highest rate of the 30 days before it, up to 15 minutes ago — the month
    repeating (the stream has run before), so a once-a-month spike is not in its own window."""
    n = rate.size
    window = min(PEAK_WINDOW_MINUTES, n) - SCALE_LAG_MINUTES + 1
    doubled = np.concatenate((rate, rate))
    first = n - min(PEAK_WINDOW_MINUTES, n)
    return sliding_max(doubled, window, np.arange(n) + first)


def on_demand_capacity(ctx: Context, stream: Kinesis, rate: NDArray[np.float64]) -> NDArray[np.float64]:
    """Records per second an on-demand stream accepts at each minute: twice the prior peak, at least
    what a new stream starts with (4 MB/s and 4,000 records/s), at most the Region's ceiling."""
    kb = stream.record_kb
    base = min(ctx.limit("kinesis_on_demand_write_records_s").value,
               ctx.limit("kinesis_on_demand_write_mb_s").value * KB_PER_MB / kb)
    ceiling_mb = regional_limit(ctx, "kinesis_on_demand_max_write_mb_s").value
    ceiling = min(ceiling_mb * 1000, ceiling_mb * KB_PER_MB / kb)  # 200 MB/s goes with 200,000 records/s
    return np.minimum(np.maximum(base, 2 * prior_peak(rate)), ceiling)


def provisioned_capacity(ctx: Context, stream: Kinesis) -> float:
    """Records per second the stream's shards accept: 1,000 records or 1 MB per shard, whichever binds."""
    shards = stream.shards or 0
    return min(shards * ctx.limit("kinesis_shard_write_records_s").value,
               shards * ctx.limit("kinesis_shard_write_mb_s").value * KB_PER_MB / stream.record_kb)


def checks(ctx: Context) -> list[Check]:
    """Every Kinesis and Firehose check of the design."""
    found: list[Check] = []
    streams = [c for c in ctx.design.components if c.type == "kinesis"]
    for comp in ctx.design.components:
        if comp.type == "kinesis":
            found += [_write(ctx, comp), *_read(ctx, comp)]
        elif comp.type == "firehose" and _direct_put(ctx, comp):
            found.append(_direct_put_quota(ctx, comp))
    if any(s.mode == "provisioned" for s in streams):
        found.append(_account_shards(ctx, [s for s in streams if s.mode == "provisioned"]))
    if sum(1 for s in streams if s.mode == "on_demand") > ctx.limit("kinesis_on_demand_streams").value:
        found.append(_on_demand_streams(ctx, [s for s in streams if s.mode == "on_demand"]))
    return found


def _throttled(rate: NDArray[np.float64], capacity: NDArray[np.float64] | float) -> float:
    return float((np.maximum(rate - capacity, 0.0) * 60).sum())


def _write(ctx: Context, stream: Kinesis) -> Check:
    rate = ctx.rates[stream.id]
    if stream.mode == "provisioned":
        capacity: NDArray[np.float64] | float = provisioned_capacity(ctx, stream)
        key = "kinesis_shard_write_records_s"
        label = msg("kinesis.write.limit", "write throughput of {shards} shards (1,000 records/s or 1 MB/s each)",
                    shards=stream.shards)
        needed = shards_needed(float(rate.max()), stream.record_kb)
        action = msg("kinesis.write.action", "Add shards (the busiest minute needs {needed:,}; UpdateShardCount), "
                     "aggregate small records (KPL), or switch {id} to on-demand mode.", needed=needed, id=stream.id)
    else:
        capacity = on_demand_capacity(ctx, stream, rate)
        key = "kinesis_on_demand_write_records_s"
        label = msg("kinesis.write_on_demand.limit", "on-demand write capacity (twice the peak of the last 30 days, "
                    "at least 4 MB/s or 4,000 records/s)")
        action = msg("kinesis.write_on_demand.action", "Warm the stream before a spike (on-demand Advantage's warm "
                     "throughput, or provisioned shards), or smooth the producers' bursts.")
    throttled = _throttled(rate, capacity)
    peak = busiest_second_rps(rate, ctx.traffic.burstiness)
    limit = float(np.min(capacity)) if np.ndim(capacity) else float(capacity)
    ctx.note(stream.id, shards=stream_shards(stream, ctx.events[stream.id]), throttled_per_month=round(throttled, 1))
    return make_check(
        ctx, id="kinesis.write", component=stream.id, limit_key=key, limit_value=limit, limit_label=label,
        peak=float(peak.max()), curve=peak, unit=msg("unit.records_per_s_busiest", "records/s (busiest second)"),
        affected=throttled, total=float(ctx.events[stream.id]),
        consequence=msg("kinesis.write.consequence", "{n:,.0f} records a month are refused with "
                        "ProvisionedThroughputExceededException; producers retry them (latency) or lose them once "
                        "their retries run out.", n=throttled),
        action=action)


def _consumers(ctx: Context, stream: Kinesis) -> int:
    if stream.consumers is not None:
        return stream.consumers
    return sum(1 for c in ctx.design.components if c.from_ == stream.id)


def _read(ctx: Context, stream: Kinesis) -> list[Check]:
    """Standard consumers share each shard's 2 MB/s and 5 GetRecords/s; each reads every record."""
    consumers = _consumers(ctx, stream)
    if not consumers:
        return []
    rate = ctx.rates[stream.id]
    shards = stream_shards(stream, ctx.events[stream.id])
    read_mb = ctx.limit("kinesis_shard_read_mb_s").value
    if stream.mode == "provisioned":
        capacity: NDArray[np.float64] | float = shards * read_mb * KB_PER_MB / stream.record_kb
    else:  # an on-demand stream reads at twice its write capacity (8 MB/s for the first 4 MB/s)
        capacity = 2 * on_demand_capacity(ctx, stream, rate)
    demand = rate * consumers
    delayed = _throttled(demand, capacity)
    polls = ctx.limit("kinesis_shard_get_records_s").value
    ctx.note(stream.id, standard_consumers=consumers)
    limit = float(np.min(capacity)) if np.ndim(capacity) else float(capacity)
    return [make_check(
        ctx, id="kinesis.read", component=stream.id, limit_key="kinesis_shard_read_mb_s", limit_value=limit,
        limit_label=msg("kinesis.read.limit", "read throughput shared by {n} standard consumer(s) (2 MB/s and "
                        "5 GetRecords/s per shard)", n=consumers),
        peak=float(demand.max()), curve=demand,
        unit=msg("unit.record_reads_per_s", "record reads/s (all standard consumers)"),
        affected=delayed, total=float(ctx.events[stream.id]) * consumers, warn_if=consumers > polls,
        consequence=msg("kinesis.read.consequence", "{n:,.0f} record reads a month wait for the next poll "
                        "(ReadProvisionedThroughputExceeded); the consumers fall behind, and records older than "
                        "the retention are lost. {consumers} standard consumer(s) poll each shard against its 5 "
                        "GetRecords/s.", n=delayed, consumers=consumers),
        action=msg("kinesis.read.action", "Give the busiest consumers enhanced fan-out (enhanced fan-out "
                   "consumers: their own 2 "
                   "MB/s per shard), or add shards."))]


def _account_shards(ctx: Context, streams: list[Kinesis]) -> Check:
    total = sum(s.shards or 0 for s in streams)
    quota = regional_limit(ctx, "kinesis_account_shards")
    return make_check(
        ctx, id="kinesis.account_shards", component="(account)", limit_key=quota.key, limit_value=quota.value,
        limit_label=msg("kinesis.account_shards.limit", "shards per account in {region}", region=ctx.design.region),
        peak=float(total), unit=msg("unit.shards", "shards"), affected=0, total=0, hard=True,
        consequence=msg("kinesis.account_shards.consequence", "The design's provisioned streams need {total:,} "
                        "shards; above the quota, CreateStream and UpdateShardCount fail with "
                        "LimitExceededException.", total=total),
        action=msg("kinesis.account_shards.action", "Request a shard quota increase in Service Quotas before "
                   "deploying, or use on-demand streams."))


def _on_demand_streams(ctx: Context, streams: list[Kinesis]) -> Check:
    quota = ctx.limit("kinesis_on_demand_streams")
    return make_check(
        ctx, id="kinesis.on_demand_streams", component="(account)", limit_key=quota.key, limit_value=quota.value,
        limit_label=msg("kinesis.on_demand_streams.limit", "on-demand streams per account and Region"),
        peak=float(len(streams)), unit=msg("unit.streams", "streams"), affected=0, total=0, hard=True,
        consequence=msg("kinesis.on_demand_streams.consequence", "{n} on-demand streams exceed the default of "
                        "{quota:,.0f}; creating more fails.", n=len(streams), quota=quota.value),
        action=msg("kinesis.on_demand_streams.action", "Ask AWS Support to raise the quota, or make some streams "
                   "provisioned."))


def _direct_put(ctx: Context, hose: Firehose) -> bool:
    """True when producers write to the Firehose stream (not reading a Kinesis stream)."""
    if hose.from_ is None:
        return True
    return bool(ctx.design.component(hose.from_).type != "kinesis")


def direct_put_capacity(ctx: Context, hose: Firehose) -> float:
    """Records per second the Firehose stream accepts: its records, requests and MiB per second quotas,
    whichever binds (requests carry `records_per_request` records each)."""
    records = regional_limit(ctx, "firehose_direct_put_records_s").value
    requests = regional_limit(ctx, "firehose_direct_put_requests_s").value * hose.records_per_request
    kb = firehose_record_kb(hose, {c.id: c for c in ctx.design.components})
    mib = regional_limit(ctx, "firehose_direct_put_mib_s").value * KB_PER_MB / kb
    return min(records, requests, mib)


def _direct_put_quota(ctx: Context, hose: Firehose) -> Check:
    rate = ctx.rates[hose.id]
    capacity = direct_put_capacity(ctx, hose)
    throttled = _throttled(rate, capacity)
    peak = busiest_second_rps(rate, ctx.traffic.burstiness)
    ctx.note(hose.id, throttled_per_month=round(throttled, 1))
    bound = regional_limit(ctx, "firehose_direct_put_records_s")
    return make_check(
        ctx, id="firehose.direct_put", component=hose.id, limit_key=bound.key, limit_value=capacity,
        limit_label=msg("firehose.direct_put.limit", "Direct PUT quota in {region} (records/s, requests/s and MiB/s "
                        "combined, {per_request} record(s) per request)", region=ctx.design.region,
                        per_request=hose.records_per_request),
        peak=float(peak.max()), curve=peak, unit=msg("unit.records_per_s_busiest", "records/s (busiest second)"),
        affected=throttled, total=float(ctx.events[hose.id]),
        consequence=msg("firehose.direct_put.consequence", "{n:,.0f} records a month are refused "
                        "(ServiceUnavailableException) until Firehose raises the stream's limit by itself; producers "
                        "must retry them.", n=throttled),
        action=msg("firehose.direct_put.action", "Batch records (PutRecordBatch, up to 500 per request: "
                   "records per request), request a higher limit, or put a Kinesis stream in front."))


def shards_needed(records_per_s: float, record_kb: float) -> int:
    """Shards a steady `records_per_s` of `record_kb` needs (1,000 records or 1 MB per second each).

    >>> shards_needed(100, 35)   # the AWS pricing page's example: 3.4 MB/s
    4
    """
    return max(1, math.ceil(records_per_s / 1000), math.ceil(float(dec(records_per_s) * dec(record_kb)) / KB_PER_MB))
