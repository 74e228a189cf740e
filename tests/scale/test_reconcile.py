"""Reconcile with the bill: billed rows against a design's estimate, worked out by hand, and `cli.py reconcile`
end to end against a moto server whose Cost Explorer answers are set through moto's documented hook
(POST /moto-api/static/ce/cost-and-usage-results)."""

from __future__ import annotations

import json
import urllib.request
from decimal import Decimal

import pytest
from account_support import aws, moto_url  # noqa: F401 - fixtures

import commands.main as cli
import commands.reconcile as reconcile_command
from models.costs.reconcile import MonthError, month_hours, month_period, split_usage_type
from service.reconcile import reconcile_data

# ap-northeast-1, one function: 10,000,000 requests a month, 1,024 MB × 1 s, no logs, the always-free tier.
#   requests: 10,000,000 × USD 0.20 / 1M = 2.00; free 1,000,000 → −0.20; net 1.80
#   duration: 10,000,000 × 1 s × 1 GB = 10,000,000 GB-s × USD 0.0000166667 = 166.667; free 400,000 GB-s → −6.66668;
#             net 160.00032
DESIGN = {"name": "bill", "region": "ap-northeast-1", "workload": {"requests_per_month": 10_000_000},
          "components": [{"id": "fn", "type": "lambda", "memory_mb": 1024, "duration_ms": 1000, "timeout_s": 10,
                          "log_kb_per_invocation": 0}]}


def group(service: str, usage: str, usd: str, quantity: str, unit: str) -> dict:
    return {"Keys": [service, usage], "Metrics": {"UnblendedCost": {"Amount": usd, "Unit": "USD"},
                                                   "UsageQuantity": {"Amount": quantity, "Unit": unit}}}


# October 2026 as billed (made up, with one case of each kind):
#   Lambda requests: 30,000,000 billed ((30M − 1M) × 0.20 / 1M = 5.80): three times the design's volume
#   Lambda duration: 10,200,000 GB-s ((10.2M − 0.4M) × 0.0000166667 = 163.33): within 10 % of 160.00
#   DynamoDB read request units: 2.00 — the design has no table
#   Tax 1.10, and 0.50 of Lambda requests in us-west-2 (USW2-): not compared
GROUPS = [group("AWS Lambda", "APN1-Request", "5.80", "30000000", "Requests"),
          group("AWS Lambda", "APN1-Lambda-GB-Second", "163.33", "10200000", "Lambda-GB-Second"),
          group("Amazon DynamoDB", "APN1-ReadRequestUnits", "2.00", "14035087", "ReadRequestUnits"),
          group("Tax", "Tax", "1.10", "0", "N/A"),
          group("AWS Lambda", "USW2-Request", "0.50", "2500000", "Requests")]
ANSWER = {"month": "2026-10", "requests": 1, "complete": True,
          "rows": [{"service": g["Keys"][0], "usage_type": g["Keys"][1],
                    "cost_usd": g["Metrics"]["UnblendedCost"]["Amount"],
                    "quantity": g["Metrics"]["UsageQuantity"]["Amount"], "unit": g["Metrics"]["UsageQuantity"]["Unit"]}
                   for g in GROUPS]}


