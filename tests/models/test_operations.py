"""Logs, tracing, egress, cold starts and availability against hand-worked figures and a simulation."""

from __future__ import annotations

import heapq
import math

import numpy as np
import pytest

from models.run.cold_starts import cold_starts_per_minute
from service import check_data, estimate_data

GB_KB = 1024 * 1024


def fn(**fields):
    return {"id": "fn", "type": "lambda", "memory_mb": 128, "duration_ms": 100, "init_ms": 0, **fields}


def design(*components, free_tier="none", requests=None):
    data = {"name": "t", "region": "us-east-1", "free_tier": free_tier, "components": list(components)}
    if requests is not None:
        data["workload"] = {"requests_per_month": requests}
    return data


def cost_of(est, price_id: str) -> float:
    return float(sum(li.cost_usd for li in est.line_items if li.price_id == price_id))


def test_log_ingestion_and_storage_by_hand():
    # 3M invocations × 1 KB = 3,000,000 KB = 2.861 GB at $0.50; kept 30 days: 2.861 × 720/730 GB-month at $0.03
    est = estimate_data(design(fn(invocations_per_month=3_000_000, log_kb_per_invocation=1, log_retention_days=30)))
    gb = 3_000_000 / GB_KB
    assert cost_of(est, "cloudwatch.logs.lambda_ingestion.standard") == pytest.approx(gb * 0.50, abs=1e-9)
    assert cost_of(est, "cloudwatch.logs.storage") == pytest.approx(gb * 720 / 730 * 0.03, abs=1e-9)


def test_lambda_log_tiers_by_hand():
    # 6,291,456 invocations × 10 MB = 61,440 GB (60 TB): 10,240 × 0.50 + 20,480 × 0.25 + 20,480 × 0.10 + 10,240 × 0.05
    est = estimate_data(design(fn(invocations_per_month=6_291_456, log_kb_per_invocation=10_240)))
    assert cost_of(est, "cloudwatch.logs.lambda_ingestion.standard") == pytest.approx(5120 + 5120 + 2048 + 512)


def test_infrequent_access_logs_cost_half_in_the_first_tier():
    est = estimate_data(design(fn(invocations_per_month=1_048_576, log_class="infrequent_access")))
    assert cost_of(est, "cloudwatch.logs.lambda_ingestion.infrequent_access") == pytest.approx(1 * 0.25)


def test_the_five_free_gigabytes_of_logs_are_shared():
    est = estimate_data(design(fn(id="a", invocations_per_month=3 * GB_KB), fn(id="b", invocations_per_month=3 * GB_KB),
                               free_tier="always"))
    # 6 GB ingested, 5 GB free: 1 GB at $0.50
    assert cost_of(est, "cloudwatch.logs.lambda_ingestion.standard") == pytest.approx(0.50)


def test_xray_default_sampling_by_hand():
    # 10M invocations: 1 per second (2,628,000) + 5 % of the rest; 100,000 free; $5 per million
    est = estimate_data(design(fn(invocations_per_month=10_000_000, tracing=True, log_kb_per_invocation=0),
                               free_tier="always"))
    traces = 2_628_000 + 0.05 * (10_000_000 - 2_628_000)
    assert cost_of(est, "xray.traces_recorded") == pytest.approx((traces - 100_000) * 5e-6)


def test_xray_retrievals_beyond_the_free_million_by_hand():
    est = estimate_data(design(fn(invocations_per_month=1000, tracing=True, traces_retrieved_per_month=3_000_000,
                                  log_kb_per_invocation=0), free_tier="always"))
    assert cost_of(est, "xray.traces_retrieved") == pytest.approx(2_000_000 * 0.50e-6)


def test_egress_free_100_gb_is_aggregated_across_services():
    # S3 sends 80 GB and API Gateway 1M responses × 50 KB = 47.68 GB: 127.68 − 100 free = 27.68 GB × $0.09
    bucket = {"id": "b", "type": "s3", "puts_per_month": 0, "transfer_out_gb": 80}
    api = {"id": "api", "type": "api_gateway", "api": "http", "requests_per_month": 1_000_000, "response_kb": 50}
    est = estimate_data(design(bucket, api, free_tier="always"))
    api_gb = 1_000_000 * 50 / GB_KB
    assert cost_of(est, "data_transfer.internet_out") == pytest.approx((80 + api_gb - 100) * 0.09)


def test_api_access_logs_are_priced_as_standard_logs():
    api = {"id": "api", "type": "api_gateway", "api": "http", "requests_per_month": GB_KB, "access_log_kb": 1}
    est = estimate_data(design(api))
    assert cost_of(est, "cloudwatch.logs.ingestion.standard") == pytest.approx(0.50)


def test_composite_availability_of_a_three_service_chain():
    # API Gateway 99.95 % × Lambda 99.95 % × DynamoDB 99.99 %, per the AWS SLAs in pricing/slas.yaml
    data = design({"id": "api", "type": "api_gateway", "api": "http"}, fn(**{"from": "api"}),
                  {"id": "t", "type": "dynamodb", "from": "fn"}, requests=1_000_000)
    report, _ = check_data(data)
    composite = 0.9995 * 0.9995 * 0.9999
    assert report.components["(design)"]["composite_availability_pct"] == pytest.approx(round(composite * 100, 4))
    assert report.components["(design)"]["degraded_minutes_per_month"] == pytest.approx(round((1 - composite) * 43_800, 1))


