"""DynamoDB settings the design does not price, read so the report names them instead of dropping them:
global-table replicas (Terraform `replica {}` blocks, AWS::DynamoDB::GlobalTable) and Application Auto Scaling
targets on a table's capacity (aws_appautoscaling_target, AWS::ApplicationAutoScaling::ScalableTarget).

A replica bills, in its own Region, replicated writes for every write and its own storage
(https://aws.amazon.com/dynamodb/pricing/, "Global tables"); the design prices one table in one Region,
so replicas are reported as a cost not in the estimate. Auto scaling moves provisioned capacity between
its minimum and maximum; the design prices the capacity the table states (rcu/wcu), so the range is
reported for the reader to choose from.
"""

from __future__ import annotations

from typing import Any

from importers.context import ImportContext


def tf_replicas(ctx: ImportContext, key: str, body: dict) -> None:
    """A Terraform table's replica blocks: reported (their replicated writes and storage are not priced)."""
    replicas = ctx.items(body, "replica", where=key)
    if replicas:
        regions = [str(ctx.value(r, "region_name", where=f"{key}.replica[{i}]") or "?") for i, r in enumerate(replicas)]
        ctx.report.notes.append(f"{key}: global table with {len(replicas)} replica(s) ({', '.join(regions)}); each "
                                "replica's replicated writes and storage are billed in its Region and are not in the "
                                "estimate (price each replica as a table of its own)")


def cfn_global_table(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::DynamoDB::GlobalTable: not a design table; its replicas are named in the report."""
    replicas = ctx.items(props, "Replicas", where=f"Resources.{lid}.Properties")
    regions = [str(ctx.value(r, "Region", where=f"Resources.{lid}.Properties.Replicas[{i}]") or "?")
               for i, r in enumerate(replicas)]
    ctx.report.notes.append(f"Resources.{lid}: a DynamoDB global table ({len(replicas)} replica(s): "
                            f"{', '.join(regions) or 'none'}) is not priced by the planner; add a dynamodb component "
                            "per replica to price its reads, writes, replicated writes and storage")
    return f"global table with {len(replicas)} replica(s) (not priced)"


def scaling_line(ctx: ImportContext, table: str | None, dimension: Any, low: Any, high: Any, where: str) -> str:
    """The report line (and note) of an auto-scaling target on a table of the import."""
    if table is None:
        return "auto scaling of no table of this import"
    what = str(dimension).rsplit(":", 1)[-1] if dimension else "capacity"
    ctx.report.notes.append(f"{where}: auto scaling of {table} {what} between {low} and {high}; the estimate prices "
                            "the capacity the table states (rcu/wcu), not the range")
    return f"auto scaling of {table} {what}: min {low}, max {high}"


def tf_scaling_target(ctx: ImportContext, key: str, body: dict, module: Any) -> str:
    """aws_appautoscaling_target on a DynamoDB table or index."""
    table = ctx.any_target(body.get("resource_id"), ("dynamodb",), key)
    return scaling_line(ctx, table, ctx.value(body, "scalable_dimension", where=key),
                        ctx.value(body, "min_capacity", where=key), ctx.value(body, "max_capacity", where=key), key)


def cfn_scaling_target(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::ApplicationAutoScaling::ScalableTarget on a DynamoDB table or index."""
    where = f"Resources.{lid}.Properties"
    table = ctx.any_target(props.get("ResourceId"), ("dynamodb",), where)
    return scaling_line(ctx, table, ctx.value(props, "ScalableDimension", where=where),
                        ctx.value(props, "MinCapacity", where=where), ctx.value(props, "MaxCapacity", where=where),
                        where)
