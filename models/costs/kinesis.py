"""Amazon Kinesis Data Streams: on-demand (stream-hours, data in, data out) and provisioned
(shard-hours, PUT payload units), with extended and long-term retention and enhanced fan-out.

https://aws.amazon.com/kinesis/data-streams/pricing/ —
- on-demand "Data-In ... the number of data records you send to the service, multiplied by the size of
  each record rounded up to the nearest 1 KB (1,024 bytes)"; data out is counted the same way, once per
  consumer that reads it; "You're also charged for each stream operating in the on-demand capacity mode
  in your account at an hourly rate".
- provisioned "A PUT Payload Unit is counted in 25KB payload 'chunks' that comprise a record"; shards are
  billed per shard-hour, and extended retention (24 hours to 7 days) per shard-hour too.
- retention beyond the first 24 hours is billed on the data held: on-demand per GB-month up to 7 days,
  and in both modes long-term retention (beyond 7 days) per GB-month. A month in steady state holds
  (monthly GB ingested) × (hours held beyond the free window) / 730 GB on average.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import HOURS_PER_MONTH, ComponentUsage, ceil_units, dec, fmt
from models.design.schema import Kinesis
from models.run.streams import ingested_gb

if TYPE_CHECKING:
    from models.run.run import Run

FREE_RETENTION_HOURS = 24
EXTENDED_RETENTION_HOURS = 168  # 7 days: beyond it is long-term retention

COMPONENTS = (
    Component("stream_hours", "kinesis.on_demand.stream_hours"),
    Component("data_in", "kinesis.on_demand.data_in"),
    Component("data_out", "kinesis.on_demand.data_out"),
    Component("on_demand_efo_data_out", "kinesis.on_demand.efo_data_out"),
    Component("on_demand_extended_retention", "kinesis.on_demand.extended_retention"),
    Component("shard_hours", "kinesis.provisioned.shard_hours"),
    Component("put_payload_units", "kinesis.provisioned.put_payload_units"),
    Component("provisioned_extended_retention", "kinesis.provisioned.extended_retention"),
    Component("efo_consumer_shard_hours", "kinesis.provisioned.efo_consumer_shard_hours"),
    Component("provisioned_efo_data_out", "kinesis.provisioned.efo_data_out"),
    Component("long_term_retention", "kinesis.long_term_retention"),
)


def usage(stream: Kinesis, run: Run) -> ComponentUsage:
    """Monthly usage of one data stream carrying its records in `run`."""
    return ComponentUsage(billed(COMPONENTS, globals(), stream, run))


def standard_consumers(stream: Kinesis, run: Run) -> int:
    """Consumers sharing the stream's read throughput: as designed, else one per component reading it."""
    if stream.consumers is not None:
        return stream.consumers
    return sum(1 for c in run.design.components if c.from_ == stream.id)


def _records(stream: Kinesis, run: Run) -> Decimal:
    return run.events[stream.id]


def _gb_1kb(stream: Kinesis, run: Run) -> Decimal:
    """GB written, each record rounded up to whole KB (on-demand data in, data out and retention)."""
    return ingested_gb(_records(stream, run), stream.record_kb, 1)


def _hours(stream: Kinesis) -> Decimal:
    return dec(stream.hours)


def stream_hours(stream: Kinesis, run: Run) -> Quantity | None:
    """On-demand: one stream-hour per hour the stream exists."""
    if stream.mode != "on_demand":
        return None
    return Quantity(_hours(stream), f"1 stream × {fmt(_hours(stream))} hours")


def data_in(stream: Kinesis, run: Run) -> Quantity | None:
    """On-demand: GB written, each record rounded up to 1 KB."""
    if stream.mode != "on_demand":
        return None
    kb = ceil_units(dec(stream.record_kb), Decimal(1))
    return Quantity(_gb_1kb(stream, run), f"{fmt(_records(stream, run))} records × {fmt(kb)} KB (1 KB increments)")


