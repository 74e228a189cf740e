"""The most expensive designs the documented limits allow (≤ 50 components, ≤ 50 spikes, ≤ 20 GSIs
a table, ranges), for the bounded-work benchmark (bench/bench_worst.py) and the fuzzer's seeds."""

from __future__ import annotations

import copy

REGIONS = ("us-east-1", "ap-northeast-1", "ap-northeast-3")


def _components(with_ranges: bool) -> list[dict]:
    memory = {"low": 512, "expected": 1769, "high": 10240} if with_ranges else 1769
    comps: list[dict] = [
        {"id": "api", "type": "api_gateway", "api": "rest", "cache_gb": 237, "payload_kb": 64},
        {"id": "cdn", "type": "cloudfront", "from": "api"},
    ]
    for i in range(20):
        comps.append({"id": f"fn{i}", "type": "lambda", "from": "api" if i < 10 else f"q{i % 5}",
                      "memory_mb": memory, "architecture": "arm64" if i % 2 else "x86_64",
                      "duration_ms": {"p50": 120, "p95": 2_000, "p99": 25_000}, "timeout_s": 29,
                      "provisioned_concurrency": 50 if i % 4 == 0 else 0, "tracing": True,
                      "ephemeral_storage_mb": 10_240, "log_kb_per_invocation": 4})
    for i in range(5):
        comps.append({"id": f"q{i}", "type": "sqs", "from": f"fn{i}", "message_kb": 256})
    for i in range(10):
        comps.append({"id": f"t{i}", "type": "dynamodb", "from": f"fn{i}", "reads": 3, "writes": 2,
                      "item_kb": 40, "billing": "provisioned", "rcu": 4_000, "wcu": 2_000, "pitr": True,
                      "storage_gb": 500, "gsis": [{"name": f"g{j}", "rcu": 100, "wcu": 100} for j in range(20)]})
    for i in range(5):
        comps.append({"id": f"b{i}", "type": "s3", "from": f"fn{10 + i}", "storage_gb": 50_000,
                      "storage_class": "intelligent_tiering"})
    for i in range(3):
        comps.append({"id": f"n{i}", "type": "sns", "from": f"fn{15 + i}"})
    comps += [
        {"id": "mail", "type": "ses", "from": "fn18"},
        {"id": "auth", "type": "cognito", "mau": 1_000_000},
        {"id": "dns", "type": "route53", "hosted_zones": 30, "queries_per_month": 5_000_000_000},
        {"id": "tail", "type": "lambda", "from": "fn19", "duration_ms": 900_000, "timeout_s": 900},
        {"id": "ws", "type": "api_gateway", "api": "websocket", "from": "tail", "payload_kb": 128},
    ]
    return comps


def worst_design(spikes: str = "spread", with_ranges: bool = True, region: str = "ap-northeast-1") -> dict:
    """50 components; 50 spikes `spread` over the month, or all `overlapping` one day (they multiply:
    1.35^50 ≈ 3 × 10^6 at the peak, still within the events bound)."""
    if spikes == "overlapping":
        spike_list = [{"day": 15, "at": "20:00", "minutes": 1440, "multiplier": 1.35} for _ in range(50)]
    else:
        spike_list = [{"day": 1 + (i % 30), "at": f"{(7 * i) % 24:02d}:{(13 * i) % 60:02d}",
                       "minutes": 1 + (97 * i) % 240, "multiplier": 1 + (i % 7) * 15} for i in range(50)]
    requests = {"low": 1e7, "expected": 3e8, "high": 3e9} if with_ranges else 3e8
    design = {
        "name": f"Worst case ({spikes} spikes{', ranges' if with_ranges else ''})",
        "region": region,
        "workload": {"requests_per_month": requests, "daily_profile": "mobile_evening",
                     "weekly_profile": "weekends", "timezone": "Asia/Tokyo", "spikes": spike_list,
                     "growth_per_month": 0.1, "burstiness": 100},
        "components": _components(with_ranges),
    }
    assert len(design["components"]) == 50
    return copy.deepcopy(design)


def worst_designs() -> dict[str, dict]:
    """Name → design, the cases the benchmark times."""
    return {
        "spread spikes, ranges": worst_design("spread", True),
        "overlapping spikes, ranges": worst_design("overlapping", True),
        "spread spikes, no ranges": worst_design("spread", False),
    }
