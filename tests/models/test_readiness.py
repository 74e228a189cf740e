"""Readiness checks against hand-worked numbers on flat traffic, and each check changing status at its limit."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from service import check_data
from templates import template_text

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 730 * 3600  # a month


def erlang_b_direct(c: int, a: float) -> float:
    """B(c, A) from its definition, the truncated Poisson: (A^c/c!) / Σ_{k≤c} A^k/k!."""
    terms = [math.exp(k * math.log(a) - math.lgamma(k + 1) - a) for k in range(c + 1)]
    return terms[-1] / sum(terms)


def design(*components, rps=None, limits=None, **workload):
    data = {"name": "t", "region": "us-east-1", "components": list(components)}
    if rps is not None:
        data["workload"] = {"requests_per_month": rps * SECONDS, **workload}
    if limits:
        data["limits"] = limits
    return data


def check(report, check_id, component=None):
    found = [c for c in report.checks if c.id == check_id and (component is None or c.component == component)]
    assert len(found) == 1, [c.id for c in report.checks]
    return found[0]


def fn(**fields):
    return {"id": "fn", "type": "lambda", "duration_ms": 1000, "timeout_s": 30, **fields}


def test_throttled_invocations_follow_erlang_b():
    # 5 requests/s × 1 s = 5 Erlangs on 8 reserved environments
    report, _ = check_data(design(fn(reserved_concurrency=8), rps=5))
    expected = 5 * SECONDS * erlang_b_direct(8, 5.0)
    assert check(report, "lambda.concurrency", "fn").affected_requests_per_month == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("limit, status", [(4, "fail"), (30, "fail"), (40, "warn"), (60, "pass")])
def test_account_concurrency_status_changes_at_the_limit(limit, status):
    # 20 Erlangs: 30 environments still lose 0.085 % (fail); 40 lose ~1 a month (warn); 60 lose none
    report, _ = check_data(design(fn(), rps=20, limits={"lambda_concurrency": limit}))
    assert check(report, "lambda.account_concurrency").status == status


def test_account_limit_from_a_snapshot_is_marked_and_used():
    report, _ = check_data(design(fn(), rps=20), account_limits={"lambda_concurrency": 10, "source": "your account"})
    found = check(report, "lambda.account_concurrency")
    assert found.limit_value == 10 and found.from_account and found.status == "fail"


def test_reservations_must_leave_the_unreserved_minimum():
    report, _ = check_data(design(fn(reserved_concurrency=950), rps=1))
    assert check(report, "lambda.reservations").status == "fail"  # 1,000 − 100 = 900 allowed


@pytest.mark.parametrize("timeout_s, status", [(1, "fail"), (2, "warn"), (30, "pass")])
def test_timeout_status_follows_the_p99(timeout_s, status):
    durations = {"p50": 1000, "p99": 1500}  # timeout 2 s: 3.4e-5 of calls time out (~90 a month)
    report, _ = check_data(design(fn(duration_ms=durations, timeout_s=timeout_s), rps=1))
    assert check(report, "lambda.timeout").status == status


def test_api_throttle_matches_the_token_bucket_by_hand():
    # 12,000 requests/s all month against 10,000/s with a 5,000 burst: (12,000 − 10,000) × T − 5,000 throttled
    api = {"id": "api", "type": "api_gateway", "api": "http"}
    report, _ = check_data(design(api, rps=12_000))
    found = check(report, "apigateway.account_throttle")
    assert found.affected_requests_per_month == pytest.approx(2000 * SECONDS - 5000, rel=1e-9)
    assert found.status == "fail"
    calm, _ = check_data(design(api, rps=7_000))
    assert check(calm, "apigateway.account_throttle").status == "pass"


def test_dynamodb_throttling_spends_burst_credit_first():
    # 100 reads/s strongly consistent 4 KB = 100 RCU against 80 RCU: (100 − 80) × T − 300 × 80 throttled
    table = {"id": "t", "type": "dynamodb", "reads": 1, "writes": 0, "item_kb": 4, "read_consistency": "strong",
             "billing": "provisioned", "rcu": 80, "wcu": 1}
    report, _ = check_data(design(table, rps=100))
    found = check(report, "dynamodb.read_capacity", "t")
    assert found.affected_requests_per_month == pytest.approx(20 * SECONDS - 300 * 80, rel=1e-9)
    enough = dict(table, rcu=200)
    assert check(check_data(design(enough, rps=100))[0], "dynamodb.read_capacity", "t").status == "pass"


@pytest.mark.parametrize("rps, status", [(2000, "pass"), (3200, "warn"), (4000, "fail")])
def test_s3_put_rate_per_prefix(rps, status):
    bucket = {"id": "b", "type": "s3", "puts": 1, "gets": 0}
    report, _ = check_data(design(bucket, rps=rps))
    assert check(report, "s3.put_rate").status == status


def test_more_prefixes_lift_the_s3_limit():
    bucket = {"id": "b", "type": "s3", "puts": 1, "gets": 0, "prefixes": 2}
    assert check(check_data(design(bucket, rps=4000))[0], "s3.put_rate").status == "pass"


def test_sqs_backlog_grows_when_the_consumer_is_capped():
    # 10 messages/s arrive; 5 environments × 1 s drain 5/s: the backlog grows 5 per second all month
    queue = {"id": "q", "type": "sqs", "retention_s": 1_209_600}
    consumer = fn(**{"from": "q", "reserved_concurrency": 5})
    report, _ = check_data(design(queue, consumer, rps=10))
    assert report.components["q"]["max_depth"] == pytest.approx(5 * SECONDS, rel=1e-9)
    found = check(report, "sqs.backlog")
    assert found.status == "fail"  # the oldest message ages past 14 days: expired messages
    assert check(report, "lambda.concurrency", "fn").affected_requests_per_month == 0  # messages wait, not throttled


def test_the_timeout_chain_names_each_inversion():
    api = {"id": "api", "type": "api_gateway", "api": "rest"}
    slow = fn(**{"from": "api", "timeout_s": 60})
    report, _ = check_data(design(api, slow, rps=1, client_timeout_s=10))
    chain = check(report, "timeout_chain")
    assert chain.status == "warn"
    assert "client timeout 10 s ≤ integration timeout 29 s" in chain.consequence
    assert "function timeout 60 s ≥ integration timeout 29 s" in chain.consequence


def test_the_photo_template_fails_with_a_tv_spike_and_an_account_limit_of_10(tmp_path):
    data = yaml.safe_load(template_text("photo_thumbnails"))
    path = tmp_path / "photo.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    ok = subprocess.run([sys.executable, "cli.py", "check", str(path)], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    data["limits"] = {"lambda_concurrency": 10}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    failed = subprocess.run([sys.executable, "cli.py", "check", str(path), "--format", "json"], cwd=ROOT,
                            capture_output=True, text=True)
    assert failed.returncode == 1
    doc = json.loads(failed.stdout)
    assert doc["status"] == "fail" and doc["checks"][0]["status"] == "fail"
    assert doc["peaks"]["upload"]["throttled_per_month"] > 0


def test_estimate_json_gains_per_component_figures():
    out = subprocess.run([sys.executable, "cli.py", "estimate", "photo_thumbnails", "--format", "json"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    components = {c["id"]: c for c in json.loads(out)["components"]}
    assert set(components["upload"]) >= {"id", "type", "throttled_per_month", "timeouts_per_month", "peak_concurrency"}
    assert components["upload"]["peak_concurrency"] > 0


def test_the_12_month_projection_grows_the_traffic(tmp_path):
    from models.costs.estimate import estimate
    from models.costs.sweep import at_volume, projection
    from models.design.schema import parse_design
    from pricing.catalog import load_catalog

    data = yaml.safe_load(template_text("save_app_data"))
    data["workload"]["growth_per_month"] = 0.10
    design = parse_design(data)
    rows = projection(design, load_catalog(design.region))
    assert [r["month"] for r in rows] == list(range(1, 13))
    assert rows[11]["requests_per_month"] == pytest.approx(10_000_000 * 1.1 ** 11)
    assert rows[0]["total_usd"] == estimate(design, load_catalog(design.region)).total_usd
    assert rows[11]["total_usd"] == estimate(at_volume(design, 10_000_000 * 1.1 ** 11), load_catalog(design.region)).total_usd


def test_the_timeout_check_reports_and_uses_the_stated_p99():
    # p50 40, p95 120, p99 12,000 ms against a 10 s timeout: the stated p99 is past the timeout, so over 1 % of
    # invocations time out: z = z95 + ln(10,000/120) / (ln(100) / (z99 − z95)) = 2.2994, P(Z > z) = 1.074 %
    durations = {"p50": 40, "p95": 120, "p99": 12_000}
    api = {"id": "api", "type": "api_gateway", "api": "http"}
    report, _ = check_data(design(api, fn(**{"from": "api", "duration_ms": durations, "timeout_s": 10}), rps=1))
    found = check(report, "lambda.timeout")
    assert found.peak_demand == 12_000 and found.unit == "ms (p99 duration)" and found.status == "fail"
    z95, z99 = 1.6448536269514722, 2.3263478740408408
    z = z95 + math.log(10_000 / 120) / (math.log(100) / (z99 - z95))
    share = 0.5 * math.erfc(z / math.sqrt(2))
    assert share > 0.01
    assert found.affected_requests_per_month == pytest.approx(SECONDS * share, rel=1e-6)
    assert check(report, "apigateway.integration_timeout").peak_demand == 12_000


def test_the_template_reports_its_own_p99():
    report, _ = check_data(yaml.safe_load(template_text("save_app_data")))
    assert check(report, "lambda.timeout").peak_demand == 300  # the template's p99: 300 ms (was 257.261)


def test_a_failing_timeout_with_its_p99_inside_shows_the_p9999_over_the_limit():
    # p50 100, p99 900 ms: σ = ln 9 / z99 = 0.944495; 1 s is at z = ln 10 / σ = 2.4379, so 0.739 % time out
    # (a fail: over 1 in 10,000) though the p99 is under the timeout. The row shows the p99.99 the failing share
    # reaches, 100 × exp(σ × 3.719016) = 3,353.6 ms: −235.4 % headroom (it printed "+10 %" beside FAIL).
    report, _ = check_data(design(fn(duration_ms={"p50": 100, "p99": 900}, timeout_s=1), rps=1))
    found = check(report, "lambda.timeout")
    sigma = math.log(9) / 2.3263478740408408
    p9999 = 100 * math.exp(sigma * 3.719016485455709)
    assert found.status == "fail" and found.unit == "ms (p99.99 duration)"
    assert found.peak_demand == pytest.approx(p9999, abs=1e-3) == pytest.approx(3353.6, abs=0.1)
    assert found.headroom_pct == round((1000 - p9999) / 1000 * 100, 1) == -235.4


def test_an_integration_timeout_failed_by_the_function_timeout_is_measured_against_it():
    # the function's 10 s timeout comes before HTTP API's 30 s: the requests that fail are the durations past
    # 10 s, so the row's limit is 10,000 ms and the stated p99 of 12,000 ms leaves −20 % (it printed +90 %)
    api = {"id": "api", "type": "api_gateway", "api": "http"}
    durations = {"p50": 40, "p95": 120, "p99": 12_000}
    report, _ = check_data(design(api, fn(**{"from": "api", "duration_ms": durations, "timeout_s": 10}), rps=1))
    found = check(report, "apigateway.integration_timeout")
    assert found.status == "fail" and found.limit_value == 10_000 and found.headroom_pct == -20.0
    assert found.limit == "the function's 10 s timeout (it comes before the 30 s integration timeout)"
    assert found.limit_source == "design file"


def test_a_failing_concurrency_check_has_no_headroom_left():
    # 20 Erlangs on 30 environments lose 0.085 % (Erlang B): a fail, though the mean peak of 20 leaves 33 %
    report, _ = check_data(design(fn(), rps=20, limits={"lambda_concurrency": 30}))
    found = check(report, "lambda.account_concurrency")
    assert found.status == "fail" and found.headroom_pct == 0.0


@pytest.mark.parametrize("duration_ms, timeout_s", [({"p50": 40, "p95": 120, "p99": 12_000}, 10),
                                                    ({"p50": 100, "p99": 900}, 1), (20_000, 10),
                                                    ({"p50": 500, "p95": 900, "p99": 2_000}, 3)])
def test_no_failing_check_prints_positive_headroom(duration_ms, timeout_s):
    api = {"id": "api", "type": "api_gateway", "api": "rest"}
    report, _ = check_data(design(api, fn(**{"from": "api", "duration_ms": duration_ms, "timeout_s": timeout_s}),
                                  rps=30, limits={"lambda_concurrency": 60}))
    fails = [c for c in report.checks if c.status == "fail"]
    assert fails and all(c.headroom_pct is None or c.headroom_pct <= 0 for c in fails), \
        [(c.id, c.headroom_pct) for c in fails]