def data_out(stream: Kinesis, run: Run) -> Quantity | None:
    """On-demand: GB read by the standard (shared-throughput) consumers, each reading every record."""
    consumers = standard_consumers(stream, run)
    if stream.mode != "on_demand" or not consumers:
        return None
    return Quantity(_gb_1kb(stream, run) * consumers,
                    f"{fmt(_gb_1kb(stream, run))} GB written × {consumers} standard consumer(s)")


def _efo_gb(stream: Kinesis, run: Run) -> Decimal:
    return _gb_1kb(stream, run) * stream.efo_consumers


def on_demand_efo_data_out(stream: Kinesis, run: Run) -> Quantity | None:
    """On-demand: GB pushed to enhanced fan-out consumers."""
    if stream.mode != "on_demand" or not stream.efo_consumers:
        return None
    return Quantity(_efo_gb(stream, run), f"{fmt(_gb_1kb(stream, run))} GB × {stream.efo_consumers} "
                                          "enhanced fan-out consumer(s)")


def _held_gb_months(stream: Kinesis, run: Run, from_hours: int, to_hours: int) -> Quantity | None:
    held = min(stream.retention_hours, to_hours) - from_hours
    if held <= 0:
        return None
    gb = _gb_1kb(stream, run)
    return Quantity(gb * held / HOURS_PER_MONTH, f"{fmt(gb)} GB a month held {held} h beyond {from_hours} h "
                                                 f"÷ {fmt(HOURS_PER_MONTH)} h")


def on_demand_extended_retention(stream: Kinesis, run: Run) -> Quantity | None:
    """On-demand: GB-months held between 24 hours and 7 days."""
    if stream.mode != "on_demand":
        return None
    return _held_gb_months(stream, run, FREE_RETENTION_HOURS, EXTENDED_RETENTION_HOURS)


def _shard_hours(stream: Kinesis) -> Decimal:
    return dec(stream.shards or 0) * _hours(stream)


def shard_hours(stream: Kinesis, run: Run) -> Quantity | None:
    """Provisioned: shards × hours."""
    if stream.mode != "provisioned":
        return None
    return Quantity(_shard_hours(stream), f"{stream.shards} shards × {fmt(_hours(stream))} hours")


def put_payload_units(stream: Kinesis, run: Run) -> Quantity | None:
    """Provisioned: one PUT payload unit per 25 KB chunk of each record."""
    if stream.mode != "provisioned":
        return None
    units = ceil_units(dec(stream.record_kb), Decimal(25))
    records = _records(stream, run)
    return Quantity(records * units, f"{fmt(records)} records × {fmt(units)} (25 KB payload units)")


def provisioned_extended_retention(stream: Kinesis, run: Run) -> Quantity | None:
    """Provisioned: every shard-hour of a stream that keeps records longer than 24 hours."""
    if stream.mode != "provisioned" or stream.retention_hours <= FREE_RETENTION_HOURS:
        return None
    return Quantity(_shard_hours(stream), f"{stream.shards} shards × {fmt(_hours(stream))} hours "
                                          f"(retention {stream.retention_hours} h > 24 h)")


def efo_consumer_shard_hours(stream: Kinesis, run: Run) -> Quantity | None:
    """Provisioned: enhanced fan-out consumers × shards × hours."""
    if stream.mode != "provisioned" or not stream.efo_consumers:
        return None
    return Quantity(_shard_hours(stream) * stream.efo_consumers,
                    f"{stream.efo_consumers} consumer(s) × {stream.shards} shards × {fmt(_hours(stream))} hours")


def provisioned_efo_data_out(stream: Kinesis, run: Run) -> Quantity | None:
    """Provisioned: GB pushed to enhanced fan-out consumers."""
    if stream.mode != "provisioned" or not stream.efo_consumers:
        return None
    return Quantity(_efo_gb(stream, run), f"{fmt(_gb_1kb(stream, run))} GB × {stream.efo_consumers} "
                                          "enhanced fan-out consumer(s)")


def long_term_retention(stream: Kinesis, run: Run) -> Quantity | None:
    """Both modes: GB-months held beyond 7 days."""
    return _held_gb_months(stream, run, EXTENDED_RETENTION_HOURS, stream.retention_hours)
