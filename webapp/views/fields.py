"""Which design numbers the app lets people edit, with their limits, units and AWS defaults.

`apply_edits(design, edits)` is pure: it returns a new design mapping with the edited values,
so the app and its tests share one rule for turning widget values into a design.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from i18n.catalog import t
from models.design.ranges import expected_value, is_range, widened, with_bound, with_expected
from models.design.schema import EVENTBRIDGE_KINDS, LAMBDA_MAX_DURATION_MS


@dataclass(frozen=True)
class FieldSpec:
    """An editable field: number limits or choices; its help text (unit and default) is the catalog's
    `field_help.<name>` (or `help_key`, where one component type explains the field its own way)."""

    name: str
    min: float | None = None
    max: float | None = None
    step: float | None = None
    choices: tuple[Any, ...] = ()
    integer: bool = False
    default: Any = None
    help_key: str = ""

    def help(self, lang: str) -> str:
        """The field's help in `lang`, from i18n/catalog.py.

        >>> SPECS["s3"][3].help("en")
        'Average stored GB over the month. Default 0.'
        """
        return t(self.help_key or f"field_help.{self.name}", lang)


CALLS = FieldSpec("calls", 0, 1_000_000, 0.1, default=1)
SPECS: dict[str, tuple[FieldSpec, ...]] = {
    "api_gateway": (
        FieldSpec("api", choices=("rest", "http", "websocket"), default="rest"),
        FieldSpec("payload_kb", 0, 10_240, 1.0, default=1),
        FieldSpec("response_kb", 0, 10_240, 1.0, default=0),
    ),
    "lambda": (
        CALLS,
        FieldSpec("memory_mb", 128, 10_240, 64, integer=True, default=128),
        FieldSpec("architecture", choices=("x86_64", "arm64"), default="x86_64"),
        FieldSpec("duration_ms", 0.1, 900_000, 10.0, default=100),
    ),
    "dynamodb": (
        CALLS,
        FieldSpec("reads", 0, 1_000_000, 0.1, default=1),
        FieldSpec("writes", 0, 1_000_000, 0.1, default=0),
        FieldSpec("item_kb", 0.1, 400, 0.5, default=1),
        FieldSpec("billing", choices=("on_demand", "provisioned"), default="on_demand"),
        FieldSpec("rcu", 1, 1_000_000, 1, integer=True, default=5),
        FieldSpec("wcu", 1, 1_000_000, 1, integer=True, default=5),
        FieldSpec("storage_gb", 0, 1e9, 1.0, default=0),
    ),
    "s3": (
        CALLS,
        FieldSpec("puts", 0, 1_000_000, 0.1, default=1),
        FieldSpec("gets", 0, 1_000_000, 0.1, default=0),
        FieldSpec("storage_gb", 0, 1e9, 10.0, default=0, help_key="field_help.storage_gb.s3"),
        FieldSpec("transfer_out_gb", 0, 1e9, 10.0, default=0),
        # ---- s3x
        FieldSpec("storage_class", choices=("standard", "intelligent_tiering", "standard_ia", "one_zone_ia",
                                            "glacier_instant", "glacier_flexible", "glacier_deep_archive"),
                  default="standard"),
        FieldSpec("new_gb_per_month", 0, 1e9, 10.0, default=0),
        # ---- end s3x
    ),
    "sqs": (CALLS, FieldSpec("message_kb", 0.1, 1024, 1.0, default=1)),
    "sns": (CALLS, FieldSpec("message_kb", 0.1, 256, 1.0, default=1)),
    "ses": (CALLS,),
    "cognito": (
        FieldSpec("mau", 0, 1e10, 1000.0, default=0),
        FieldSpec("plan", choices=("lite", "essentials", "plus"), default="essentials"),
    ),
    "cloudfront": (
        CALLS,
        FieldSpec("response_kb", 0, 10_485_760, 1.0, default=0, help_key="field_help.response_kb.cloudfront"),
        FieldSpec("cache_hit_ratio", 0, 1, 0.05, default=0.8),
    ),
    "route53": (
        FieldSpec("hosted_zones", 0, 10_000, 1, integer=True, default=1),
        FieldSpec("queries_per_month", 0, 1e13, 100000.0, default=0),
    ),
    # ---- kms
    "kms": (
        FieldSpec("keys", 0, 100_000, 1, integer=True, default=1),
        FieldSpec("managed_by", choices=("customer", "aws"), default="customer"),
        FieldSpec("requests_per_month", 0, 1e13, 10000.0, default=0, help_key="field_help.requests_per_month.kms"),
    ),
    "waf": (
        FieldSpec("rules", 0, 10_000, 1, integer=True, default=1),
        FieldSpec("rate_limit", 10, 2_000_000_000, 100, integer=True, default=2000),
        FieldSpec("clients", 1, 1_000_000_000, 100, integer=True, default=1000),
    ),
    # ---- end kms
    # ---- sfn
    "step_functions": (
        CALLS,
        FieldSpec("workflow", choices=("standard", "express"), default="standard"),
        FieldSpec("transitions_per_execution", 0, 1_000_000, 1.0, default=5),
        FieldSpec("duration_ms", 1, 300_000, 100.0, default=1000, help_key="field_help.duration_ms.step_functions"),
        FieldSpec("memory_mb", 1, 10_240, 64.0, default=64, help_key="field_help.memory_mb.step_functions"),
    ),
    "eventbridge": (
        CALLS,
        FieldSpec("kind", choices=EVENTBRIDGE_KINDS, default="bus"),
        FieldSpec("event_kb", 0.1, 1024, 1.0, default=1),
        FieldSpec("event_source", choices=("custom", "aws"), default="custom"),
        FieldSpec("entries_per_put", 1, 10, 1, integer=True, default=1),
        FieldSpec("cross_account_targets", 0, 1000, 1.0, default=0),
        FieldSpec("filter_pass_ratio", 0, 1, 0.05, default=1),
    ),
    # ---- end sfn
    # ---- s3x
    "secrets_manager": (
        CALLS,
        FieldSpec("secrets", 0, 1_000_000, 1, integer=True, default=1),
    ),
    "cloudwatch": (
        CALLS,
        FieldSpec("standard_alarm_metrics", 0, 10_000_000, 1, integer=True, default=0),
        FieldSpec("high_resolution_alarm_metrics", 0, 10_000_000, 1, integer=True, default=0),
        FieldSpec("custom_metrics", 0, 100_000_000, 1, integer=True, default=0),
        FieldSpec("log_ingested_gb_per_month", 0, 1e9, 1.0, default=0),
    ),
    # ---- end s3x
}
# ---- kinesis
SPECS.update({
    "kinesis": (
        CALLS,
        FieldSpec("mode", choices=("on_demand", "provisioned"), default="on_demand"),
        FieldSpec("shards", 1, 100_000, 1, integer=True, default=1),
        FieldSpec("record_kb", 0.1, 10_240, 1.0, default=1),
        FieldSpec("retention_hours", 24, 8760, 24, integer=True, default=24),
        FieldSpec("efo_consumers", 0, 20, 1, integer=True, default=0),
    ),
    "firehose": (
        CALLS,
        FieldSpec("buffer_mb", 1, 128, 1.0, default=5),
        FieldSpec("buffer_s", 0, 900, 60, integer=True, default=300),
        FieldSpec("partitions", 1, 5000, 1, integer=True, default=1),
        FieldSpec("records_per_request", 1, 500, 1, integer=True, default=1),
    ),
})
# ---- end kinesis
# ---- kms: the S3 Bucket Key switch, shown once the bucket names a KMS key
SPECS["s3"] = SPECS["s3"] + (FieldSpec("bucket_key", choices=(False, True), default=False),)
# ---- end kms
DIRECT_FIELDS = {"api_gateway": "requests_per_month", "lambda": "invocations_per_month", "sqs": "messages_per_month",
                 "sns": "publishes_per_month", "ses": "emails_per_month", "cloudfront": "requests_per_month",
                 # ---- sfn
                 "step_functions": "executions_per_month", "eventbridge": "events_per_month",
                 # ---- end sfn
                 }
DIRECT_FIELDS.update({"kinesis": "records_per_month", "firehose": "records_per_month"})  # ---- kinesis
#: fields that apply to one workflow or EventBridge feature only (field → (the field it depends on, its values))
_APPLIES_WHEN = {  # ---- sfn
    "transitions_per_execution": ("workflow", ("standard",)), "memory_mb.step_functions": ("workflow", ("express",)),
    "duration_ms.step_functions": ("workflow", ("express",)), "event_source": ("kind", ("bus",)),
    "entries_per_put": ("kind", ("bus",)), "cross_account_targets": ("kind", ("bus",)),
    "filter_pass_ratio": ("kind", ("pipe",)),
}
DIRECT_FIELDS.update({"secrets_manager": "api_calls_per_month", "cloudwatch": "put_requests_per_month"})  # s3x


def editable_fields(component: dict) -> tuple[FieldSpec, ...]:
    """The fields the app shows for one component (its direct monthly figure replaces `calls`)."""
    ctype: str = component.get("type", "")
    specs = SPECS.get(ctype, ())
    direct = DIRECT_FIELDS.get(ctype)
    if direct and direct in component:
        monthly = FieldSpec(direct, 0, 1e13, 1000.0, help_key="field_help.per_month")
        specs = tuple(monthly if s.name == "calls" else s for s in specs)
    return specs


def field_applies(spec: FieldSpec, working: dict) -> bool:
    """False for fields that make no sense with the component's other (possibly just edited) values."""
    if spec.name in ("rcu", "wcu"):
        return working.get("billing", "on_demand") == "provisioned"
    if spec.name == "shards":  # ---- kinesis
        return working.get("mode", "on_demand") == "provisioned"
    if spec.name in ("rate_limit", "clients"):  # ---- kms: the rate-based rule's fields, once it has one
        return working.get("rate_limit") is not None
    if spec.name == "bucket_key":  # ---- kms
        return working.get("kms_key") is not None
    rule = _APPLIES_WHEN.get(spec.help_key.removeprefix("field_help.") or spec.name)
    if rule is not None:
        field, values = rule
        default = "standard" if field == "workflow" else "bus"
        return working.get(field, default) in values
    return True


