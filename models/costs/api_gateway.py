"""Amazon API Gateway: REST and HTTP API requests, WebSocket messages and minutes, REST cache.

Metering (https://aws.amazon.com/api-gateway/pricing/): HTTP API requests in 512 KB units
(a 4.5 MB request counts as 9); WebSocket messages in 32 KB units; REST cache billed per hour.
"""

from __future__ import annotations

from decimal import Decimal

from models.costs.usage import KB_PER_GB, ComponentUsage, Usage, ceil_units, dec, fmt
from models.design.schema import ApiGateway


def usage(api: ApiGateway, requests: Decimal) -> ComponentUsage:
    """Monthly usage of one API receiving `requests` requests (WebSocket: messages)."""
    payload = dec(api.payload_kb)
    usages: list[Usage] = []
    if api.api == "rest":
        usages.append(Usage(api.id, "apigateway.rest.requests", requests, f"{fmt(requests)} requests"))
    elif api.api == "http":
        units = ceil_units(payload, Decimal(512))
        usages.append(Usage(api.id, "apigateway.http.requests", requests * units,
                            f"{fmt(requests)} requests × {fmt(units)} (512 KB units of {fmt(payload)} KB)"))
    else:
        units = ceil_units(payload, Decimal(32))
        usages.append(Usage(api.id, "apigateway.websocket.messages", requests * units,
                            f"{fmt(requests)} messages × {fmt(units)} (32 KB units of {fmt(payload)} KB)"))
        minutes = dec(api.connection_minutes_per_month)
        if minutes:
            usages.append(Usage(api.id, "apigateway.websocket.connection_minutes", minutes,
                                f"{fmt(minutes)} connection minutes"))
    if api.cache_gb is not None:
        hours = dec(api.cache_hours)
        usages.append(Usage(api.id, f"apigateway.rest_cache.{api.cache_gb:g}gb", hours,
                            f"{fmt(hours)} h of a {api.cache_gb:g} GB cache", free_tier_eligible=False))
    if api.access_log_kb:
        gb = requests * dec(api.access_log_kb) / KB_PER_GB
        usages.append(Usage(api.id, "cloudwatch.logs.ingestion.standard", gb,
                            f"{fmt(requests)} access-log lines × {fmt(api.access_log_kb)} KB"))
    if api.response_kb:
        gb = requests * dec(api.response_kb) / KB_PER_GB
        usages.append(Usage(api.id, "data_transfer.internet_out", gb,
                            f"{fmt(requests)} responses × {fmt(api.response_kb)} KB"))
    return ComponentUsage(tuple(usages))
