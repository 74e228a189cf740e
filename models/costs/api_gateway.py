"""Amazon API Gateway: REST and HTTP API requests, WebSocket messages and minutes, REST cache.

Metering (https://aws.amazon.com/api-gateway/pricing/): HTTP API requests in 512 KB units
(a 4.5 MB request counts as 9); WebSocket messages in 32 KB units; REST cache billed per hour.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed, gb_per_event
from models.costs.usage import ComponentUsage, ceil_units, dec, fmt
from models.design.schema import REST_CACHE_SIZES_GB, ApiGateway

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (
    Component("rest_requests", "apigateway.rest.requests"),
    Component("http_requests", "apigateway.http.requests"),
    Component("websocket_messages", "apigateway.websocket.messages"),
    Component("connection_minutes", "apigateway.websocket.connection_minutes"),
    Component("cache", "apigateway.rest_cache.{cache_gb:g}gb", choices={"cache_gb": REST_CACHE_SIZES_GB}),
    Component("access_logs", "cloudwatch.logs.ingestion.standard"),
    Component("data_out", "data_transfer.internet_out"),
)


def usage(api: ApiGateway, run: Run) -> ComponentUsage:
    """Monthly usage of one API receiving its requests (WebSocket: messages) in `run`."""
    return ComponentUsage(billed(COMPONENTS, globals(), api, run))


def rest_requests(api: ApiGateway, run: Run) -> Quantity | None:
    """REST API requests per month."""
    if api.api != "rest":
        return None
    requests = run.events[api.id]
    return Quantity(requests, f"{fmt(requests)} requests")


def http_requests(api: ApiGateway, run: Run) -> Quantity | None:
    """HTTP API requests per month, metered in 512 KB units of payload."""
    if api.api != "http":
        return None
    return _payload_units(api, run, 512, "requests")


def websocket_messages(api: ApiGateway, run: Run) -> Quantity | None:
    """WebSocket messages per month, metered in 32 KB units of payload."""
    if api.api != "websocket":
        return None
    return _payload_units(api, run, 32, "messages")


def connection_minutes(api: ApiGateway, run: Run) -> Quantity | None:
    """WebSocket connection minutes per month."""
    minutes = dec(api.connection_minutes_per_month)
    if api.api != "websocket" or not minutes:
        return None
    return Quantity(minutes, f"{fmt(minutes)} connection minutes")


def cache(api: ApiGateway, run: Run) -> Quantity | None:
    """Hours per month of a REST API cache of `cache_gb` GB (no free tier)."""
    if api.cache_gb is None:
        return None
    hours = dec(api.cache_hours)
    return Quantity(hours, f"{fmt(hours)} h of a {api.cache_gb:g} GB cache", free_tier_eligible=False)


def access_logs(api: ApiGateway, run: Run) -> Quantity | None:
    """GB per month of access logs ingested into CloudWatch Logs."""
    return gb_per_event(run.events[api.id], api.access_log_kb, "access-log lines")


def data_out(api: ApiGateway, run: Run) -> Quantity | None:
    """GB per month of responses out to the internet."""
    return gb_per_event(run.events[api.id], api.response_kb, "responses")


def _payload_units(api: ApiGateway, run: Run, unit_kb: int, what: str) -> Quantity:
    """`what` per month × the `unit_kb` KB units each one's payload is metered in (rounded up)."""
    requests, payload = run.events[api.id], dec(api.payload_kb)
    units = ceil_units(payload, Decimal(unit_kb))
    return Quantity(requests * units,
                    f"{fmt(requests)} {what} × {fmt(units)} ({unit_kb} KB units of {fmt(payload)} KB)")