def current_value(component: dict, spec: FieldSpec):
    """The value a widget starts from: the design's (a range's expected value), else the field's default."""
    value = component.get(spec.name, spec.default)
    if spec.name == "duration_ms" and isinstance(value, dict) and not is_range(value):
        value = value.get("p50", spec.default)
    return expected_value(value)


def ranged_value(component: dict, spec: FieldSpec) -> dict | None:
    """The field's `{low, expected, high}` range, or None when it is a plain value."""
    value = component.get(spec.name)
    if spec.name == "duration_ms" and isinstance(value, dict) and not is_range(value):
        value = value.get("p50")
    return value if is_range(value) else None


def apply_edits(design: dict, edits: dict[tuple[int, str], Any], top: dict[str, Any]) -> dict:
    """A copy of `design` with top-level `top` values and per-component `edits` {(index, field): value}.

    A value of None removes the field. A new median duration scales a percentile duration's
    p95/p99 by the same factor, up to Lambda's 15 minutes (a p50 near it leaves no room above). A
    number given for a ranged field sets the range's expected value (its low and high move only as
    far as needed to keep low ≤ expected ≤ high).
    """
    result = copy.deepcopy(design)
    for key, value in top.items():
        if key == "requests_per_month":
            workload = result.setdefault("workload", {})
            workload["requests_per_month"] = with_expected(workload.get("requests_per_month"), value)
        else:
            result[key] = value
    for (index, field), value in edits.items():
        component = result["components"][index]
        old = component.get(field)
        if value is None:
            component.pop(field, None)
        elif field == "duration_ms" and isinstance(old, dict) and not is_range(old):
            old_p50 = expected_value(old.get("p50"))
            factor = value / old_p50 if old_p50 else 1
            scaled = {k: _scaled(v, factor, LAMBDA_MAX_DURATION_MS) for k, v in old.items()}
            scaled["p50"] = with_expected(old.get("p50"), value)
            component[field] = scaled
        else:
            component[field] = with_expected(old, value)
        if field == "billing":
            _capacity_follows_billing(component)
        if field == "mode" and component.get("type") == "kinesis":  # ---- kinesis
            _shards_follow_mode(component)
        if field in ("kind", "workflow"):  # ---- sfn
            _drop_fields_that_no_longer_apply(component)
    return result


