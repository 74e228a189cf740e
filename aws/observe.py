"""Read CloudWatch metrics for the last N days: the observation a design is calibrated from (models/calibrate/).

    observation = observe(profile=None, region="us-east-1", days=14)   # read-only, partial on failure
    observation_model(observation)                                     # typed arrays for the core

Which series exist is asked with ListMetrics (per namespace and metric name); their values with
GetMetricData, at most 500 queries a call (AWS's limit), one namespace per call so that a failure
(AccessDenied, throttling, a hanging endpoint) is a named gap of that namespace alone, never a crash.
The same session, retries, timeouts, deadline and size cap as `pull` (aws/session.py, aws/guard.py).

Percentiles (Lambda Duration p50/p95/p99, API Gateway Latency p99) are asked once over the whole
window (one period as long as the window), in calls of their own: a percentile over the window is
exact, while hourly percentiles cannot be combined.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from aws.calls import Call
from aws.errors import gap
from aws.guard import DeadlineExceeded, PullGuard
from aws.readers._common import paginate
from aws.session import ClientFactory, Clients, PullSettings, custom_endpoint, make_session
from models.calibrate.fit import Observation, Resource, Window
from models.messages import msg

SCHEMA = "serverless-planner/observation@1"
CALLS = (
    Call("cloudwatch", "ListMetrics", "which functions, APIs, tables, queues and buckets have metrics"),
    Call("cloudwatch", "GetMetricData", "hourly or per-minute metric values to calibrate a design from"),
)
QUERIES_PER_CALL = 500          # GetMetricData's limit on queries per request
#: CloudWatch keeps 1-minute points 15 days; we read 1-hour points for at most 63 days (issue 15's bound)
MAX_DAYS = {"hour": 63, "minute": 15}
PERIOD_S = {"hour": 3600, "minute": 60}
DEFAULT_DAYS = 14
GRACE_S = 2.0


class ObserveError(ValueError):
    """A request that cannot be read as asked (too many days, an unknown resolution)."""


@dataclass(frozen=True)
class Spec:
    """One metric to read: where, which statistic, what kind of resource, and its dimension names."""

    namespace: str
    metric: str
    stat: str                   # Sum, Maximum, or a percentile (p50, p99)
    kind: str                   # lambda, api, dynamodb, sqs, s3
    name_dim: str               # the dimension whose value names the resource
    dims: frozenset[str]        # the exact dimension set to read (others, e.g. per-method, are skipped)

    @property
    def percentile(self) -> bool:
        return self.stat.startswith("p")

    @property
    def key(self) -> str:
        return f"{self.metric}.{self.stat}" if self.percentile else self.metric


def _specs() -> tuple[Spec, ...]:
    fn, rest, http = frozenset({"FunctionName"}), frozenset({"ApiName", "Stage"}), frozenset({"ApiId", "Stage"})
    table, queue, bucket = frozenset({"TableName"}), frozenset({"QueueName"}), frozenset({"BucketName", "FilterId"})
    specs = [Spec("AWS/Lambda", m, s, "lambda", "FunctionName", fn) for m, s in (
        ("Invocations", "Sum"), ("Errors", "Sum"), ("Throttles", "Sum"), ("ConcurrentExecutions", "Maximum"),
        ("Duration", "p50"), ("Duration", "p95"), ("Duration", "p99"))]
    # REST APIs name 4XXError/5XXError; HTTP APIs emit the same counts as 4xx/5xx
    specs += [Spec("AWS/ApiGateway", m, s, "api", "ApiName", rest) for m, s in (
        ("Count", "Sum"), ("4XXError", "Sum"), ("5XXError", "Sum"), ("Latency", "p99"))]
    specs += [Spec("AWS/ApiGateway", m, s, "api", "ApiId", http) for m, s in (
        ("Count", "Sum"), ("4xx", "Sum"), ("5xx", "Sum"), ("Latency", "p99"))]
    specs += [Spec("AWS/DynamoDB", m, "Sum", "dynamodb", "TableName", table)
              for m in ("ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits")]
    specs += [Spec("AWS/DynamoDB", "ThrottledRequests", "Sum", "dynamodb", "TableName",
                   frozenset({"TableName", "Operation"}))]
    specs += [Spec("AWS/SQS", "NumberOfMessagesSent", "Sum", "sqs", "QueueName", queue),
              Spec("AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum", "sqs", "QueueName", queue)]
    specs += [Spec("AWS/S3", m, "Sum", "s3", "BucketName", bucket)
              for m in ("AllRequests", "GetRequests", "PutRequests")]
    return tuple(specs)


SPECS = _specs()
NAMESPACES = tuple(dict.fromkeys(s.namespace for s in SPECS))
#: the metrics whose per-minute values are kept at minute resolution (burstiness)
MINUTE_KEYS = {"Invocations", "Count", "NumberOfMessagesSent"}


def check_request(days: int, resolution: str) -> None:
    """Refuse a window CloudWatch does not keep at that resolution (ObserveError with one line)."""
    if resolution not in MAX_DAYS:
        raise ObserveError(msg("observe.resolution", "--resolution {value!r}: use hour or minute", value=resolution))
    if not 1 <= days <= MAX_DAYS[resolution]:
        raise ObserveError(msg("observe.days", "--days {days}: at {resolution} resolution give 1 to {most} days "
                               "(CloudWatch keeps 1-minute points 15 days; 1-hour points are read for at most 63)",
                               days=days, resolution=resolution, most=MAX_DAYS[resolution]))


def window_for(days: int, now: datetime) -> tuple[datetime, datetime]:
    """(start, end) in UTC: `days` whole days ending at the last whole hour before `now`."""
    end = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return end - timedelta(days=days), end


def observe(profile: str | None, region: str, days: int = DEFAULT_DAYS, resolution: str = "hour", *,
            settings: PullSettings | None = None, client_factory: ClientFactory | None = None,
            now: datetime | None = None) -> dict[str, Any]:
    """The observation of one account and region as a JSON-ready dict; what could not be read is in `gaps`."""
    check_request(days, resolution)
    settings = settings or PullSettings()
    guard = PullGuard(settings.deadline_s, settings.max_response_bytes)
    start, end = window_for(days, now or datetime.now(UTC))
    period = PERIOD_S[resolution]
    result: dict[str, Any] = {"schema": SCHEMA, "region": region, "start": _iso(start), "hours": days * 24,
                              "resolution": resolution, "custom_endpoint": custom_endpoint() is not None,
                              "resources": [], "gaps": []}
    try:
        clients = Clients(make_session(profile), settings, client_factory, guard)
        client = clients.get("cloudwatch", region)
    except Exception as err:  # a broken profile: one gap, no reads
        result["gaps"].append(gap("cloudwatch", region, "ListMetrics", err))
        return result
    by_resource: dict[tuple[str, str], dict[str, Any]] = {}
    for found in _run_namespaces(client, region, start, end, period, settings, guard, result["gaps"]):
        _merge(by_resource, found, days * 24, resolution)
    result["resources"] = [by_resource[k] for k in sorted(by_resource)
                           if by_resource[k]["hourly"] or by_resource[k]["overall"]]
    return result


def _run_namespaces(client: Any, region: str, start: datetime, end: datetime, period: int, settings: PullSettings,
                    guard: PullGuard, gaps: list[dict]) -> Iterator[list[tuple[Spec, str, dict, list[float]]]]:
    """Each namespace read on a thread; a namespace still running at the deadline is a `deadline` gap."""
    pool = ThreadPoolExecutor(max_workers=min(settings.workers, len(NAMESPACES)), thread_name_prefix="observe")
    try:
        futures: dict[Future, str] = {pool.submit(_read_namespace, client, region, ns, start, end, period, gaps): ns
                                      for ns in NAMESPACES}
        pending = set(futures)
        while pending:
            left = guard.remaining() + GRACE_S
            if left <= 0:
                break
            finished, pending = wait(pending, timeout=left, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()
        late = DeadlineExceeded(f"not read within the {guard.deadline_s:g} s deadline")
        for future in pending:
            future.cancel()
            gaps.append(gap("cloudwatch", region, "GetMetricData", late, item=futures[future]))
    finally:
        guard.stop()
        pool.shutdown(wait=False, cancel_futures=True)


def _read_namespace(client: Any, region: str, namespace: str, start: datetime, end: datetime, period: int,
                    gaps: list[dict]) -> list[tuple[Spec, str, dict, list[float]]]:
    """Every series of one namespace: (spec, resource name, dimensions, values per period or one value)."""
    try:
        series = [(spec, dims) for spec in SPECS if spec.namespace == namespace for dims in _listed(client, spec)]
    except Exception as err:  # every failure is a named gap of this namespace
        gaps.append(gap("cloudwatch", region, "ListMetrics", err, item=namespace))
        return []
    window_s = int((end - start).total_seconds())
    found: list[tuple[Spec, str, dict, list[float]]] = []
    for percentile in (False, True):
        chosen = [(spec, dims) for spec, dims in series if spec.percentile == percentile]
        step = window_s if percentile else period
        for first in range(0, len(chosen), QUERIES_PER_CALL):
            batch = chosen[first:first + QUERIES_PER_CALL]
            try:
                values = _metric_data(client, batch, start, end, step)
            except Exception as err:
                gaps.append(gap("cloudwatch", region, "GetMetricData", err,
                                item=namespace + (" percentiles" if percentile else "")))
                continue
            found += [(spec, _name_of(spec, dims), dims, values[i]) for i, (spec, dims) in enumerate(batch)]
    return found


def _listed(client: Any, spec: Spec) -> list[dict]:
    """The dimension sets of `spec`'s metric with exactly its dimension names (as listed: moto needs their order)."""
    metrics = paginate(client, "list_metrics", "Metrics", Namespace=spec.namespace, MetricName=spec.metric)
    unique: dict[tuple, dict] = {}   # each metric once (moto lists one entry per data point)
    for m in metrics:
        dims = m.get("Dimensions") or []
        if frozenset(d["Name"] for d in dims) == spec.dims:
            unique.setdefault(tuple(sorted((d["Name"], d["Value"]) for d in dims)), m)
    return list(unique.values())


