"""S3: the region's buckets with their size and object count from CloudWatch's daily storage metrics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from aws.calls import Call
from aws.readers._common import ReadContext, attempt, iso

SECTION = "s3"
CALLS = (
    Call("s3", "ListBuckets", "bucket names in each region"),
    Call("cloudwatch", "GetMetricData", "daily BucketSizeBytes and NumberOfObjects of each bucket"),
)
LOOKBACK_DAYS = 3            # the metrics are daily and arrive late: look back a few days
QUERIES_PER_CALL = 500       # GetMetricData's limit on queries per request


def read(ctx: ReadContext) -> dict[str, dict]:
    """{"buckets": read of a list of bucket records}."""
    return {"buckets": attempt(ctx, "s3", "ListBuckets", lambda: buckets(ctx))}


def buckets(ctx: ReadContext) -> list[dict[str, Any]]:
    """Buckets located in this region (all pages), with their storage metrics."""
    pages = ctx.client("s3").get_paginator("list_buckets").paginate(BucketRegion=ctx.region)
    names = [b["Name"] for page in pages for b in page.get("Buckets") or []]
    storage = attempt(ctx, "cloudwatch", "GetMetricData", lambda: storage_metrics(ctx, names))
    records = []
    for name in names:
        per_bucket = ({"value": storage["value"][name]} if "value" in storage
                      else {"error": dict(storage["error"], item=name)})
        records.append({"name": name, "storage": per_bucket})
    return records


def storage_metrics(ctx: ReadContext, names: list[str]) -> dict[str, dict[str, Any]]:
    """{bucket: {size_bytes (Standard storage), object_count (all classes), as_of}} — None when no data point."""
    end = datetime.now(UTC)
    queries = [q for i, name in enumerate(names) for q in _queries(i, name)]
    latest: dict[str, tuple[Any, Any]] = {}
    for start in range(0, len(queries), QUERIES_PER_CALL):
        pages = ctx.client("cloudwatch").get_paginator("get_metric_data").paginate(
            MetricDataQueries=queries[start:start + QUERIES_PER_CALL],
            StartTime=end - timedelta(days=LOOKBACK_DAYS), EndTime=end, ScanBy="TimestampDescending")
        for page in pages:
            for result in page.get("MetricDataResults") or []:
                if result.get("Values"):
                    latest[result["Id"]] = (result["Values"][0], result["Timestamps"][0])
    return {name: _bucket_storage(latest, i) for i, name in enumerate(names)}


def _queries(index: int, bucket: str) -> list[dict]:
    """The two metric queries of one bucket; StorageType first (moto only matches that order; AWS ignores it)."""
    def query(metric: str, storage_type: str, prefix: str) -> dict:
        dims = [{"Name": "StorageType", "Value": storage_type}, {"Name": "BucketName", "Value": bucket}]
        return {"Id": f"{prefix}{index}", "ReturnData": True, "MetricStat": {
            "Metric": {"Namespace": "AWS/S3", "MetricName": metric, "Dimensions": dims},
            "Period": 86400, "Stat": "Average"}}
    return [query("BucketSizeBytes", "StandardStorage", "size"), query("NumberOfObjects", "AllStorageTypes", "count")]


def _bucket_storage(latest: dict[str, tuple[Any, Any]], index: int) -> dict[str, Any]:
    """One bucket's latest size and count (None: no data point in the look-back window)."""
    size, count = latest.get(f"size{index}"), latest.get(f"count{index}")
    stamps = [s[1] for s in (size, count) if s]
    return {"size_bytes": int(size[0]) if size else None, "object_count": int(count[0]) if count else None,
            "as_of": iso(max(stamps)) if stamps else None}
