"""What a snapshot says, in the design's terms: account limits (`snapshot_limits`) and per-resource facts.

`snapshot_limits(snapshot, region)` returns only the design `limits:` keys that were actually read:

| key | read from |
|---|---|
| `lambda_concurrency` | Lambda GetAccountSettings `ConcurrentExecutions` (else the applied Service Quota L-B99A9384) |
| `api_rps`, `api_burst` | API Gateway GetAccount `throttleSettings` (else Service Quotas L-8A5B8E43 / L-CDF5615A) |
| `dynamodb_table_read` / `_write`, `dynamodb_account_read` / `_write` | DynamoDB DescribeLimits (else Service Quotas) |
| `kinesis_account_shards`, `kinesis_on_demand_streams` | Kinesis DescribeLimits (shards: else L-0918CF54) |
| `kms_symmetric_rps` | Service Quotas L-6E3AF000, applied value, else AWS's default for the Region |
| `eventbridge_put_events_rps` | Service Quotas L-9B653E91, applied, else AWS default |

Each limit's `source` says which read it is: the call ("Kinesis DescribeLimits"), "Service Quotas L-… (applied)"
(the account's value, with any increase granted) or "Service Quotas L-… (AWS default)" — only for the quotas
aws/quotas.yaml marks `fallback: default`, when the applied value could not be read.

`lambda_unreserved_min` (the 100 executions AWS keeps unreserved) is not readable from any API,
so it never appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aws.readers._common import value_of
from aws.readers.service_quotas import quota_codes
from aws.snapshot_data import account_entry, region_data

LIMIT_KEYS: tuple[str, ...] = ("lambda_concurrency", "lambda_unreserved_min", "api_rps", "api_burst",
                               "dynamodb_table_read", "dynamodb_table_write", "dynamodb_account_read",
                               "dynamodb_account_write")
# ---- quotas
LIMIT_KEYS += ("kinesis_account_shards", "kinesis_on_demand_streams", "kms_symmetric_rps", "sfn_start_execution_rps",
               "sfn_start_execution_burst", "sfn_express_start_execution_rps", "sfn_express_start_execution_burst",
               "sfn_state_transition_rps", "sfn_state_transition_burst", "eventbridge_put_events_rps")
# ---- end quotas

#: limit key → (section, read, field) of the service's own API
_SERVICE_API = {
    "lambda_concurrency": ("lambda", "account_settings", "concurrent_executions", "Lambda GetAccountSettings"),
    "api_rps": ("apigateway", "account", "rate_limit_rps", "API Gateway GetAccount"),
    "api_burst": ("apigateway", "account", "burst_limit", "API Gateway GetAccount"),
    "dynamodb_table_read": ("dynamodb", "limits", "table_max_read", "DynamoDB DescribeLimits"),
    "dynamodb_table_write": ("dynamodb", "limits", "table_max_write", "DynamoDB DescribeLimits"),
    "dynamodb_account_read": ("dynamodb", "limits", "account_max_read", "DynamoDB DescribeLimits"),
    "dynamodb_account_write": ("dynamodb", "limits", "account_max_write", "DynamoDB DescribeLimits"),
    # ---- quotas
    "kinesis_account_shards": ("kinesis", "limits", "shard_limit", "Kinesis DescribeLimits"),
    "kinesis_on_demand_streams": ("kinesis", "limits", "on_demand_stream_limit", "Kinesis DescribeLimits"),
    # ---- end quotas
}
#: limits the design keeps as floats; the others are whole numbers
_FLOAT_KEYS = {"api_rps"}
_FLOAT_KEYS |= {"sfn_start_execution_rps", "sfn_express_start_execution_rps", "sfn_state_transition_rps",
                "eventbridge_put_events_rps"}  # ---- quotas


@dataclass(frozen=True)
class LimitFact:
    """One account limit and the call it was read from."""

    key: str
    value: float | int
    source: str


def account_limits(snapshot: dict[str, Any], region: str | None = None,
                   account: str | None = None) -> dict[str, LimitFact]:
    """Limits read from the account, each with its source; the service's own API wins over Service Quotas,
    whose applied value wins over its AWS default (read only for quotas marked `fallback: default`)."""
    data = region_data(snapshot, region, account)
    read_quotas = value_of((data.get("service_quotas") or {}).get("quotas"), [])
    quotas = {q.get("limit"): q for q in read_quotas if q.get("limit")}
    facts = {}
    for key in LIMIT_KEYS:
        value, source = _service_value(data, key)
        if value is None and key in quotas:
            value, source = _quota_value(quotas[key])
        if value is not None:
            facts[key] = LimitFact(key, float(value) if key in _FLOAT_KEYS else int(value), source)
    return facts


def _service_value(data: dict, key: str) -> tuple[Any, str]:
    """The limit from the service's own API, and the call (None when it has none or it was not read)."""
    if key not in _SERVICE_API:
        return None, ""
    section, read, field, call = _SERVICE_API[key]
    return (value_of((data.get(section) or {}).get(read)) or {}).get(field), call


def _quota_value(quota: dict) -> tuple[Any, str]:
    """A Service Quotas row's applied value, else — for a quota marked `fallback: default` — AWS's default."""
    code = quota["quota_code"]
    applied = value_of(quota.get("applied"))
    if applied is not None:
        return applied, f"Service Quotas {code} (applied)"
    default = value_of(quota.get("default"))
    if default is not None and code in default_fallback_codes():
        return default, f"Service Quotas {code} (AWS default)"
    return None, ""


