"""KMS and AWS WAF: prices against worked examples, the KMS shared request quota and the WAF rate-based rule
against hand-worked buckets, and the design rules that tie them to the components they serve.

Sources: https://aws.amazon.com/kms/pricing/, https://aws.amazon.com/waf/pricing/,
https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html (the quotas),
the SQS Developer Guide "Estimating AWS KMS costs" (R = B / D × (2P + C)), the KMS Developer Guide "How Amazon
DynamoDB uses AWS KMS" (table key cache, five minutes), the WAF Developer Guide "Rate-based rule high-level
settings".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.costs.kms import sqs_requests_by_reuse
from models.design.schema import DesignError, parse_design
from service.plan import plan

MONTH_S = 2_628_000  # the planner's 730-hour month
FLAT_RPS = 25_000    # 25,000 requests every second of the month


def _plan(components, region="ap-northeast-1", rps=FLAT_RPS, limits=None):
    data = {"name": "t", "region": region, "workload": {"requests_per_month": MONTH_S * rps},
            "components": components}
    if limits:
        data["limits"] = limits
    return plan(data)


def _check(result, check_id):
    [found] = [c for c in result.readiness["expected"].checks if c.id == check_id]
    return found


def _lines(result, price_id):
    return [li for li in result.expected.estimate.line_items if li.price_id == price_id]


def _bucket(bucket_key: bool):
    return [{"id": "uploads", "type": "s3", "prefixes": 10, "kms_key": "key", "bucket_key": bucket_key},
            {"id": "key", "type": "kms"}]


def test_sqs_formula_reproduces_aws_examples():
    # Example 1: January 2,678,400 s, reuse 300 s, 1 producer + 1 consumer = 26,784
    assert sqs_requests_by_reuse(Decimal(2_678_400), 300, 1, 1) == 26_784
    # Example 2: February 2,419,200 s, reuse 86,400 s, queues (3 P, 1 C) and (5 P, 2 C) = 196 + 336 = 532
    assert sqs_requests_by_reuse(Decimal(2_419_200), 86_400, 3, 1) + \
        sqs_requests_by_reuse(Decimal(2_419_200), 86_400, 5, 2) == 532


def test_kms_check_flags_sse_kms_puts_over_the_tokyo_quota_and_passes_with_bucket_keys():
    """Hand-worked: 25,000 PUT/s flat, each a GenerateDataKey; Tokyo's shared symmetric quota is 20,000/s.
    Busiest second 25,000 + 2.3193 × √25,000 = 25,366.7; throttled (25,000 − 20,000) × 2,628,000 s less the
    bucket's one second of quota at the start (20,000) = 13,139,980,000 a month: fail. With S3 Bucket Keys at
    most 1 % remain: 250/s, busiest second 250 + 2.3193 × √250 = 286.67: pass."""
    without = _check(_plan(_bucket(False)), "kms.request_quota")
    assert without.status == "fail"
    assert without.limit_value == 20_000
    assert without.peak_demand == pytest.approx(25_000 + 2.3193 * 25_000 ** 0.5, abs=0.01)
    assert without.affected_requests_per_month == pytest.approx(5_000 * MONTH_S - 20_000, rel=1e-9)
    with_keys = _check(_plan(_bucket(True)), "kms.request_quota")
    assert with_keys.status == "pass"
    assert with_keys.peak_demand == pytest.approx(250 + 2.3193 * 250 ** 0.5, abs=0.01)
    assert with_keys.affected_requests_per_month == 0


@pytest.mark.parametrize(("region", "quota"), [("us-east-1", 100_000), ("ap-northeast-1", 20_000),
                                                ("ap-northeast-3", 10_000)])
def test_the_quota_is_the_regions(region, quota):
    assert _check(_plan(_bucket(False), region=region), "kms.request_quota").limit_value == quota


def test_an_account_quota_in_the_limits_block_replaces_the_regions():
    found = _check(_plan(_bucket(False), limits={"kms_symmetric_rps": 30_000}), "kms.request_quota")
    assert (found.limit_value, found.status) == (30_000, "warn")  # 25,367 > 80 % of 30,000; nothing throttled


def test_sse_kms_puts_bill_kms_requests_and_bucket_keys_cut_them_to_one_percent():
    """65,700,000,000 PUTs: without bucket keys the same number of requests ($0.03 per 10,000 = $197,100 before
    the 20,000 free = $0.06); with them 657,000,000 ($1,971.00)."""
    [line] = [li for li in _lines(_plan(_bucket(False)), "kms.requests") if not li.free]
    assert (line.quantity, line.cost_usd) == (65_700_000_000, Decimal("197100"))
    [line] = [li for li in _lines(_plan(_bucket(True)), "kms.requests") if not li.free]
    assert (line.quantity, line.cost_usd) == (657_000_000, Decimal("1971"))
    [free] = [li for li in _lines(_plan(_bucket(True)), "kms.requests") if li.free]
    assert free.cost_usd == Decimal("-0.06")


def test_a_table_with_kms_asks_once_per_connection_per_five_minutes_at_most():
    """100 item requests/s but 3 connections: min(3 × 2,628,000 / 300, 262,800,000) = 26,280 Decrypt a month;
    its rate is capped at 3 / 300 = 0.01/s."""
    result = _plan([{"id": "table", "type": "dynamodb", "kms_key": "key", "kms_callers": 3},
                    {"id": "key", "type": "kms"}], rps=100)
    [line] = [li for li in _lines(result, "kms.requests") if not li.free]
    assert line.quantity == 26_280
    assert _check(result, "kms.request_quota").peak_demand == pytest.approx(0.01 + 2.3193 * 0.1, abs=1e-3)


def test_an_aws_managed_key_has_no_monthly_fee_but_its_requests_are_billed():
    result = _plan([{"id": "uploads", "type": "s3", "prefixes": 10, "kms_key": "key"},
                    {"id": "key", "type": "kms", "managed_by": "aws"}], rps=1)
    assert not _lines(result, "kms.keys")
    assert sum(li.quantity for li in _lines(result, "kms.requests") if not li.free) == MONTH_S


def test_rotated_backing_keys_are_billed_as_keys():
    result = _plan([{"id": "key", "type": "kms", "keys": 2, "rotations": 1}], rps=1)
    [line] = _lines(result, "kms.keys")
    assert (line.quantity, line.cost_usd) == (4, Decimal("4"))


def _waf(rate_limit, clients=100, window=300):
    return [{"id": "cdn", "type": "cloudfront", "viewers": "japan"},
            {"id": "firewall", "type": "waf", "protects": ["cdn"], "rate_limit": rate_limit, "clients": clients,
             "rate_window_s": window}]


def test_rate_based_rule_blocks_the_designs_own_clients_over_the_limit():
    """Hand-worked: 100 requests/s spread over 100 IPs = 60 per IP a minute; a 300 s window counts 60, 120, 180,
    240 in the first four minutes, then 300. Limit 200: minute 4 blocks 1 − 200/240 = 1/6 of 6,000 = 1,000; each
    of the other 43,796 minutes blocks 1/3 of 6,000 = 2,000: 87,593,000 a month, a third of all: fail."""
    found = _check(_plan(_waf(200), rps=100), "waf.rate_rule")
    assert found.status == "fail"
    assert found.peak_demand == pytest.approx(300)
    assert found.affected_requests_per_month == pytest.approx(1_000 + 43_796 * 2_000)


def test_rate_based_rule_above_the_clients_rate_passes():
    found = _check(_plan(_waf(400), rps=100), "waf.rate_rule")
    assert (found.status, found.affected_requests_per_month) == ("pass", 0)


def test_rate_based_rule_without_clients_warns_and_says_what_to_give():
    found = _check(_plan(_waf(200, clients=None), rps=100), "waf.rate_rule")
    assert found.status == "warn"
    assert "clients" in found.action


def test_waf_inspects_every_request_of_the_rest_api_it_protects():
    """5,000,000 REST calls: $0.60 per 1M inspected = $3.00; web ACL $5.00; 3 rules $3.00."""
    result = _plan([{"id": "api", "type": "api_gateway", "api": "rest", "requests_per_month": 5_000_000},
                    {"id": "firewall", "type": "waf", "protects": ["api"], "rules": 3}], rps=1)
    costs = {li.price_id: li.cost_usd for li in result.expected.estimate.line_items if li.component == "firewall"}
    assert costs == {"waf.web_acl": Decimal("5"), "waf.rules": Decimal("3"), "waf.requests": Decimal("3")}


@pytest.mark.parametrize(("components", "says"), [
    ([{"id": "b", "type": "s3", "kms_key": "nokey"}], "kms_key: 'nokey' names no kms component"),
    ([{"id": "api", "type": "api_gateway", "api": "http"}, {"id": "w", "type": "waf", "protects": ["api"]}],
     "protects: 'api' is not a CloudFront distribution or a REST API"),
    ([{"id": "cdn", "type": "cloudfront"}, {"id": "w1", "type": "waf", "protects": ["cdn"]},
      {"id": "w2", "type": "waf", "protects": ["cdn"]}], "already protected by w1"),
    ([{"id": "k", "type": "kms", "managed_by": "aws", "rotations": 1}], "customer managed keys only"),
    ([{"id": "cdn", "type": "cloudfront"}, {"id": "w", "type": "waf", "protects": ["cdn"], "rate_window_s": 30}],
     "rate_window_s"),
])
def test_bad_kms_and_waf_designs_are_refused_naming_the_field(components, says):
    with pytest.raises(DesignError) as err:
        parse_design({"name": "t", "workload": {"requests_per_month": 1}, "components": components})
    assert any(says in p for p in err.value.problems), err.value.problems