def _drop_fields_that_no_longer_apply(component: dict) -> None:
    """A pipe or schedule has no bus-only fields, a Standard workflow is never synchronous: the design must
    not keep values its new kind rejects."""
    for name, (field, values) in _APPLIES_WHEN.items():
        if "." not in name and component.get(field, "standard" if field == "workflow" else "bus") not in values:
            component.pop(name, None)
    if component.get("workflow", "standard") != "express":
        component.pop("sync", None)


def _scaled(value: Any, factor: float, most: float) -> Any:
    """A percentile (or each end of a ranged percentile) times `factor`, to 3 decimals, at most `most`."""
    if is_range(value):
        return {k: min(round(v * factor, 3), most) for k, v in value.items()}
    return min(round(value * factor, 3), most)


def _slot(design: dict, index: int | None, field: str) -> tuple[dict, str]:
    """The mapping holding a field and its key there (a percentile duration's range lives in p50)."""
    if index is None:
        return design.setdefault("workload", {}), field
    component = design["components"][index]
    value = component.get(field)
    if field == "duration_ms" and isinstance(value, dict) and not is_range(value):
        return value, "p50"
    return component, field


def apply_bound(design: dict, index: int | None, field: str, bound: str, value: float) -> dict:
    """A copy of `design` with the low or high value of a ranged field set (index None: the workload's field).

    >>> apply_bound({"workload": {"requests_per_month": 100}}, None, "requests_per_month", "high", 300)
    {'workload': {'requests_per_month': {'expected': 100, 'high': 300}}}
    """
    result = copy.deepcopy(design)
    holder, key = _slot(result, index, field)
    holder[key] = with_bound(holder.get(key), bound, value)
    return result