def default_fallback_codes() -> set[str]:
    """The quota codes whose AWS default stands in for an applied value that could not be read."""
    return {q["code"] for q in quota_codes() if q.get("fallback") == "default"}


def limit_sources(snapshot: dict[str, Any], region: str | None = None, account: str | None = None) -> dict[str, str]:
    """The design `limits.sources` block: each limit read from the account → the read it came from."""
    return {key: fact.source for key, fact in account_limits(snapshot, region, account).items()}


def snapshot_limits(snapshot: dict[str, Any], region: str | None = None, account: str | None = None) -> dict[str, Any]:
    """The design `limits:` values read from the account in `region` (only keys actually read).

    >>> snapshot_limits(EXAMPLE, "us-east-1")
    {'lambda_concurrency': 10}
    """
    return {key: fact.value for key, fact in account_limits(snapshot, region, account).items()}


def limits_source(snapshot: dict[str, Any], region: str | None = None, account: str | None = None) -> str:
    """The `limits.source` text for limits taken from this snapshot (it says "account", as the report expects)."""
    entry = account_entry(snapshot, account)
    region = region or snapshot["regions"][0]
    return f"your AWS account ({entry['label']}, {region}, read {str(snapshot.get('taken_at') or '')[:10]})"[:200]


def snapshot_facts(snapshot: dict[str, Any], region: str | None = None, account: str | None = None) -> dict[str, Any]:
    """Per-resource facts for the diff and the import: functions, tables, apis, buckets, queues by name."""
    data = region_data(snapshot, region, account)
    return {"functions": _functions(data), "tables": _tables(data), "apis": _apis(data),
            "buckets": _buckets(data), "queues": _queues(data)}


def _functions(data: dict) -> dict[str, dict]:
    """name → {memory_mb, timeout_s, architecture, ephemeral_storage_mb, runtime, reserved_concurrency,
    provisioned_concurrency, read_complete}: concurrency is None when not set — or when its read failed,
    which `read_complete` False and the snapshot's gaps say."""
    result = {}
    for fn in value_of((data.get("lambda") or {}).get("functions"), []):
        result[fn["name"]] = {
            "memory_mb": fn.get("memory_mb"), "timeout_s": fn.get("timeout_s"), "architecture": fn.get("architecture"),
            "ephemeral_storage_mb": fn.get("ephemeral_storage_mb"), "runtime": fn.get("runtime"),
            "reserved_concurrency": value_of(fn.get("reserved_concurrency")),
            "provisioned_concurrency": (value_of(fn.get("provisioned_concurrency")) or {}).get("requested"),
            "read_complete": all("value" in fn.get(k, {}) for k in ("reserved_concurrency", "provisioned_concurrency")),
        }
    return result


def _tables(data: dict) -> dict[str, dict]:
    """name → the table record (billing, rcu, wcu, table_class, decreases_today, ...) plus its auto scaling."""
    section = data.get("dynamodb") or {}
    targets = value_of(section.get("autoscaling"), [])
    policies = {(p["resource"], p["dimension"]): p.get("target_utilization_pct")
                for p in value_of(section.get("scaling_policies"), [])}
    result = {}
    for table in value_of(section.get("tables"), []):
        record = value_of(table.get("table"))
        if record is None:
            continue
        scaling = [{**t, "target_utilization_pct": policies.get((t["resource"], t["dimension"]))}
                   for t in targets if t["resource"] == f"table/{table['name']}"
                   or t["resource"].startswith(f"table/{table['name']}/index/")]
        result[table["name"]] = {**record, "autoscaling": scaling}
    return result


def _apis(data: dict) -> dict[str, dict]:
    """name → {id, kind (rest/http/websocket), stages [{name, throttle_rps, throttle_burst}],
    integration_timeouts_ms [..], functions [names it invokes]}."""
    apis = list(value_of((data.get("apigateway") or {}).get("rest_apis"), []))
    apis += value_of((data.get("apigatewayv2") or {}).get("apis"), [])
    result = {}
    for api in apis:
        integrations = value_of(api.get("integrations"), [])
        result[api["name"]] = {
            "id": api["id"], "kind": api["kind"],
            "stages": [{k: s.get(k) for k in ("name", "throttle_rps", "throttle_burst")}
                       for s in value_of(api.get("stages"), [])],
            "integration_timeouts_ms": [i["timeout_ms"] for i in integrations if i.get("timeout_ms")],
            "functions": sorted({i["function"] for i in integrations if i.get("function")}),
        }
    return result


def _buckets(data: dict) -> dict[str, dict]:
    """name → {size_bytes, object_count, as_of} (None where CloudWatch had no data point)."""
    return {b["name"]: value_of(b.get("storage"), {}) for b in value_of((data.get("s3") or {}).get("buckets"), [])}


def _queues(data: dict) -> dict[str, dict]:
    """name → the queue attributes (fifo, visibility_timeout_s, retention_s, ...)."""
    return {q["name"]: value_of(q.get("attributes"), {}) for q in value_of((data.get("sqs") or {}).get("queues"), [])}


#: a minimal snapshot for the doctest above
EXAMPLE = {"schema": "serverless-planner/account-snapshot@1", "regions": ["us-east-1"], "accounts": [
    {"label": "default", "regions": {"us-east-1": {"lambda": {
        "account_settings": {"value": {"concurrent_executions": 10, "unreserved_concurrent_executions": 10}}}}}}]}
