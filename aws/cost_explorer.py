"""The month's bill from Cost Explorer: GetCostAndUsage, monthly, grouped by SERVICE and USAGE_TYPE, unblended.

    account = account_key(profile)                   # who is asking (STS GetCallerIdentity, free)
    answer = fetch_month("2026-10", profile=profile)   # USD 0.01 per request (each page is one)
    answer["rows"]    # [{"service", "usage_type", "cost_usd", "quantity", "unit"}], amounts as text

Cost Explorer charges for its API: "Each request will incur a cost of $0.01"
(https://aws.amazon.com/aws-cost-management/aws-cost-explorer/pricing/, read 2026-12-02). The shell says so
before calling and caches the answer (storage/cost_cache.py). Only usage is asked for (RECORD_TYPE Usage):
credits, refunds and taxes are not the estimate's to compare. The call goes through the same session,
retries, timeouts, deadline and size cap as `pull` (aws/session.py, aws/guard.py); a failure is a
`CostExplorerError` naming the gap, never a traceback.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from aws.calls import Call
from aws.errors import gap
from aws.guard import PullGuard
from aws.session import ClientFactory, Clients, PullSettings, make_session
from models.costs.reconcile import month_period

CALLS = (Call("ce", "GetCostAndUsage", "the month's unblended cost by service and usage type for `cli.py "
              "reconcile` (USD 0.01 a request)"),)
PRICE_PER_REQUEST_USD = Decimal("0.01")
PRICING_URL = "https://aws.amazon.com/aws-cost-management/aws-cost-explorer/pricing/"
CE_REGION = "us-east-1"  # Cost Explorer's one endpoint: https://ce.us-east-1.amazonaws.com
MAX_PAGES = 20           # at most USD 0.20 for one month, whatever the account holds


class CostExplorerError(RuntimeError):
    """The month could not be read; the message names the call and why (a gap's kind and code)."""

    def __init__(self, record: dict[str, Any]):
        super().__init__(f"{record['service']} {record['operation']}: {record['kind']} ({record['code']}): "
                         f"{record['message']}")
        self.record = record


def _clients(profile: str | None, settings: PullSettings, factory: ClientFactory | None) -> Clients:
    guard = PullGuard(settings.deadline_s, settings.max_response_bytes)
    return Clients(make_session(profile), settings, factory, guard)


def account_key(profile: str | None = None, *, settings: PullSettings | None = None,
                client_factory: ClientFactory | None = None) -> str:
    """A key for the account the credentials belong to — the first 16 hex digits of the SHA-256 of its id, so
    a cache file names no account id (STS GetCallerIdentity needs no permission and costs nothing)."""
    clients = _clients(profile, settings or PullSettings(), client_factory)
    try:
        account = clients.get("sts", CE_REGION).get_caller_identity()["Account"]
    except Exception as err:  # every failure becomes a named gap
        raise CostExplorerError(gap("sts", CE_REGION, "GetCallerIdentity", err)) from None
    return hashlib.sha256(str(account).encode()).hexdigest()[:16]


def request(month: str, token: str | None = None) -> dict[str, Any]:
    """GetCostAndUsage's parameters for one calendar month (End exclusive)."""
    start, end = month_period(month)
    params: dict[str, Any] = {
        "TimePeriod": {"Start": start, "End": end}, "Granularity": "MONTHLY",
        "Metrics": ["UnblendedCost", "UsageQuantity"],
        "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}, {"Type": "DIMENSION", "Key": "USAGE_TYPE"}],
        "Filter": {"Dimensions": {"Key": "RECORD_TYPE", "Values": ["Usage"]}},
    }
    if token:
        params["NextPageToken"] = token
    return params


def rows_of(page: dict[str, Any]) -> list[dict[str, str]]:
    """The groups of one answer as rows; amounts stay text (Decimal-exact)."""
    rows = []
    for period in page.get("ResultsByTime") or []:
        for group in period.get("Groups") or []:
            keys = list(group.get("Keys") or []) + ["", ""]
            metrics = group.get("Metrics") or {}
            cost = metrics.get("UnblendedCost") or {}
            usage = metrics.get("UsageQuantity") or {}
            rows.append({"service": str(keys[0]), "usage_type": str(keys[1]), "cost_usd": str(cost.get("Amount", "0")),
                         "cost_unit": str(cost.get("Unit", "USD")), "quantity": str(usage.get("Amount", "0")),
                         "unit": str(usage.get("Unit", ""))})
    return rows


def fetch_month(month: str, *, profile: str | None = None, settings: PullSettings | None = None,
                client_factory: ClientFactory | None = None) -> dict[str, Any]:
    """The month's rows from Cost Explorer (every page, at most MAX_PAGES) and how many requests it took."""
    clients = _clients(profile, settings or PullSettings(), client_factory)
    rows: list[dict[str, str]] = []
    token: str | None = None
    pages = 0
    try:
        client = clients.get("ce", CE_REGION)
        while pages < MAX_PAGES:
            page = client.get_cost_and_usage(**request(month, token))
            pages += 1
            rows += rows_of(page)
            token = page.get("NextPageToken") or None
            if not token:
                break
    except Exception as err:  # every failure becomes a named gap
        raise CostExplorerError(gap("ce", CE_REGION, "GetCostAndUsage", err)) from None
    return {"month": month, "requests": pages, "complete": token is None, "rows": rows,
            "fetched_at": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")}