def test_the_table_by_hand():
    result = reconcile_data(DESIGN, ANSWER)
    lines = {line.service: line for line in result.services}
    lam = lines["lambda"]
    # billed 5.80 + 163.33 = 169.13; estimated 1.80 + 160.00032 = 161.80032; difference 7.32968
    assert lam.billed_usd == Decimal("169.13")
    assert lam.estimated_usd == pytest.approx(Decimal("161.80032"), abs=Decimal("0.000001"))
    assert lam.difference_usd == pytest.approx(Decimal("7.32968"), abs=Decimal("0.000001"))
    [reason] = lam.reasons  # duration is within 10 % (163.33 / 160.00 = 1.021): no reason given
    assert reason.kind == "volume_factor" and reason.key == "lambda.requests"
    # quantities in the same unit (Requests / requests): 30,000,000 / 10,000,000 = ×3.00
    assert "off by ×3.00" in reason.text and "billed 30,000,000 requests, estimated 10,000,000" in reason.text
    dynamodb = lines["dynamodb"]
    assert (dynamodb.billed_usd, dynamodb.estimated_usd) == (Decimal("2.00"), 0)
    assert dynamodb.reasons[0].kind == "lacks_dimension"
    assert "a dimension the design lacks (dynamodb.on_demand.read_request_units)" in dynamodb.reasons[0].text
    # the largest difference first; tax and the other region apart, in words
    assert [line.service for line in result.services] == ["lambda", "dynamodb"]
    texts = [str(f.text) for f in result.excluded]
    assert any("tax USD 1.10" in t and "before tax" in t for t in texts)
    assert any("USW2-Request" in t and "another region" in t for t in texts)
    assert result.billed_usd == Decimal("171.13")
    # October: 31 × 24 = 744 hours against the estimate's 730: +1.9 %
    assert "744 hours (+1.9%" in result.notes[0]


def test_free_tier_and_missing_lines_are_explained():
    # billed nothing for requests (on the bill's free tier) and nothing at all for duration
    answer = {**ANSWER, "rows": [{"service": "AWS Lambda", "usage_type": "APN1-Request", "cost_usd": "0",
                                  "quantity": "900000", "unit": "Requests"}]}
    reasons = {f.key: f for f in reconcile_data(DESIGN, answer).services[0].reasons}
    assert reasons["lambda.requests"].kind == "free_tier" and "within the free tier" in reasons["lambda.requests"].text
    assert reasons["lambda.duration.x86_64"].kind == "not_billed"
    assert "estimated USD 160.00" in reasons["lambda.duration.x86_64"].text


def test_estimate_inside_its_free_tier_but_billed():
    # 500,000 requests: inside the estimate's 1M free requests (net 0) — AWS billed 0.10 (the free tier used elsewhere)
    small = {**DESIGN, "workload": {"requests_per_month": 500_000}}
    answer = {**ANSWER, "rows": [{"service": "AWS Lambda", "usage_type": "APN1-Request", "cost_usd": "0.10",
                                  "quantity": "500000", "unit": "Requests"}]}
    reasons = {f.key: f for f in reconcile_data(small, answer).services[0].reasons}
    assert reasons["lambda.requests"].kind == "free_tier"
    assert "shared with its other workloads" in reasons["lambda.requests"].text


def test_months_and_usage_types():
    assert month_period("2026-12") == ("2026-12-01", "2027-01-01")
    assert month_hours("2026-02") == 28 * 24
    assert split_usage_type("APN1-IA-ReadRequestUnits") == ("APN1", "IA-ReadRequestUnits")
    with pytest.raises(MonthError, match="YYYY-MM"):
        month_period("2026-13")