def toggle_range(design: dict, index: int | None, field: str, ranged: bool, default: Any = None) -> dict:
    """A copy of `design` where the field becomes a range (half to double its value) or, when
    `ranged` is False, just its expected value.

    >>> toggle_range({"workload": {"requests_per_month": 100}}, None, "requests_per_month", True)
    {'workload': {'requests_per_month': {'low': 50.0, 'expected': 100, 'high': 200.0}}}
    """
    result = copy.deepcopy(design)
    holder, key = _slot(result, index, field)
    current = holder.get(key, default)
    if ranged and not is_range(current) and current is not None:
        holder[key] = widened(current)
    elif not ranged and is_range(current):
        holder[key] = expected_value(current)
    return result


def _capacity_follows_billing(table: dict) -> None:
    """Provisioned mode needs RCU/WCU (start at 5, like the console); on-demand must not have them."""
    parts = [table] + [g for g in table.get("gsis") or [] if isinstance(g, dict)]
    for part in parts:
        for unit in ("rcu", "wcu"):
            if table.get("billing") == "provisioned":
                part.setdefault(unit, 5)
            else:
                part.pop(unit, None)


# ---- kinesis
def _shards_follow_mode(stream: dict) -> None:
    """A provisioned stream needs shards (start at 1, like the console); an on-demand one must not have them."""
    if stream.get("mode") == "provisioned":
        stream.setdefault("shards", 1)
    else:
        stream.pop("shards", None)
# ---- end kinesis