def _name_of(spec: Spec, metric: dict) -> str:
    return next(d["Value"] for d in metric["Dimensions"] if d["Name"] == spec.name_dim)


def _metric_data(client: Any, batch: Sequence[tuple[Spec, dict]], start: datetime, end: datetime,
                 step: int) -> list[list[float]]:
    """Values per period (NaN where CloudWatch returned no point) of each query of the batch, all pages."""
    slots = int((end - start).total_seconds()) // step
    values = [[math.nan] * slots for _ in batch]
    queries = [{"Id": f"q{i}", "ReturnData": True, "MetricStat": {
        "Metric": {"Namespace": spec.namespace, "MetricName": spec.metric, "Dimensions": metric["Dimensions"]},
        "Period": step, "Stat": spec.stat}} for i, (spec, metric) in enumerate(batch)]
    pages = client.get_paginator("get_metric_data").paginate(MetricDataQueries=queries, StartTime=start, EndTime=end,
                                                             ScanBy="TimestampAscending")
    for page in pages:
        for result in page.get("MetricDataResults") or []:
            row = values[int(result["Id"][1:])]
            for stamp, value in zip(result.get("Timestamps") or [], result.get("Values") or [], strict=False):
                slot = int((stamp.astimezone(UTC) - start).total_seconds()) // step
                if 0 <= slot < slots and value is not None:
                    row[slot] = float(value)
    return values


