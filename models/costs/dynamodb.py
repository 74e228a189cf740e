"""Amazon DynamoDB: request units (on-demand) or capacity-hours (provisioned), storage, backups.

Request units are rounded up per item (https://aws.amazon.com/dynamodb/pricing/on-demand/):
a read uses 1 unit per 4 KB (eventual ½, transactional ×2); a write 1 unit per 1 KB
(transactional ×2). Provisioned capacity is billed per hour whether used or not.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from models.costs.components import Component, Quantity, billed
from models.costs.usage import HOURS_PER_MONTH, SECONDS_PER_MONTH, ComponentUsage, ceil_units, dec, fmt
from models.design.schema import DynamoDb, Gsi
from models.messages import msg
from models.run.flow import item_counts

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (  # {ia}: "_ia" for the Standard-IA table class
    Component("read_request_units", "dynamodb.on_demand{ia}.read_request_units", choices={"ia": ("", "_ia")}),
    Component("write_request_units", "dynamodb.on_demand{ia}.write_request_units", choices={"ia": ("", "_ia")}),
    Component("rcu_hours", "dynamodb.provisioned{ia}.rcu_hours", choices={"ia": ("", "_ia")}),
    Component("wcu_hours", "dynamodb.provisioned{ia}.wcu_hours", choices={"ia": ("", "_ia")}),
    Component("storage", "dynamodb.storage.{table_class}"),
    Component("pitr", "dynamodb.pitr"),
    Component("backup", "dynamodb.backup"),
    Component("stream_reads", "dynamodb.streams.read_requests"),
)

READ_FACTOR = {"eventual": Decimal("0.5"), "strong": Decimal(1), "transactional": Decimal(2)}
WRITE_FACTOR = {"standard": Decimal(1), "transactional": Decimal(2)}


def read_units_per_read(item_kb: Decimal, consistency: str) -> Decimal:
    """RRU per item read: 4 KB units rounded up, × ½ / 1 / 2."""
    return ceil_units(item_kb, Decimal(4)) * READ_FACTOR[consistency]


def write_units_per_write(item_kb: Decimal, mode: str) -> Decimal:
    """WRU per item write: 1 KB units rounded up, × 1 / 2."""
    return ceil_units(item_kb, Decimal(1)) * WRITE_FACTOR[mode]


def usage(table: DynamoDb, run: Run) -> ComponentUsage:
    """Monthly usage of one table (with its GSIs) receiving its upstream events in `run`."""
    warnings: list[str] = []
    if table.billing == "provisioned":
        rru, wru = _read_units(table, run), _write_units(table, run)
        warnings += _capacity_warnings(table, sum((q for q, _ in rru), Decimal(0)),
                                       sum((q for q, _ in wru), Decimal(0)))
    return ComponentUsage(billed(COMPONENTS, globals(), table, run), tuple(warnings))


def _read_units(table: DynamoDb, run: Run) -> list[tuple[Decimal, str]]:
    """(RRU per month, how) for the table's reads, then each GSI's."""
    events = run.events[table.id]
    reads = item_counts(table, events)[0]
    item_kb = dec(table.item_kb)
    rru_each = read_units_per_read(item_kb, table.read_consistency)
    rru = [(reads * rru_each,
            f"{fmt(reads)} reads × {fmt(rru_each)} RRU ({fmt(item_kb)} KB, {table.read_consistency})")]
    for gsi in table.gsis:
        gsi_reads = events * dec(gsi.reads)
        if gsi_reads:
            # GSIs serve eventually consistent reads only
            gsi_rru = read_units_per_read(_gsi_kb(table, gsi), "eventual")
            rru.append((gsi_reads * gsi_rru, f"GSI {gsi.name}: {fmt(gsi_reads)} reads × {fmt(gsi_rru)} RRU"))
    return rru


def _write_units(table: DynamoDb, run: Run) -> list[tuple[Decimal, str]]:
    """(WRU per month, how) for the table's writes, then each GSI's (a share of the table's writes)."""
    writes = item_counts(table, run.events[table.id])[1]
    item_kb = dec(table.item_kb)
    wru_each = write_units_per_write(item_kb, table.write_mode)
    wru = [(writes * wru_each, f"{fmt(writes)} writes × {fmt(wru_each)} WRU ({fmt(item_kb)} KB, {table.write_mode})")]
    for gsi in table.gsis:
        gsi_writes = writes * dec(gsi.write_fraction)
        gsi_wru = write_units_per_write(_gsi_kb(table, gsi), "standard")
        wru.append((gsi_writes * gsi_wru, f"GSI {gsi.name}: {fmt(gsi_writes)} writes × {fmt(gsi_wru)} WRU"))
    return wru


def _gsi_kb(table: DynamoDb, gsi: Gsi) -> Decimal:
    return dec(gsi.item_kb) if gsi.item_kb is not None else dec(table.item_kb)


def _ia(table: DynamoDb) -> dict[str, str]:
    return {"ia": "_ia" if table.table_class == "standard_ia" else ""}


def read_request_units(table: DynamoDb, run: Run) -> list[Quantity] | None:
    """On-demand read request units per month, for the table and each GSI."""
    if table.billing != "on_demand":
        return None
    return [Quantity(qty, how, values=_ia(table)) for qty, how in _read_units(table, run)]


def write_request_units(table: DynamoDb, run: Run) -> list[Quantity] | None:
    """On-demand write request units per month, for the table and each GSI."""
    if table.billing != "on_demand":
        return None
    return [Quantity(qty, how, values=_ia(table)) for qty, how in _write_units(table, run)]


def rcu_hours(table: DynamoDb, run: Run) -> list[Quantity] | None:
    """Provisioned read capacity unit-hours per month (billed whether used or not), table and each GSI."""
    if table.billing != "provisioned":
        return None
    return _capacity_hours(table, "rcu")


def wcu_hours(table: DynamoDb, run: Run) -> list[Quantity] | None:
    """Provisioned write capacity unit-hours per month (billed whether used or not), table and each GSI."""
    if table.billing != "provisioned":
        return None
    return _capacity_hours(table, "wcu")


def storage(table: DynamoDb, run: Run) -> Quantity | None:
    """GB-month stored by the table and its GSIs, by table class."""
    stored = dec(table.storage_gb) + sum((dec(g.storage_gb) for g in table.gsis), Decimal(0))
    return Quantity(stored, f"{fmt(stored)} GB stored (table + GSIs)") if stored else None


def pitr(table: DynamoDb, run: Run) -> Quantity | None:
    """GB-month of the table under point-in-time recovery."""
    if not (table.pitr and table.storage_gb):
        return None
    return Quantity(dec(table.storage_gb), f"{fmt(table.storage_gb)} GB under PITR")


def backup(table: DynamoDb, run: Run) -> Quantity | None:
    """GB-month of on-demand backups."""
    if not table.backup_gb:
        return None
    return Quantity(dec(table.backup_gb), f"{fmt(table.backup_gb)} GB of backups")


def stream_reads(table: DynamoDb, run: Run) -> Quantity | None:
    """DynamoDB Streams read requests per month."""
    if not table.stream_read_requests_per_month:
        return None
    n = dec(table.stream_read_requests_per_month)
    return Quantity(n, f"{fmt(n)} stream read requests")


def provisioned_units(owner: DynamoDb | Gsi, field: Literal["rcu", "wcu"]) -> Decimal:
    """The provisioned capacity units `field` of a table or GSI (the schema requires them with provisioned billing)."""
    units = owner.rcu if field == "rcu" else owner.wcu
    if units is None:
        raise ValueError(f"{owner.name if isinstance(owner, Gsi) else owner.id}: provisioned billing without {field}")
    return dec(units)


def _capacity_hours(table: DynamoDb, field: Literal["rcu", "wcu"]) -> list[Quantity]:
    """Provisioned `field` unit-hours per month: the table's, then each GSI's, × the 730-hour month."""
    hours = HOURS_PER_MONTH
    owners: list[tuple[str, DynamoDb | Gsi]] = [("", table), *((f"GSI {gsi.name}: ", gsi) for gsi in table.gsis)]
    return [Quantity(provisioned_units(owner, field) * hours,
                     f"{prefix}{owner.rcu if field == 'rcu' else owner.wcu} {field.upper()} × {hours} h",
                     values=_ia(table))
            for prefix, owner in owners]


def _capacity_warnings(table: DynamoDb, rru: Decimal, wru: Decimal) -> list[str]:
    """Average demand above provisioned capacity throttles even before any peak."""
    capacity_r = provisioned_units(table, "rcu") + sum((provisioned_units(g, "rcu") for g in table.gsis), Decimal(0))
    capacity_w = provisioned_units(table, "wcu") + sum((provisioned_units(g, "wcu") for g in table.gsis), Decimal(0))
    notes: list[str] = []
    for kind, demand, capacity in (("read", rru, capacity_r), ("write", wru, capacity_w)):
        per_second = demand / SECONDS_PER_MONTH
        if per_second > capacity:
            word = msg("word.read", "read") if kind == "read" else msg("word.write", "write")
            notes.append(msg("dynamodb.average_over_capacity.warning", "{id}: average {kind} demand {demand:,.1f} "
                             "units/s exceeds provisioned {capacity}; requests will be throttled", id=table.id,
                             kind=word, demand=float(per_second), capacity=fmt(capacity)))
    return notes
