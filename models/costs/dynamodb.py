"""Amazon DynamoDB: request units (on-demand) or capacity-hours (provisioned), storage, backups.

Request units are rounded up per item (https://aws.amazon.com/dynamodb/pricing/on-demand/):
a read uses 1 unit per 4 KB (eventual ½, transactional ×2); a write 1 unit per 1 KB
(transactional ×2). Provisioned capacity is billed per hour whether used or not.
"""

from __future__ import annotations

from decimal import Decimal

from models.costs.usage import HOURS_PER_MONTH, SECONDS_PER_MONTH, ComponentUsage, Usage, ceil_units, dec, fmt
from models.design.schema import DynamoDb
from models.messages import msg

READ_FACTOR = {"eventual": Decimal("0.5"), "strong": Decimal(1), "transactional": Decimal(2)}
WRITE_FACTOR = {"standard": Decimal(1), "transactional": Decimal(2)}


def read_units_per_read(item_kb: Decimal, consistency: str) -> Decimal:
    """RRU per item read: 4 KB units rounded up, × ½ / 1 / 2."""
    return ceil_units(item_kb, Decimal(4)) * READ_FACTOR[consistency]


def write_units_per_write(item_kb: Decimal, mode: str) -> Decimal:
    """WRU per item write: 1 KB units rounded up, × 1 / 2."""
    return ceil_units(item_kb, Decimal(1)) * WRITE_FACTOR[mode]


def item_counts(table: DynamoDb, events: Decimal) -> tuple[Decimal, Decimal]:
    """(item reads, item writes) per month: direct figures, or the flow × per-event counts."""
    if table.reads_per_month is not None or table.writes_per_month is not None:
        return dec(table.reads_per_month or 0), dec(table.writes_per_month or 0)
    return events * dec(table.reads), events * dec(table.writes)


def usage(table: DynamoDb, events: Decimal) -> ComponentUsage:
    """Monthly usage of one table (with its GSIs) receiving `events` upstream events."""
    reads, writes = item_counts(table, events)
    item_kb = dec(table.item_kb)
    rru_each = read_units_per_read(item_kb, table.read_consistency)
    wru_each = write_units_per_write(item_kb, table.write_mode)
    rru = [(reads * rru_each, f"{fmt(reads)} reads × {fmt(rru_each)} RRU ({fmt(item_kb)} KB, {table.read_consistency})")]
    wru = [(writes * wru_each, f"{fmt(writes)} writes × {fmt(wru_each)} WRU ({fmt(item_kb)} KB, {table.write_mode})")]
    for gsi in table.gsis:
        gsi_kb = dec(gsi.item_kb) if gsi.item_kb is not None else item_kb
        gsi_writes = writes * dec(gsi.write_fraction)
        gsi_wru = write_units_per_write(gsi_kb, "standard")
        wru.append((gsi_writes * gsi_wru, f"GSI {gsi.name}: {fmt(gsi_writes)} writes × {fmt(gsi_wru)} WRU"))
        gsi_reads = events * dec(gsi.reads)
        if gsi_reads:
            gsi_rru = read_units_per_read(gsi_kb, "eventual")  # GSIs serve eventually consistent reads only
            rru.append((gsi_reads * gsi_rru, f"GSI {gsi.name}: {fmt(gsi_reads)} reads × {fmt(gsi_rru)} RRU"))

    ia = "_ia" if table.table_class == "standard_ia" else ""
    usages: list[Usage] = []
    warnings: list[str] = []
    if table.billing == "on_demand":
        for qty, how in rru:
            usages.append(Usage(table.id, f"dynamodb.on_demand{ia}.read_request_units", qty, how))
        for qty, how in wru:
            usages.append(Usage(table.id, f"dynamodb.on_demand{ia}.write_request_units", qty, how))
    else:
        usages += _provisioned(table, ia)
        warnings += _capacity_warnings(table, sum(q for q, _ in rru), sum(q for q, _ in wru))

    storage = dec(table.storage_gb) + sum((dec(g.storage_gb) for g in table.gsis), Decimal(0))
    if storage:
        cls = "standard_ia" if ia else "standard"
        usages.append(Usage(table.id, f"dynamodb.storage.{cls}", storage, f"{fmt(storage)} GB stored (table + GSIs)"))
    if table.pitr and table.storage_gb:
        usages.append(Usage(table.id, "dynamodb.pitr", dec(table.storage_gb), f"{fmt(table.storage_gb)} GB under PITR"))
    if table.backup_gb:
        usages.append(Usage(table.id, "dynamodb.backup", dec(table.backup_gb), f"{fmt(table.backup_gb)} GB of backups"))
    if table.stream_read_requests_per_month:
        n = dec(table.stream_read_requests_per_month)
        usages.append(Usage(table.id, "dynamodb.streams.read_requests", n, f"{fmt(n)} stream read requests"))
    return ComponentUsage(tuple(usages), tuple(warnings))


def _provisioned(table: DynamoDb, ia: str) -> list[Usage]:
    hours = HOURS_PER_MONTH
    usages = [
        Usage(table.id, f"dynamodb.provisioned{ia}.rcu_hours", dec(table.rcu) * hours, f"{table.rcu} RCU × {hours} h"),
        Usage(table.id, f"dynamodb.provisioned{ia}.wcu_hours", dec(table.wcu) * hours, f"{table.wcu} WCU × {hours} h"),
    ]
    for gsi in table.gsis:
        usages.append(Usage(table.id, f"dynamodb.provisioned{ia}.rcu_hours", dec(gsi.rcu) * hours,
                            f"GSI {gsi.name}: {gsi.rcu} RCU × {hours} h"))
        usages.append(Usage(table.id, f"dynamodb.provisioned{ia}.wcu_hours", dec(gsi.wcu) * hours,
                            f"GSI {gsi.name}: {gsi.wcu} WCU × {hours} h"))
    return usages


def _capacity_warnings(table: DynamoDb, rru: Decimal, wru: Decimal) -> list[str]:
    """Average demand above provisioned capacity throttles even before any peak."""
    capacity_r = dec(table.rcu) + sum((dec(g.rcu) for g in table.gsis), Decimal(0))
    capacity_w = dec(table.wcu) + sum((dec(g.wcu) for g in table.gsis), Decimal(0))
    notes = []
    for kind, demand, capacity in (("read", rru, capacity_r), ("write", wru, capacity_w)):
        per_second = demand / SECONDS_PER_MONTH
        if per_second > capacity:
            word = msg("word.read", "read") if kind == "read" else msg("word.write", "write")
            notes.append(msg("dynamodb.average_over_capacity.warning", "{id}: average {kind} demand {demand:,.1f} "
                             "units/s exceeds provisioned {capacity}; requests will be throttled", id=table.id,
                             kind=word, demand=float(per_second), capacity=fmt(capacity)))
    return notes


def outgoing_events(table: DynamoDb, events: Decimal) -> Decimal:
    """A table passes on its item writes (stream records)."""
    return item_counts(table, events)[1]
