"""Kinesis Data Streams: the account's shard and on-demand stream quotas, from the service's own answer.

DescribeLimits gives "the shard limits and usage for the account" (Kinesis API Reference): ShardLimit (the
shards the account may have in the Region, as Service Quotas L-0918CF54 "Shards per Region" applies it),
OpenShardCount, OnDemandStreamCount and OnDemandStreamCountLimit (the on-demand data streams it may have).
"""

from __future__ import annotations

from typing import Any

from aws.calls import Call
from aws.readers._common import ReadContext, attempt

SECTION = "kinesis"
CALLS = (Call("kinesis", "DescribeLimits", "shard and on-demand stream quotas and usage"),)


def read(ctx: ReadContext) -> dict[str, dict]:
    """{"limits": read of the account's stream limits}."""
    return {"limits": attempt(ctx, "kinesis", "DescribeLimits", lambda: limits(ctx))}


def limits(ctx: ReadContext) -> dict[str, Any]:
    """Shard quota and open shards; on-demand stream quota and streams."""
    answer = ctx.client("kinesis").describe_limits()
    return {"shard_limit": answer.get("ShardLimit"), "open_shards": answer.get("OpenShardCount"),
            "on_demand_stream_limit": answer.get("OnDemandStreamCountLimit"),
            "on_demand_streams": answer.get("OnDemandStreamCount")}
