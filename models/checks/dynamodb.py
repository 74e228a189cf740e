"""DynamoDB checks: consumed capacity against provisioned capacity with burst credit, table and
account throughput quotas, on-demand's 2× previous-peak rule, and hot partitions."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from models.checks.base import Check, Context, make_check
from models.costs.dynamodb import provisioned_units, read_units_per_read, write_units_per_write
from models.costs.usage import dec
from models.design.schema import DynamoDb
from models.messages import Message, msg
from models.run.flow import item_counts
from models.run.queueing import credit_bucket_overflow


def index_demands(ctx: Context, table: DynamoDb) -> dict[str, tuple[np.ndarray, np.ndarray, float, float]]:
    """Per capacity owner — the base table ("") and each GSI by name — its (read units/s, write units/s)
    per minute and its item reads and writes per month. GSIs have their own capacity and decrease budget."""
    reads, writes = (float(v) for v in item_counts(table, dec(float(ctx.events[table.id]))))
    rru = float(read_units_per_read(dec(table.item_kb), table.read_consistency))
    wru = float(write_units_per_write(dec(table.item_kb), table.write_mode))
    read_rate, write_rate = ctx.series(table.id, reads), ctx.series(table.id, writes)
    owners = {"": (read_rate * rru, write_rate * wru, reads, writes)}
    for gsi in table.gsis:
        kb = dec(gsi.item_kb if gsi.item_kb is not None else table.item_kb)
        gsi_writes = writes * gsi.write_fraction
        gsi_reads = float(ctx.events[table.id]) * gsi.reads
        owners[gsi.name] = (ctx.series(table.id, gsi_reads) * float(read_units_per_read(kb, "eventual")),
                            write_rate * gsi.write_fraction * float(write_units_per_write(kb, "standard")),
                            gsi_reads, gsi_writes)
    return owners


def unit_demand(ctx: Context, table: DynamoDb) -> tuple[np.ndarray, np.ndarray, float, float]:
    """(read units/s, write units/s per minute, item reads and writes per month) for a table with its GSIs."""
    owners = index_demands(ctx, table)
    read_units = sum((o[0] for o in owners.values()), np.zeros_like(owners[""][0]))
    write_units = sum((o[1] for o in owners.values()), np.zeros_like(owners[""][1]))
    return read_units, write_units, owners[""][2], owners[""][3]


def checks(ctx: Context) -> list[Check]:
    """Every DynamoDB check of the design."""
    tables = [c for c in ctx.design.components if isinstance(c, DynamoDb)]
    found: list[Check] = []
    provisioned = {"read": 0.0, "write": 0.0}
    for table in tables:
        read_units, write_units, reads, writes = unit_demand(ctx, table)
        ctx.note(table.id, peak_read_units_per_s=round(float(read_units.max()), 2),
                 peak_write_units_per_s=round(float(write_units.max()), 2))
        for kind, demand, items in (("read", read_units, reads), ("write", write_units, writes)):
            if table.billing == "provisioned":
                field: Literal["rcu", "wcu"] = "rcu" if kind == "read" else "wcu"
                capacity = float(provisioned_units(table, field)
                                 + sum((provisioned_units(g, field) for g in table.gsis), Decimal(0)))
                provisioned[kind] += capacity
                found.append(_capacity(ctx, table, kind, demand, items, capacity))
            else:
                found.append(_on_demand_peak(ctx, table, kind, demand))
            found.append(_table_quota(ctx, table, kind, demand, items))
            if table.hot_key_share:
                found.append(_hot_partition(ctx, table, kind, demand, items))
    if any(t.billing == "provisioned" for t in tables):
        for kind in ("read", "write"):
            found.append(_account_quota(ctx, kind, provisioned[kind]))
    return found


def _word(kind: str) -> Message:
    """read / write as a word of a sentence."""
    return msg("word.read", "read") if kind == "read" else msg("word.write", "write")


def _per_item(demand: np.ndarray, items: float) -> float:
    """Units per item operation (to turn throttled units back into requests)."""
    total_units = float(demand.sum()) * 60
    return total_units / items if items else 1.0


def _capacity(ctx: Context, table: DynamoDb, kind: str, demand: NDArray[np.float64], items: float,
              capacity: float) -> Check:
    burst = ctx.limit("dynamodb_burst_seconds").value
    overflow_units = credit_bucket_overflow(demand * 60, capacity * 60, burst * capacity)
    throttled = float(overflow_units.sum()) / _per_item(demand, items)
    ctx.note(table.id, **{f"throttled_{kind}s_per_month": round(throttled, 1)})
    unit = "RCU" if kind == "read" else "WCU"
    return make_check(
        ctx, id=f"dynamodb.{kind}_capacity", component=table.id, limit_key=None, limit_value=capacity,
        limit_label=msg("dynamodb.capacity.limit", "provisioned {unit} (table + GSIs), with up to {burst:.0f} s of "
                        "burst credit", unit=unit, burst=burst), peak=float(demand.max()),
        curve=demand,
        unit=msg("unit.capacity_consumed", "{unit} consumed per second (minute peak)", unit=unit), affected=throttled,
        total=items,
        consequence=msg("dynamodb.capacity.consequence", "{n:,.0f} {kind}s a month throttled "
                        "(ProvisionedThroughputExceededException) once burst credit is spent; you pay for the "
                        "provisioned capacity whether used or not.", n=throttled, kind=_word(kind)),
        action=msg("dynamodb.capacity.action", "Raise {unit}, enable auto scaling, use a capacity schedule, or switch "
                   "to on-demand (see the DynamoDB planner).", unit=unit.lower()))


def _on_demand_peak(ctx: Context, table: DynamoDb, kind: str, demand: NDArray[np.float64]) -> Check:
    """On-demand absorbs up to 2× the previous peak at once; a sharper spike can throttle."""
    quiet = ctx.traffic.rate_rps <= ctx.traffic.baseline_rps  # minutes outside every spike
    previous_peak = float(demand[quiet].max()) if quiet.any() else float(demand.max())
    spike_ratio = float(demand.max()) / previous_peak if previous_peak > 0 else 1.0
    return make_check(
        ctx, id=f"dynamodb.on_demand_{kind}_spike", component=table.id, limit_key=None,
        limit_value=2 * previous_peak if previous_peak else None,
        limit_label=msg("dynamodb.on_demand_spike.limit", "on-demand serves up to 2× the previous peak at once"),
        peak=float(demand.max()),
        unit=msg("unit.units_per_s_minute_peak", "{kind} units per second (minute peak)", kind=_word(kind)),
        affected=0, total=1, warn_if=spike_ratio > 2,
        consequence=msg("dynamodb.on_demand_spike.consequence", "A spike above twice the table's previous peak within "
                        "30 minutes may be throttled while on-demand capacity grows.") if spike_ratio > 2
        else msg("dynamodb.on_demand_spike.ok", "Spikes stay within twice the usual peak."),
        action=msg("dynamodb.on_demand_spike.action", "Pre-warm the table (warm throughput) before the event, or "
                   "smooth writes through SQS.") if spike_ratio > 2 else "—")


def _table_quota(ctx: Context, table: DynamoDb, kind: str, demand: NDArray[np.float64], items: float) -> Check:
    key = f"dynamodb_table_{kind}"
    limit = ctx.limit(key).value
    overflow = np.maximum(demand - limit, 0.0) * 60
    throttled = float(overflow.sum()) / _per_item(demand, items)
    return make_check(
        ctx, id=f"dynamodb.table_{kind}_quota", component=table.id, limit_key=key, limit_value=limit,
        limit_label=msg("dynamodb.table_quota.limit", "{kind} units per second per table (table + GSIs)",
                        kind=_word(kind)), peak=float(demand.max()), curve=demand,
        unit=msg("unit.units_per_s", "{kind} units per second", kind=_word(kind)), affected=throttled, total=items,
        consequence=msg("dynamodb.table_quota.consequence",
                        "{n:,.0f} {kind}s a month throttled at the per-table quota.", n=throttled, kind=_word(kind)),
        action=msg("dynamodb.table_quota.action", "Request a table throughput quota increase, or shard across tables."))


def _account_quota(ctx: Context, kind: str, provisioned: float) -> Check:
    key = f"dynamodb_account_{kind}"
    limit = ctx.limit(key).value
    return make_check(
        ctx, id=f"dynamodb.account_{kind}_quota", component="(account)", limit_key=key, limit_value=limit,
        limit_label=msg("dynamodb.account_quota.limit", "provisioned {kind} capacity per account and Region",
                        kind=_word(kind)), peak=provisioned,
        unit=msg("unit.capacity_units_provisioned", "capacity units provisioned"), affected=0, total=1, hard=True,
        consequence=msg("dynamodb.account_quota.consequence",
                        "Provisioning beyond the account quota is rejected (LimitExceededException)."),
        action=msg("dynamodb.account_quota.action", "Request an account throughput quota increase."))


def _hot_partition(ctx: Context, table: DynamoDb, kind: str, demand: NDArray[np.float64],
                   items: float) -> Check:
    key = f"dynamodb_partition_{kind}"
    limit = ctx.limit(key).value
    share = table.hot_key_share
    if share is None:  # checks() asks only for the tables a design gives a hot key
        raise ValueError(f"{table.id}: no hot_key_share, so there is no hot partition to check")
    hot = demand * share
    throttled = float((np.maximum(hot - limit, 0.0) * 60).sum()) / _per_item(demand, items)
    return make_check(
        ctx, id=f"dynamodb.hot_partition_{kind}", component=table.id, limit_key=key, limit_value=limit,
        limit_label=msg("dynamodb.hot_partition.limit", "{kind} units per second per partition (one key lives in one "
                        "partition)", kind=_word(kind)),
        peak=float(hot.max()), curve=hot,
        unit=msg("unit.units_per_s_hottest_key", "{kind} units per second on the hottest key", kind=_word(kind)),
        affected=throttled, total=items,
        consequence=msg("dynamodb.hot_partition.consequence", "The hottest key takes {share:.0%} of traffic; "
                        "{n:,.0f} {kind}s a month throttled on its partition whatever the table's capacity.",
                        share=share, n=throttled, kind=_word(kind)),
        action=msg("dynamodb.hot_partition.action", "Spread the key (write sharding with a suffix), cache hot reads "
                   "(DAX/CloudFront), or batch writes."))