def test_an_sqs_buffer_takes_work_off_the_request_path():
    data = design({"id": "api", "type": "api_gateway", "api": "http"}, fn(**{"from": "api"}),
                  {"id": "q", "type": "sqs", "from": "fn"}, fn(id="worker", **{"from": "q"}),
                  {"id": "b", "type": "s3", "from": "worker"}, requests=1_000_000)
    report, _ = check_data(data)
    found = next(c for c in report.checks if c.id == "availability.composite")
    # api, fn, q: API Gateway × Lambda × SQS; the worker and its bucket are asynchronous
    assert report.components["(design)"]["composite_availability_pct"] == pytest.approx(round(0.9995 * 0.9995 * 0.999 * 100, 4))
    assert "worker" in found.consequence and "b" in found.consequence


def simulate_cold_starts(rate_rps: float, duration_s: float, idle_s: float, seconds: float, seed: int) -> float:
    """Share of requests that found no idle warm environment (environments reclaimed after `idle_s` idle)."""
    rng = np.random.default_rng(seed)
    t, busy, idle, cold, total = 0.0, [], [], 0, 0  # idle: (time it became idle) of warm environments
    while t < seconds:
        t += rng.exponential(1 / rate_rps)
        while busy and busy[0] <= t:
            idle.append(heapq.heappop(busy))
        idle = [free_at for free_at in idle if t - free_at <= idle_s]
        total += 1
        if idle:
            idle.pop()  # reuse the most recently freed environment
        else:
            cold += 1
        heapq.heappush(busy, t + duration_s)
    return cold / total


@pytest.mark.parametrize("rate", [0.0005, 0.002, 0.01])
def test_cold_start_share_matches_a_simulation_of_environment_reuse_at_low_traffic(rate):
    # rare requests: a request is cold when the previous one was more than W = 600 s ago: e^(−λW)
    model = cold_starts_per_minute(np.full(43_800, rate), 0.1, 600).sum() / (rate * 43_800 * 60)
    simulated = simulate_cold_starts(rate, 0.1, 600, seconds=4e6 if rate < 0.001 else 1.5e6, seed=1)
    assert model == pytest.approx(math.exp(-rate * 600), rel=1e-6)
    assert model == pytest.approx(simulated, abs=0.03)


def test_steady_busy_traffic_has_almost_no_cold_starts():
    model = cold_starts_per_minute(np.full(43_800, 5.0), 0.2, 600).sum() / (5.0 * 43_800 * 60)
    simulated = simulate_cold_starts(5.0, 0.2, 600, seconds=20_000, seed=2)
    assert model < 1e-5 and simulated < 1e-3


def test_a_traffic_jump_creates_environments():
    rate = np.full(43_800, 10.0)
    rate[1000:] = 100.0  # 2 → 20 Erlangs with 0.2 s durations
    colds = cold_starts_per_minute(rate, 0.2, 600)
    extra_need = (20 + 2 * math.sqrt(20)) - (2 + 2 * math.sqrt(2))
    assert colds[1000] == pytest.approx(extra_need)
    assert colds[1001:].sum() == pytest.approx(0.0, abs=1e-9)


def test_provisioned_concurrency_keeps_environments_warm():
    rate = np.full(43_800, 0.001)
    assert cold_starts_per_minute(rate, 0.1, 600, provisioned=1).sum() == 0


def test_the_photo_template_has_logs_tracing_egress_cold_starts_and_availability():
    from models.design.text import load_design_data
    from templates import template_text

    report, est = check_data(load_design_data(template_text("photo_thumbnails")))
    prices = {li.price_id for li in est.line_items}
    assert {"cloudwatch.logs.lambda_ingestion.standard", "cloudwatch.logs.storage", "xray.traces_recorded",
            "xray.traces_retrieved", "data_transfer.internet_out"} <= prices
    assert all(li.source.startswith("https://") for li in est.line_items)
    assert any(li.dimension.endswith("INIT phase of cold starts") for li in est.line_items)
    ids = {c.id for c in report.checks}
    assert {"lambda.cold_starts", "availability.composite", "resilience.failed_events"} <= ids


def test_the_direct_invoke_template_shows_what_is_lost():
    from models.design.text import load_design_data
    from templates import template_text

    direct, direct_est = check_data(load_design_data(template_text("direct_invoke")))
    _, api_est = check_data(load_design_data(template_text("save_app_data")))
    assert direct_est.total_usd < api_est.total_usd
    ids = {c.id: c for c in direct.checks}
    assert ids["lambda.no_api_layer"].status == "warn"
    assert ids["lambda.invoke_rate"].limit_value == 10 * 1000


def test_the_cold_start_finding_prices_its_remedy():
    # 1,000 requests/s × 0.1 s = 100 Erlangs: busiest need 100 + 2·√100 = 120 environments;
    # 120 × 0.125 GB × 730 h × 3,600 s × $0.0000041667 per GB-s (us-east-1 x86_64)
    data = design(fn(), requests=1000 * 730 * 3600)
    report, _ = check_data(data)
    found = next(c for c in report.checks if c.id == "lambda.cold_starts")
    expected = 120 * 0.125 * 730 * 3600 * 0.0000041667
    assert "provisioned concurrency for 120 environments" in found.action
    assert f"about USD {expected:,.2f} a month" in found.action
