"""Which design numbers the app lets people edit, with their limits, units and AWS defaults.

`apply_edits(design, edits)` is pure: it returns a new design mapping with the edited values,
so the app and its tests share one rule for turning widget values into a design.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from models.design.ranges import expected_value, is_range, widened, with_bound, with_expected


@dataclass(frozen=True)
class FieldSpec:
    """An editable field: number limits or choices, and help text with its unit and default."""

    name: str
    help_en: str
    help_ja: str
    min: float | None = None
    max: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = ()
    integer: bool = False
    default: Any = None


CALLS = FieldSpec("calls", "Events of this component per upstream event (count). Default 1.",
                  "上流イベント 1 件あたりの回数。既定値 1。", 0, 1_000_000, 0.1, default=1)
SPECS: dict[str, tuple[FieldSpec, ...]] = {
    "api_gateway": (
        FieldSpec("api", "REST, HTTP or WebSocket API. HTTP APIs cost less and meter requests in 512 KB units.",
                  "REST / HTTP / WebSocket。HTTP API は安価で、512 KB 単位で課金。", choices=("rest", "http", "websocket"), default="rest"),
        FieldSpec("payload_kb", "Average request size in KB. Default 1.", "平均リクエストサイズ（KB）。既定値 1。", 0, 10_240, 1.0, default=1),
        FieldSpec("response_kb", "Average response size in KB, billed as data transfer out. Default 0.",
                  "平均レスポンスサイズ（KB）。データ転送料として課金。既定値 0。", 0, 10_240, 1.0, default=0),
    ),
    "lambda": (
        CALLS,
        FieldSpec("memory_mb", "Configured memory in MB (128–10,240). AWS default 128.", "メモリ（MB、128〜10,240）。AWS の既定値 128。",
                  128, 10_240, 64, integer=True, default=128),
        FieldSpec("architecture", "x86_64 or arm64 (Graviton, about 20% cheaper per GB-s). AWS default x86_64.",
                  "x86_64 または arm64（Graviton、GB 秒あたり約 20% 安価）。既定値 x86_64。", choices=("x86_64", "arm64"), default="x86_64"),
        FieldSpec("duration_ms", "Median time per invocation in ms; p95/p99 scale with it. Billed per 1 ms.",
                  "1 回あたりの実行時間の中央値（ms）。p95/p99 も比例して変わります。1 ms 単位で課金。", 0.1, 900_000, 10.0, default=100),
    ),
    "dynamodb": (
        CALLS,
        FieldSpec("reads", "Item reads per upstream call. Default 1.", "呼び出しあたりの項目読み込み数。既定値 1。", 0, 1_000_000, 0.1, default=1),
        FieldSpec("writes", "Item writes per upstream call. Default 0.", "呼び出しあたりの項目書き込み数。既定値 0。", 0, 1_000_000, 0.1, default=0),
        FieldSpec("item_kb", "Item size in KB (reads use 4 KB units, writes 1 KB units). Default 1.",
                  "項目サイズ（KB）。読み込みは 4 KB、書き込みは 1 KB 単位。既定値 1。", 0.1, 400, 0.5, default=1),
        FieldSpec("billing", "On-demand (per request) or provisioned (per capacity-hour, used or not). Default on_demand.",
                  "オンデマンド（リクエスト課金）かプロビジョンド（使用有無に関係なく時間課金）。既定値 on_demand。",
                  choices=("on_demand", "provisioned"), default="on_demand"),
        FieldSpec("rcu", "Provisioned read capacity units (provisioned mode).", "プロビジョンド読み込みキャパシティ（RCU）。",
                  1, 1_000_000, 1, integer=True, default=5),
        FieldSpec("wcu", "Provisioned write capacity units (provisioned mode).", "プロビジョンド書き込みキャパシティ（WCU）。",
                  1, 1_000_000, 1, integer=True, default=5),
        FieldSpec("storage_gb", "Table size in GB. Default 0.", "テーブルサイズ（GB）。既定値 0。", 0, 1e9, 1.0, default=0),
    ),
    "s3": (
        CALLS,
        FieldSpec("puts", "PUT-class requests per upstream call. Default 1.", "呼び出しあたりの PUT 系リクエスト数。既定値 1。", 0, 1_000_000, 0.1, default=1),
        FieldSpec("gets", "GET-class requests per upstream call. Default 0.", "呼び出しあたりの GET 系リクエスト数。既定値 0。", 0, 1_000_000, 0.1, default=0),
        FieldSpec("storage_gb", "Average stored GB over the month. Default 0.", "月平均の保存量（GB）。既定値 0。", 0, 1e9, 10.0, default=0),
        FieldSpec("transfer_out_gb", "GB per month to the internet. Default 0.", "インターネットへの月間転送量（GB）。既定値 0。", 0, 1e9, 10.0, default=0),
    ),
    "sqs": (CALLS, FieldSpec("message_kb", "Message size in KB (64 KB chunks). Default 1.", "メッセージサイズ（KB、64 KB 単位）。既定値 1。",
                             0.1, 1024, 1.0, default=1)),
    "sns": (CALLS, FieldSpec("message_kb", "Message size in KB (64 KB chunks). Default 1.", "メッセージサイズ（KB、64 KB 単位）。既定値 1。",
                             0.1, 256, 1.0, default=1)),
    "ses": (CALLS,),
    "cognito": (
        FieldSpec("mau", "Monthly active users (count).", "月間アクティブユーザー数。", 0, 1e10, 1000.0, default=0),
        FieldSpec("plan", "Lite, Essentials (AWS default for new pools) or Plus.", "Lite / Essentials（新規プールの既定）/ Plus。",
                  choices=("lite", "essentials", "plus"), default="essentials"),
    ),
    "cloudfront": (
        CALLS,
        FieldSpec("response_kb", "Average response size in KB (data out). Default 0.", "平均レスポンスサイズ（KB）。既定値 0。", 0, 10_485_760, 1.0, default=0),
        FieldSpec("cache_hit_ratio", "Share of requests served from the cache (0–1); the rest go to the origin. Default 0.8.",
                  "キャッシュから返すリクエストの割合（0〜1）。残りはオリジンへ。既定値 0.8。", 0, 1, 0.05, default=0.8),
    ),
    "route53": (
        FieldSpec("hosted_zones", "Hosted zones (count). Default 1.", "ホストゾーン数。既定値 1。", 0, 10_000, 1, integer=True, default=1),
        FieldSpec("queries_per_month", "DNS queries per month (count). Default 0.", "月間 DNS クエリ数。既定値 0。", 0, 1e13, 100000.0, default=0),
    ),
}
DIRECT_FIELDS = {"api_gateway": "requests_per_month", "lambda": "invocations_per_month", "sqs": "messages_per_month",
                 "sns": "publishes_per_month", "ses": "emails_per_month", "cloudfront": "requests_per_month"}


def editable_fields(component: dict) -> tuple[FieldSpec, ...]:
    """The fields the app shows for one component (its direct monthly figure replaces `calls`)."""
    ctype: str = component.get("type", "")
    specs = SPECS.get(ctype, ())
    direct = DIRECT_FIELDS.get(ctype)
    if direct and direct in component:
        monthly = FieldSpec(direct, "Per month (count), instead of the flow.", "月間の件数（フローの代わり）。", 0, 1e13, 1000.0)
        specs = tuple(monthly if s.name == "calls" else s for s in specs)
    return specs


def field_applies(spec: FieldSpec, working: dict) -> bool:
    """False for fields that make no sense with the component's other (possibly just edited) values."""
    if spec.name in ("rcu", "wcu"):
        return working.get("billing", "on_demand") == "provisioned"
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
    p95/p99 by the same factor. A number given for a ranged field sets the range's expected value
    (its low and high move only as far as needed to keep low ≤ expected ≤ high).
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
            scaled = {k: _scaled(v, factor) for k, v in old.items()}
            scaled["p50"] = with_expected(old.get("p50"), value)
            component[field] = scaled
        else:
            component[field] = with_expected(old, value)
        if field == "billing":
            _capacity_follows_billing(component)
    return result


def _scaled(value: Any, factor: float) -> Any:
    """A percentile (or each end of a ranged percentile) times `factor`, to 3 decimals."""
    if is_range(value):
        return {k: round(v * factor, 3) for k, v in value.items()}
    return round(value * factor, 3)


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
