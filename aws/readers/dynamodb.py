"""DynamoDB: account and table throughput limits, every table's capacity and today's decreases, auto scaling."""

from __future__ import annotations

from typing import Any

from aws.calls import Call
from aws.readers._common import ReadContext, attempt, for_each, iso, paginate

SECTION = "dynamodb"
CALLS = (
    Call("dynamodb", "DescribeLimits", "account and per-table maximum read/write capacity"),
    Call("dynamodb", "ListTables", "table names"),
    Call("dynamodb", "DescribeTable", "billing mode, capacity, decreases today, class, size, GSIs"),
    Call("application-autoscaling", "DescribeScalableTargets", "auto scaling minimum and maximum capacity"),
    Call("application-autoscaling", "DescribeScalingPolicies", "auto scaling target utilisation"),
)
_CLASSES = {"STANDARD": "standard", "STANDARD_INFREQUENT_ACCESS": "standard_ia"}


def read(ctx: ReadContext) -> dict[str, dict]:
    """{"limits": read, "tables": read, "autoscaling": read, "scaling_policies": read}."""
    return {
        # AWS throttles DescribeLimits above once a minute: one call per region per pull
        "limits": attempt(ctx, "dynamodb", "DescribeLimits", lambda: limits(ctx)),
        "tables": attempt(ctx, "dynamodb", "ListTables", lambda: tables(ctx)),
        "autoscaling": attempt(ctx, "application-autoscaling", "DescribeScalableTargets",
                               lambda: scalable_targets(ctx)),
        "scaling_policies": attempt(ctx, "application-autoscaling", "DescribeScalingPolicies",
                                    lambda: scaling_policies(ctx)),
    }


def limits(ctx: ReadContext) -> dict[str, int]:
    """Maximum capacity units: per account (provisioned tables, summed) and per table (with its GSIs)."""
    r = ctx.client("dynamodb").describe_limits()
    return {"account_max_read": r.get("AccountMaxReadCapacityUnits"),
            "account_max_write": r.get("AccountMaxWriteCapacityUnits"),
            "table_max_read": r.get("TableMaxReadCapacityUnits"),
            "table_max_write": r.get("TableMaxWriteCapacityUnits")}


def tables(ctx: ReadContext) -> list[dict[str, Any]]:
    """Every table of the region (all pages), each described."""
    names = paginate(ctx.client("dynamodb"), "list_tables", "TableNames")
    return for_each(ctx, names, lambda name: {"name": name, **describe(ctx, name)})


def describe(ctx: ReadContext, name: str) -> dict[str, Any]:
    """{"table": read of the table record} — a table that cannot be described stays listed, with its gap."""
    return {"table": attempt(ctx, "dynamodb", "DescribeTable", lambda: table_record(ctx, name), item=name)}


def table_record(ctx: ReadContext, name: str) -> dict[str, Any]:
    """One table's capacity settings (capacity units per second), size and indexes."""
    t = ctx.client("dynamodb").describe_table(TableName=name)["Table"]
    # old provisioned tables have no BillingModeSummary: absent means PROVISIONED
    mode = (t.get("BillingModeSummary") or {}).get("BillingMode", "PROVISIONED")
    on_demand = mode == "PAY_PER_REQUEST"
    throughput = t.get("ProvisionedThroughput") or {}
    return {
        "billing": "on_demand" if on_demand else "provisioned",
        **_capacity(throughput, on_demand),
        "last_switch_to_on_demand": iso((t.get("BillingModeSummary") or {}).get("LastUpdateToPayPerRequestDateTime")),
        "table_class": _CLASSES.get((t.get("TableClassSummary") or {}).get("TableClass", "STANDARD"), "standard"),
        "size_bytes": t.get("TableSizeBytes"),
        "item_count": t.get("ItemCount"),
        "on_demand_max_read": (t.get("OnDemandThroughput") or {}).get("MaxReadRequestUnits"),
        "on_demand_max_write": (t.get("OnDemandThroughput") or {}).get("MaxWriteRequestUnits"),
        "stream": bool((t.get("StreamSpecification") or {}).get("StreamEnabled")),
        "gsis": [{"name": g["IndexName"], **_capacity(g.get("ProvisionedThroughput") or {}, on_demand)}
                 for g in t.get("GlobalSecondaryIndexes") or []],
    }


def _capacity(throughput: dict, on_demand: bool) -> dict[str, Any]:
    """RCU/WCU (None for on-demand, whose numbers AWS reports as 0) and the decrease counters (UTC day)."""
    return {
        "rcu": None if on_demand else throughput.get("ReadCapacityUnits"),
        "wcu": None if on_demand else throughput.get("WriteCapacityUnits"),
        "decreases_today": throughput.get("NumberOfDecreasesToday", 0),
        "last_decrease": iso(throughput.get("LastDecreaseDateTime")),
        "last_increase": iso(throughput.get("LastIncreaseDateTime")),
    }


def scalable_targets(ctx: ReadContext) -> list[dict[str, Any]]:
    """Auto scaling targets of tables and indexes: minimum and maximum capacity units."""
    targets = paginate(ctx.client("application-autoscaling"), "describe_scalable_targets", "ScalableTargets",
                       ServiceNamespace="dynamodb")
    return [{"resource": t["ResourceId"], "dimension": t["ScalableDimension"], "min": t.get("MinCapacity"),
             "max": t.get("MaxCapacity")} for t in targets]


def scaling_policies(ctx: ReadContext) -> list[dict[str, Any]]:
    """Target-tracking policies: the utilisation (%) auto scaling keeps each table or index at."""
    policies = paginate(ctx.client("application-autoscaling"), "describe_scaling_policies", "ScalingPolicies",
                        ServiceNamespace="dynamodb")
    return [{"resource": p["ResourceId"], "dimension": p["ScalableDimension"], "type": p.get("PolicyType"),
             "target_utilization_pct": (p.get("TargetTrackingScalingPolicyConfiguration") or {}).get("TargetValue")}
            for p in policies]
