"""`reconcile` under faults and paging: a hanging Cost Explorer ends at the deadline, throttling is a named
error after the standard retries, and a second page is read (and counted: each page is a charged request)."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from account_fault_proxy import FaultProxy
from account_support import aws, counting, factory_with, json_error, moto_url  # noqa: F401 - fixtures

import commands.main as cli
from aws.cost_explorer import CostExplorerError, fetch_month
from aws.session import PullSettings


def _seed(moto: str, results: list[dict]) -> None:
    request = urllib.request.Request(f"{moto}/moto-api/static/ce/cost-and-usage-results", method="POST",
                                     data=json.dumps({"results": results}).encode(),
                                     headers={"Content-Type": "application/json"})
    assert urllib.request.urlopen(request).status == 201  # noqa: S310 - the local moto server


def _page(usage: str, usd: str, token: str | None = None) -> dict:
    page = {"ResultsByTime": [{"TimePeriod": {"Start": "2026-10-01", "End": "2026-11-01"}, "Total": {},
                               "Groups": [{"Keys": ["AWS Lambda", usage],
                                           "Metrics": {"UnblendedCost": {"Amount": usd, "Unit": "USD"},
                                                       "UsageQuantity": {"Amount": "1", "Unit": "Requests"}}}],
                               "Estimated": False}]}
    if token:
        page["NextPageToken"] = token
    return page


@pytest.fixture
def design_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SERVERLESS_PLANNER_DESIGNS", str(tmp_path / "designs"))
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"name": "d", "region": "ap-northeast-1", "workload": {"requests_per_month": 1000},
                                "components": [{"id": "fn", "type": "lambda"}]}))
    return path


def test_a_hanging_cost_explorer_ends_at_the_deadline_and_caches_nothing(aws, design_file, tmp_path,  # noqa: F811
                                                                          monkeypatch, capsys):
    with FaultProxy(aws, "hang", {"ce"}) as proxy:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        start = time.monotonic()
        code = cli.main(["reconcile", str(design_file), "--month", "2026-10", "--yes", "--deadline", "3"])
        seconds = time.monotonic() - start
    err = capsys.readouterr().err
    assert code == 1 and seconds < 3 + 5 and "ce" in proxy.faulted()
    assert "ce GetCostAndUsage: deadline" in err and "Traceback" not in err
    assert not (tmp_path / "designs" / "cache").exists() or not any((tmp_path / "designs" / "cache").rglob("*.json"))


def test_throttling_is_a_named_error_after_the_standard_retries(aws):  # noqa: F811
    handler, calls = counting(lambda request, region: json_error("ThrottlingException", "Rate exceeded"))
    with pytest.raises(CostExplorerError) as caught:
        fetch_month("2026-10", settings=PullSettings(max_attempts=3, deadline_s=30),
                    client_factory=factory_with({("ce", "GetCostAndUsage"): handler}))
    assert caught.value.record["kind"] == "throttled" and len(calls) == 3


def test_every_page_is_read_and_counted(aws):  # noqa: F811
    # moto answers a request with new parameters (here: the NextPageToken) from the next queued result
    _seed(aws, [_page("APN1-Request", "1.00", token="page-2"), _page("APN1-Lambda-GB-Second", "2.00")])
    answer = fetch_month("2026-10")
    assert answer["requests"] == 2 and answer["complete"] is True
    assert [(r["usage_type"], r["cost_usd"]) for r in answer["rows"]] == [("APN1-Request", "1.00"),
                                                                          ("APN1-Lambda-GB-Second", "2.00")]
