"""The shape of a snapshot, checked before anything reads it: a malformed file is one clear line.

`check_snapshot(snapshot, name)` walks every field the limits, the report, the diff and the import
read (docs/account.md describes them) and raises SnapshotFieldError naming the file, the field
(as a path: `accounts[0].regions.us-east-1.lambda.functions.value[1].memory_mb`), what is allowed
and what was found. Unknown keys and sections are allowed (newer snapshots may add some), but any
gap record inside them must be well formed. Numbers must be finite and at most 1e18 in size.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

MAX_NUMBER = 1e18
MAX_TEXT = 10_000
MAX_ITEMS = 200_000

Check = Callable[[Any, str], None]


class SnapshotFieldError(ValueError):
    """One field of a snapshot is not what a snapshot holds there."""

    def __init__(self, field: str, allowed: str, found: Any):
        self.field, self.allowed, self.found = field, allowed, _show(found)
        super().__init__(f"{field or 'the snapshot'}: expected {allowed}, got {self.found}")


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = repr(value)
        return (text if len(text) <= 30 else text[:27] + "…") + " (a number)"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "…"
        return f"{text!r} (a string)"
    kinds: dict[type, str] = {dict: "an object", list: "a list"}
    kind = kinds.get(type(value), type(value).__name__)
    return f"{kind} of {len(value)} entries" if isinstance(value, (dict, list)) else kind


def _join(path: str, key: Any) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else str(key))


# ---- building blocks -----------------------------------------------------------------------------

def text(value: Any, path: str) -> None:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise SnapshotFieldError(path, f"text (at most {MAX_TEXT:,} characters)", value)


def number(value: Any, path: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
        raise SnapshotFieldError(path, f"a number (finite, at most {MAX_NUMBER:g})", value)


def whole(value: Any, path: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value) \
            or (isinstance(value, float) and not value.is_integer()):
        raise SnapshotFieldError(path, f"a whole number (at most {MAX_NUMBER:g})", value)


def flag(value: Any, path: str) -> None:
    if not isinstance(value, bool):
        raise SnapshotFieldError(path, "true or false", value)


def anything(value: Any, path: str) -> None:
    """Any JSON value; gap records inside it are still checked."""
    stack = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("error"), dict) and "operation" in node["error"]:
                GAP(node["error"], _join(where, "error"))
            stack += [(v, _join(where, k)) for k, v in node.items() if k != "error"]
        elif isinstance(node, list):
            stack += [(v, _join(where, i)) for i, v in enumerate(node)]


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value) and abs(value) <= MAX_NUMBER
    except OverflowError:  # an int too large for a float
        return False


def optional(check: Check) -> Check:
    """`check`, or null."""
    def run(value: Any, path: str) -> None:
        if value is not None:
            try:
                check(value, path)
            except SnapshotFieldError as err:
                if err.field != path:
                    raise
                raise SnapshotFieldError(path, f"{err.allowed} or null", value) from None
    return run


def one_of(*allowed: str) -> Check:
    def run(value: Any, path: str) -> None:
        if value not in allowed:
            raise SnapshotFieldError(path, "one of " + ", ".join(repr(a) for a in allowed), value)
    return run


def items(check: Check, at_least: int = 0) -> Check:
    """A list of `check`."""
    def run(value: Any, path: str) -> None:
        if not isinstance(value, list) or not at_least <= len(value) <= MAX_ITEMS:
            least = f"at least {at_least} " if at_least else ""
            raise SnapshotFieldError(path, f"a list ({least}at most {MAX_ITEMS:,} entries)", value)
        for i, item in enumerate(value):
            check(item, _join(path, i))
    return run


def mapping(check: Check) -> Check:
    """An object whose every value is `check` (keys are names)."""
    def run(value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise SnapshotFieldError(path, "an object", value)
        for key, item in value.items():
            check(item, _join(path, key))
    return run


def record(required: dict[str, Check] | None = None, **fields: Check) -> Check:
    """An object with the `required` keys and, when present, the other `fields`; more keys are allowed."""
    required = required or {}

    def run(value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise SnapshotFieldError(path, "an object" + (f" with {', '.join(required)}" if required else ""), value)
        for key, check in required.items():
            if key not in value:
                raise SnapshotFieldError(_join(path, key), "a value (the key is missing)", None)
            check(value[key], _join(path, key))
        for key, check in fields.items():
            if key in value:
                check(value[key], _join(path, key))
    return run


def read(check: Check) -> Check:
    """A read: {"value": `check`} or {"error": a gap record}."""
    def run(value: Any, path: str) -> None:
        if isinstance(value, dict) and "value" in value:
            check(value["value"], _join(path, "value"))
        elif isinstance(value, dict) and "error" in value:
            GAP(value["error"], _join(path, "error"))
        else:
            raise SnapshotFieldError(path, 'a read: {"value": ...} or {"error": {...}}', value)
    return run


# ---- the snapshot --------------------------------------------------------------------------------

GAP = record({"service": text, "region": text, "operation": text, "code": text, "kind": text, "message": text},
             item=optional(text))
TEXT, WHOLE, NUMBER, FLAG = optional(text), optional(whole), optional(number), optional(flag)

_STAGE = record({"name": text}, throttle_rps=NUMBER, throttle_burst=NUMBER, cache_enabled=FLAG, cache_gb=NUMBER,
                method_throttles=anything, route_throttles=anything)
_INTEGRATION = record(id=TEXT, path=TEXT, method=TEXT, type=TEXT, timeout_ms=NUMBER, function=TEXT)
_API = record({"id": text, "name": text, "kind": one_of("rest", "http", "websocket")},
              endpoint_types=optional(items(text)), stages=read(items(_STAGE)), integrations=read(items(_INTEGRATION)))
_CAPACITY = {"rcu": WHOLE, "wcu": WHOLE, "decreases_today": WHOLE, "last_decrease": TEXT, "last_increase": TEXT}
_TABLE = record({"billing": one_of("on_demand", "provisioned"), "table_class": one_of("standard", "standard_ia")},
                last_switch_to_on_demand=TEXT, size_bytes=NUMBER, item_count=NUMBER, on_demand_max_read=NUMBER,
                on_demand_max_write=NUMBER, stream=FLAG, gsis=items(record({"name": text}, **_CAPACITY)), **_CAPACITY)
_SCALING: dict[str, Check] = {"resource": text, "dimension": text}

SECTIONS: dict[str, Check] = {
    "lambda": record(
        account_settings=read(record(concurrent_executions=WHOLE, unreserved_concurrent_executions=WHOLE)),
        functions=read(items(record(
            {"name": text}, runtime=TEXT, package_type=TEXT, memory_mb=WHOLE, timeout_s=WHOLE, architecture=TEXT,
            ephemeral_storage_mb=WHOLE, reserved_concurrency=read(WHOLE),
            provisioned_concurrency=read(record(requested=WHOLE, allocated=WHOLE, configs=anything)))))),
    "apigateway": record(account=read(record(rate_limit_rps=NUMBER, burst_limit=NUMBER)), rest_apis=read(items(_API)),
                         usage_plans=read(items(record(api_stages=anything)))),
    "apigatewayv2": record(apis=read(items(_API))),
    "dynamodb": record(
        limits=read(record(account_max_read=WHOLE, account_max_write=WHOLE, table_max_read=WHOLE,
                           table_max_write=WHOLE)),
        tables=read(items(record({"name": text}, table=read(_TABLE)))),
        autoscaling=read(items(record({**_SCALING, "min": NUMBER, "max": NUMBER}))),
        scaling_policies=read(items(record(_SCALING, type=TEXT, target_utilization_pct=NUMBER)))),
    "s3": record(buckets=read(items(record({"name": text}, storage=read(record(
        size_bytes=NUMBER, object_count=WHOLE, as_of=TEXT)))))),
    "sqs": record(queues=read(items(record({"name": text}, attributes=read(record(
        fifo=FLAG, visibility_timeout_s=WHOLE, retention_s=WHOLE, max_message_bytes=WHOLE, delay_s=WHOLE,
        receive_wait_s=WHOLE, approx_messages=WHOLE, dead_letter_queue=FLAG)))))),
    "service_quotas": record(quotas=read(items(record(
        {"service_code": text, "quota_code": text, "name": text}, limit=TEXT, applied=read(NUMBER),
        default=read(NUMBER))))),
    # ---- quotas
    "kinesis": record(limits=read(record(shard_limit=WHOLE, open_shards=WHOLE, on_demand_stream_limit=WHOLE,
                                         on_demand_streams=WHOLE))),
    # ---- end quotas
}


def _region(value: Any, path: str) -> None:
    if not isinstance(value, dict):
        raise SnapshotFieldError(path, "an object of sections (lambda, dynamodb, ...)", value)
    for name, section in value.items():
        SECTIONS.get(name, anything)(section, _join(path, name))


_ACCOUNT = record({"label": text}, profile=TEXT, account_id=TEXT, error=optional(GAP), regions=mapping(_region))
SNAPSHOT = record({"regions": items(text, at_least=1), "accounts": items(_ACCOUNT, at_least=1)},
                  taken_at=TEXT, custom_endpoint=FLAG, sections=optional(items(text)))


def check_snapshot(snapshot: Any) -> None:
    """Raise SnapshotFieldError at the first field that is not what a snapshot holds there."""
    SNAPSHOT(snapshot, "")