def _seed(moto: str, groups: list[dict]) -> None:
    """Cost Explorer's next answers on the moto server, through its documented hook."""
    body = {"results": [{"ResultsByTime": [{"TimePeriod": {"Start": "2026-10-01", "End": "2026-11-01"},
                                             "Total": {}, "Groups": groups, "Estimated": False}]}]}
    request = urllib.request.Request(f"{moto}/moto-api/static/ce/cost-and-usage-results", method="POST",
                                     data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    assert urllib.request.urlopen(request).status == 201  # noqa: S310 - the local moto server


@pytest.fixture
def design_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SERVERLESS_PLANNER_DESIGNS", str(tmp_path / "designs"))
    path = tmp_path / "bill.json"
    path.write_text(json.dumps(DESIGN))
    return path


def test_reconcile_against_moto_asks_first_then_caches(aws, design_file, tmp_path, capsys, monkeypatch):  # noqa: F811
    _seed(aws, GROUPS)
    calls = []
    real_fetch = reconcile_command.fetch_month
    monkeypatch.setattr(reconcile_command, "fetch_month", lambda *a, **k: calls.append(a) or real_fetch(*a, **k))
    # no --yes and no terminal to ask: nothing is called (nor charged)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli.main(["reconcile", str(design_file), "--month", "2026-10"]) == 2
    err = capsys.readouterr().err
    assert "USD 0.01 per request" in err and "pass --yes" in err and calls == []
    # --yes: one request, the table, the answer cached in the designs folder's cache
    assert cli.main(["reconcile", str(design_file), "--month", "2026-10", "--yes"]) == 0
    out, err = capsys.readouterr()
    assert len(calls) == 1 and "1 request(s) made" in err
    assert "lambda" in out and "169.13" in out and "161.80" in out and "+7.33" in out
    assert "off by ×3.00" in out and "a dimension the design lacks" in out and "before tax" in out
    cached = list((tmp_path / "designs" / "cache" / "cost-explorer").glob("*-2026-10.json"))
    assert len(cached) == 1 and "123456789012" not in cached[0].name
    # a second run reads the cache: no call, the same table
    assert cli.main(["reconcile", str(design_file), "--month", "2026-10", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert len(calls) == 1 and "Using the answer cached" in err
    doc = json.loads(out)
    assert doc["billed_usd"] == 171.13 and doc["services"][0]["service"] == "lambda"


def test_bad_month_and_access_denied_are_one_line(aws, design_file, capsys, monkeypatch):  # noqa: F811
    assert cli.main(["reconcile", str(design_file), "--month", "October", "--yes"]) == 2
    assert "--month: 'October' is not a month" in capsys.readouterr().err

    def denied(*_, **__):
        from botocore.exceptions import ClientError

        from aws.cost_explorer import CostExplorerError
        from aws.errors import gap
        raise CostExplorerError(gap("ce", "us-east-1", "GetCostAndUsage", ClientError(
            {"Error": {"Code": "AccessDeniedException", "Message": "not authorized"}}, "GetCostAndUsage")))
    monkeypatch.setattr(reconcile_command, "fetch_month", denied)
    assert cli.main(["reconcile", str(design_file), "--month", "2026-10", "--yes"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") <= 2 and "access_denied" in err and "Traceback" not in err


def test_data_transfer_billed_under_s3_meets_the_estimates_data_transfer_line():
    # 100 GB out at USD 0.09 = 9.00 estimated; S3's bill carries it as USE1-DataTransfer-Out-Bytes, 100 GB, 9.00
    from models.costs.estimate import LineItem
    from models.costs.reconcile import BilledRow, reconcile
    from pricing.cost_explorer import ce_services, usage_types

    item = LineItem(component="site", service="data_transfer", dimension="Data transfer out", quantity=Decimal(100),
                    unit="GB", unit_price_usd=Decimal("0.09"), cost_usd=Decimal("9.00"),
                    price_id="data_transfer.internet_out", formula="100 GB × 0.09")
    rows = [BilledRow("Amazon Simple Storage Service", "USE1-DataTransfer-Out-Bytes", Decimal("9.00"), Decimal(100),
                      "GB"),
            BilledRow("Amazon Elastic Compute Cloud - Compute", "USE1-BoxUsage:t3.micro", Decimal("7.49"),
                      Decimal(730), "Hrs")]
    result = reconcile(rows, [item], region="us-east-1", month="2026-10", usage_types=usage_types(),
                       ce_services=ce_services(), price_services={"data_transfer.internet_out": "data_transfer"})
    lines = {line.service: line for line in result.services}
    assert lines["data_transfer"].billed_usd == Decimal("9.00") and lines["data_transfer"].reasons == ()
    ec2 = lines["Amazon Elastic Compute Cloud - Compute"]
    assert ec2.estimated_usd == 0 and ec2.reasons[0].kind == "lacks_dimension"
    assert "USE1-BoxUsage:t3.micro: billed USD 7.49" in ec2.reasons[0].text
    assert "the planner prices no such usage type" in ec2.reasons[0].text


def test_at_a_terminal_the_command_asks_and_a_no_calls_nothing(aws, design_file, capsys, monkeypatch):  # noqa: F811
    calls = []
    monkeypatch.setattr(reconcile_command, "fetch_month", lambda *a, **k: calls.append(a))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert cli.main(["reconcile", str(design_file), "--month", "2026-10"]) == 2
    assert calls == [] and "USD 0.01 per request" in capsys.readouterr().err
    monkeypatch.setattr(reconcile_command, "fetch_month", lambda *a, **k: calls.append(a) or dict(ANSWER))
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert cli.main(["reconcile", str(design_file), "--month", "2026-10"]) == 0
    assert len(calls) == 1 and "169.13" in capsys.readouterr().out


@pytest.mark.parametrize(("month", "said"), [
    ("2026-12", "--month: 2026-12 is the month in progress; its bill is partial"),
    ("2027-01", "--month: 2027-01 has not started yet (today is 2026-12-07 UTC)"),
    ("2030-01", "--month: 2030-01 has not started yet"),
])
def test_the_month_in_progress_and_future_months_are_refused_before_any_call(design_file, capsys, monkeypatch,
                                                                             month, said):
    from datetime import date
    calls = []
    monkeypatch.setattr(reconcile_command, "_today", lambda: date(2026, 12, 7))
    monkeypatch.setattr(reconcile_command, "fetch_month", lambda *a, **k: calls.append(a) or dict(ANSWER))
    assert cli.main(["reconcile", str(design_file), "--month", month, "--yes"]) == 2
    err = capsys.readouterr().err
    assert said in err and "Give a past month, YYYY-MM (e.g. 2026-11)" in err
    assert err.count("\n") == 1 and "Traceback" not in err and "USD 0.01" not in err and calls == []


def test_the_last_month_is_read_on_the_first_day_of_the_next(design_file, capsys, monkeypatch):
    from datetime import date
    monkeypatch.setattr(reconcile_command, "_today", lambda: date(2026, 11, 1))
    monkeypatch.setattr(reconcile_command, "account_key", lambda *a, **k: "ab12")
    monkeypatch.setattr(reconcile_command, "fetch_month",
                        lambda *a, **k: {**ANSWER, "fetched_at": "2026-11-01T00:05:00Z"})
    assert cli.main(["reconcile", str(design_file), "--month", "2026-10", "--yes"]) == 0
    assert "169.13" in capsys.readouterr().out


def test_an_answer_cached_while_its_month_was_in_progress_is_not_reused(design_file, tmp_path, capsys,
                                                                        monkeypatch):
    from storage.cost_cache import cache_path, write_cached

    monkeypatch.setattr(reconcile_command, "account_key", lambda *a, **k: "ab12")
    # cached by an earlier version on 15 October: October's bill up to that day
    partial = {**ANSWER, "rows": ANSWER["rows"][:1], "fetched_at": "2026-10-15T09:00:00Z"}
    write_cached(cache_path("ab12", "2026-10"), partial)
    calls = []
    monkeypatch.setattr(reconcile_command, "fetch_month", lambda *a, **k: calls.append(a) or
                        {**ANSWER, "fetched_at": "2026-11-03T09:00:00Z"})
    assert cli.main(["reconcile", str(design_file), "--month", "2026-10", "--yes"]) == 0
    out, err = capsys.readouterr()
    assert len(calls) == 1 and "was read before 2026-10 ended (a partial bill); it is not used" in err
    assert "169.13" in out
    # the whole month's answer replaced it, and is reused
    assert cli.main(["reconcile", str(design_file), "--month", "2026-10", "--yes"]) == 0
    assert len(calls) == 1 and "Using the answer cached on 2026-11-03" in capsys.readouterr().err
