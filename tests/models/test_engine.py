"""The estimate engine against hand-worked numbers on the fixture catalog (round, not real, prices).

Fixture prices: Lambda requests $0.20/M (1M free); x86 duration $0.01/GB-s up to 1,000 GB-s then
$0.005; arm64 $0.008; 400 GB-s free shared; REST $3/M up to 2M then $2/M (1M free first year);
HTTP $1/M; RRU $0.10/M; WRU $1/M; SQS $0.40/M (1M free).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.costs.estimate import estimate
from models.design.schema import parse_design


def design(*components, free_tier="always", requests=None, region="us-east-1"):
    data = {"name": "t", "region": region, "free_tier": free_tier, "components": list(components)}
    if requests is not None:
        data["workload"] = {"requests_per_month": requests}
    return parse_design(data)


def fn(cid, invocations, duration_ms, memory_mb=1024, **extra):
    return {"id": cid, "type": "lambda", "invocations_per_month": invocations,
            "duration_ms": duration_ms, "memory_mb": memory_mb, "timeout_s": 900, "log_kb_per_invocation": 0, **extra}


def cents(value: Decimal) -> Decimal:
    return round(value, 2)


def test_free_tier_is_shared_by_all_functions_once(mini_catalog):
    # f1: 2,000 × 1 s × 1 GB = 2,000 GB-s; f2: 1,000 × 0.5 s × 0.5 GB = 250 GB-s; total 2,250 GB-s
    # tiers: 1,000 × 0.01 + 1,250 × 0.005 = 16.25; free 400 GB-s at the first tier = -4.00
    est = estimate(design(fn("f1", 2000, 1000), fn("f2", 1000, 500, memory_mb=512)), mini_catalog)
    credits = [li for li in est.line_items if li.dimension.startswith("Free tier:")]
    duration_credit = [li for li in credits if li.price_id == "lambda.duration.x86_64"]
    assert sum(li.quantity for li in duration_credit) == Decimal(-400)
    assert sum(li.cost_usd for li in duration_credit) == Decimal("-4.00")
    # 3,000 requests are all inside the 1M free requests
    assert est.total_usd == Decimal("12.25")
    # each function carries its share of the tiers and of the free allowance (2,000 : 250)
    by = est.cost_by_component()
    assert round(by["f1"], 9) == round((Decimal("16.25") - 4) * 2000 / 2250, 9)
    assert round(by["f2"], 9) == round((Decimal("16.25") - 4) * 250 / 2250, 9)


def test_without_free_tier_everything_is_billed(mini_catalog):
    est = estimate(design(fn("f1", 2000, 1000), fn("f2", 1000, 500, memory_mb=512), free_tier="none"), mini_catalog)
    assert est.total_usd == Decimal("16.25") + Decimal("0.0006")
    assert not [li for li in est.line_items if li.dimension.startswith("Free tier:")]


def test_duration_pool_goes_to_the_dearest_architecture_first(mini_catalog):
    # x86: 2,000 GB-s → 10 + 1,000 × 0.005 = 15; arm: 600 × 0.5 s × 1 GB = 300 GB-s → 2.40
    # the shared 400 GB-s go to x86 (0.01 > 0.008): -4.00 → total 13.40
    est = estimate(design(fn("f1", 2000, 1000), fn("f3", 600, 500, architecture="arm64")), mini_catalog)
    assert est.total_usd == Decimal("13.40")


def test_tiers_split_exactly_on_the_boundary(mini_catalog):
    exactly = estimate(design(fn("f", 1000, 1000), free_tier="none"), mini_catalog)
    over = estimate(design(fn("f", 1001, 1000), free_tier="none"), mini_catalog)
    dims = [li.dimension for li in exactly.line_items if li.price_id == "lambda.duration.x86_64"]
    assert dims == ["Duration (x86_64) (first 1,000 GB-s)"]
    assert exactly.total_usd == Decimal("10.0002")
    assert over.total_usd == Decimal("10.005") + Decimal("0.0002002")
    assert [li.dimension for li in over.line_items if li.price_id == "lambda.duration.x86_64"] == [
        "Duration (x86_64) (first 1,000 GB-s)", "Duration (x86_64) (over 1,000 GB-s)"]


def test_duration_is_billed_in_whole_milliseconds(mini_catalog):
    # 1,000 invocations of 0.1 ms bill 1 ms each: 1,000 × 0.001 s × 1 GB = 1 GB-s
    est = estimate(design(fn("f", 1000, 0.1), free_tier="none"), mini_catalog)
    line = next(li for li in est.line_items if li.price_id == "lambda.duration.x86_64")
    assert line.quantity == Decimal(1)


def test_provisioned_concurrency_functions_get_no_free_tier(mini_catalog):
    # pc: 1 env × 1 GB × 730 h × 3,600 s = 2,628,000 GB-s × 0.001 = 2,628. Its 1,000 invocations of 1 s
    # offer A = 1,000 / 2,628,000 Erlangs (flat traffic); B(1, A) = A / (1 + A) of them find the one
    # environment busy and run on-demand (0.01/GB-s) instead of at 0.002/GB-s; no free tier for it.
    # other: 400 GB-s = 4.00 and 400 requests, all free.
    est = estimate(design(fn("pc", 1000, 1000, provisioned_concurrency=1), fn("other", 400, 1000)), mini_catalog)
    load = 1000 / 2_628_000
    spill = load / (1 + load)
    expected = 2628 + 0.002 * 1000 * (1 - spill) + 0.01 * 1000 * spill + 0.0002
    assert float(est.total_usd) == pytest.approx(expected, rel=1e-9)
    credit = [li for li in est.line_items if li.dimension.startswith("Free tier:")]
    assert {li.component for li in credit} == {"other"}
    assert sum(li.quantity for li in credit if li.price_id == "lambda.requests") == Decimal(-400)


def test_rest_requests_cross_the_tier_boundary_and_first_year_free(mini_catalog):
    api = {"id": "api", "type": "api_gateway", "api": "rest"}
    at = estimate(design(dict(api, requests_per_month=2_000_000), free_tier="none"), mini_catalog)
    above = estimate(design(dict(api, requests_per_month=3_000_000), free_tier="none"), mini_catalog)
    first_year = estimate(design(dict(api, requests_per_month=3_000_000), free_tier="first_year"), mini_catalog)
    always = estimate(design(dict(api, requests_per_month=3_000_000), free_tier="always"), mini_catalog)
    assert at.total_usd == Decimal("6.00")
    assert above.total_usd == Decimal("8.00")
    assert first_year.total_usd == Decimal("5.00")  # 1M free credited at the first tier's $3/M
    assert always.total_usd == Decimal("8.00")       # API Gateway's offer is a 12-month one


@pytest.mark.parametrize("payload_kb, units", [(0, 1), (512, 1), (513, 2), (4608, 9)])
def test_http_api_meters_512_kb_units(mini_catalog, payload_kb, units):
    # AWS's example: a 4.5 MB request counts as 9 requests
    api = {"id": "api", "type": "api_gateway", "api": "http", "requests_per_month": 1_000_000, "payload_kb": payload_kb}
    est = estimate(design(api, free_tier="none"), mini_catalog)
    assert est.total_usd == Decimal(units)


@pytest.mark.parametrize("payload_kb, units", [(1, 1), (32, 1), (33, 2), (128, 4)])
def test_websocket_meters_32_kb_units(mini_catalog, payload_kb, units):
    api = {"id": "ws", "type": "api_gateway", "api": "websocket", "requests_per_month": 1_000_000,
           "payload_kb": payload_kb}
    assert estimate(design(api, free_tier="none"), mini_catalog).total_usd == Decimal(units)


@pytest.mark.parametrize("consistency, item_kb, rru_each", [
    ("eventual", 4, "0.5"), ("eventual", 4.5, "1"), ("strong", 4.5, "2"), ("transactional", 4.5, "4"),
    ("strong", 0.1, "1"), ("strong", 8, "2"),
])
def test_dynamodb_read_units_round_up_per_item(mini_catalog, consistency, item_kb, rru_each):
    table = {"id": "t", "type": "dynamodb", "reads_per_month": 1_000_000, "item_kb": item_kb,
             "read_consistency": consistency}
    est = estimate(design(table), mini_catalog)
    assert est.total_usd == Decimal("0.10") * Decimal(rru_each)


@pytest.mark.parametrize("mode, item_kb, wru_each", [("standard", 1, 1), ("standard", 1.5, 2),
                                                       ("transactional", 1.5, 4), ("standard", 4.5, 5)])
def test_dynamodb_write_units_round_up_per_item(mini_catalog, mode, item_kb, wru_each):
    table = {"id": "t", "type": "dynamodb", "writes_per_month": 1_000_000, "item_kb": item_kb, "write_mode": mode}
    assert estimate(design(table), mini_catalog).total_usd == Decimal(wru_each)


def test_dynamodb_provisioned_free_capacity_and_storage(mini_catalog):
    # 30 RCU × 730 h = 21,900 RCU-h, 18,250 free → 3,650 × 0.0001 = 0.365
    # 10 WCU × 730 h = 7,300 WCU-h, all free; 40 GB, 25 free → 15 × 0.25 = 3.75
    table = {"id": "t", "type": "dynamodb", "billing": "provisioned", "rcu": 30, "wcu": 10,
             "reads_per_month": 0, "storage_gb": 40}
    assert estimate(design(table), mini_catalog).total_usd == Decimal("0.365") + Decimal("3.75")


def test_sqs_counts_64_kb_chunks_of_payload_carrying_requests(mini_catalog):
    # 1M messages of 256 KB: send and receive carry 4 chunks each, delete counts once:
    # 1M × (4 + 4 + 1) = 9M requests, 1M free → 8M × 0.40/M = 3.20
    queue = {"id": "q", "type": "sqs", "messages_per_month": 1_000_000, "message_kb": 256}
    assert estimate(design(queue), mini_catalog).total_usd == Decimal("3.20")


def test_volumes_flow_along_from_and_calls(mini_catalog):
    # 1,000 requests → api → fn (2 calls each) → table (3 reads per call) and bucket (0.5 PUT per call)
    # → thumb function driven by the bucket's PUTs
    d = design(
        {"id": "api", "type": "api_gateway", "api": "http"},
        {"id": "fn", "type": "lambda", "from": "api", "calls": 2, "duration_ms": 10},
        {"id": "t", "type": "dynamodb", "from": "fn", "reads": 3, "writes": 0},
        {"id": "b", "type": "s3", "from": "fn", "puts": 0.5, "gets": 0},
        {"id": "thumb", "type": "lambda", "from": "b", "duration_ms": 10},
        requests=1000,
    )
    events = estimate(d, mini_catalog).events
    assert events == {"api": 1000, "fn": 2000, "t": 2000, "b": 2000, "thumb": 1000}
    est = estimate(d, mini_catalog)
    reads = next(li for li in est.line_items if li.price_id == "dynamodb.on_demand.read_request_units")
    assert reads.quantity == Decimal(3000)  # 6,000 eventual reads × ½ RRU


def test_a_missing_price_is_flagged_not_zero(mini_catalog):
    bucket = {"id": "b", "type": "s3", "puts_per_month": 1000, "storage_class": "glacier_instant", "storage_gb": 10}
    est = estimate(design(bucket), mini_catalog)
    assert any("no price for s3.storage.glacier_instant" in w for w in est.warnings)
    missing = [li for li in est.line_items if li.cost_usd is None]
    assert {li.price_id for li in missing} == {"s3.storage.glacier_instant", "s3.requests.put.glacier_instant"}


def test_an_assumed_price_is_reported(mini_catalog):
    bucket = {"id": "b", "type": "s3", "gets_per_month": 1000}
    est = estimate(design(bucket), mini_catalog)
    assert any("1 price(s) assumed for us-east-1, no source found that states them: GET requests" in w
               for w in est.warnings)