def _merge(by_resource: dict[tuple[str, str], dict[str, Any]], found: list[tuple[Spec, str, dict, list[float]]],
           hours: int, resolution: str) -> None:
    """Series into resource records: several dimension sets of one resource (stages, operations) add up
    (Sum) or take the larger (Maximum, percentiles); S3 keeps one request-metrics filter per bucket."""
    filters: dict[str, str] = {}
    for spec, name, metric, values in found:
        record = by_resource.setdefault((spec.kind, name), {"kind": spec.kind, "name": name, "hourly": {},
                                                             "minute": {}, "overall": {}})
        if spec.kind == "s3":
            filter_id = next(d["Value"] for d in metric["Dimensions"] if d["Name"] == "FilterId")
            if filters.setdefault(f"{name}/{spec.metric}", filter_id) != filter_id:
                continue
        if spec.percentile:
            value = values[0] if values else math.nan
            if not math.isnan(value):
                record["overall"][spec.key] = max(value, record["overall"].get(spec.key, value))
            continue
        array = np.asarray(values, dtype=np.float64)
        if not np.isfinite(array).any():
            continue  # listed, but no data point in the window: not observed (never a silent 0)
        hourly = _to_hourly(array, spec.stat) if resolution == "minute" else array
        _combine(record["hourly"], spec, hourly)
        if resolution == "minute" and spec.metric in MINUTE_KEYS:
            _combine(record["minute"], spec, array)


def _to_hourly(per_minute: np.ndarray, stat: str) -> np.ndarray:
    blocks = per_minute.reshape(-1, 60)
    empty = np.isnan(blocks).all(axis=1)
    hourly = np.nanmax(np.where(np.isnan(blocks), -np.inf, blocks), axis=1) if stat == "Maximum" \
        else np.nansum(blocks, axis=1)
    return np.where(empty, np.nan, hourly)


def _combine(store: dict[str, Any], spec: Spec, array: np.ndarray) -> None:
    if spec.key in store:
        old = np.asarray(store[spec.key], dtype=np.float64)
        both = np.fmax(old, array) if spec.stat == "Maximum" else np.where(
            np.isnan(old) & np.isnan(array), np.nan, np.nan_to_num(old) + np.nan_to_num(array))
        array = both
    store[spec.key] = [None if math.isnan(v) else float(v) for v in array]


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def gap_text(record: dict[str, Any]) -> str:
    """One gap in words: 'cloudwatch GetMetricData (AWS/DynamoDB): AccessDenied (access_denied) — message'."""
    where = f" ({record['item']})" if record.get("item") else ""
    return (f"{record['service']} {record['operation']}{where}: {record['code']} ({record['kind']}) — "
            f"{record['message']}")


def observation_model(data: dict[str, Any]) -> Observation:
    """The typed observation the core fits (lists → float arrays, None → NaN)."""
    start = datetime.fromisoformat(str(data["start"]).replace("Z", "+00:00"))

    def arrays(mapping: dict[str, Any]) -> dict[str, np.ndarray]:
        return {k: np.asarray([math.nan if v is None else v for v in vals], dtype=np.float64)
                for k, vals in (mapping or {}).items()}
    resources = tuple(Resource(kind=r["kind"], name=r["name"], hourly=arrays(r.get("hourly")),
                               minute=arrays(r.get("minute")), overall=dict(r.get("overall") or {}))
                      for r in data.get("resources") or [])
    return Observation(window=Window(start=start, hours=int(data["hours"])), resources=resources,
                       gaps=tuple(gap_text(g) for g in data.get("gaps") or []))
