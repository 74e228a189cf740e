"""Amazon Data Firehose: ingestion, format conversion and dynamic partitioning of a Firehose stream
delivering to S3.

https://aws.amazon.com/firehose/pricing/ — "Direct PUT and KDS as a source: ... Ingestion pricing is
tiered and billed per GB ingested in 5KB increments (a 3KB record is billed as 5KB, a 12KB record is
billed as 15KB, etc.)"; format conversion is billed "per GB based on GBs ingested in 5KB increments";
dynamic partitioning per GB delivered to S3 and per object delivered. The S3 PUTs of the objects it
writes are billed by S3: a bucket whose `from` names the Firehose stream receives them
(models/run/streams.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import KB_PER_GB, ComponentUsage, ceil_units, dec, fmt
from models.design.schema import Firehose
from models.run.streams import delivered_objects, firehose_record_kb, ingested_gb

if TYPE_CHECKING:
    from models.run.run import Run

INCREMENT_KB = 5

COMPONENTS = (
    Component("ingestion", "firehose.ingestion"),
    Component("format_conversion", "firehose.format_conversion"),
    Component("partitioned_data", "firehose.dynamic_partitioning.data"),
    Component("partitioned_objects", "firehose.dynamic_partitioning.objects"),
)


def usage(hose: Firehose, run: Run) -> ComponentUsage:
    """Monthly usage of one Firehose stream receiving its records in `run`."""
    return ComponentUsage(billed(COMPONENTS, globals(), hose, run))


def _records(hose: Firehose, run: Run) -> Decimal:
    return run.events[hose.id]


def record_kb(hose: Firehose, run: Run) -> float:
    """The Firehose stream's record size (its own, else the Kinesis stream's it reads)."""
    return firehose_record_kb(hose, {c.id: c for c in run.design.components})


def _billed_gb(hose: Firehose, run: Run) -> Quantity:
    records = _records(hose, run)
    kb = ceil_units(dec(record_kb(hose, run)), Decimal(INCREMENT_KB)) * INCREMENT_KB
    return Quantity(ingested_gb(records, record_kb(hose, run), INCREMENT_KB),
                    f"{fmt(records)} records × {fmt(kb)} KB (5 KB increments)")


def ingestion(hose: Firehose, run: Run) -> Quantity:
    """GB ingested, each record rounded up to 5 KB (Direct PUT or a Kinesis stream as the source)."""
    return _billed_gb(hose, run)


def format_conversion(hose: Firehose, run: Run) -> Quantity | None:
    """GB converted to Parquet/ORC, counted like ingestion (5 KB increments)."""
    return _billed_gb(hose, run) if hose.format_conversion else None


def partitioned_data(hose: Firehose, run: Run) -> Quantity | None:
    """GB delivered to S3 by dynamic partitioning: the records' own size (no rounding)."""
    if not hose.dynamic_partitioning:
        return None
    records = _records(hose, run)
    kb = record_kb(hose, run)
    return Quantity(records * dec(kb) / KB_PER_GB, f"{fmt(records)} records × {fmt(kb)} KB")


def partitioned_objects(hose: Firehose, run: Run) -> Quantity | None:
    """S3 objects delivered by dynamic partitioning: one per buffer flush per active partition."""
    if not hose.dynamic_partitioning:
        return None
    objects = delivered_objects(hose, _records(hose, run), record_kb(hose, run))
    return Quantity(objects, f"buffer flushes ({fmt(hose.buffer_mb)} MB or {hose.buffer_s} s) × "
                             f"{hose.partitions} partition(s)")
